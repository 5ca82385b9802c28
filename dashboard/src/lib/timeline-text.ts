/** How a timeline entry reads: "Dana Ortiz changed status Open → Acknowledged". Pure. */
import type { TimelineEntryView } from '../../../server/http/api-types';
import { OUTCOME_LABEL } from './work-order-outcome';
import { STATUS_LABEL, isStatus } from './work-order-status';

export interface TimelineText {
  /** What happened, after the actor's name. */
  action: string;
  from: string | null;
  to: string | null;
}

function label(value: string | null): string | null {
  if (value === null) return null;
  if (isStatus(value)) return STATUS_LABEL[value];
  if (value === 'warn') return 'Warn';
  if (value === 'alarm') return 'Alarm';
  if (value === 'confirmed' || value === 'no-fault-found') return OUTCOME_LABEL[value];
  return value;
}

export function describeTimelineEntry(e: TimelineEntryView): TimelineText {
  switch (e.kind) {
    case 'created':
      return { action: 'opened the work order', from: null, to: null };
    case 'status':
      return { action: 'changed status', from: label(e.from), to: label(e.to) };
    case 'comment':
      return { action: 'commented', from: null, to: null };
    case 'occurrence':
      return { action: 'saw the fault again', from: null, to: null };
    case 'severity':
      return { action: e.from && e.to && rank(e.to) < rank(e.from) ? 'lowered severity' : 'raised severity', from: label(e.from), to: label(e.to) };
    case 'outcome':
      return { action: 'recorded the outcome', from: null, to: label(e.to) };
    case 'recurrence':
      return { action: 'linked a recurrence: the fault came back', from: e.from, to: e.to };
    default:
      return { action: String(e.kind), from: label(e.from), to: label(e.to) };
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
