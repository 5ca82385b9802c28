/**
 * Shapes the HTTP API returns (and the dashboard reads). View functions in
 * server/ turn database rows into these; nothing else leaves the server.
 *
 * Errors always have the shape ApiError, with a 4xx/5xx status.
 */
import type { Metric } from '../../contract/metrics';
import type { Criticality, EquipmentClass } from '../../contract/plant';
import type { FailureMode, FlappingSettings, LimitBasis, Prediction, RuleKind, Severity, TemplateParams } from '../detection/types';
import type { Priority } from '../priority/priority-scoring';
import type { SlaState } from '../sla/sla-evaluation';
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
  /** Hours the device has run (current above 10 % of rated), counted from telemetry; running-hours maintenance plans use it. */
  runningHours: number;
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
  /** trend-to-limit anomalies: when the limit is predicted to be reached (from the order's evidence); null otherwise. */
  predictedBreachAt?: number | null;
}

export interface RuleView {
  /** What the rule watches (always sent; optional for clients written before kinds); warn/alarm/clear mean what the kind says (README, "Detection rules"). */
  kind?: RuleKind;
  /** The kind's parameters (none for 'threshold' and 'no-data'). */
  params?: TemplateParams;
  /** Flapping suppression, any kind. */
  flapping?: FlappingSettings;
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
  /** Who saved the version in force ('defaults' for a default template never edited). */
  updatedBy: string;
}

/** A rule template as saved in one version: RuleView without the bookkeeping. */
export type RuleTemplateView = Omit<RuleView, 'updatedAt' | 'updatedBy'>;

/** The fields of a rule an engineer edits (everything but id and version). */
export type RuleField = Exclude<keyof RuleTemplateView, 'id' | 'version'>;

/** The editable rule fields, in the order the API lists them. */
export const RULE_FIELDS = [
  'kind',
  'scope',
  'metric',
  'direction',
  'basis',
  'warn',
  'alarm',
  'clear',
  'minDurationMs',
  'clearDurationMs',
  'failureMode',
  'enabled',
  'params',
  'flapping',
] as const satisfies readonly RuleField[];

/**
 * PUT /api/rules/:id -> RuleView. Fields left out keep their stored values;
 * the resulting rule is validated as a whole (400 naming the field). `scope`
 * cannot change (create a device override instead). `expectedVersion`: the
 * version the edit is based on; 409 'version-conflict' when another save came
 * first (send it always from an editor). A body that changes nothing saves
 * nothing (same version, no history row, no event).
 */
export type UpdateRuleRequest = Partial<Omit<RuleTemplateView, 'id' | 'version'>> & { reason: string; expectedVersion?: number };

/**
 * POST /api/rules -> 201 RuleView (version 1): a per-device override. `id`
 * defaults to `device.<deviceId>.<metric>` ('above') or
 * `device.<deviceId>.<metric>.below`. Fields left out are copied from the
 * class rule the override replaces (same metric and direction); without one
 * they are required. Switching a class rule off for one device is an override
 * with `enabled: false`: `{ scope: { kind: 'device', deviceId }, metric, enabled: false, reason }`.
 */
export type CreateRuleOverrideRequest = Partial<Omit<RuleTemplateView, 'id' | 'version' | 'scope' | 'metric'>> & {
  id?: string;
  scope: { kind: 'device'; deviceId: string };
  metric: Metric;
  reason: string;
};

/** One field that differs from the previous version. */
export type RuleFieldChange = { [K in RuleField]: { field: K; from: RuleTemplateView[K]; to: RuleTemplateView[K] } }[RuleField];

/** GET /api/rules/:id/history: one per saved version, newest first. */
export interface RuleVersionView {
  ruleId: string;
  version: number;
  author: string;
  reason: string;
  at: number;
  /** The rule as saved in this version. */
  template: RuleTemplateView;
  /** What differs from the previous version, in RULE_FIELDS order; empty for the first recorded version. */
  changes: RuleFieldChange[];
}

