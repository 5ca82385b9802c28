/** The header of a work order: number, status, severity, title, and the facts around it. */
import type { WorkOrderDetail } from '../api-client';
import { dueState } from '../lib/due-date';
import { href } from '../lib/route';
import { formatFullTimestamp } from '../lib/time-format';
import { failureModeLabel } from '../lib/work-order-outcome';
import { severityBadge, statusChip } from './badges';
import { holdReasonTag, priorityChip, slaChip, stalledTag } from './planning-badges';
import { h, svg } from './dom';
import { fact } from './facts';
import { icons } from './icons';
import { clockTime, timeAgo } from './relative-time';

export function renderWorkOrderHeader(wo: WorkOrderDetail, lineName: string): HTMLElement {
  const due = dueState(wo.dueAt, wo.status, Date.now());
  return h(
    'header',
    { class: 'wo-header panel', 'data-testid': 'wo-header' },
    h(
      'div',
      { class: 'wo-header-top' },
      priorityChip(wo.priority, { long: true, overridden: !!wo.priorityOverride }),
      h('span', { class: 'wo-number mono', 'data-testid': 'wo-number', text: wo.number }),
      statusChip(wo.status),
      wo.status === 'on-hold' ? holdReasonTag(wo.holdReason) : null,
      severityBadge(wo.severity),
      h('span', { class: 'tag', text: wo.type.replace('-', ' ') }),
      wo.stopsLine ? h('span', { class: 'tag tag-alarm', 'data-testid': 'wo-stops-line' }, svg(icons.line), 'Stops the line') : null,
      due ? h('span', { class: `tag tag-due due-${due.tone}`, 'data-testid': 'wo-due', title: formatFullTimestamp(wo.dueAt!) }, svg(icons.clock), due.text) : null,
      wo.sla?.stalled ? stalledTag() : null,
      wo.repairEffective === false ? h('span', { class: 'tag tag-warn', 'data-testid': 'wo-repair-failed' }, svg(icons.repeat), 'Fault came back after this repair') : null,
    ),
    h('h1', { class: 'wo-title', text: wo.title }),
    wo.sla ? h('div', { class: 'wo-sla-line' }, slaChip(wo.sla)) : null,
    wo.recurrenceOf
      ? h(
          'p',
          { class: 'recurrence-note', 'data-testid': 'wo-recurrence' },
          svg(icons.repeat),
          'Recurrence: the same fault was repaired under ',
          h('a', { href: href.workOrder(wo.recurrenceOf.id), text: wo.recurrenceOf.number }),
          ' less than 30 days ago.',
        )
      : null,
    h(
      'dl',
      { class: 'facts' },
      fact('Device', h('a', { href: href.device(wo.deviceId), 'data-testid': 'wo-device-link' }, svg(icons.device), wo.deviceName || wo.deviceId)),
      fact('Line', h('span', null, svg(icons.line), lineName)),
      fact('Created', h('span', { title: formatFullTimestamp(wo.createdAt) }, clockTime(wo.createdAt), h('span', { class: 'muted' }, ' · ', timeAgo(wo.createdAt)))),
      fact(
        'Occurrences',
        h(
          'span',
          { 'data-testid': 'wo-occurrences' },
          String(wo.occurrences),
          wo.occurrences > 1 ? h('span', { class: 'muted' }, ' · last ', timeAgo(wo.lastOccurrenceAt)) : null,
        ),
      ),
      wo.failureMode ? fact('Failure mode', failureModeLabel(wo.failureMode)) : null,
      fact('Updated', timeAgo(wo.updatedAt)),
      wo.resolvedAt ? fact('Resolved', h('span', null, clockTime(wo.resolvedAt))) : null,
      wo.closedAt ? fact(wo.status === 'cancelled' ? 'Cancelled' : 'Closed', h('span', null, clockTime(wo.closedAt))) : null,
    ),
  );
}
