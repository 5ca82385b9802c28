/**
 * The public webhook events: their stable type names, the JSON body every
 * delivery carries, and the pure mapping from a work order's timeline entry
 * (the record every change to an order writes) to that body. No I/O.
 */
import type { HoldReason, TimelineEntryView, WorkOrderStatus, WorkOrderType } from '../http/api-types';
import type { FailureMode, Severity } from '../detection/types';
import type { Priority } from '../priority/priority-scoring';

/** Every event type a webhook can subscribe to; `["*"]` subscribes to all of them. */
export const WEBHOOK_EVENT_TYPES = [
  'work-order.created',
  'work-order.status-changed',
  'work-order.resolved',
  'work-order.closed',
  'work-order.cancelled',
  'work-order.assigned',
  'work-order.unassigned',
  'work-order.comment-added',
  'work-order.occurrence',
  'work-order.severity-changed',
  'work-order.priority-changed',
  'work-order.outcome-recorded',
  'work-order.recurrence-linked',
  'work-order.sla-warning',
  'work-order.escalated',
  'work-order.stalled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by POST /api/webhooks/:id/ping, to that webhook, whatever it subscribes to. */
export const PING_EVENT = 'ping';

/** The order as it stands when the event is recorded. */
export interface WebhookWorkOrderSummary {
  id: number;
  number: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  title: string;
  deviceId: string;
  deviceName: string;
  lineId: string;
  siteId: string;
  failureMode: FailureMode | null;
  severity: Severity | null;
  priority: Priority;
  stopsLine: boolean;
  occurrences: number;
  /** The technician id the order is assigned to; null while unassigned. */
  assigneeId: string | null;
  createdAt: number;
  updatedAt: number;
  dueAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
}

/**
 * What changed, as the order's timeline recorded it. `from`/`to` per type:
 * status-changed, resolved, closed, cancelled: the status before/after;
 * assigned, unassigned: the technician id before/after (null = nobody);
 * severity-changed, priority-changed: the value before/after;
 * outcome-recorded: to = 'confirmed' | 'no-fault-found' | 'completed'; recurrence-linked:
 * from = the earlier order's number, to = the new one's; sla-warning,
 * escalated, stalled: from = the SLA target ('response' | 'resolution', null
 * for a stall), to = the notification kind; created: to = 'open'.
 * `note` is the entry's text (the comment for comment-added, the reasons for
 * priority-changed, what happened for SLA events).
 */
export interface WebhookChange {
  from: string | null;
  to: string | null;
  note: string | null;
  /** For a move to on-hold: why; null otherwise. */
  holdReason: HoldReason | null;
}

/** The JSON body of every delivery (the bytes signed are exactly the bytes sent). */
export interface WebhookEventBody {
  /** Stable per event: the same in every delivery and redelivery of it, so receivers can drop repeats. */
  id: string;
  type: WebhookEventType | typeof PING_EVENT;
  /** When the change happened (epoch ms). */
  occurredAt: number;
  /** Who made the change (a token name, 'detector', 'sla-monitor', …). */
  actor: string;
  /** null only for ping. */
  workOrder: WebhookWorkOrderSummary | null;
  change: WebhookChange;
}

export type TimelineFact = Pick<TimelineEntryView, 'id' | 'at' | 'actor' | 'kind' | 'from' | 'to' | 'note' | 'holdReason'>;

const STATUS_EVENTS: Partial<Record<string, WebhookEventType>> = {
  resolved: 'work-order.resolved',
  closed: 'work-order.closed',
  cancelled: 'work-order.cancelled',
};

const SLA_EVENTS: Partial<Record<string, WebhookEventType>> = {
  'warn-assignee': 'work-order.sla-warning',
  'escalate-supervisor': 'work-order.escalated',
  'flag-stalled': 'work-order.stalled',
};

/**
 * The public type of a timeline entry, or null when it is not published:
 * the first priority an order gets is part of its creation, not a change.
 * A status change has one event: resolved, closed and cancelled have their
 * own types, every other move is status-changed.
 */
export function eventTypeOf(entry: Pick<TimelineFact, 'kind' | 'from' | 'to'>): WebhookEventType | null {
  switch (entry.kind) {
    case 'created':
      return 'work-order.created';
    case 'status':
      return STATUS_EVENTS[entry.to ?? ''] ?? 'work-order.status-changed';
    case 'assignment':
      return entry.to === null ? 'work-order.unassigned' : 'work-order.assigned';
    case 'comment':
      return 'work-order.comment-added';
    case 'occurrence':
      return 'work-order.occurrence';
    case 'severity':
      return 'work-order.severity-changed';
    case 'priority':
      return entry.from === null ? null : 'work-order.priority-changed';
    case 'outcome':
      return 'work-order.outcome-recorded';
    case 'recurrence':
      return 'work-order.recurrence-linked';
    case 'sla':
      return SLA_EVENTS[entry.to ?? ''] ?? null;
  }
}

/** The body sent for a timeline entry of `workOrder`, or null when the entry is not published. */
export function webhookEventOf(entry: TimelineFact, workOrder: WebhookWorkOrderSummary): WebhookEventBody | null {
  const type = eventTypeOf(entry);
  if (type === null) return null;
  return {
    id: `evt_${entry.id}`,
    type,
    occurredAt: entry.at,
    actor: entry.actor,
    workOrder,
    change: { from: entry.from, to: entry.to, note: entry.note, holdReason: entry.holdReason },
  };
}

/** The body of a ping: no order, a note saying what it is. */
export function pingEvent(id: string, at: number, actor: string): WebhookEventBody {
  return {
    id,
    type: PING_EVENT,
    occurredAt: at,
    actor,
    workOrder: null,
    change: { from: null, to: null, note: 'Test delivery from the predictive-maintenance server', holdReason: null },
  };
}

/** Whether a webhook subscribed to `events` gets `type` (ping is never matched: it is sent to one webhook on request). */
export function subscribes(events: readonly string[], type: string): boolean {
  return type !== PING_EVENT && (events.includes('*') || events.includes(type));
}
