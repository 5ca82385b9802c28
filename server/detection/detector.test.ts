import { describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createDetector, type Detector } from './detector';
import type { AnomalyEvent, ThresholdRule } from './types';

const T0 = 1_760_000_000_000;
const MIN = 60_000;

const rule = (deviceId: string, over: Partial<ThresholdRule> = {}): ThresholdRule => ({
  id: 'class.pump.vibration',
  version: 1,
  deviceId,
  metric: 'vibration',
  direction: 'above',
  warn: 2.8,
  alarm: 4.5,
  clear: 2.3,
  minDurationMs: 5 * MIN,
  clearDurationMs: 10 * MIN,
  failureMode: 'vibration-high',
  ...over,
});

const temperatureRule = (deviceId: string): ThresholdRule =>
  rule(deviceId, { id: 'class.pump.temperature', metric: 'temperature', warn: 95, alarm: 110, clear: 90, failureMode: 'overheating' });
const currentRule = (deviceId: string): ThresholdRule =>
  rule(deviceId, { id: 'class.pump.current', metric: 'current', warn: 30.8, alarm: 35, clear: 29.4, minDurationMs: 30_000, clearDurationMs: 120_000, failureMode: 'overcurrent' });

const point = (deviceId: string, minute: number, over: Partial<TelemetryPoint> = {}): TelemetryPoint => ({
  deviceId,
  seq: minute,
  ts: T0 + minute * MIN,
  temperature: 60,
  vibration: 1.5,
  current: 25,
  ...over,
});

/** Feeds minutes [from, to) for one device with the given readings; returns all events. */
function run(det: Detector, deviceId: string, from: number, to: number, over: Partial<TelemetryPoint> = {}): AnomalyEvent[] {
  const events: AnomalyEvent[] = [];
  for (let m = from; m < to; m++) events.push(...det.observe(point(deviceId, m, over)));
  return events;
}

describe('detector routing', () => {
  it("sends a point only to its own device's rules", () => {
    const det = createDetector([rule('P-101'), rule('P-104')]);
    const events = run(det, 'P-104', 0, 10, { vibration: 3.5 });
    expect(events.map((e) => [e.type, e.deviceId])).toEqual([['raised', 'P-104']]);
    expect(det.activeAnomalies().map((a) => a.deviceId)).toEqual(['P-104']);
    // P-101 has seen nothing: its own normal points raise nothing and it is not active.
    expect(run(det, 'P-101', 0, 10)).toEqual([]);
  });

  it('returns no events for a device without rules', () => {
    const det = createDetector([rule('P-104')]);
    expect(det.observe(point('X-1', 0, { vibration: 99 }))).toHaveLength(0);
  });

  it('evaluates every rule of a device on each point, each on its own metric', () => {
    const det = createDetector([rule('P-104'), temperatureRule('P-104'), currentRule('P-104')]);
    // Vibration and temperature normal; current at 33 A (between warn 30.8 and alarm 35).
    const events = run(det, 'P-104', 0, 3, { current: 33 });
    expect(events.map((e) => [e.type, e.metric, e.severity, e.limit])).toEqual([['raised', 'current', 'warn', 30.8]]);
    // Now temperature also breaches; vibration still normal.
    const more = run(det, 'P-104', 3, 10, { current: 33, temperature: 100 });
    expect(more.map((e) => [e.type, e.metric, e.ts])).toEqual([['raised', 'temperature', T0 + 8 * MIN]]);
    expect(det.activeAnomalies().map((a) => a.metric).sort()).toEqual(['current', 'temperature']);
  });

  it('keeps separate state per device for the same rule id', () => {
    const det = createDetector([rule('P-101'), rule('P-104')]);
    run(det, 'P-101', 0, 3, { vibration: 3.5 });
    const p104 = run(det, 'P-104', 3, 9, { vibration: 3.5 });
    expect(p104.map((e) => [e.deviceId, e.startedAt])).toEqual([['P-104', T0 + 3 * MIN]]);
  });

  it('lists active anomalies with rule, device, metric, failure mode, severity and start', () => {
    const det = createDetector([rule('P-104', { minDurationMs: 0 })]);
    run(det, 'P-104', 0, 2, { vibration: 5 });
    expect(det.activeAnomalies()).toEqual([
      {
        ruleId: 'class.pump.vibration',
        ruleVersion: 1,
        deviceId: 'P-104',
        metric: 'vibration',
        failureMode: 'vibration-high',
        severity: 'alarm',
        startedAt: T0,
      },
    ]);
  });
});

