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
}

export interface TimelineEntryView {
  id: number;
  workOrderId: number;
  at: number;
  actor: string;
  kind: 'created' | 'status' | 'comment' | 'occurrence' | 'severity';
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
