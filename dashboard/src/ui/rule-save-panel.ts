/**
 * Saving a rule edit: a required reason, the version the edit started from
 * (a 409 says plainly that someone saved first and offers their version),
 * and the API's field errors handed back to the form.
 */
import { ApiRequestError, describeError } from '../api-client';
import { saveRule } from '../analysis-client';
import type { RuleLike } from '../lib/rule-editor';
import { h, svg } from './dom';
import { icons } from './icons';

export interface SavePanelOptions {
  /** The rule the edit is based on (its version goes out as expectedVersion). */
  base(): RuleLike;
  /** The changes to save, or null when the form has problems (shown by the caller). */
  changes(): Record<string, unknown> | null;
  onSaved(rule: RuleLike): void;
  onFieldErrors(issues: ReadonlyArray<{ path: string; message: string }>): void;
  /** Loads the newest stored rule (after a conflict). */
  reload(): void;
}

export function createSavePanel(options: SavePanelOptions): HTMLElement {
  const reason = h('textarea', { class: 'input', rows: 2, maxlength: 1000, placeholder: 'Why the rule changes, e.g. "Warn too early on P-104 after bearing replacement"', 'data-testid': 'rule-reason' });
  const message = h('div', { class: 'save-message', role: 'status', 'data-testid': 'rule-save-message', hidden: true });
  const button = h('button', { class: 'btn btn-primary', type: 'button', 'data-testid': 'rule-save' }, svg(icons.resolved), 'Save rule');

  const say = (kind: 'ok' | 'error' | 'conflict', text: string, action?: HTMLElement) => {
    message.hidden = false;
    message.className = `save-message save-${kind}`;
    message.dataset.kind = kind;
    message.replaceChildren(h('span', { text }), action ?? '');
  };

  button.addEventListener('click', async () => {
    const changes = options.changes();
    if (changes === null) return say('error', 'Fix the fields marked above first.');
    if (Object.keys(changes).length === 0) return say('error', 'Nothing changed: edit a field first.');
    if (!reason.value.trim()) {
      reason.focus();
      return say('error', 'Say why the rule changes: the reason goes into the rule history.');
    }
    const base = options.base();
    button.disabled = true;
    button.classList.add('is-busy');
    try {
      const saved = await saveRule(base.id, { ...changes, reason: reason.value.trim(), expectedVersion: base.version });
      reason.value = '';
      say('ok', `Saved as version ${saved.version}. The live detector uses it from now on.`);
      options.onSaved(saved);
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 409) {
        say(
          'conflict',
          `Someone else saved this rule since you opened version ${base.version}. Nothing was saved; your edits are still in the form. Load their version, check it, then apply your change again.`,
          h('button', { class: 'btn btn-secondary btn-small', type: 'button', 'data-testid': 'rule-reload', on: { click: () => options.reload() } }, svg(icons.refresh), 'Load the newest version'),
        );
      } else if (err instanceof ApiRequestError && err.status === 400 && err.issues.length) {
        options.onFieldErrors(err.issues);
        say('error', 'The server refused these values: see the fields marked above.');
      } else say('error', describeError(err));
    } finally {
      button.disabled = false;
      button.classList.remove('is-busy');
    }
  });

  return h(
    'section',
    { class: 'panel save-panel', 'data-testid': 'rule-save-panel' },
    h('header', { class: 'panel-head' }, h('h2', { text: 'Save' })),
    h('div', { class: 'panel-body panel-pad' }, h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'Reason (required)' }), reason), h('div', { class: 'form-actions' }, button), message),
  );
}
