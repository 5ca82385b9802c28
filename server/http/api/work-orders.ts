import type { Metric } from '../../../contract/metrics';
import type { EquipmentClass } from '../../../contract/plant';
import type { FailureMode, Prediction, RuleKind, Severity } from '../../detection/types';
import type { Priority } from '../../priority/priority-scoring';
import type { SlaState } from '../../sla/sla-evaluation';
import type { TechnicianRef } from './technicians';

export const WORK_ORDER_STATUSES = ['open', 'acknowledged', 'assigned', 'in-progress', 'on-hold', 'resolved', 'closed', 'cancelled'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const WORK_ORDER_TYPES = ['potential-fault', 'corrective', 'preventive', 'emergency', 'inspection'] as const;
export type WorkOrderType = (typeof WORK_ORDER_TYPES)[number];

/** Why an order is on hold; required when moving to 'on-hold'. Parts, vendor and production pause the resolution clock. */
export const HOLD_REASONS = ['waiting-for-parts', 'waiting-for-vendor', 'waiting-for-production', 'waiting-for-approval', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export type { Priority };

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
  /** The rule's kind when not 'threshold', and what it judged, in words. */
  kind?: RuleKind;
  detail?: string;
  /** trend-to-limit: when the limit is predicted to be reached, and the fit behind it. */
  prediction?: Prediction;
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
  /** P0 (drop everything) .. P4 (plan it in): the manual override while one is set, else the computed one. */
  priority: Priority;
  /** Why, in sentences: the override first (if any), then the scoring table as it applied ("alarm severity (+3)"). */
  priorityReasons: string[];
  /** Set by a person (PUT /api/work-orders/:id/priority); null while the priority is computed. */
  priorityOverride: PriorityOverrideView | null;
  /** Why the order is on hold; null in every other status. */
  holdReason: HoldReason | null;
  /** Where the order stands against its SLA at the time of the response. */
  sla: WorkOrderSlaView;
  /** The technician the order is assigned to; null until assigned (POST /api/work-orders/:id/assign). */
  assignee: TechnicianRef | null;
  /** Certifications the work needs; only holders of every one (unexpired) can be assigned. */
  requiredCertifications: string[];
  /** Skills the work calls for; they rank candidates, they do not exclude anyone. */
  requiredSkills: string[];
}

export interface PriorityOverrideView {
  priority: Priority;
  reason: string;
  by: string;
  at: number;
  /** What the scoring table says meanwhile; it applies again once the override is cleared. */
  computed: Priority;
}

/** PUT /api/work-orders/:id/priority -> WorkOrderDetailView. DELETE on the same path clears it (recomputes). */
export interface SetPriorityRequest {
  priority: Priority;
  /** Required: why the computed priority is wrong (3-500 characters). */
  reason: string;
  actor?: string;
}

/**
 * One SLA target (response: until first acknowledged or assigned; resolution:
 * until resolved, paused while on hold waiting for parts, a vendor or production).
 */
export interface SlaTargetView {
  /** ok | warning (75 % used) | breached | met | met-late */
  state: SlaState;
  /** running; paused (on hold for a pausing reason); stopped (responded, resolved or cancelled). */
  clock: 'running' | 'paused' | 'stopped';
  /** When the target is (or was) reached; null while the clock is paused. */
  dueAt: number | null;
  targetMs: number;
  /** 'working': measured in the site's working time (shifts); 'always': real time. */
  calendar: 'working' | 'always';
  elapsedWorkingMs: number;
  /** Negative once overrun. */
  remainingWorkingMs: number;
  usedRatio: number;
  breachedAt: number | null;
  stoppedAt: number | null;
}

export interface WorkOrderSlaView {
  /** The priority whose targets apply. */
  priority: Priority;
  /** The site's time zone, for showing due times as the plant's clocks do. */
  timeZone: string;
  evaluatedAt: number;
  response: SlaTargetView;
  resolution: SlaTargetView;
  /** Acknowledged, resolution clock running, and no activity (status change, comment, outcome) for the stall time. */
  stalled: boolean;
  lastActivityAt: number;
  stalledAt: number | null;
}

/** GET /api/work-orders/:id/notifications: SLA warnings, escalations and stall flags, oldest first. */
export interface WorkOrderNotificationView {
  id: number;
  workOrderId: number;
  /** Unique per order, e.g. "escalate-supervisor:resolution:P1". */
  key: string;
  kind: 'warn-assignee' | 'escalate-supervisor' | 'flag-stalled';
  target: 'response' | 'resolution' | null;
  /** What triggered it: the missed due instant, the moment it stalled, or the time of a warning. */
  at: number;
  /** When it was recorded (sent). */
  sentAt: number;
  to: string[];
  cc: string[];
  message: string;
}

/** Which facet of two orders matched (server/work-orders/work-order-similarity.ts). */
export type SimilarityFacet = 'equipment-class' | 'failure-mode' | 'metric' | 'severity' | 'exceedance' | 'rise-rate' | 'text';

/** A closed (or resolved) order like another one, with what was found and done. */
export interface SimilarWorkOrderView {
  id: number;
  number: string;
  title: string;
  status: WorkOrderStatus;
  deviceId: string;
  deviceName: string;
  equipmentClass: EquipmentClass;
  /** 0..1; orders of the same equipment class always rank above orders of another class. */
  score: number;
  /** The facets that matched, strongest first, in words ("same failure mode (vibration-high)"). */
  reasons: Array<{ facet: SimilarityFacet; text: string }>;
  outcome: OutcomeView;
  /** false once the fault came back within 30 days of this repair; null while there is no such verdict. */
  repairEffective: boolean | null;
  /** When it was closed (or resolved, if not closed yet). */
  closedAt: number;
}

/** GET /api/work-orders/:id/similar?limit=3: the most similar past orders, best first (newer first on a tie). */
export interface SimilarWorkOrdersView {
  workOrderId: number;
  /** Past orders compared (the candidate set is bounded to the most recent ones). */
  candidates: number;
  items: SimilarWorkOrderView[];
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

export const OUTCOME_KINDS = ['confirmed', 'no-fault-found', 'completed'] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

/** What a technician reports when resolving or closing an order. */
export type OutcomeInput =
  | { kind: 'confirmed'; failureMode: FailureMode; cause: string; action: string; parts?: PartUsed[]; labourMinutes: number }
  | { kind: 'no-fault-found'; note: string }
  /** Planned work done (preventive and inspection orders only): what was done, parts, labour, and what was noticed. */
  | { kind: 'completed'; action: string; parts?: PartUsed[]; labourMinutes: number; findings?: string };

/**
 * POST /api/work-orders/:id/transition -> WorkOrderDetailView. `outcome` is required for resolved/closed unless one is recorded;
 * `holdReason` is required for (and only allowed with) on-hold.
 */
export interface TransitionRequest {
  to: WorkOrderStatus;
  note?: string;
  actor?: string;
  outcome?: OutcomeInput;
  holdReason?: HoldReason;
}

/** The recorded outcome: what was reported, by whom and when. */
export type OutcomeView = (
  | { kind: 'confirmed'; failureMode: FailureMode; cause: string; action: string; parts: Array<{ partNumber: string; description: string | null; quantity: number }>; labourMinutes: number }
  | { kind: 'no-fault-found'; note: string }
  | { kind: 'completed'; action: string; parts: Array<{ partNumber: string; description: string | null; quantity: number }>; labourMinutes: number; findings: string | null }
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
   * priority: from/to = the priority in force before/after (from null for the first), note = the reasons.
   * sla: from = the target ('response' | 'resolution', null for a stall), to = the notification kind, note = what happened.
   * assignment: from = the previous technician id (null if none), to = the new one (null when unassigned), note = why.
   */
  kind: 'created' | 'status' | 'comment' | 'occurrence' | 'severity' | 'outcome' | 'recurrence' | 'priority' | 'sla' | 'assignment';
  from: string | null;
  to: string | null;
  note: string | null;
  /** Status entries to 'on-hold': why; null otherwise. */
  holdReason: HoldReason | null;
}
