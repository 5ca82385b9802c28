import type { EvidenceView, OutcomeInput, OutcomeView, TimelineEntryView, WorkOrderStatus, WorkOrderView } from '../http/api-types';
import type { TimelineRow, WorkOrderRecord } from './work-order-repository';

/** GET /api/work-orders/:id: the order, its timeline (oldest first) and where it may go next. */
export interface WorkOrderDetailView extends WorkOrderView {
  timeline: TimelineEntryView[];
  allowedTransitions: WorkOrderStatus[];
}

export function toWorkOrderView({ order, deviceName, lineId, siteId, recurrenceOfNumber }: WorkOrderRecord): WorkOrderView {
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
  };
}

export function toTimelineEntryView(row: TimelineRow): TimelineEntryView {
  return { id: row.id, workOrderId: row.workOrderId, at: row.at, actor: row.actor, kind: row.kind, from: row.from, to: row.to, note: row.note };
}

/** The outcome as stored: what was reported (parts and descriptions filled in), by whom and when. */
export function toOutcomeView(input: OutcomeInput, recordedBy: string, recordedAt: number): OutcomeView {
  if (input.kind === 'no-fault-found') return { kind: input.kind, note: input.note, recordedAt, recordedBy };
  const parts = (input.parts ?? []).map((p) => ({ partNumber: p.partNumber, description: p.description ?? null, quantity: p.quantity }));
  const { failureMode, cause, action, labourMinutes } = input;
  return { kind: 'confirmed', failureMode, cause, action, parts, labourMinutes, recordedAt, recordedBy };
}

/** Evidence and outcome are written by this server as JSON of their views; a row without one has none. */
function parseJson<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}
