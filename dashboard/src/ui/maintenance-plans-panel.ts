/**
 * The device page's "Maintenance plans": each plan's interval, where it
 * stands (due date or running hours to go, or the order being worked) and
 * its last order. Read-only here; plans are edited through the API
 * (README "Preventive maintenance").
 */
import type { MaintenancePlanView } from '../../../server/http/api-types';
import { planInterval, planStanding } from '../lib/maintenance-plan-text';
import { href } from '../lib/route';
import { statusChip } from './badges';
import { h, replaceChildren, svg } from './dom';
import { icons } from './icons';
import { emptyState, errorState } from './states';

export interface MaintenancePlansPanel {
  el: HTMLElement;
  render(plans: readonly MaintenancePlanView[], runningHours: number): void;
  fail(message: string, retry: () => void): void;
}

export function createMaintenancePlansPanel(): MaintenancePlansPanel {
  const aside = h('span', { class: 'panel-head-aside', 'data-testid': 'device-running-hours' });
  const body = h('div', { class: 'panel-body' });
  const el = h(
    'section',
    { class: 'panel', 'data-testid': 'device-plans' },
    h('header', { class: 'panel-head' }, svg(icons.clock), h('h2', { text: 'Maintenance plans' }), aside),
    body,
  );
  return {
    el,
    render(plans, runningHours) {
      aside.textContent = `${Math.round(runningHours).toLocaleString('en')} running hours`;
      if (plans.length === 0) {
        replaceChildren(body, emptyState('No maintenance plans', 'Planners add calendar or running-hours plans through the API or the plant file.', icons.clock));
        return;
      }
      const now = Date.now();
      replaceChildren(
        body,
        h(
          'ul',
          { class: 'plan-list' },
          ...plans.map((p) => {
            const standing = planStanding(p, now);
            return h(
              'li',
              { class: 'plan-item', 'data-testid': 'device-plan', dataset: { id: p.id, tone: standing.tone } },
              h('p', { class: 'plan-title' }, h('strong', { text: p.title }), h('span', { class: 'muted', text: ` · ${planInterval(p)}` })),
              h('p', { class: `plan-standing plan-${standing.tone}`, 'data-testid': 'device-plan-standing', text: standing.text }),
              p.lastOrder
                ? h(
                    'p',
                    { class: 'plan-last muted' },
                    'Last order ',
                    h('a', { class: 'mono', href: href.workOrder(p.lastOrder.id), text: p.lastOrder.number }),
                    ' ',
                    statusChip(p.lastOrder.status),
                  )
                : null,
            );
          }),
        ),
      );
    },
    fail(message, retry) {
      replaceChildren(body, errorState(message, retry));
    },
  };
}
