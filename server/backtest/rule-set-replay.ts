/**
 * One rule set replayed over stored points: the live detector
 * (createDetector, exactly as LiveTelemetry builds it), then the would-be
 * orders (order-replay.ts) and the anomaly list. Pure: points in, results out.
 *
 * Points must come in time order per device (devices may interleave or come
 * one after another: detector state is per device). Like live detection, a
 * point not newer than the previous one of its device is ignored by the
 * detector. Detector state starts empty: an anomaly already active when the
 * range starts is raised again once its minimum duration has passed.
 *
 * Time passes per device as live: before each point the device's rules are
 * ticked through the time since its previous point in REPLAY_TICK_MS steps
 * (no-data rules raise on a silence, flapping holds are released), and
 * finish(to) ticks every device seen up to `to`.
 */
import type { TelemetryPoint } from '../../contract/telemetry';
import { createDetector } from '../detection/detector';
import type { AnomalyEvent, ThresholdRule } from '../detection/types';
import type { BacktestAnomalyView } from '../http/api-types';
import { createAnomalyLog, createOrderBook, DEFAULT_TIME_TO_CLOSE_MS, type ReplayOrder } from './order-replay';

/** Longest list of anomalies or orders a result carries; counts stay complete. */
export const MAX_LISTED = 5000;

/** Step of replayed time between ticks of a device's rules (the live loop ticks once a second of wall time). */
export const REPLAY_TICK_MS = 10_000;

export interface RuleSetReplayOptions {
  timeToCloseMs?: number;
  maxListed?: number;
  /** Every detector event, as it happens (tests compare them with live detection). */
  onEvent?: (event: AnomalyEvent) => void;
}

export interface RuleSetReplayResult {
  rules: number;
  anomalies: BacktestAnomalyView[];
  anomalyCount: number;
  anomaliesTruncated: boolean;
  anomaliesByDevice: Map<string, number>;
  orders: ReplayOrder[];
}

export interface RuleSetReplay {
  observe(point: TelemetryPoint): void;
  /** Ends the replay at `to` (closes orders whose time has come) and returns the results. */
  finish(to: number): RuleSetReplayResult;
}

export function createRuleSetReplay(rules: readonly ThresholdRule[], options: RuleSetReplayOptions = {}): RuleSetReplay {
  const detector = createDetector(rules);
  const book = createOrderBook(options.timeToCloseMs ?? DEFAULT_TIME_TO_CLOSE_MS);
  const log = createAnomalyLog(options.maxListed ?? MAX_LISTED);
  const byDevice = new Map<string, number>();
  const onEvent = options.onEvent;
  const apply = (events: readonly AnomalyEvent[]) => {
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      onEvent?.(e);
      if (e.type === 'raised') byDevice.set(e.deviceId, (byDevice.get(e.deviceId) ?? 0) + 1);
      log.apply(e);
      book.apply(e);
    }
  };
  // Per device: the next replayed time its rules are due a tick.
  const nextTick = new Map<string, number>();
  const tickUntil = (deviceId: string, until: number) => {
    let t = nextTick.get(deviceId);
    if (t === undefined) {
      nextTick.set(deviceId, until);
      return;
    }
    for (; t < until; t += REPLAY_TICK_MS) apply(detector.tick(t, deviceId));
    nextTick.set(deviceId, t);
  };
  return {
    observe(point) {
      tickUntil(point.deviceId, point.ts);
      apply(detector.observe(point));
    },
    finish(to) {
      for (const deviceId of nextTick.keys()) tickUntil(deviceId, to + 1);
      return {
        rules: rules.length,
        anomalies: log.list(),
        anomalyCount: log.count,
        anomaliesTruncated: log.truncated,
        anomaliesByDevice: byDevice,
        orders: book.finish(to),
      };
    },
  };
}
