import { describe, expect, it } from 'vitest';
import { ThresholdDetector, type ThresholdDetectorOptions } from './threshold-detector';
import type { AnomalyEvent, ThresholdRule } from './types';

const T0 = 1_760_000_000_000;
const SEC = 1000;
const MIN = 60 * SEC;

/** ISO 10816-3 group 2 rigid: warn 2.8, alarm 4.5, clear 2.3 mm/s; de-escalation level 4.0. */
const vibrationRule = (over: Partial<ThresholdRule> = {}): ThresholdRule => ({
  id: 'class.pump.vibration',
  version: 1,
  deviceId: 'P-104',
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

/** Feeds values one per `stepMs` from `start`; returns every event. */
function feed(det: ThresholdDetector, values: number[], start = T0, stepMs = MIN): AnomalyEvent[] {
  const events: AnomalyEvent[] = [];
  values.forEach((v, i) => {
    const e = det.observe(start + i * stepMs, v);
    if (e) events.push(e);
  });
  return events;
}

const repeat = (value: number, n: number): number[] => Array.from({ length: n }, () => value);
const summary = (events: AnomalyEvent[]) => events.map((e) => [e.type, e.severity, (e.ts - T0) / MIN, (e.startedAt - T0) / MIN]);

describe('ThresholdDetector: minimum duration', () => {
  it('raises nothing for a spike shorter than minDuration', () => {
    const det = new ThresholdDetector(vibrationRule());
    // 4 min above warn (5 points, 1 min apart), then back to normal for an hour.
    expect(feed(det, [1.5, ...repeat(3.5, 5), ...repeat(1.5, 60)])).toEqual([]);
    expect(det.active).toBeNull();
  });

  it('raises at the first point at/after start + minDuration, with startedAt = the first breaching point', () => {
    const det = new ThresholdDetector(vibrationRule());
    // Points every 70 s; breach starts at the 3rd point (t = 140 s). 140 + 300 = 440 s; points at 420 s and 490 s.
    const events = feed(det, [1.5, 1.5, ...repeat(3.1, 10)], T0, 70 * SEC);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'raised',
      severity: 'warn',
      ts: T0 + 490 * SEC,
      startedAt: T0 + 140 * SEC,
      value: 3.1,
      limit: 2.8,
      ruleId: 'class.pump.vibration',
      ruleVersion: 1,
      deviceId: 'P-104',
      metric: 'vibration',
      failureMode: 'vibration-high',
    });
  });

  it('treats the warn level itself as a breach (value >= warn)', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }));
    expect(det.observe(T0, 2.8)?.type).toBe('raised');
  });

  it('never raises on a single point when minDuration > 0, and raises on the first point when it is 0', () => {
    expect(new ThresholdDetector(vibrationRule()).observe(T0, 50)).toBeNull();
    const immediate = new ThresholdDetector(vibrationRule({ minDurationMs: 0 })).observe(T0, 3);
    expect(immediate).toMatchObject({ type: 'raised', severity: 'warn', ts: T0, startedAt: T0 });
  });
});

describe('ThresholdDetector: hysteresis', () => {
  it('a value alternating 2.7 / 2.9 around warn for an hour raises exactly one anomaly and never clears', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }));
    const values = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 2.7 : 2.9));
    const events = feed(det, values);
    expect(summary(events)).toEqual([['raised', 'warn', 1, 1]]);
    expect(det.active).toEqual({ severity: 'warn', startedAt: T0 + MIN });
  });

  it('with minDuration, long swings around warn raise once and stay active between clear and warn', () => {
    const det = new ThresholdDetector(vibrationRule());
    // 6 min at 3.0, 4 min at 2.6, six times over.
    const cycle = [...repeat(3.0, 6), ...repeat(2.6, 4)];
    const events = feed(det, Array.from({ length: 6 }, () => cycle).flat());
    expect(summary(events)).toEqual([['raised', 'warn', 5, 0]]);
  });

  it('a dip below clear shorter than clearDuration does not clear', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }));
    const events = feed(det, [3.0, ...repeat(2.0, 9), 2.5, ...repeat(2.0, 9), 3.0]);
    expect(events.map((e) => e.type)).toEqual(['raised']);
  });

  it('clears after clearDuration below clear; the cleared event carries the clear level', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }));
    const events = feed(det, [3.0, 2.5, ...repeat(2.0, 12)]);
    // Below clear from minute 2; cleared at minute 12.
    expect(summary(events)).toEqual([
      ['raised', 'warn', 0, 0],
      ['cleared', 'warn', 12, 0],
    ]);
    expect(events[1]).toMatchObject({ limit: 2.3, value: 2.0 });
    expect(det.active).toBeNull();
  });
});

