/**
 * Buttons for the next statuses an order may take, an optional note, and the
 * server's answer when it refuses (409/403 message shown as is). Resolving or
 * closing without a recorded outcome opens the outcome form first; putting
 * on hold asks why. Cancelling asks for a second click. A role that may not
 * change status sees why instead of buttons.
 */
import type { OutcomeView, WorkOrderStatus, WorkOrderType } from '../../../server/http/api-types';
import { describeError, transitionWorkOrder, type TransitionExtras } from '../api-client';
import { needsOutcome } from '../lib/work-order-outcome';
import { transitionActions, type TransitionAction } from '../lib/work-order-status';
import { h, svg } from './dom';
import { icons } from './icons';
import { createHoldForm } from './hold-form';
import { createOutcomeForm } from './outcome-form';

export interface TransitionTarget {
  id: number;
  status: WorkOrderStatus;
  /** Decides which outcomes the close form offers. */
  type: WorkOrderType;
  /** The server's list of next statuses, when the detail carries one. */
  allowed: readonly WorkOrderStatus[] | null;
  outcome: OutcomeView | null;
  failureMode: string | null;
  /** Why this person may not change status (their role), or null when they may. */
  readOnly: string | null;
}

export interface TransitionActions {
  el: HTMLElement;
  update(target: TransitionTarget): void;
}

const ACTION_ICON: Partial<Record<WorkOrderStatus, string>> = {
  cancelled: icons.cancelled,
  'on-hold': icons.onHold,
  resolved: icons.resolved,
  closed: icons.resolved,
};

export function createTransitionActions(onDone: () => void): TransitionActions {
  const buttons = h('div', { class: 'actions-buttons', 'data-testid': 'transition-buttons' });
  const outcomeSlot = h('div', { class: 'outcome-slot' });
  const note = h('textarea', {
    class: 'input',
    rows: 2,
    maxlength: 2000,
    placeholder: 'Note for the timeline (optional): who is on it, why on hold, ETA…',
    'aria-label': 'Note for the status change',
    'data-testid': 'transition-note',
  });
  const message = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'transition-error', hidden: true });
  const el = h(
    'section',
    { class: 'panel actions', 'data-testid': 'transition-actions' },
    h('header', { class: 'panel-head' }, h('h2', { text: 'Next step' })),
    buttons,
    outcomeSlot,
    note,
    message,
  );

  let current: TransitionTarget | null = null;
  let busy = false;

  const showError = (text: string | null) => {
    message.hidden = text === null;
    message.textContent = text ?? '';
  };

  const send = async (to: WorkOrderStatus, extras: Omit<TransitionExtras, 'note'> = {}) => {
    if (!current || busy) return false;
    busy = true;
    buttons.querySelectorAll('button').forEach((b) => (b.disabled = true));
    showError(null);
    try {
      await transitionWorkOrder(current.id, to, { ...extras, note: note.value.trim() || undefined });
      note.value = '';
      outcomeSlot.replaceChildren();
      onDone();
      return true;
    } catch (err) {
      showError(describeError(err));
      return false;
    } finally {
      busy = false;
      buttons.querySelectorAll('button').forEach((b) => (b.disabled = false));
    }
  };

  const openOutcome = (a: TransitionAction) => {
    if (!current) return;
    buttons.hidden = true;
    showError(null);
    const form = createOutcomeForm({
      to: a.to,
      type: current.type,
      failureMode: current.failureMode,
      submit: async (outcome) => {
        if (await send(a.to, { outcome })) buttons.hidden = false;
      },
      cancel: () => {
        outcomeSlot.replaceChildren();
        buttons.hidden = false;
        showError(null);
      },
    });
    outcomeSlot.replaceChildren(form);
    form.querySelector<HTMLElement>('select, input, textarea')?.focus();
  };

  const openHold = () => {
    buttons.hidden = true;
    showError(null);
    const form = createHoldForm({
      submit: async (holdReason) => {
        if (await send('on-hold', { holdReason })) buttons.hidden = false;
      },
      cancel: () => {
        outcomeSlot.replaceChildren();
        buttons.hidden = false;
        showError(null);
      },
    });
    outcomeSlot.replaceChildren(form);
    form.querySelector<HTMLElement>('select')?.focus();
  };

  const button = (a: TransitionAction) => {
    const label = h('span', { text: a.label });
    const b = h(
      'button',
      { class: `btn btn-${a.tone}`, type: 'button', 'data-testid': `transition-${a.to}`, dataset: { to: a.to } },
      ACTION_ICON[a.to] ? svg(ACTION_ICON[a.to]!) : null,
      label,
    );
    let armed: number | null = null;
    b.addEventListener('click', () => {
      if (!current) return;
      if (a.to === 'cancelled' && armed === null) {
        label.textContent = 'Click again to cancel';
        b.classList.add('is-armed');
        armed = window.setTimeout(() => {
          armed = null;
          b.classList.remove('is-armed');
          label.textContent = a.label;
        }, 4000);
        return;
      }
      if (armed !== null) window.clearTimeout(armed);
      if (needsOutcome(a.to, current.outcome)) openOutcome(a);
      else if (a.to === 'on-hold') openHold();
      else {
        b.classList.add('is-busy');
        void send(a.to).finally(() => b.classList.remove('is-busy'));
      }
    });
    return b;
  };

  const render = () => {
    if (!current) return;
    if (current.readOnly !== null) {
      note.hidden = true;
      buttons.hidden = false;
      outcomeSlot.replaceChildren();
      buttons.replaceChildren(h('p', { class: 'muted', 'data-testid': 'transition-read-only', text: current.readOnly }));
      return;
    }
    const actions = transitionActions(current.status, current.allowed);
    note.hidden = actions.length === 0;
    buttons.hidden = false;
    outcomeSlot.replaceChildren();
    if (actions.length === 0) {
      const text =
        current.status === 'closed'
          ? 'This order is closed. Nothing left to do.'
          : current.status === 'cancelled'
            ? 'This order was cancelled.'
            : 'No status change is possible from here.';
      buttons.replaceChildren(h('p', { class: 'muted', text }));
      return;
    }
    buttons.replaceChildren(...actions.map(button));
  };

  return {
    el,
    update(target) {
      const key = (t: TransitionTarget) => `${t.id}|${t.status}|${t.allowed?.join(',') ?? ''}|${t.outcome ? 1 : 0}|${t.readOnly ?? ''}`;
      if (current && key(current) === key(target)) {
        current = target;
        return;
      }
      current = target;
      showError(null);
      render();
    },
  };
}
