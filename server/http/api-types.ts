/**
 * Shapes the HTTP API returns (and the dashboard reads). View functions in
 * server/ turn database rows into these; nothing else leaves the server.
 *
 * Errors always have the shape ApiError, with a 4xx/5xx status.
 */
import type { Metric } from '../../contract/metrics';
import type { Criticality, EquipmentClass } from '../../contract/plant';
import type { FailureMode, LimitBasis, Severity } from '../detection/types';
import type { DeadLetterReason } from '../../gateway/ingest/dead-letter-sink';

export interface ApiError {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

/** Derived from last-seen time: online (< 2 min), stale (< 15 min), offline, or never seen. */
export type DeviceLiveness = 'online' | 'stale' | 'offline' | 'never-seen';

export interface DeviceView {
  id: string;
  name: string;
  siteId: string;
  lineId: string;
  agentId: string;
  class: EquipmentClass;
  criticality: Criticality;
  ratedCurrent: number;
  insulationClass: 'B' | 'F' | 'H';
  foundation: 'rigid' | 'flexible';
  lastSeenAt: number | null;
  liveness: DeviceLiveness;
  activeAnomalies: number;
  openWorkOrders: number;
}

export interface LineView {
  id: string;
  siteId: string;
  name: string;
  feeds: string[];
  deviceIds: string[];
}

export const WORK_ORDER_STATUSES = ['open', 'acknowledged', 'assigned', 'in-progress', 'on-hold', 'resolved', 'closed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const WORK_ORDER_TYPES = ['potential-fault', 'corrective', 'preventive', 'emergency', 'inspection'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

export interface EvidenceView {
  metric: Metric;
  unit: string;
  severity: Severity;
  value: number;
  limit: number;
  ruleId: string;
  ruleVersion: number;
  rule: { direction: 'above' | 'below'; warn: number; alarm: number; clear: number; minDurationMs: number };
  startedAt: number;
  detectedAt: number;
  /** [ts, value] pairs leading up to detection. */
  recent: Array<[number, number]>;
}

export interface WorkOrderView {
  id: number;
  /** Human number, e.g. WO-2026-000042. */
  number: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  title: string;
  description: string;
  deviceId: string;
  deviceName: string;
  lineId: string;
  siteId: string;
  failureMode: FailureMode | null;
  severity: Severity | null;
  createdAt: number;
  updatedAt: number;
  /** Times detection saw this fault again while the order was open (first one included). */
  occurrences: number;
  lastOccurrenceAt: number;
  evidence: EvidenceView | null;
  /** The line stands still while this order is worked (always true for emergency orders). */
  stopsLine: boolean;
  /** When the work should be done (epoch ms); null when nobody set a due date. */
  dueAt: number | null;
  /** When the order last moved to resolved; null before that and after a reopen. */
  resolvedAt: number | null;
  /** When the order was closed or cancelled. */
  closedAt: number | null;
  /** What the technician found; recorded when the order is resolved or closed. */
  outcome: OutcomeView | null;
  /** The earlier repair (same device and failure mode, confirmed) this fault came back after, within 30 days. */
  recurrenceOf: { id: number; number: string } | null;
  /** false once the fault came back within 30 days of this order's repair; null while there is no such verdict. */
  repairEffective: boolean | null;
}

/** Types people create; 'potential-fault' orders are raised by detection only. */
export const MANUAL_WORK_ORDER_TYPES = ['corrective', 'preventive', 'emergency', 'inspection'] as const satisfies readonly WorkOrderType[];
export type ManualWorkOrderType = (typeof MANUAL_WORK_ORDER_TYPES)[number];

/** POST /api/work-orders -> 201 WorkOrderDetailView. */
export interface CreateWorkOrderRequest {
  type: ManualWorkOrderType;
  deviceId: string;
  title: string;
  description?: string;
  severity?: Severity;
  failureMode?: FailureMode;
  /** Emergency orders always stop the line; sending false with one is refused. */
  stopsLine?: boolean;
  /** Epoch ms. */
  dueAt?: number;
  actor?: string;
}

export interface PartUsed {
  partNumber: string;
  description?: string;
  quantity: number;
}

export const OUTCOME_KINDS = ['confirmed', 'no-fault-found'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** What a technician reports when resolving or closing an order. */
export type OutcomeInput =
  | { kind: 'confirmed'; failureMode: FailureMode; cause: string; action: string; parts?: PartUsed[]; labourMinutes: number }
  | { kind: 'no-fault-found'; note: string };

/** POST /api/work-orders/:id/transition -> WorkOrderDetailView. `outcome` is required for resolved/closed unless one is recorded. */
export interface TransitionRequest {
  to: WorkOrderStatus;
  note?: string;
  actor?: string;
  outcome?: OutcomeInput;
}

/** The recorded outcome: what was reported, by whom and when. */
export type OutcomeView = (
  | { kind: 'confirmed'; failureMode: FailureMode; cause: string; action: string; parts: Array<{ partNumber: string; description: string | null; quantity: number }>; labourMinutes: number }
  | { kind: 'no-fault-found'; note: string }
) & { recordedAt: number; recordedBy: string };

/** GET /api/rules/precision: one entry per rule id (stored rules and rules that raised orders), sorted by id. */
export interface RulePrecisionView {
  ruleId: string;
  /** Potential-fault orders of this rule resolved or closed with a confirmed fault. */
  confirmed: number;
  /** ... resolved or closed as no fault found. */
  noFaultFound: number;
  /** ... still being worked (open .. on-hold). Cancelled orders count nowhere. */
  open: number;
  /** confirmed / (confirmed + noFaultFound); null before the first outcome. */
  precision: number | null;
}

export interface TimelineEntryView {
  id: number;
  workOrderId: number;
  at: number;
  actor: string;
  /**
   * outcome: to = the outcome kind, note = what was found and done.
   * recurrence: from = the earlier order's number, to = the new order's number (on both orders).
   */
  kind: 'created' | 'status' | 'comment' | 'occurrence' | 'severity' | 'outcome' | 'recurrence';
  from: string | null;
  to: string | null;
  note: string | null;
}

export interface AnomalyView {
  id: number;
  deviceId: string;
  metric: Metric;
  ruleId: string;
  failureMode: FailureMode;
  severity: Severity;
  active: boolean;
  acknowledged: boolean;
  startedAt: number;
  lastEventAt: number;
  clearedAt: number | null;
  lastValue: number;
  workOrderId: number | null;
}

export interface RuleView {
  id: string;
  version: number;
  scope: { kind: 'class'; equipmentClass: EquipmentClass } | { kind: 'device'; deviceId: string };
  metric: Metric;
  direction: 'above' | 'below';
  basis: LimitBasis;
  warn: number;
  alarm: number;
  clear: number;
  minDurationMs: number;
  clearDurationMs: number;
  failureMode: FailureMode;
  enabled: boolean;
  updatedAt: number;
}

/** Limits in force for one device and metric, resolved to absolute numbers. */
export interface EffectiveLimitView {
  metric: Metric;
  ruleId: string;
  direction: 'above' | 'below';
  warn: number;
  alarm: number;
  clear: number;
}

export interface TelemetryView {
  deviceId: string;
  from: number;
  to: number;
  points: Array<{ ts: number; seq: number; temperature: number; vibration: number; current: number }>;
  limits: EffectiveLimitView[];
}

export interface DeadLetterView {
  id: number;
  receivedAt: number;
  clientId: string | null;
  topic: string;
  reason: DeadLetterReason;
  detail: string;
  /** First 512 bytes of the payload, as text. */
  payloadPreview: string;
  payloadBytes: number;
}

export type { DeadLetterReason };

export interface Paged<T> {
  items: T[];
  total: number;
}

/** Server-sent events on GET /api/events: event name -> data. */
export interface ServerEvents {
  'work-order': { change: 'created' | 'updated' | 'occurrence'; workOrder: WorkOrderView };
  anomaly: AnomalyView;
  /** Latest sample per device that reported since the last tick (about once a second). */
  telemetry: { points: Array<{ deviceId: string; ts: number; temperature: number; vibration: number; current: number }> };
  'dead-letter': DeadLetterView;
}