describe('ThresholdDetector: escalation and de-escalation', () => {
  it('escalates warn -> alarm only after the alarm condition held for minDuration, keeping startedAt', () => {
    const det = new ThresholdDetector(vibrationRule());
    // warn from 0, a 3-minute alarm excursion at 10..12 (too short), then alarm from 20 on.
    const values = [...repeat(3.0, 10), ...repeat(5.0, 3), ...repeat(3.0, 7), ...repeat(5.0, 8)];
    const events = feed(det, values);
    expect(summary(events)).toEqual([
      ['raised', 'warn', 5, 0],
      ['escalated', 'alarm', 25, 0],
    ]);
    expect(events[1]!.limit).toBe(4.5);
  });

  it('raises straight at alarm when the alarm condition has held for minDuration', () => {
    const det = new ThresholdDetector(vibrationRule());
    const events = feed(det, repeat(6.0, 8));
    expect(summary(events)).toEqual([['raised', 'alarm', 5, 0]]);
    expect(events[0]!.limit).toBe(4.5);
  });

  it('stays at alarm between alarm - (warn - clear) = 4.0 and alarm, de-escalates after clearDuration below 4.0', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }));
    const values = [5.0, ...repeat(4.2, 30), ...repeat(3.5, 11), ...repeat(2.0, 11)];
    const events = feed(det, values);
    expect(summary(events)).toEqual([
      ['raised', 'alarm', 0, 0],
      ['deescalated', 'warn', 41, 0], // below 4.0 from minute 31
      ['cleared', 'warn', 52, 0], // below 2.3 from minute 42
    ]);
    expect(events[1]!.limit).toBe(4);
  });

  it('clears straight from alarm when the value drops below clear, emitting only cleared', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }));
    const events = feed(det, [5.0, ...repeat(1.0, 11)]);
    expect(summary(events)).toEqual([
      ['raised', 'alarm', 0, 0],
      ['cleared', 'alarm', 11, 0],
    ]);
  });
});

describe('ThresholdDetector: re-arming', () => {
  it('after clearing, a new breach raises a new anomaly with a new startedAt', () => {
    const det = new ThresholdDetector(vibrationRule());
    const values = [...repeat(3.0, 6), ...repeat(1.5, 11), ...repeat(1.5, 10), ...repeat(3.2, 6)];
    const events = feed(det, values);
    expect(summary(events)).toEqual([
      ['raised', 'warn', 5, 0],
      ['cleared', 'warn', 16, 0],
      ['raised', 'warn', 32, 27],
    ]);
  });
});

describe("ThresholdDetector: direction 'below'", () => {
  // Undercurrent (e.g. a pump running dry): warn 10 A, alarm 5 A, clear 12 A; de-escalates above 7 A.
  const below = vibrationRule({
    metric: 'current',
    direction: 'below',
    warn: 10,
    alarm: 5,
    clear: 12,
    minDurationMs: 2 * MIN,
    clearDurationMs: 3 * MIN,
    failureMode: 'undercurrent',
  });

  it('mirrors raise, escalation, hysteresis, de-escalation and clear', () => {
    const det = new ThresholdDetector(below);
    const values = [20, ...repeat(9, 3), ...repeat(4, 3), ...repeat(6, 5), ...repeat(8, 4), ...repeat(11, 10), ...repeat(13, 4)];
    const events = feed(det, values);
    expect(summary(events)).toEqual([
      ['raised', 'warn', 3, 1],
      ['escalated', 'alarm', 6, 1],
      ['deescalated', 'warn', 15, 1], // above 7 from minute 12
      ['cleared', 'warn', 29, 1], // above 12 from minute 26; 11 A (between warn and clear) kept it active
    ]);
    expect(events.map((e) => e.limit)).toEqual([10, 5, 7, 12]);
  });

  it('does not raise on high values', () => {
    expect(feed(new ThresholdDetector(below), repeat(500, 20))).toEqual([]);
  });
});

