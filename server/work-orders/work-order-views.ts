import type { EvidenceView, TimelineEntryView, WorkOrderStatus, WorkOrderView } from '../http/api-types';
import type { TimelineRow, WorkOrderRecord } from './work-order-repository';

/** GET /api/work-orders/:id: the order, its timeline (oldest first) and where it may go next. */
export interface WorkOrderDetailView extends WorkOrderView {
  timeline: TimelineEntryView[];
  allowedTransitions: WorkOrderStatus[];
}

export function toWorkOrderView({ order, deviceName, lineId, siteId }: WorkOrderRecord): WorkOrderView {
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
    evidence: parseEvidence(order.evidence),
  };
}

export function toTimelineEntryView(row: TimelineRow): TimelineEntryView {
  return { id: row.id, workOrderId: row.workOrderId, at: row.at, actor: row.actor, kind: row.kind, from: row.from, to: row.to, note: row.note };
}

/** Evidence is written by this server as JSON of EvidenceView; a row without it has none. */
function parseEvidence(text: string | null): EvidenceView | null {
  return text === null ? null : (JSON.parse(text) as EvidenceView);
}
