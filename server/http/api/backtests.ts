import type { Metric } from '../../../contract/metrics';
import type { FailureMode, Severity } from '../../detection/types';

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
  changes?: Array<Omit<import('../../detection/types').RuleTemplate, 'enabled'> & { enabled?: boolean }>;
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