describe('ThresholdDetector: gaps, duplicates and out-of-order points', () => {
  it('a gap longer than maxGapMs restarts the duration timer', () => {
    const det = new ThresholdDetector(vibrationRule());
    expect(det.observe(T0, 3.0)).toBeNull();
    expect(det.observe(T0 + 4 * MIN, 3.0)).toBeNull();
    // 11-minute gap: the breach is not known to have held, so this point starts a new run.
    expect(det.observe(T0 + 15 * MIN, 3.0)).toBeNull();
    expect(det.observe(T0 + 19 * MIN, 3.0)).toBeNull();
    expect(det.observe(T0 + 20 * MIN, 3.0)).toMatchObject({ type: 'raised', startedAt: T0 + 15 * MIN });
  });

  it('a gap within maxGapMs does not restart the timer', () => {
    const det = new ThresholdDetector(vibrationRule());
    expect(det.observe(T0, 3.0)).toBeNull();
    expect(det.observe(T0 + 9 * MIN, 3.0)).toMatchObject({ type: 'raised', startedAt: T0 });
  });

  it('honours a custom maxGapMs', () => {
    const options: ThresholdDetectorOptions = { maxGapMs: 30 * SEC };
    const det = new ThresholdDetector(vibrationRule(), options);
    expect(feed(det, repeat(3.0, 10))).toEqual([]); // every step is a 60 s gap
  });

  it('a gap restarts the clear timer of an active anomaly but does not clear it', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }));
    det.observe(T0, 3.0);
    expect(det.observe(T0 + MIN, 2.0)).toBeNull();
    expect(det.observe(T0 + 13 * MIN, 2.0)).toBeNull(); // 12-minute gap
    expect(det.active?.severity).toBe('warn');
    expect(det.observe(T0 + 22 * MIN, 2.0)).toBeNull();
    expect(det.observe(T0 + 23 * MIN, 2.0)).toMatchObject({ type: 'cleared' });
  });

  it('ignores duplicate and out-of-order points, also as evidence', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 2 * MIN }));
    expect(det.observe(T0, 1.0)).toBeNull();
    expect(det.observe(T0 + 10 * MIN, 1.0)).toBeNull();
    // A late, breaching burst older than the last point must not start a run.
    for (let m = 1; m <= 5; m++) expect(det.observe(T0 + m * MIN, 9.0)).toBeNull();
    expect(det.observe(T0 + 10 * MIN, 9.0)).toBeNull(); // duplicate timestamp
    expect(det.observe(T0 + 11 * MIN, 3.0)).toBeNull();
    expect(det.observe(T0 + 12 * MIN, 3.0)).toBeNull();
    const e = det.observe(T0 + 13 * MIN, 3.0);
    expect(e).toMatchObject({ type: 'raised', startedAt: T0 + 11 * MIN });
    expect(e!.recent).toEqual([
      [T0, 1.0],
      [T0 + 10 * MIN, 1.0],
      [T0 + 11 * MIN, 3.0],
      [T0 + 12 * MIN, 3.0],
      [T0 + 13 * MIN, 3.0],
    ]);
  });

  it('ignores non-finite values', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }));
    expect(det.observe(T0, Number.NaN)).toBeNull();
    expect(det.observe(T0 + MIN, Number.POSITIVE_INFINITY)).toBeNull();
    expect(det.recent()).toEqual([]);
  });
});

describe('ThresholdDetector: evidence', () => {
  it('keeps the last N points, oldest first, ending with the point that caused the event', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }), { evidenceSize: 5 });
    const values = [...repeat(1.0, 11), 3.0];
    const [event] = feed(det, values);
    expect(event!.recent).toEqual([7, 8, 9, 10, 11].map((m) => [T0 + m * MIN, values[m]]));
  });

  it('holds at most 60 points by default', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0 }));
    const [event] = feed(det, [...repeat(1.0, 199), 3.0]);
    expect(event!.recent).toHaveLength(60);
    expect(event!.recent[0]).toEqual([T0 + 140 * MIN, 1.0]);
    const ts = event!.recent.map(([t]) => t);
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
  });

  it('gives each event its own snapshot', () => {
    const det = new ThresholdDetector(vibrationRule({ minDurationMs: 0, clearDurationMs: 0 }), { evidenceSize: 3 });
    const events = feed(det, [3.0, 1.0]);
    expect(events.map((e) => e.recent.length)).toEqual([1, 2]);
  });
});

describe('ThresholdDetector: rule checks', () => {
  it.each([
    [{ clear: 3.0 }, /clear \(3\) must be below warn \(2.8\)/],
    [{ alarm: 2.0 }, /warn \(2.8\) must not be above alarm \(2\)/],
    [{ direction: 'below' as const }, /clear \(2.3\) must be above warn/],
    [{ minDurationMs: -1 }, /minDurationMs must not be negative/],
    [{ warn: Number.NaN }, /warn must be a finite number/],
  ])('rejects %j', (over, message) => {
    expect(() => new ThresholdDetector(vibrationRule(over))).toThrowError(message);
  });
});
