/**
 * "What did you find?" — the outcome a technician reports when resolving or
 * closing an order: a confirmed fault (failure mode, cause, action, parts,
 * labour), no fault found (a note), or for planned work (preventive,
 * inspection) work done (action, parts, labour, findings), offered first.
 * Checked before it is sent.
 */
import type { OutcomeInput, WorkOrderStatus, WorkOrderType } from '../../../server/http/api-types';
import { checkOutcome, FAILURE_MODE_LABEL, FAILURE_MODES, OUTCOME_KINDS_BY_TYPE, OUTCOME_LABEL, type OutcomeForm } from '../lib/work-order-outcome';
import { h } from './dom';

export interface OutcomeFormOptions {
  to: WorkOrderStatus;
  /** The order's type: decides which outcomes are offered. */
  type: WorkOrderType;
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

  // One set of fields; each outcome kind shows the ones it uses.
  const fields = {
    failureMode: field('failureMode', 'Failure mode', mode),
    labour: field('labour', 'Labour', labour, 'minutes, or h:mm'),
    cause: h('div', { class: 'span-2' }, field('cause', 'Cause', cause)),
    action: h('div', { class: 'span-2' }, field('action', 'Action taken', action)),
    parts: h('div', { class: 'span-2' }, field('parts', 'Parts used (optional)', parts, 'one per line: part number, x quantity, description')),
    note: h('div', { class: 'span-2' }, field('note', 'What you found', note)),
  };
  const noteLabel = fields.note.querySelector<HTMLElement>('.field-label')!;
  const shown: Record<OutcomeForm['kind'], ReadonlyArray<keyof typeof fields>> = {
    confirmed: ['failureMode', 'labour', 'cause', 'action', 'parts'],
    'no-fault-found': ['note'],
    completed: ['labour', 'action', 'parts', 'note'],
  };
  const grid = h('div', { class: 'field-grid' }, ...Object.values(fields));
  const kinds = OUTCOME_KINDS_BY_TYPE[options.type];
  const radioLabel: Record<OutcomeForm['kind'], string> = { confirmed: 'Confirmed fault', 'no-fault-found': OUTCOME_LABEL['no-fault-found'], completed: OUTCOME_LABEL.completed };

  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'outcome-submit' }, `${verb} with outcome`);
  const form = h(
    'form',
    { class: 'outcome-form', 'data-testid': 'outcome-form', novalidate: true },
    h('p', { class: 'outcome-title', text: `${verb}: what did you find?` }),
    h('div', { class: 'segmented', role: 'radiogroup', 'aria-label': 'Outcome' }, ...kinds.map((k, i) => radio(k, radioLabel[k], i === 0))),
    grid,
    h(
      'div',
      { class: 'form-actions' },
      submit,
      h('button', { class: 'btn btn-secondary', type: 'button', 'data-testid': 'outcome-cancel', on: { click: () => options.cancel() } }, 'Back'),
    ),
  );

  const kind = (): OutcomeForm['kind'] =>
    (form.querySelector<HTMLInputElement>(`input[name="${kindName}"]:checked`)?.value as OutcomeForm['kind'] | undefined) ?? kinds[0]!;
  const showFields = () => {
    const k = kind();
    for (const [name, el] of Object.entries(fields)) el.hidden = !shown[k].includes(name as keyof typeof fields);
    noteLabel.textContent = k === 'completed' ? 'Findings (optional)' : 'What you found';
    note.placeholder = k === 'completed' ? 'Anything to watch or plan: wear, leaks, parts to order' : 'What you checked and why nothing is wrong (helps tune the rule)';
    action.placeholder = k === 'completed' ? 'e.g. greased both bearings, checked belt tension' : 'e.g. replaced the bearing, realigned the coupling';
  };
  showFields();
  form.addEventListener('change', (ev) => {
    if ((ev.target as HTMLInputElement).name === kindName) showFields();
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
