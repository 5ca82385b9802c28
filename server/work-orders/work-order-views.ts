import type {
  EvidenceView,
  OutcomeInput,
  OutcomeView,
  PriorityOverrideView,
  TimelineEntryView,
  WorkOrderNotificationView,
  WorkOrderSlaView,
  WorkOrderStatus,
  WorkOrderView,
} from '../http/api-types';
import type { PriorityState } from '../priority';
import { readPriorityState } from './work-order-priority';
import type { NotificationRow, TimelineRow, WorkOrderRecord } from './work-order-repository';
import type { SlaReader } from './work-order-sla';

/** GET /api/work-orders/:id: the order, its timeline (oldest first) and where it may go next. */
export interface WorkOrderDetailView extends WorkOrderView {
  timeline: TimelineEntryView[];
  allowedTransitions: WorkOrderStatus[];
}

/** Records to views, with their SLA read at one `now`. */
export type WorkOrderPresenter = (records: readonly WorkOrderRecord[]) => WorkOrderView[];

export function createWorkOrderPresenter(sla: SlaReader): WorkOrderPresenter {
  return (records) => {
    const readings = sla.readMany(records);
    return records.map((r) => toWorkOrderView(r, readings.get(r.order.id)!.view));
  };
}

/** The override first, then why the table gives what it gives; empty for an order stored before priorities. */
export function priorityReasons(state: PriorityState | null): string[] {
  if (!state) return [];
  const table = state.breakdown.map((l) => l.text);
  if (!state.override) return [`${state.priority}: score ${state.score}`, ...table];
  const { priority, by, reason } = state.override;
  return [`${priority} set by hand by ${by}: ${reason}`, `computed ${state.computed}: score ${state.score}`, ...table];
}

function toOverrideView(state: PriorityState | null): PriorityOverrideView | null {
  if (!state?.override) return null;
  const { priority, reason, by, at } = state.override;
  return { priority, reason, by, at, computed: state.computed };
}

export function toWorkOrderView({ order, deviceName, lineId, siteId, recurrenceOfNumber, assigneeName }: WorkOrderRecord, sla: WorkOrderSlaView): WorkOrderView {
  const priority = readPriorityState(order);
  return {
    id: order.id,
    number: order.number,
    type: order.type,
    status: order.status,
    title: order.title,
    description: order.description,
    deviceId: order.deviceId,
    deviceName,
    lineId,
    siteId,
    failureMode: order.failureMode,
    severity: order.severity,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    occurrences: order.occurrences,
    lastOccurrenceAt: order.lastOccurrenceAt,
    evidence: parseJson<EvidenceView>(order.evidence),
    stopsLine: order.stopsLine,
    dueAt: order.dueAt,
    resolvedAt: order.resolvedAt,
    closedAt: order.closedAt,
    outcome: parseJson<OutcomeView>(order.outcome),
    recurrenceOf: order.recurrenceOf !== null && recurrenceOfNumber !== null ? { id: order.recurrenceOf, number: recurrenceOfNumber } : null,
    repairEffective: order.repairEffective,
    priority: order.priority,
    priorityReasons: priorityReasons(priority),
    priorityOverride: toOverrideView(priority),
    holdReason: order.holdReason,
    sla,
    assignee: order.assigneeId !== null && assigneeName !== null ? { id: order.assigneeId, name: assigneeName } : null,
    requiredCertifications: JSON.parse(order.requiredCertifications) as string[],
    requiredSkills: JSON.parse(order.requiredSkills) as string[],
  };
}

export function toTimelineEntryView(row: TimelineRow): TimelineEntryView {
  const { id, workOrderId, at, actor, kind, from, to, note, holdReason } = row;
  return { id, workOrderId, at, actor, kind, from, to, note, holdReason };
}

export function toNotificationView(row: NotificationRow): WorkOrderNotificationView {
  const { id, workOrderId, key, kind, target, at, sentAt, message } = row;
  return { id, workOrderId, key, kind, target, at, sentAt, to: JSON.parse(row.to) as string[], cc: JSON.parse(row.cc) as string[], message };
}

/** The outcome as stored: what was reported (parts and descriptions filled in), by whom and when. */
export function toOutcomeView(input: OutcomeInput, recordedBy: string, recordedAt: number): OutcomeView {
  if (input.kind === 'no-fault-found') return { kind: input.kind, note: input.note, recordedAt, recordedBy };
  const parts = (input.parts ?? []).map((p) => ({ partNumber: p.partNumber, description: p.description ?? null, quantity: p.quantity }));
  if (input.kind === 'completed') {
    return { kind: 'completed', action: input.action, parts, labourMinutes: input.labourMinutes, findings: input.findings ?? null, recordedAt, recordedBy };
  }
  const { failureMode, cause, action, labourMinutes } = input;
  return { kind: 'confirmed', failureMode, cause, action, parts, labourMinutes, recordedAt, recordedBy };
}

/** Evidence and outcome are written by this server as JSON of their views; a row without one has none. */
function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
