/**
 * Detection vocabulary shared by the live ingest path and (later) backtests.
 * The detector is pure: points in, anomaly events out, no I/O, no clock.
 */
import type { Metric } from '../../contract/metrics';
import type { EquipmentClass } from '../../contract/plant';

export type Severity = 'warn' | 'alarm';

/**
 * What a rule's breach most likely means on the machine; work orders dedupe on (device, failureMode).
 * 'no-data' is a device that fell silent (sensor, cable, agent or network), the failure mode of no-data rules.
 */
export type FailureMode = 'vibration-high' | 'overheating' | 'overcurrent' | 'undercurrent' | 'temperature-low' | 'no-data';

/**
 * A static threshold rule for one metric of one device, with limits resolved
 * to absolute numbers in the metric's unit.
 *
 * direction 'above': warn when value >= warn, alarm when value >= alarm.
 * The condition must hold for minDurationMs before the anomaly is raised (or
 * escalated). Once raised, it clears only when the value stays below `clear`
 * (hysteresis: clear < warn) for clearDurationMs.
 * direction 'below' mirrors all comparisons (clear > warn > alarm).
 */
export interface ThresholdRule {
  /**
   * What the rule watches (absent = 'threshold'). For the other kinds the
   * numbers warn/alarm/clear keep their roles (raise, escalate, clear with
   * hysteresis) on a derived series, see RuleKind.
   */
  kind?: RuleKind;
  /** The kind's own parameters, limits resolved to absolute numbers; absent for 'threshold'. */
  params?: RuleParams;
  /** Optional flapping suppression, applicable to every kind. */
  flapping?: FlappingSettings;
  id: string;
  /** Increases each time the rule is edited. */
  version: number;
  deviceId: string;
  metric: Metric;
  direction: 'above' | 'below';
  warn: number;
  alarm: number;
  clear: number;
  minDurationMs: number;
  clearDurationMs: number;
  failureMode: FailureMode;
}

/**
 * What a rule watches; warn/alarm/clear mean, per kind:
 * - 'threshold': levels of the metric itself (on the template's basis).
 * - 'adaptive-baseline': multiples of σ above (or below) the device's own
 *   EWMA baseline of the metric.
 * - 'trend-to-limit': hours until a fitted trend reaches the limit: warn when
 *   the predicted breach is within `warn` h (the horizon), alarm within
 *   `alarm` h, cleared once it is beyond `clear` h (clear > warn > alarm).
 * - 'rate-of-change': change per minute (a least-squares slope), rising for
 *   'above', falling for 'below'.
 * - 'no-data' (deadman): seconds without a sample of the device before warn
 *   and before alarm; clear is 0 (the next sample clears it).
 * - 'unsupervised': anomaly scores (0..1) of the streaming unsupervised
 *   scorer (unsupervised/anomaly-scorer.ts); off by default.
 */
export type RuleKind = 'threshold' | 'adaptive-baseline' | 'trend-to-limit' | 'rate-of-change' | 'no-data' | 'unsupervised';

export interface AdaptiveBaselineParams {
  /** EWMA span in points: alpha = 2 / (windowPoints + 1). */
  windowPoints: number;
  /** Points learnt before the rule may raise anything. */
  warmupPoints: number;
  /** Lower bound of σ in the metric's unit, so a very steady signal does not alarm on noise. */
  minSigma: number;
  /** While the value is outside the clear band the baseline learns this much slower (0 = frozen). */
  anomalousLearningRate: number;
}

export interface TrendToLimitParams {
  /** The regression window; points are averaged into `buckets` equal slices of it. */
  windowMs: number;
  buckets: number;
  /** Filled buckets needed before a prediction counts. */
  minPoints: number;
  /** Minimum coefficient of determination of the fit. */
  minR2: number;
  /**
   * The level whose crossing is predicted, on the template's basis. Absent:
   * the alarm level of the device's threshold rule for the same metric and
   * direction. Resolved rules always carry the absolute number.
   */
  limit?: number;
}

