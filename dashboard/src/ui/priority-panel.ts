/**
 * Why the order has its priority (the server's reasons, override first), and
 * for planners and admins the override: pick P0..P4 and say why (required),
 * or clear it so the computed priority applies again. An open form survives
 * live refreshes of the order.
 */
import type { Priority } from '../../../server/http/api-types';
import { clearWorkOrderPriority, describeError, setWorkOrderPriority, type WorkOrderDetail } from '../api-client';
import { PRIORITIES, PRIORITY_LABEL } from '../lib/priority';
import { h, replaceChildren, svg } from './dom';
import { icons } from './icons';
import { priorityChip } from './planning-badges';
import { timeAgo } from './relative-time';

export interface PriorityPanel {
  el: HTMLElement;
  update(wo: WorkOrderDetail, canOverride: boolean): void;
}

const REASON_MIN = 3;
const REASON_MAX = 500;

export function createPriorityPanel(onChanged: () => void): PriorityPanel {
  const chipSlot = h('span', { class: 'panel-head-aside' });
  const summary = h('div', { class: 'prio-summary' });
  const formSlot = h('div', { class: 'prio-form-slot' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'priority-error' });
  const el = h(
    'section',
    { class: 'panel prio-panel', 'data-testid': 'priority-panel' },
    h('header', { class: 'panel-head' }, svg(icons.flag), h('h2', { text: 'Priority' }), chipSlot),
    summary,
    formSlot,
    error,
  );

  let order: WorkOrderDetail | null = null;
  let allowed = false;
  const showError = (text: string | null) => {
    error.hidden = text === null;
    error.textContent = text ?? '';
  };

  const run = async (button: HTMLButtonElement, action: () => Promise<unknown>) => {
    button.disabled = true;
    button.classList.add('is-busy');
    showError(null);
    try {
      await action();
      formSlot.replaceChildren();
      onChanged();
    } catch (err) {
      showError(describeError(err));
    } finally {
      button.disabled = false;
      button.classList.remove('is-busy');
    }
  };

  const openForm = () => {
    if (!order) return;
    const name = `prio-${order.id}`;
    const current = order.priority;
    const choices = h(
      'div',
      { class: 'segmented prio-choices', role: 'radiogroup', 'aria-label': 'New priority' },
      ...PRIORITIES.map((p) =>
        h(
          'label',
          { class: 'segment', title: PRIORITY_LABEL[p] },
          h('input', { type: 'radio', name, value: p, checked: p === current, 'data-testid': `priority-choice-${p}` }),
          h('span', { text: p }),
        ),
      ),
    );
    const reason = h('textarea', {
      class: 'input',
      rows: 2,
      maxlength: REASON_MAX,
      placeholder: 'Why the computed priority is wrong, e.g. "customer order ships tonight"',
      'aria-label': 'Reason for the override',
      'data-testid': 'priority-reason',
    });
    const save = h('button', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'priority-save' }, 'Set priority');
    const form: HTMLFormElement = h(
      'form',
      { class: 'prio-form', 'data-testid': 'priority-form', novalidate: true },
      choices,
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'Reason (required)' }), reason),
      h('div', { class: 'form-actions' }, save, h('button', { class: 'btn btn-secondary', type: 'button', on: { click: () => formSlot.replaceChildren() } }, 'Back')),
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      if (!order) return;
      const picked = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value as Priority | undefined;
      const why = reason.value.trim();
      if (!picked) return showError('Choose a priority.');
      if (why.length < REASON_MIN) {
        showError(`Say why (at least ${REASON_MIN} characters): the next planner will want to know.`);
        reason.focus();
        return;
      }
      const id = order.id;
      void run(save, () => setWorkOrderPriority(id, picked, why));
    });
    showError(null);
    formSlot.replaceChildren(form);
    reason.focus();
  };

  const render = () => {
    if (!order) return;
    const o = order;
    const override = o.priorityOverride;
    replaceChildren(chipSlot, priorityChip(o.priority, { long: true, overridden: !!override }));
    const actions: HTMLElement[] = [];
    if (allowed) {
      actions.push(h('button', { class: 'btn btn-secondary', type: 'button', 'data-testid': 'priority-override', on: { click: openForm } }, override ? 'Change override' : 'Override priority'));
      if (override) {
        const clear: HTMLButtonElement = h('button', { class: 'btn btn-secondary', type: 'button', 'data-testid': 'priority-clear' }, `Clear (back to ${override.computed})`);
        clear.addEventListener('click', () => void run(clear, () => clearWorkOrderPriority(o.id)));
        actions.push(clear);
      }
    }
    replaceChildren(
      summary,
      override
        ? h(
            'p',
            { class: 'prio-override-note', 'data-testid': 'priority-override-note' },
            svg(icons.flag),
            h('span', null, `Set by hand by ${override.by} `, timeAgo(override.at), `: “${override.reason}”. The scoring table says ${override.computed}.`),
          )
        : h('p', { class: 'muted', text: `Computed from severity, criticality and what the line is doing: ${PRIORITY_LABEL[o.priority]}.` }),
      o.priorityReasons.length
        ? h('ul', { class: 'prio-reasons', 'data-testid': 'priority-reasons' }, ...o.priorityReasons.map((r) => h('li', { text: r })))
        : null,
      actions.length ? h('div', { class: 'form-actions' }, ...actions) : null,
    );
  };

  return {
    el,
    update(wo, canOverride) {
      const changed = !order || order.id !== wo.id || order.priority !== wo.priority || order.priorityOverride?.at !== wo.priorityOverride?.at || allowed !== canOverride;
      order = wo;
      allowed = canOverride;
      if (!canOverride) formSlot.replaceChildren();
      if (changed) render();
    },
  };
}
