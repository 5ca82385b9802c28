/**
 * Priority chip, SLA state chip, stalled flag and hold-reason tag. Each pairs
 * its colour with an icon and words: P0 has two arrows up, P4 two down; SLA
 * states each have their own icon.
 */
import type { HoldReason, Priority, WorkOrderSlaView } from '../../../server/http/api-types';
import { holdReasonLabel } from '../lib/hold-reason';
import { PRIORITY_LABEL } from '../lib/priority';
import { summarizeSla, type SlaDisplayState } from '../lib/sla-format';
import { viewerTimeZone } from '../lib/time-format';
import { h, svg } from './dom';
import { icons } from './icons';

const PRIORITY_ICON: Record<Priority, string> = { P0: icons.p0, P1: icons.p1, P2: icons.p2, P3: icons.p3, P4: icons.p4 };

/** "P1" with its arrows; `long` adds the word ("P1 · Urgent"). */
export function priorityChip(priority: Priority, options: { long?: boolean; overridden?: boolean } = {}): HTMLElement {
  const label = PRIORITY_LABEL[priority] ?? priority;
  return h(
    'span',
    {
      class: `chip prio prio-${priority}${options.overridden ? ' is-override' : ''}`,
      'data-testid': 'priority-chip',
      dataset: { priority, override: options.overridden ? 'true' : undefined },
      title: `${priority}: ${label}${options.overridden ? ' (set by a person)' : ''}`,
    },
    svg(PRIORITY_ICON[priority] ?? icons.p2),
    h('span', { class: 'chip-text', text: priority }),
    options.long ? h('span', { class: 'prio-word', text: label }) : null,
    options.overridden ? svg(icons.pencil, 'icon prio-flag') : null,
  );
}

export const SLA_ICON: Record<SlaDisplayState, string> = {
  ok: icons.clock,
  warning: icons.hourglass,
  breached: icons.clockAlert,
  paused: icons.pause,
  met: icons.resolved,
  'met-late': icons.warn,
};

/** The current SLA target: "At risk · Resolve by 14:30 · 82 % used". `compact` keeps the sentence on a second line. */
export function slaChip(sla: WorkOrderSlaView | null | undefined, compact = false): HTMLElement {
  if (!sla) return h('span', { class: 'sla sla-none muted', 'data-testid': 'sla-state', dataset: { state: 'none' }, text: '—' });
  const s = summarizeSla(sla, { now: Date.now(), viewerZone: viewerTimeZone() });
  return h(
    'span',
    { class: `sla sla-${s.state}${compact ? ' sla-compact' : ''}`, 'data-testid': 'sla-state', dataset: { state: s.state, target: s.target }, title: s.title },
    h('span', { class: 'sla-label' }, svg(SLA_ICON[s.state]), h('span', { text: s.label })),
    h('span', { class: 'sla-text', text: s.text }),
  );
}

export function stalledTag(): HTMLElement {
  return h(
    'span',
    { class: 'tag tag-warn tag-stalled', 'data-testid': 'wo-stalled', title: 'Acknowledged, but nothing has happened on it for a while' },
    svg(icons.stalled),
    'Stalled',
  );
}

export function holdReasonTag(reason: HoldReason | string | null): HTMLElement | null {
  const label = holdReasonLabel(reason);
  if (!label) return null;
  return h('span', { class: 'tag tag-hold', 'data-testid': 'hold-reason', dataset: { reason: reason ?? undefined } }, svg(icons.onHold), label);
}
