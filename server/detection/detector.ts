/**
 * The detector the ingest path (and backtests) feed every point through: one
 * SeriesDetector per (device, rule), of the rule's kind (threshold,
 * adaptive-baseline, trend-to-limit, rate-of-change, no-data; see
 * create-series-detector.ts), indexed by device so a point only touches its
 * own device's rules.
 *
 * tick(now) lets time pass without points: no-data rules raise on it and
 * flapping holds are released. The live loop calls it on a timer, a backtest
 * as its replay time advances; `now` is on the same time axis as the points.
 *
 * observe() allocates nothing when no event fires (it returns a shared, frozen
 * empty array); treat the result as read-only.
 *
 * setRules() semantics:
 * - A rule whose every field is unchanged (normally: same id and version for
 *   the same device) keeps its state: active anomaly, pending timers, evidence.
 * - A changed rule starts over with fresh state, so its limits apply from the
 *   next point on; it keeps the series' evidence ring and last-seen timestamp.
 *   A rule also counts as changed when its resolved limits moved with the same
 *   version (e.g. the device's nameplate current was edited).
 * - If a changed or removed rule had an active anomaly, setRules returns a
 *   'cleared' event for it (ts and value of the last point seen, limit = old
 *   clear level, old ruleVersion). Otherwise consumers would hold an anomaly
 *   that no detector can ever clear. If the condition still holds under the
 *   new rule, the new rule raises a new anomaly after its own minDurationMs;
 *   work orders dedupe on (device, failureMode), so the open order continues.
 * - setRules is all-or-nothing: an invalid or duplicated rule throws and the
 *   previous rules stay in force.
 */
import type { Metric } from '../../contract/metrics';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createSeriesDetector } from './create-series-detector';
import type { SeriesDetector } from './series-detector';
import type { ThresholdDetectorOptions } from './threshold-detector';
import type { AnomalyEvent, FailureMode, Severity, ThresholdRule } from './types';

export type DetectorOptions = ThresholdDetectorOptions;

export interface ActiveAnomaly {
  ruleId: string;
  ruleVersion: number;
  deviceId: string;
  metric: Metric;
  failureMode: FailureMode;
  severity: Severity;
  startedAt: number;
}

export interface Detector {
  /** Feeds one point to its device's rules; returns the events it caused (usually none). */
  observe(point: TelemetryPoint): readonly AnomalyEvent[];
  /** Replaces the rule set; returns 'cleared' events for active anomalies of changed or removed rules. */
  setRules(rules: readonly ThresholdRule[]): AnomalyEvent[];
  /**
   * Lets time pass to `now` (point time) for every device, or for one device
   * (a replay that reads devices one after another); returns the events of
   * rules that act on silence.
   */
  tick(now: number, deviceId?: string): readonly AnomalyEvent[];
  activeAnomalies(): ActiveAnomaly[];
}

const NO_EVENTS: readonly AnomalyEvent[] = Object.freeze([]);

/** Detector state is per (device, rule id): one template resolves to the same rule id on many devices. */
const stateKey = (rule: ThresholdRule): string => `${rule.deviceId}\u0000${rule.id}`;

function sameRule(a: ThresholdRule, b: ThresholdRule): boolean {
  return (
    a.id === b.id &&
    a.version === b.version &&
    a.deviceId === b.deviceId &&
    a.metric === b.metric &&
    a.direction === b.direction &&
    a.warn === b.warn &&
    a.alarm === b.alarm &&
    a.clear === b.clear &&
    a.minDurationMs === b.minDurationMs &&
    a.clearDurationMs === b.clearDurationMs &&
    a.failureMode === b.failureMode &&
    (a.kind ?? 'threshold') === (b.kind ?? 'threshold') &&
    JSON.stringify(a.params) === JSON.stringify(b.params) &&
    JSON.stringify(a.flapping) === JSON.stringify(b.flapping)
  );
}

export function createDetector(rules: readonly ThresholdRule[] = [], options: DetectorOptions = {}): Detector {
  let byKey = new Map<string, SeriesDetector>();
  let byDevice = new Map<string, SeriesDetector[]>();
  let tickers: SeriesDetector[] = [];
  let tickersByDevice = new Map<string, SeriesDetector[]>();

  const setRules = (next: readonly ThresholdRule[]): AnomalyEvent[] => {
    const nextByKey = new Map<string, SeriesDetector>();
    const nextByDevice = new Map<string, SeriesDetector[]>();
    const nextTickers: SeriesDetector[] = [];
    const retired: AnomalyEvent[] = [];
    for (const rule of next) {
      const key = stateKey(rule);
      if (nextByKey.has(key)) throw new Error(`rule ${rule.id} appears twice for device ${rule.deviceId}`);
      const old = byKey.get(key);
      let detector: SeriesDetector;
      if (old && sameRule(old.rule, rule)) {
        detector = old;
      } else {
        detector = createSeriesDetector(rule, options);
        if (old) {
          detector.adoptHistory(old);
          const event = old.retirementEvent();
          if (event) retired.push(event);
        }
      }
      nextByKey.set(key, detector);
      if (detector.tick) nextTickers.push(detector);
      const list = nextByDevice.get(rule.deviceId);
      if (list) list.push(detector);
      else nextByDevice.set(rule.deviceId, [detector]);
    }
    for (const [key, old] of byKey) {
      if (nextByKey.has(key)) continue;
      const event = old.retirementEvent();
      if (event) retired.push(event);
    }
    byKey = nextByKey;
    byDevice = nextByDevice;
    tickers = nextTickers;
    tickersByDevice = new Map();
    for (const d of nextTickers) {
      const list = tickersByDevice.get(d.rule.deviceId);
      if (list) list.push(d);
      else tickersByDevice.set(d.rule.deviceId, [d]);
    }
    return retired;
  };

  setRules(rules);

  return {
    observe(point) {
      const detectors = byDevice.get(point.deviceId);
      if (detectors === undefined) return NO_EVENTS;
      let events: AnomalyEvent[] | undefined;
      for (let i = 0; i < detectors.length; i++) {
        const d = detectors[i]!;
        const event = d.observe(point.ts, point[d.metric]);
        if (event !== null) (events ??= []).push(event);
      }
      return events ?? NO_EVENTS;
    },
    setRules,
    tick(now, deviceId) {
      const list = deviceId === undefined ? tickers : tickersByDevice.get(deviceId);
      if (list === undefined) return NO_EVENTS;
      let events: AnomalyEvent[] | undefined;
      for (let i = 0; i < list.length; i++) {
        const event = list[i]!.tick!(now);
        if (event !== null) (events ??= []).push(event);
      }
      return events ?? NO_EVENTS;
    },
    activeAnomalies() {
      const out: ActiveAnomaly[] = [];
      for (const d of byKey.values()) {
        const active = d.active;
        if (active === null) continue;
        const r = d.rule;
        out.push({ ruleId: r.id, ruleVersion: r.version, deviceId: r.deviceId, metric: r.metric, failureMode: r.failureMode, ...active });
      }
      return out;
    },
  };
}
