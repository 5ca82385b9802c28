/** Status chip, severity badge, liveness dot: colour always paired with an icon and a word. */
import type { Criticality, EquipmentClass } from '../../../contract/plant';
import type { DeviceLiveness, WorkOrderStatus } from '../../../server/http/api-types';
import { LIVENESS_LABEL } from '../lib/device-grouping';
import { STATUS_LABEL } from '../lib/work-order-status';
import { h, svg } from './dom';
import { icons } from './icons';

const STATUS_ICON: Record<WorkOrderStatus, string> = {
  open: icons.open,
  acknowledged: icons.acknowledged,
  assigned: icons.assigned,
  'in-progress': icons.inProgress,
  'on-hold': icons.onHold,
  resolved: icons.resolved,
  closed: icons.closed,
  cancelled: icons.cancelled,
};

export function statusChip(status: WorkOrderStatus): HTMLElement {
  return h(
    'span',
    { class: `chip status status-${status}`, 'data-testid': 'status-chip', dataset: { status } },
    svg(STATUS_ICON[status]),
    h('span', { class: 'chip-text', text: STATUS_LABEL[status] }),
  );
}

export function severityBadge(severity: 'warn' | 'alarm' | null): HTMLElement {
  if (severity === null) return h('span', { class: 'severity severity-none', 'data-testid': 'severity', dataset: { severity: 'none' }, text: '—' });
  return h(
    'span',
    { class: `severity severity-${severity}`, 'data-testid': 'severity', dataset: { severity } },
    svg(severity === 'alarm' ? icons.alarm : icons.warn),
    h('span', { text: severity === 'alarm' ? 'Alarm' : 'Warn' }),
  );
}

export function livenessBadge(liveness: DeviceLiveness): HTMLElement {
  return h(
    'span',
    { class: `liveness liveness-${liveness}`, 'data-testid': 'liveness', dataset: { liveness } },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    h('span', { class: 'liveness-text', text: LIVENESS_LABEL[liveness] }),
  );
}

const CRITICALITY_TITLE: Record<Criticality, string> = {
  A: 'Criticality A: failure stops production or is a safety risk',
  B: 'Criticality B: failure degrades output',
  C: 'Criticality C: little production impact',
};

export function criticalityBadge(c: Criticality): HTMLElement {
  return h('span', { class: `crit crit-${c}`, title: CRITICALITY_TITLE[c], 'data-testid': 'criticality', text: c });
}

export function classLabel(c: EquipmentClass): string {
  return c === 'injection-molder' ? 'Injection molder' : c.charAt(0).toUpperCase() + c.slice(1);
}

/** A small count that reads "0" quietly and anything else loudly. */
export function countPill(n: number, tone: 'warn' | 'alarm' | 'info', title: string): HTMLElement {
  return h('span', { class: `count ${n > 0 ? `count-${tone}` : 'count-zero'}`, title, text: String(n) });
}
