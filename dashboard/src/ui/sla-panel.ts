/** The SLA panel: response and resolution targets with length, due time (site zone), used share, clock; and the stall flag. */
import type { WorkOrderSlaView } from '../../../server/http/api-types';
import { CLOCK_LABEL, slaTargetRows } from '../lib/sla-format';
import { formatClock, viewerTimeZone } from '../lib/time-format';
import { h, replaceChildren, svg } from './dom';
import { icons } from './icons';
import { SLA_ICON, stalledTag } from './planning-badges';

export function createSlaPanel(): { el: HTMLElement; update(sla: WorkOrderSlaView | null | undefined): void } {
  const body = h('div', { class: 'sla-rows' });
  const zone = h('span', { class: 'panel-head-aside' });
  const el = h('section', { class: 'panel sla-panel', 'data-testid': 'sla-panel' }, h('header', { class: 'panel-head' }, svg(icons.clock), h('h2', { text: 'SLA' }), zone), body);

  return {
    el,
    update(sla) {
      if (!sla) {
        zone.textContent = '';
        replaceChildren(body, h('p', { class: 'muted pad', text: 'No SLA applies to this order.' }));
        return;
      }
      const now = Date.now();
      zone.textContent = `${sla.priority} targets · times in ${sla.timeZone}`;
      const rows = slaTargetRows(sla, { now, viewerZone: viewerTimeZone() });
      replaceChildren(
        body,
        ...rows.map((r) =>
          h(
            'div',
            { class: `sla-row sla-${r.state}`, 'data-testid': `sla-${r.name}`, dataset: { state: r.state, clock: r.clock } },
            h(
              'div',
              { class: 'sla-row-head' },
              h('span', { class: 'sla-row-name', text: r.label }),
              h('span', { class: `sla sla-${r.state}`, 'data-testid': 'sla-state', dataset: { state: r.state, target: r.name } }, h('span', { class: 'sla-label' }, svg(SLA_ICON[r.state]), h('span', { text: r.stateLabel }))),
              h('span', { class: 'sla-clock', title: 'Clock' }, CLOCK_LABEL[r.clock]),
            ),
            h(
              'dl',
              { class: 'sla-facts' },
              h('div', null, h('dt', { text: 'Target' }), h('dd', { text: r.length })),
              h('div', null, h('dt', { text: 'Due' }), h('dd', { title: r.dueTitle, text: r.due })),
              h('div', null, h('dt', { text: 'Used' }), h('dd', { text: r.used })),
            ),
            h(
              'div',
              { class: 'sla-bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(Math.round(r.fill * 100)), 'aria-label': `${r.label} target used` },
              h('span', { class: 'sla-bar-fill', style: { width: `${(r.fill * 100).toFixed(1)}%` } }),
              h('span', { class: 'sla-bar-mark', title: 'Warning at 75 %' }),
            ),
            h('p', { class: 'sla-note', text: r.note }),
          ),
        ),
        sla.stalled
          ? h(
              'p',
              { class: 'sla-stalled', 'data-testid': 'sla-stalled' },
              stalledTag(),
              ` No activity since ${formatClock(sla.lastActivityAt, now, { timeZone: sla.timeZone })}. A comment, status change or outcome clears it.`,
            )
          : null,
      );
    },
  };
}
