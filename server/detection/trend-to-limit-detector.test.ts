import { describe, expect, it } from 'vitest';
import { HOUR, MIN, noise, SEC, T0, trendRule } from './kind-test-rules';
import { TrendToLimitDetector } from './trend-to-limit-detector';
import type { AnomalyEvent } from './types';

/** One point every 30 s over [fromMin, toMin) minutes. */
function feed(d: TrendToLimitDetector, fromMin: number, toMin: number, value: (minute: number) => number): AnomalyEvent[] {
  const out: AnomalyEvent[] = [];
  for (let s = fromMin * 60; s < toMin * 60; s += 30) {
    const e = d.observe(T0 + s * SEC, value(s / 60));
    if (e) out.push(e);
  }
  return out;
}

describe('trend to limit', () => {
  it('predicts a rising vibration reaching the limit and raises within the horizon, before the limit is reached', () => {
    const d = new TrendToLimitDetector(trendRule());
    const n = noise();
    // Healthy 1.5 mm/s for 3 h, then rising 0.25 mm/s per hour: 4.5 reached 12 h into the rise.
    const rise = (m: number) => 1.5 + Math.max(0, m - 180) * (0.25 / 60) + 0.1 * n();
    const events = feed(d, 0, 180 + 11 * 60, rise);
    expect(events.map((e) => [e.type, e.severity])).toEqual([
      ['raised', 'warn'],
      ['escalated', 'alarm'],
    ]);
    const raised = events[0]!;
    const breach = T0 + (180 + 12 * 60) * MIN;
    // Raised as soon as the window sees a clean trend: well before the 12 h horizon ends.
    expect(raised.ts).toBeLessThan(T0 + (180 + 3 * 60) * MIN);
    expect(raised.value).toBeLessThan(2.8);
    expect(raised.prediction!.limit).toBe(4.5);
    expect(raised.prediction!.r2).toBeGreaterThanOrEqual(0.6);
    expect(raised.prediction!.slopePerHour).toBeCloseTo(0.25, 1);
    expect(Math.abs(raised.prediction!.predictedBreachAt - breach)).toBeLessThan(1.5 * HOUR);
    expect(raised.detail).toMatch(/^predicted to reach 4\.5 mm\/s at 2026-01-0\dT\d\d:\d\dZ \(slope 0\.2\d+ mm\/s per h, r² 0\.\d+, window 2 h\)$/);
    // Alarm within 2 h of the predicted breach.
    expect(events[1]!.prediction!.predictedBreachAt - events[1]!.ts).toBeLessThanOrEqual(2 * HOUR + 10 * MIN);
  });

  it('does not predict from noise: a healthy series with spikes raises nothing in a day', () => {
    const d = new TrendToLimitDetector(trendRule());
    const n = noise(5);
    expect(feed(d, 0, 24 * 60, (m) => 1.5 + 0.3 * n() + (m % 97 === 0 ? 2 : 0))).toEqual([]);
  });

  it('needs minPoints buckets before a prediction counts', () => {
    const d = new TrendToLimitDetector(trendRule({ params: { windowMs: 2 * HOUR, buckets: 24, minPoints: 24, minR2: 0.6, limit: 4.5 }, minDurationMs: 0 }));
    // A steep clean rise from the first point: 24 buckets of 5 min take 2 h to fill.
    const events = feed(d, 0, 180, (m) => 1 + m * 0.01);
    expect(events[0]!.ts).toBeGreaterThanOrEqual(T0 + 120 * MIN);
  });

  it('clears once the prediction leaves the clear horizon, after clearDuration', () => {
    const d = new TrendToLimitDetector(trendRule());
    const rising = (m: number) => 1.5 + m * (0.4 / 60);
    expect(feed(d, 0, 120, rising).map((e) => e.type)).toEqual(['raised']);
    // The rise stops: flat at its last level.
    const events = feed(d, 120, 480, () => rising(120));
    expect(events.map((e) => e.type)).toEqual(['cleared']);
    expect(events[0]!.prediction).toBeUndefined();
    expect(d.active).toBeNull();
  });

  it("a 'below' rule predicts a falling series reaching a lower limit", () => {
    const d = new TrendToLimitDetector(trendRule({ direction: 'below', metric: 'current', params: { windowMs: 2 * HOUR, buckets: 24, minPoints: 12, minR2: 0.6, limit: 5 }, failureMode: 'undercurrent' }));
    const events = feed(d, 0, 240, (m) => 20 - m * (1.5 / 60));
    expect(events[0]).toMatchObject({ type: 'raised', severity: 'warn' });
    expect(events[0]!.prediction!.slopePerHour).toBeCloseTo(-1.5, 5);
  });
});