describe('detector setRules', () => {
  it('keeps the state of unchanged rules (same id and version, fresh objects)', () => {
    const det = createDetector([rule('P-104'), temperatureRule('P-104')]);
    run(det, 'P-104', 0, 6, { vibration: 3.5 });
    expect(det.setRules([rule('P-104'), temperatureRule('P-104')])).toEqual([]);
    expect(det.activeAnomalies()).toMatchObject([{ ruleId: 'class.pump.vibration', startedAt: T0 }]);
    // Still the same anomaly: no second raise while the breach continues, and it clears normally.
    expect(run(det, 'P-104', 6, 20, { vibration: 3.5 })).toEqual([]);
    const cleared = run(det, 'P-104', 20, 31, { vibration: 1.0 });
    expect(cleared.map((e) => [e.type, e.startedAt, e.ts])).toEqual([['cleared', T0, T0 + 30 * MIN]]);
  });

  it('keeps pending timers of unchanged rules', () => {
    const det = createDetector([rule('P-104')]);
    run(det, 'P-104', 0, 3, { vibration: 3.5 });
    det.setRules([rule('P-104')]);
    expect(run(det, 'P-104', 3, 6, { vibration: 3.5 }).map((e) => [e.type, e.startedAt])).toEqual([['raised', T0]]);
  });

  it('clears the active anomaly of a changed rule and starts the new version from scratch', () => {
    const det = createDetector([rule('P-104')]);
    run(det, 'P-104', 0, 8, { vibration: 3.5 });
    const retired = det.setRules([rule('P-104', { version: 2, warn: 3.0, clear: 2.5 })]);
    expect(retired).toHaveLength(1);
    expect(retired[0]).toMatchObject({ type: 'cleared', ruleVersion: 1, severity: 'warn', startedAt: T0, ts: T0 + 7 * MIN, value: 3.5, limit: 2.3 });
    expect(det.activeAnomalies()).toEqual([]);
    // The breach continues: version 2 raises after its own minDuration, as a new anomaly.
    const events = run(det, 'P-104', 8, 14, { vibration: 3.5 });
    expect(events.map((e) => [e.type, e.ruleVersion, e.startedAt, e.ts, e.limit])).toEqual([['raised', 2, T0 + 8 * MIN, T0 + 13 * MIN, 3.0]]);
    // Evidence of the series carries over the rule change.
    expect(events[0]!.recent[0]).toEqual([T0, 3.5]);
    expect(events[0]!.recent).toHaveLength(14);
  });

  it('treats a rule whose limits moved under the same version as changed', () => {
    const det = createDetector([rule('P-104', { minDurationMs: 0 })]);
    run(det, 'P-104', 0, 1, { vibration: 3.5 });
    expect(det.setRules([rule('P-104', { minDurationMs: 0, warn: 4.0, clear: 3.0 })])).toHaveLength(1);
  });

  it('changing an inactive rule emits nothing and keeps ignoring points already seen', () => {
    const det = createDetector([rule('P-104', { minDurationMs: 0 })]);
    run(det, 'P-104', 0, 5);
    expect(det.setRules([rule('P-104', { version: 2, minDurationMs: 0 })])).toEqual([]);
    expect(det.observe(point('P-104', 4, { vibration: 9 }))).toHaveLength(0); // replayed point
    expect(det.observe(point('P-104', 5, { vibration: 9 }))).toHaveLength(1);
  });

  it('clears the active anomaly of a removed rule, which then sees no more points', () => {
    const det = createDetector([rule('P-104', { minDurationMs: 0 }), temperatureRule('P-104')]);
    run(det, 'P-104', 0, 2, { vibration: 5 });
    const retired = det.setRules([temperatureRule('P-104')]);
    expect(retired.map((e) => [e.type, e.ruleId, e.severity])).toEqual([['cleared', 'class.pump.vibration', 'alarm']]);
    expect(run(det, 'P-104', 2, 20, { vibration: 5 })).toEqual([]);
  });

  it('starts new rules on the next point', () => {
    const det = createDetector([]);
    expect(run(det, 'P-104', 0, 3, { vibration: 5 })).toEqual([]);
    det.setRules([rule('P-104', { minDurationMs: 0 })]);
    expect(run(det, 'P-104', 3, 4, { vibration: 5 }).map((e) => e.type)).toEqual(['raised']);
  });

  it('rejects a duplicated or invalid rule set and keeps the previous rules in force', () => {
    const det = createDetector([rule('P-104', { minDurationMs: 0 })]);
    run(det, 'P-104', 0, 1, { vibration: 3.5 });
    expect(() => det.setRules([rule('P-104'), rule('P-104', { version: 2 })])).toThrowError(/appears twice for device P-104/);
    expect(() => det.setRules([rule('P-104', { version: 2, clear: 3.0 })])).toThrowError(/clear \(3\) must be below warn/);
    expect(det.activeAnomalies()).toMatchObject([{ ruleVersion: 1, startedAt: T0 }]);
  });
});

