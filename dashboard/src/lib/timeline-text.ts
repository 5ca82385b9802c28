/** How a timeline entry reads: "Dana Ortiz changed status Open → Acknowledged". Pure. */
import type { TimelineEntryView } from '../../../server/http/api-types';
import { holdReasonLabel } from './hold-reason';
import { priorityRank } from './priority';
import { OUTCOME_LABEL } from './work-order-outcome';
import { STATUS_LABEL, isStatus } from './work-order-status';

export interface TimelineText {
  /** What happened, after the actor's name. */
  action: string;
  from: string | null;
  to: string | null;
  /** Said after the change, e.g. the hold reason: "Waiting for parts". */
  detail: string | null;
}

const SLA_ACTION: Record<string, string> = {
  'warn-assignee': 'warned the assignee',
  'escalate-supervisor': 'escalated to the supervisor',
  'flag-stalled': 'flagged the order as stalled',
};

function label(value: string | null): string | null {
  if (value === null) return null;
  if (isStatus(value)) return STATUS_LABEL[value];
  if (value === 'warn') return 'Warn';
  if (value === 'alarm') return 'Alarm';
  if (value === 'confirmed' || value === 'no-fault-found' || value === 'completed') return OUTCOME_LABEL[value];
  return value;
}

export function describeTimelineEntry(e: TimelineEntryView): TimelineText {
  const plain = (action: string, from: string | null = null, to: string | null = null): TimelineText => ({ action, from, to, detail: null });
  switch (e.kind) {
    case 'created':
      return plain('opened the work order');
    case 'status':
      return { action: 'changed status', from: label(e.from), to: label(e.to), detail: e.to === 'on-hold' ? holdReasonLabel(e.holdReason) : null };
    case 'comment':
      return plain('commented');
    case 'occurrence':
      return plain('saw the fault again');
    case 'severity':
      return plain(e.from && e.to && rank(e.to) < rank(e.from) ? 'lowered severity' : 'raised severity', label(e.from), label(e.to));
    case 'outcome':
      return plain('recorded the outcome', null, label(e.to));
    case 'recurrence':
      return plain('linked a recurrence: the fault came back', e.from, e.to);
    case 'priority': {
      if (e.from === null) return plain('set the priority', null, e.to);
      const up = priorityRank(e.to as never) < priorityRank(e.from as never);
      return plain(up ? 'raised the priority' : e.from === e.to ? 're-scored the priority' : 'lowered the priority', e.from, e.to);
    }
    case 'assignment':
      // from/to are technician ids; the note names the people.
      return plain(e.from === null ? 'assigned the order' : e.to === null ? 'unassigned the order' : 'reassigned the order', e.from, e.to);
    case 'sla': {
      const action = (e.to && SLA_ACTION[e.to]) ?? 'recorded an SLA event';
      return { action, from: null, to: null, detail: e.from === 'response' ? 'Response target' : e.from === 'resolution' ? 'Resolution target' : null };
    }
    default:
      return plain(String(e.kind), label(e.from), label(e.to));
  }
}

function rank(severity: string): number {
  return severity === 'alarm' ? 2 : severity === 'warn' ? 1 : 0;
}

/** Oldest first; entries at the same moment keep id order. */
export function sortTimeline(entries: readonly TimelineEntryView[]): TimelineEntryView[] {
  return entries.slice().sort((a, b) => a.at - b.at || a.id - b.id);
}

/** Actor names for machine actors read better spelled out. */
export function actorName(actor: string): string {
  if (actor === 'detector' || actor === 'system' || actor.startsWith('system:')) return 'Condition monitoring';
  return actor;
}

export interface TimelineItem {
  entry: TimelineEntryView;
  /** How many consecutive entries of the same repeatable kind this item stands for. */
  count: number;
  /** Time of the last entry folded into this item. */
  lastAt: number;
}

/**
 * Oldest first, with runs of consecutive 'occurrence' entries folded into one
 * item ("saw the fault again ×6"), so a chatty fault does not bury the people.
 */
export function groupTimeline(entries: readonly TimelineEntryView[]): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const e of sortTimeline(entries)) {
    const prev = items[items.length - 1];
    if (prev && e.kind === 'occurrence' && prev.entry.kind === 'occurrence' && !e.note && !prev.entry.note) {
      prev.count++;
      prev.lastAt = e.at;
      continue;
    }
    items.push({ entry: e, count: 1, lastAt: e.at });
  }
  return items;
}