export interface RateOfChangeParams {
  /** The slope is fitted over this window (12 equal buckets). */
  windowMs: number;
}

/** The parameters of a kind; which one a rule carries follows from its `kind`. */
export type RuleParams = AdaptiveBaselineParams | TrendToLimitParams | RateOfChangeParams;

/** A template's params as stored and edited: the fields of its kind (checked by the rule schema). */
export type TemplateParams = Partial<AdaptiveBaselineParams & TrendToLimitParams & RateOfChangeParams>;

/** The parameters each kind carries (none for 'threshold' and 'no-data'). */
export interface ParamsOfKind {
  'adaptive-baseline': AdaptiveBaselineParams;
  'trend-to-limit': TrendToLimitParams;
  'rate-of-change': RateOfChangeParams;
}

/**
 * Flapping suppression: a rule that raises more than `maxRaises` times within
 * `windowMs` is held raised (one 'raised' event with flapping: true) instead
 * of emitting more raise/clear pairs; it is released (cleared, if the
 * condition is gone) after `quietMs` without a raise or clear underneath.
 */
export interface FlappingSettings {
  maxRaises: number;
  windowMs: number;
  quietMs: number;
}

/** A predicted limit crossing (trend-to-limit). */
export interface Prediction {
  /** When the fitted trend reaches the limit (epoch ms); the event's ts when already there. */
  predictedBreachAt: number;
  /** The absolute limit in the metric's unit. */
  limit: number;
  /** Fitted slope in the metric's unit per hour. */
  slopePerHour: number;
  r2: number;
  windowMs: number;
}

export type AnomalyEventType = 'raised' | 'escalated' | 'deescalated' | 'cleared';

export interface AnomalyEvent {
  type: AnomalyEventType;
  deviceId: string;
  metric: Metric;
  ruleId: string;
  ruleVersion: number;
  failureMode: FailureMode;
  /** Severity after this event (for 'cleared', the last severity held). */
  severity: Severity;
  /** Timestamp (epoch ms) of the point that caused the event. */
  ts: number;
  /** When the condition that raised the anomaly started (epoch ms). */
  startedAt: number;
  /** The value that caused the event. */
  value: number;
  /** The limit that was crossed (warn or alarm), or the clear level for 'cleared'. */
  limit: number;
  /** Evidence snapshot: recent [ts, value] pairs of this metric, oldest first. */
  recent: Array<[number, number]>;
  /** The rule's kind when not 'threshold'. */
  kind?: RuleKind;
  /**
   * For kinds other than 'threshold', what was judged, in words (e.g. "rising
   * 2.4 °C/min, limit 2 °C/min"); `value` stays the metric's value, `limit` is
   * the level in the metric's unit where one exists.
   */
  detail?: string;
  /** trend-to-limit: the prediction behind the event. */
  prediction?: Prediction;
  /** Set on the one event that marks a rule as flapping (it is then held raised). */
  flapping?: boolean;
}

/**
 * How a rule template's warn/alarm/clear numbers turn into a device's limits:
 * - 'absolute': used as they are, in the metric's unit.
 * - 'rated-current': multiples of the device's nameplate current (1.15 = 115 %).
 * - 'insulation-margin': °C below the device's insulation-class limit (class F = 155 °C).
 * - 'iso-10816-rigid': mm/s zone boundaries for a rigid foundation; on a
 *   flexible foundation they are multiplied by 1.6 (the next zone step of ISO 10816-3).
 */
export type LimitBasis = 'absolute' | 'rated-current' | 'insulation-margin' | 'iso-10816-rigid';

/** A rule as stored and edited: per equipment class (default) or per device (override). */
export interface RuleTemplate {
  /** Stored rules saved before kinds existed have none: they load as 'threshold'. */
  kind: RuleKind;
  /** The kind's parameters: every kind but 'threshold' and 'no-data' has them (which fields: ParamsOfKind). */
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
}
