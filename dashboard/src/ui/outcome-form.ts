/**
 * "What did you find?" — the outcome a technician reports when resolving or
 * closing an order: a confirmed fault (failure mode, cause, action, parts,
 * labour) or no fault found (a note). Checked before it is sent.
 */
import type { OutcomeInput, WorkOrderStatus } from '../../../server/http/api-types';
import { checkOutcome, FAILURE_MODE_LABEL, FAILURE_MODES, type OutcomeForm } from '../lib/work-order-outcome';
import { h } from './dom';

export interface OutcomeFormOptions {
  to: WorkOrderStatus;
  /** Pre-selected failure mode (the one detection suspected). */
  failureMode: string | null;
  submit: (outcome: OutcomeInput) => Promise<void>;
  cancel: () => void;
}

export function createOutcomeForm(options: OutcomeFormOptions): HTMLFormElement {
  const verb = options.to === 'closed' ? 'Close' : 'Resolve';
  const kindName = `outcome-kind-${Math.random().toString(36).slice(2)}`;
  const radio = (value: OutcomeForm['kind'], label: string, checked: boolean) =>
    h(
      'label',
      { class: 'segment' },
      h('input', { type: 'radio', name: kindName, value, checked, 'data-testid': `outcome-kind-${value}` }),
      h('span', { text: label }),
    );

  const mode = h(
    'select',
    { class: 'input', name: 'failureMode', 'data-testid': 'outcome-failure-mode' },
    h('option', { value: '', text: 'Choose…' }),
    ...FAILURE_MODES.map((m) => h('option', { value: m, text: FAILURE_MODE_LABEL[m], selected: m === options.failureMode })),
  );
  const cause = h('input', { class: 'input', name: 'cause', maxlength: 2000, placeholder: 'e.g. worn drive-end bearing', 'data-testid': 'outcome-cause' });
  const action = h('textarea', { class: 'input', name: 'action', rows: 2, maxlength: 2000, placeholder: 'e.g. replaced the bearing, realigned the coupling', 'data-testid': 'outcome-action' });
  const parts = h('textarea', { class: 'input mono', name: 'parts', rows: 2, placeholder: '6205-2RS x2 deep groove ball bearing', 'data-testid': 'outcome-parts' });
  const labour = h('input', { class: 'input', name: 'labour', inputmode: 'numeric', placeholder: '90 or 1:30', 'data-testid': 'outcome-labour' });
  const note = h('textarea', { class: 'input', name: 'note', rows: 3, maxlength: 2000, placeholder: 'What you checked and why nothing is wrong (helps tune the rule)', 'data-testid': 'outcome-note' });

  const problems: Partial<Record<keyof OutcomeForm, HTMLElement>> = {};
  const field = (key: keyof OutcomeForm, label: string, control: HTMLElement, hint?: string) => {
    const problem = h('span', { class: 'field-problem', role: 'alert', hidden: true });
    problems[key] = problem;
    return h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control, hint ? h('span', { class: 'hint', text: hint }) : null, problem);
  };

  const confirmed = h(
    'div',
    { class: 'field-grid' },
    field('failureMode', 'Failure mode', mode),
    field('labour', 'Labour', labour, 'minutes, or h:mm'),
    h('div', { class: 'span-2' }, field('cause', 'Cause', cause)),
    h('div', { class: 'span-2' }, field('action', 'Action taken', action)),
    h('div', { class: 'span-2' }, field('parts', 'Parts used (optional)', parts, 'one per line: part number, x quantity, description')),
  );
  const noFault = h('div', { hidden: true }, field('note', 'What you found', note));

  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'outcome-submit' }, `${verb} with outcome`);
  const form = h(
    'form',
    { class: 'outcome-form', 'data-testid': 'outcome-form', novalidate: true },
    h('p', { class: 'outcome-title', text: `${verb}: what did you find?` }),
    h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Outcome' }, radio('confirmed', 'Confirmed fault', true), radio('no-fault-found', 'No fault found', false)),
    confirmed,
    noFault,
    h(
      'div',
      { class: 'form-actions' },
      submit,
      h('button', { class: 'btn btn-secondary', type: 'button', 'data-testid': 'outcome-cancel', on: { click: () => options.cancel() } }, 'Back'),
    ),
  );

  const kind = (): OutcomeForm['kind'] =>
    (form.querySelector<HTMLInputElement>(`input[name="${kindName}"]:checked`)?.value as OutcomeForm['kind'] | undefined) ?? 'confirmed';
  form.addEventListener('change', (ev) => {
    if ((ev.target as HTMLInputElement).name !== kindName) return;
    const nf = kind() === 'no-fault-found';
    confirmed.hidden = nf;
    noFault.hidden = !nf;
  });

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const values: OutcomeForm = { kind: kind(), failureMode: mode.value, cause: cause.value, action: action.value, parts: parts.value, labour: labour.value, note: note.value };
    const check = checkOutcome(values);
    for (const [key, el] of Object.entries(problems)) {
      const text = check.ok ? undefined : check.problems[key as keyof OutcomeForm];
      el.hidden = !text;
      el.textContent = text ?? '';
    }
    if (!check.ok) {
      form.querySelector<HTMLElement>('.field-problem:not([hidden])')?.closest('.field')?.querySelector<HTMLElement>('input, select, textarea')?.focus();
      return;
    }
    submit.disabled = true;
    submit.classList.add('is-busy');
    try {
      await options.submit(check.outcome);
    } finally {
      submit.disabled = false;
      submit.classList.remove('is-busy');
    }
  });
  return form;
}