describe('detector with rule kinds', () => {
  const noData = (deviceId: string): ThresholdRule => ({
    ...rule(deviceId, { id: 'dev.no-data', kind: 'no-data', warn: 300, alarm: 900, clear: 0, minDurationMs: 0, clearDurationMs: 0 }),
  });

  it('tick raises no-data only for the silent device, and a sample clears it', () => {
    const det = createDetector([rule('P-101'), noData('P-101'), noData('P-104')]);
    run(det, 'P-101', 0, 10);
    run(det, 'P-104', 0, 3);
    const events = det.tick(T0 + 9 * MIN);
    expect(events.map((e) => [e.type, e.deviceId, e.kind, e.startedAt])).toEqual([['raised', 'P-104', 'no-data', T0 + 2 * MIN]]);
    expect(det.tick(T0 + 9 * MIN + 1000)).toHaveLength(0);
    expect(det.activeAnomalies().map((a) => [a.deviceId, a.ruleId])).toEqual([['P-104', 'dev.no-data']]);
    expect(run(det, 'P-104', 20, 21).map((e) => [e.type, e.ruleId])).toEqual([['cleared', 'dev.no-data']]);
  });

  it('ticks one device only when asked', () => {
    const det = createDetector([noData('P-101'), noData('P-104')]);
    run(det, 'P-101', 0, 1);
    run(det, 'P-104', 0, 1);
    expect(det.tick(T0 + 10 * MIN, 'P-104').map((e) => e.deviceId)).toEqual(['P-104']);
  });

  it('a rule whose kind or params change starts over and clears its active anomaly', () => {
    const trend: ThresholdRule = {
      ...rule('P-101', { id: 'trend', kind: 'trend-to-limit', warn: 12, alarm: 2, clear: 16, minDurationMs: 0, clearDurationMs: 0 }),
      params: { windowMs: 3_600_000, buckets: 12, minPoints: 6, minR2: 0.5, limit: 4.5 },
    };
    const det = createDetector([trend]);
    const events: AnomalyEvent[] = [];
    for (let m = 0; m < 60; m++) events.push(...det.observe(point('P-101', m, { vibration: 1 + m * 0.005 })));
    expect(events.map((e) => e.type)).toEqual(['raised']);
    expect(events[0]!.prediction).toBeDefined();
    const retired = det.setRules([{ ...trend, params: { windowMs: 3_600_000, buckets: 12, minPoints: 6, minR2: 0.9, limit: 4.5 } }]);
    expect(retired.map((e) => [e.type, e.ruleId])).toEqual([['cleared', 'trend']]);
    expect(det.setRules([{ ...trend, params: { windowMs: 3_600_000, buckets: 12, minPoints: 6, minR2: 0.9, limit: 4.5 } }])).toEqual([]);
  });
});
