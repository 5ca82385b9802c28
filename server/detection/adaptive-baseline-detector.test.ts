import { describe, expect, it } from 'vitest';
import { AdaptiveBaselineDetector } from './adaptive-baseline-detector';
import { adaptiveRule, MIN, noise, SEC, T0 } from './kind-test-rules';
import type { AnomalyEvent } from './types';

/** Feeds one point every 30 s from `fromS` for `count` points; returns the events. */
function feed(d: AdaptiveBaselineDetector, fromS: number, count: number, value: (i: number) => number): AnomalyEvent[] {
  const out: AnomalyEvent[] = [];
  for (let i = 0; i < count; i++) {
    const e = d.observe(T0 + (fromS + 30 * i) * SEC, value(i));
    if (e) out.push(e);
  }
  return out;
}

describe('adaptive baseline', () => {
  it('judges a device that always runs warm against itself: steady 92 °C with noise raises nothing', () => {
    const d = new AdaptiveBaselineDetector(adaptiveRule());
    const n = noise();
    expect(feed(d, 0, 2000, () => 92 + 2 * n())).toEqual([]);
    expect(d.baseline.mean).toBeCloseTo(92, 0);
  });

  it('raises nothing during warm-up, even on a wild first value', () => {
    const d = new AdaptiveBaselineDetector(adaptiveRule());
    expect(feed(d, 0, 59, (i) => (i === 30 ? 150 : 60))).toEqual([]);
  });

  it('raises a step above the baseline after minDuration, escalates, and the baseline does not learn the fault', () => {
    const d = new AdaptiveBaselineDetector(adaptiveRule());
    const n = noise();
    feed(d, 0, 200, () => 60 + n()); // σ ≈ 0.29, floored at minSigma 0.5
    // +2.5 °C = 5 σ: above warn (4), below alarm (6).
    const events = feed(d, 6000, 40, () => 62.5 + n() * 0.1);
    expect(events.map((e) => [e.type, e.severity])).toEqual([['raised', 'warn']]);
    const raised = events[0]!;
    expect(raised.ts - raised.startedAt).toBe(2 * MIN);
    expect(raised).toMatchObject({ kind: 'adaptive-baseline', value: expect.closeTo(62.5, 0) });
    expect(raised.limit).toBeCloseTo(60 + 4 * 0.5, 0);
    expect(raised.detail).toMatch(/σ above its own baseline 60(\.\d+)? °C/);
    // Frozen baseline: 20 minutes later the fault is still judged against 60 °C.
    expect(d.baseline.mean).toBeCloseTo(60, 0);
    const more = feed(d, 7200, 20, () => 64 + n() * 0.1);
    expect(more.map((e) => [e.type, e.severity])).toEqual([['escalated', 'alarm']]);
  });

  it('clears with hysteresis once back within the clear band, then re-arms', () => {
    const d = new AdaptiveBaselineDetector(adaptiveRule());
    feed(d, 0, 200, () => 60);
    expect(feed(d, 6000, 20, () => 62.5).map((e) => e.type)).toEqual(['raised']);
    // 61.5 = 3 σ: between clear (2) and warn (4): stays active.
    expect(feed(d, 6600, 40, () => 61.5)).toEqual([]);
    expect(d.active).not.toBeNull();
    expect(feed(d, 7800, 20, () => 60.2).map((e) => e.type)).toEqual(['cleared']);
    expect(feed(d, 8400, 20, () => 62.5).map((e) => e.type)).toEqual(['raised']);
  });

  it("a 'below' rule raises on a drop", () => {
    const d = new AdaptiveBaselineDetector(adaptiveRule({ direction: 'below', failureMode: 'temperature-low' }));
    feed(d, 0, 200, () => 60);
    expect(feed(d, 6000, 20, () => 57.5).map((e) => [e.type, e.severity])).toEqual([['raised', 'warn']]);
  });
});
