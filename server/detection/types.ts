/**
 * Detection vocabulary shared by the live ingest path and (later) backtests.
 * The detector is pure: points in, anomaly events out, no I/O, no clock.
 */
import type { Metric } from '../../contract/metrics';

export type Severity = 'warn' | 'alarm';

/** What a rule's breach most likely means on the machine; work orders dedupe on (device, failureMode). */
export type FailureMode = 'vibration-high' | 'overheating' | 'overcurrent' | 'undercurrent' | 'temperature-low';

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
  id: string;
  version: number;
  scope: { kind: 'class'; equipmentClass: import('../../contract/plant').EquipmentClass } | { kind: 'device'; deviceId: string };
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
