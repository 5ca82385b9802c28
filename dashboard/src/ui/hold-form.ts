/** "Why on hold?": the reason the server requires when an order goes on hold, and whether it pauses the SLA. */
import type { HoldReason } from '../../../server/http/api-types';
import { HOLD_REASON_LABEL, HOLD_REASONS, holdPausesSla, isHoldReason } from '../lib/hold-reason';
import { h } from './dom';

export interface HoldFormOptions {
  submit(reason: HoldReason): Promise<void>;
  cancel(): void;
}

export function createHoldForm(options: HoldFormOptions): HTMLFormElement {
  const select = h(
    'select',
    { class: 'input', name: 'holdReason', required: true, 'aria-label': 'Why on hold', 'data-testid': 'hold-reason-select' },
    h('option', { value: '', text: 'Choose a reason…' }),
    ...HOLD_REASONS.map((r) => h('option', { value: r, text: HOLD_REASON_LABEL[r] })),
  );
  const hint = h('span', { class: 'hint', 'data-testid': 'hold-reason-hint', text: 'The note below says what exactly you are waiting for.' });
  const problem = h('span', { class: 'field-problem', role: 'alert', hidden: true });
  const submit = h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'hold-submit' }, 'Put on hold');
  const form = h(
    'form',
    { class: 'outcome-form hold-form', 'data-testid': 'hold-form', novalidate: true },
    h('p', { class: 'outcome-title', text: 'Put on hold: what are you waiting for?' }),
    h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'Reason' }), select, hint, problem),
    h('div', { class: 'form-actions' }, submit, h('button', { class: 'btn btn-secondary', type: 'button', 'data-testid': 'hold-cancel', on: { click: () => options.cancel() } }, 'Back')),
  );
  select.addEventListener('change', () => {
    problem.hidden = true;
    const r = select.value;
    hint.textContent = isHoldReason(r)
      ? holdPausesSla(r)
        ? 'Pauses the resolution SLA clock: this is out of maintenance’s hands.'
        : 'The resolution SLA clock keeps running.'
      : 'The note below says what exactly you are waiting for.';
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = select.value;
    if (!isHoldReason(r)) {
      problem.hidden = false;
      problem.textContent = 'Choose why the order goes on hold.';
      select.focus();
      return;
    }
    submit.disabled = true;
    submit.classList.add('is-busy');
    try {
      await options.submit(r);
    } finally {
      submit.disabled = false;
      submit.classList.remove('is-busy');
    }
  });
  return form;
}