/** A rule in force on one device, limits resolved to absolute numbers in the metric's unit. */
export interface EffectiveRuleView {
  ruleId: string;
  version: number;
  /** The rule's kind; warn/alarm/clear are limits of the metric only for 'threshold'. */
  kind?: RuleKind;
  /** Whether it comes from the device's class or from an override of this device. */
  source: 'class' | 'device';
  metric: Metric;
  direction: 'above' | 'below';
  warn: number;
  alarm: number;
  clear: number;
  minDurationMs: number;
  clearDurationMs: number;
  failureMode: FailureMode;
}

/** GET /api/rules/effective?deviceId= : per device (all, in plant order, or the one asked for). */
export interface DeviceEffectiveRulesView {
  deviceId: string;
  equipmentClass: EquipmentClass;
  rules: EffectiveRuleView[];
  /** Metric/direction slots switched off on this device: the rule that would apply is disabled. */
  disabled: Array<{ ruleId: string; source: 'class' | 'device'; metric: Metric; direction: 'above' | 'below' }>;
  /** Set when two rules conflict on this device: it then has no detection (rules and disabled are empty). */
  conflict: string | null;
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

/**
 * GET /api/devices/:id/telemetry. A raw answer holds the samples in `points`
 * (at most `limit`, oldest first) and no `downsampled`. With `maxPoints`, a
 * range holding more samples than that is answered downsampled instead:
 * `points` is empty and `downsampled` holds one bucket per time slice.
 */
export interface TelemetryView {
  deviceId: string;
  from: number;
  to: number;
  points: Array<{ ts: number; seq: number; temperature: number; vibration: number; current: number }>;
  limits: EffectiveLimitView[];
  /** Only on downsampled answers (maxPoints given and exceeded). */
  downsampled?: TelemetryDownsampledView;
}

/** A range summarised in fixed-width time buckets; min and max keep short spikes visible. */
export interface TelemetryDownsampledView {
  /** Bucket width in ms: ceil((to - from + 1) / maxPoints), so there are at most maxPoints buckets. */
  bucketMs: number;
  /** Samples in the range, all buckets together. */
  samples: number;
  /** Buckets holding samples, oldest first; a bucket without samples is left out (a gap in the data). */
  buckets: TelemetryBucketView[];
}

export interface TelemetryBucketView {
  /** Bucket start, epoch ms; the bucket covers [ts, ts + bucketMs). */
  ts: number;
  /** Samples in the bucket. */
  n: number;
  min: TelemetryMetricValues;
  max: TelemetryMetricValues;
  mean: TelemetryMetricValues;
}

export interface TelemetryMetricValues {
  temperature: number;
  vibration: number;
  current: number;
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

/**
 * The disturbance map (server/line-states): each production line's state,
 * derived from its devices and from the lines around it. Precedence when
 * several apply: down > no-data > starved > blocked > degraded > running.
 */
export const LINE_STATES = ['running', 'degraded', 'down', 'starved', 'blocked', 'no-data'] as const;
export type LineState = (typeof LINE_STATES)[number];
/** What a reason does to its line ('running' is the absence of reasons). */
export type LineEffect = Exclude<LineState, 'running'>;

/** What sits at the end of a reason's chain. */
export const LINE_ROOT_CAUSES = ['work-order', 'device-stopped', 'anomaly', 'device-silent', 'no-devices'] as const;
export type LineRootCause = (typeof LINE_ROOT_CAUSES)[number];

/** One step of a reason's chain: lines first (this line, then its neighbours), then a device, then the root cause. */
export type LineChainLink =
  /** `state` is the part the line plays in this chain (its own tile may show a higher-ranking state). */
  | { kind: 'line'; id: string; name: string; state: LineEffect }
  | { kind: 'device'; id: string; name: string }
  | {
      kind: 'work-order';
      id: number;
      number: string;
      type: WorkOrderType;
      status: WorkOrderStatus;
      title: string;
      severity: Severity | null;
      stopsLine: boolean;
      /** Who works on it; null until orders carry an assignee. */
      assignee: string | null;
      /** The order's due time (epoch ms), or null. */
      expectedFinish: number | null;
    }
  | { kind: 'anomaly'; id: number; metric: Metric; severity: Severity; failureMode: FailureMode; startedAt: number }
  | { kind: 'device-stopped' }
  | { kind: 'device-silent'; liveness: 'offline' | 'never-seen'; lastSeenAt: number | null };

/** Why a line is in its state: the effect, the kind of root cause, and the path from this line to it. */
export interface LineReason {
  effect: LineEffect;
  cause: LineRootCause;
  /** Starts at this line; for starved/blocked it runs through the neighbouring lines to the root cause. */
  chain: LineChainLink[];
}

/** GET /api/lines/states (line order) and the SSE event 'line-state'. */
export interface LineStateView {
  id: string;
  name: string;
  siteId: string;
  state: LineState;
  /** Since when (epoch ms) the line is in this state, as far as this server has seen. */
  since: number;
  /** Most important first; reasons[0].effect === state unless running (no reasons). */
  reasons: LineReason[];
  /** reasons[0].chain, or [] while running: the chain the tile explains. */
  chain: LineChainLink[];
}

/** PUT /api/lines/:id/feeds -> LineView. Replaces the lines this line feeds (downstream). */
export interface SetLineFeedsRequest {
  feeds: string[];
}

/** One recorded change: a new state, or the same state with a different primary root cause. */
export interface LineStateChangeView {
  id: number;
  lineId: string;
  at: number;
  /** null for the first record of the line. */
  from: LineState | null;
  to: LineState;
  /** Root cause of the primary reason; null while running. */
  cause: LineRootCause | null;
  /** Which one: work-order number, anomaly id, device id or line id (no-devices); null while running. */
  causeRef: string | null;
  reasons: LineReason[];
}

/** Lost time attributed to one root cause (the primary reason while the line was down, starved or blocked). */
export interface LineLostTimeView {
  cause: LineRootCause;
  /** Which one (see LineStateChangeView.causeRef); null when only the kind is summed. */
  ref: string | null;
  downMs: number;
  starvedMs: number;
  blockedMs: number;
  totalMs: number;
}

export interface LineDowntimeView {
  lineId: string;
  name: string;
  siteId: string;
  /** Time in each state inside the window; time before the first record counts nowhere. */
  stateMs: Record<LineState, number>;
  /** down + starved + blocked. */
  lostMs: number;
  /** Lost time per root-cause kind, biggest first. */
  byCauseKind: LineLostTimeView[];
  /** Lost time per root cause (which work order, device, ...), biggest first. */
  byCause: LineLostTimeView[];
}

/** GET /api/lines/downtime?from&to (window clipped to now), lines in line order. */
export interface LineDowntimeReportView {
  from: number;
  to: number;
  lines: LineDowntimeView[];
}

/** GET /api/lines/:id/history?from&to: the changes inside the window, oldest first. */
export interface LineHistoryView {
  lineId: string;
  from: number;
  to: number;
  /** The state in force at `from`; null when nothing was recorded before. */
  stateAtFrom: LineState | null;
  changes: LineStateChangeView[];
  downtime: LineDowntimeView;
}

/** Server-sent events on GET /api/events: event name -> data. */
export interface ServerEvents {
  'work-order': { change: 'created' | 'updated' | 'occurrence'; workOrder: WorkOrderView };
  /** An order was assigned or reassigned (published after its 'work-order' update). */
  'work-order-assigned': WorkOrderAssignedEvent;
  anomaly: AnomalyView;
  /** Latest sample per device that reported since the last tick (about once a second). */
  telemetry: { points: Array<{ deviceId: string; ts: number; temperature: number; vibration: number; current: number }> };
  'dead-letter': DeadLetterView;
  /** A line's state or reasons changed (published only on change). */
  'line-state': LineStateView;
  /** A rule was saved (edited or created): the live detector reloads its rules. */
  'rules-changed': { ruleId: string; version: number; change: 'created' | 'updated' };
}

/**
 * POST /api/backtests: replays stored telemetry of some devices over [from, to]
 * through the stored rule templates ("current") and through a candidate set
 * (the stored ones with `changes` applied), side by side, with the live
 * detector and the live work-order dedupe (server/backtest).
 */
export interface BacktestRequest {
  /** Devices to replay; default: every device. */
  deviceIds?: string[];
  /** Sample time, inclusive: epoch ms or an ISO 8601 time. */
  from: number | string;
  to: number | string;
  /**
   * Rule templates that replace the stored template with the same id, or are
   * added when the id is new; the result is the candidate set. Disable a rule
   * with `enabled: false`. A rule as GET /api/rules returns it may be sent
   * as it is (updatedAt and updatedBy are ignored). Absent or empty: the
   * candidate equals the current set.
   */
  changes?: Array<Omit<import('../detection/types').RuleTemplate, 'enabled'> & { enabled?: boolean }>;
  /** Also score against the simulator's ground-truth log (data/ground-truth.jsonl). Default 'simulator'. */
  groundTruth?: 'simulator' | 'none';
  /** A would-be order closes this long (sample time) after its last anomaly cleared. Default 86 400 000 (24 h). */
  timeToCloseMs?: number;
}

/** One anomaly (raise to clear) of one rule on one device in a backtest. */
export interface BacktestAnomalyView {
  deviceId: string;
  metric: Metric;
  ruleId: string;
  ruleVersion: number;
  failureMode: FailureMode;
  /** First point of the breach that raised it. */
  startedAt: number;
  raisedAt: number;
  raisedValue: number;
  raisedLimit: number;
  /** Highest severity reached. */
  severity: Severity;
  escalatedAt: number | null;
  escalatedValue: number | null;
  /** null: still active at the end of the range. */
  clearedAt: number | null;
  clearedValue: number | null;
}

/** How a would-be order relates to the known faults. */
export type BacktestOrderVerdict = 'fault' | 'related' | 'false-alarm';

/** A work order the rule set would have raised (one per device + failure mode while open). */
export interface BacktestOrderView {
  /** `${deviceId}/${failureMode}@${openedAt}`: unique within one rule set's result. */
  ref: string;
  deviceId: string;
  failureMode: FailureMode;
  openedAt: number;
  /** Last anomaly cleared + timeToCloseMs; null: still open at the end of the range. */
  closedAt: number | null;
  occurrences: number;
  lastOccurrenceAt: number;
  /** Highest severity reached. */
  severity: Severity;
  openedBy: { ruleId: string; ruleVersion: number; metric: Metric; value: number; limit: number };
  /** 'fault': a detection fell in a known fault of this failure mode; 'related': in a known fault of another mode on the device; else a false alarm. */
  verdict: BacktestOrderVerdict;
  faultId: string | null;
}

/** A known fault and whether the rule set caught it. */
export interface BacktestFaultView {
  faultId: string;
  /** 'simulator': the ground-truth log; 'confirmed-order': a work order resolved or closed with a confirmed fault. */
  source: 'simulator' | 'confirmed-order';
  /** Simulator fault kind, or 'confirmed-order'. */
  kind: string;
  deviceId: string;
  failureMode: FailureMode;
  startAt: number;
  /** Caught only by a detection in [startAt, deadline]. */
  deadline: number;
  /** Lead time is measured to this instant: the simulated failure, or when live detection raised the confirmed order; null: no lead time (a jam). */
  referenceAt: number | null;
  caught: boolean;
  detectedAt: number | null;
  /** Whether the catching detection opened an order or added an occurrence to one already open. */
  via: 'opened' | 'occurrence' | null;
  orderRef: string | null;
  /** referenceAt - detectedAt (positive: earlier). */
  leadTimeMs: number | null;
}

export interface BacktestDeviceView {
  deviceId: string;
  points: number;
  anomalies: number;
  orders: number;
  falseAlarms: number;
  faultsKnown: number;
  faultsCaught: number;
}

export interface BacktestRuleSetView {
  /** Resolved rules over the replayed devices. */
  rules: number;
  summary: {
    anomalies: number;
    orders: number;
    faultsKnown: number;
    faultsCaught: number;
    /** Median over caught faults that have a referenceAt. */
    medianLeadTimeMs: number | null;
    falseAlarms: number;
    related: number;
  };
  perDevice: BacktestDeviceView[];
  /** Oldest first, at most 5 000 (`anomaliesTruncated`); counts are always complete. */
  anomalies: BacktestAnomalyView[];
  anomaliesTruncated: boolean;
  /** Oldest first, at most 5 000 (`ordersTruncated`). */
  orders: BacktestOrderView[];
  ordersTruncated: boolean;
  faults: BacktestFaultView[];
}

export interface BacktestOrderRefView {
  ref: string;
  deviceId: string;
  failureMode: FailureMode;
  openedAt: number;
  severity: Severity;
  verdict: BacktestOrderVerdict;
}

/** Orders matched across the two sets by device + failure mode and overlapping open time. */
export interface BacktestDiffView {
  /** Full counts; each list holds at most 5 000. */
  counts: { onlyCandidate: number; onlyCurrent: number; both: number };
  onlyCandidate: BacktestOrderRefView[];
  onlyCurrent: BacktestOrderRefView[];
  both: Array<{ candidate: BacktestOrderRefView; current: BacktestOrderRefView; openedEarlierByMs: number }>;
}

/** POST /api/backtests response. */
export interface BacktestResultView {
  from: number;
  to: number;
  deviceIds: string[];
  timeToCloseMs: number;
  /** Stored points replayed (each through both rule sets). */
  points: number;
  /** Ids of the templates `changes` replaced or added. */
  changedRuleIds: string[];
  knownFaults: { simulator: number; confirmedOrders: number };
  warnings: string[];
  current: BacktestRuleSetView;
  candidate: BacktestRuleSetView;
  diff: BacktestDiffView;
}

/** A mean duration over `count` orders; null when there were none. */
export interface KpiMeanView {
  ms: number | null;
  count: number;
}

/** SLA targets met vs missed (met late counts as missed); ratio null when none stopped. */
export interface KpiSlaTargetView {
  met: number;
  missed: number;
  ratio: number | null;
}

/** GET /api/kpis: maintenance KPIs over [from, to) for the devices in scope (definitions in server/kpis/kpi-compute.ts). */
export interface KpiView {
  from: number;
  to: number;
  filter: { siteId: string | null; lineId: string | null; deviceId: string | null };
  mtta: KpiMeanView;
  mttr: KpiMeanView;
  /** (observed ms × devices) / failures; null without failures. */
  mtbf: { ms: number | null; failures: number; devices: number; observedMs: number };
  slaAttainment: { response: KpiSlaTargetView; resolution: KpiSlaTargetView };
  backlog: { open: number; byPriority: Record<Priority, number>; trend: Array<{ at: number; open: number }> };
  rulePrecision: RulePrecisionView[];
}

/** A technician as orders refer to one. */
export interface TechnicianRef {
  id: string;
  name: string;
}

/** A certification a technician holds; `expiresAt` null = does not expire. */
export interface CertificationView {
  name: string;
  expiresAt: number | null;
  /** Expired at the time of the response: it no longer counts. */
  expired: boolean;
}

/** A technician's shift, in the site's time zone (same shape as the site calendar's shifts). */
export interface TechnicianShiftView {
  name?: string;
  days: Array<'sun' | 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat'>;
  /** "HH:MM" local; an end not after the start runs past midnight. */
  start: string;
  end: string;
}

/** Orders assigned to a technician that are still being worked. */
export interface TechnicianWorkloadView {
  /** assigned + in progress + on hold. */
  orders: number;
  assigned: number;
  inProgress: number;
  onHold: number;
  /** Priority-weighted load: P0 counts 8, P1 5, P2 3, P3 2, P4 1. */
  load: number;
}

/** GET /api/technicians, GET /api/technicians/:id */
export interface TechnicianView {
  id: string;
  name: string;
  siteId: string;
  skills: string[];
  certifications: CertificationView[];
  shifts: TechnicianShiftView[];
  /** Who escalations on this technician's orders go to; null = the site's supervisor. */
  supervisor: string | null;
  /** The API token name this person signs in with. */
  tokenName: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
  workload: TechnicianWorkloadView;
  /** On one of their shifts at the time of the response (site time zone, site holidays off). */
  onShift: boolean;
  /** When their next shift starts (now while on shift); null without shifts. */
  nextShiftAt: number | null;
}

/** Certification as sent: `expiresAt` epoch ms or an ISO 8601 date/time; absent or null = does not expire. */
export interface CertificationInput {
  name: string;
  expiresAt?: number | string | null;
}

/** POST /api/technicians */
export interface CreateTechnicianRequest {
  id: string;
  name: string;
  siteId: string;
  skills?: string[];
  certifications?: CertificationInput[];
  shifts?: TechnicianShiftView[];
  supervisor?: string | null;
  tokenName?: string | null;
}

/** PATCH /api/technicians/:id: the fields given replace the stored ones. */
export type UpdateTechnicianRequest = Partial<Omit<CreateTechnicianRequest, 'id'>> & { active?: boolean };

/** One line of a candidate's score. */
export interface CandidateScoreLine {
  factor: 'skills' | 'availability' | 'workload';
  points: number;
  /** "has mechanical, vibration-analysis (2 of 2)", "on shift now", "3 open orders (load 9)". */
  reason: string;
}

/** A technician who may take the order, with why they rank where they do. */
export interface AssignmentCandidateView {
  technician: TechnicianRef;
  score: number;
  onShift: boolean;
  nextShiftAt: number | null;
  matchedSkills: string[];
  missingSkills: string[];
  workload: TechnicianWorkloadView;
  breakdown: CandidateScoreLine[];
  /** Notes that do not change the score, e.g. "high-voltage expires 2026-04-01". */
  notes: string[];
}

/** A technician who cannot take the order, and every reason why. */
export interface ExcludedTechnicianView {
  technician: TechnicianRef;
  reasons: string[];
}

/** GET /api/work-orders/:id/assignment-candidates: best first; `excluded` by name. */
export interface AssignmentCandidatesView {
  workOrderId: number;
  evaluatedAt: number;
  requiredCertifications: string[];
  requiredSkills: string[];
  assignee: TechnicianRef | null;
  candidates: AssignmentCandidateView[];
  excluded: ExcludedTechnicianView[];
}

/** POST /api/work-orders/:id/assign: exactly one of a named technician or `auto: true` (the top candidate). */
export interface AssignRequest {
  technicianId?: string;
  auto?: true;
  note?: string;
  actor?: string;
}

/** PUT /api/work-orders/:id/requirements */
export interface SetRequirementsRequest {
  certifications: string[];
  skills: string[];
  note?: string;
  actor?: string;
}

/** SSE 'work-order-assigned' (and for bus subscribers such as webhooks). */
export interface WorkOrderAssignedEvent {
  workOrder: WorkOrderView;
  from: TechnicianRef | null;
  to: TechnicianRef;
  by: string;
  /** Picked as the top candidate rather than named. */
  auto: boolean;
  note: string | null;
}

/** An outgoing webhook (server/webhooks); the secret is never shown after creation. */
export interface WebhookView {
  id: number;
  url: string;
  /** Event types it receives (README "Webhooks"); ["*"] = all. */
  events: string[];
  description: string;
  /** Inactive webhooks get no new deliveries; their pending ones fail. */
  active: boolean;
  createdAt: number;
  createdBy: string;
}

/** POST /api/webhooks -> 201: the webhook and its signing secret, shown only in this response. */
export interface CreatedWebhookView extends WebhookView {
  secret: string;
}

/** One delivery of one event to one webhook: the delivery log (GET /api/webhooks/:id/deliveries, newest first). */
export interface WebhookDeliveryView {
  id: number;
  webhookId: number;
  /** The event type, e.g. work-order.created. */
  event: string;
  /** The event's id in the body (the same in a redelivery). */
  eventId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  /** HTTP status of the last attempt; null when there was no response (refused, timed out). */
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  /** The JSON body sent, parsed. */
  payload: unknown;
}

/**
 * When a maintenance plan is due. calendar: every `everyDays` days, the first
 * at `firstDueAt` (default: `everyDays` after the plan was created); the order
 * opens `leadDays` before it is due. running-hours: every `everyHours` hours
 * the device runs, the first at `firstDueHours` on the device's counter
 * (default: its hours when the plan was created + `everyHours`); the order
 * opens `leadHours` of running before.
 */
export type MaintenanceTrigger =
  | { kind: 'calendar'; everyDays: number; leadDays: number; firstDueAt?: number | null }
  | { kind: 'running-hours'; everyHours: number; leadHours: number; firstDueHours?: number | null };

/** As sent: the lead defaults to 0; `firstDueAt` is epoch ms or an ISO 8601 date ("2026-06-01", midnight UTC) or time. */
export type MaintenanceTriggerInput =
  | { kind: 'calendar'; everyDays: number; leadDays?: number; firstDueAt?: number | string | null }
  | { kind: 'running-hours'; everyHours: number; leadHours?: number; firstDueHours?: number | null };

/** When the plan's next order is due, counted from `basis`; null in MaintenancePlanView while its order is still open. */
export interface MaintenancePlanNextView {
  /** 'plan-start' (no order yet), 'first-due', 'completion' (of the last order), 'cancelled' (from the cancelled order's due). */
  basis: 'plan-start' | 'first-due' | 'completion' | 'cancelled';
  /** calendar: when it is due and when the order opens; null for running-hours plans. */
  dueAt: number | null;
  opensAt: number | null;
  /** running-hours: the device's counter when it is due and when the order opens; null for calendar plans. */
  dueRunningHours: number | null;
  opensAtRunningHours: number | null;
  /** Running hours until due (negative when overdue); null for calendar plans. */
  runningHoursLeft: number | null;
}

/** The plan's latest order. */
export interface MaintenancePlanOrderRef {
  id: number;
  number: string;
  status: WorkOrderStatus;
  dueAt: number | null;
  createdAt: number;
}

/** GET /api/maintenance-plans, GET /api/maintenance-plans/:id */
export interface MaintenancePlanView {
  id: string;
  deviceId: string;
  lineId: string;
  title: string;
  description: string;
  trigger: MaintenanceTrigger;
  requiredSkills: string[];
  requiredCertifications: string[];
  /** Priority its orders get (an override with the plan as reason); null = computed. */
  priority: Priority | null;
  enabled: boolean;
  /** The device's running hours now. */
  runningHours: number;
  next: MaintenancePlanNextView | null;
  lastOrder: MaintenancePlanOrderRef | null;
  /** When the last order was completed, and the device's running hours then; null before. */
  lastDoneAt: number | null;
  lastDoneRunningHours: number | null;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
}

/** POST /api/maintenance-plans */
export interface CreateMaintenancePlanRequest {
  /** Default: generated ("mp-" and 8 hex digits). */
  id?: string;
  deviceId: string;
  title: string;
  description?: string;
  trigger: MaintenanceTriggerInput;
  requiredSkills?: string[];
  requiredCertifications?: string[];
  priority?: Priority | null;
  enabled?: boolean;
  actor?: string;
}

/** PATCH /api/maintenance-plans/:id: the fields given replace the stored ones (the trigger as a whole). */
export type UpdateMaintenancePlanRequest = Partial<Omit<CreateMaintenancePlanRequest, 'id' | 'deviceId'>>;
