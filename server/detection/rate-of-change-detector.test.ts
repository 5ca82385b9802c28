import { describe, expect, it } from 'vitest';
import { MIN, noise, rateRule, SEC, T0 } from './kind-test-rules';
import { RateOfChangeDetector } from './rate-of-change-detector';
import type { AnomalyEvent } from './types';

/** One point every 10 s over [fromS, toS). */
function feed(d: RateOfChangeDetector, fromS: number, toS: number, value: (s: number) => number): AnomalyEvent[] {
  const out: AnomalyEvent[] = [];
  for (let s = fromS; s < toS; s += 10) {
    const e = d.observe(T0 + s * SEC, value(s));
    if (e) out.push(e);
  }
  return out;
}

describe('rate of change', () => {
  it('raises on temperature rising faster than 2 °C/min for minDuration, and clears when it levels off', () => {
    const d = new RateOfChangeDetector(rateRule());
    const n = noise();
    expect(feed(d, 0, 1800, () => 70 + 0.5 * n())).toEqual([]);
    // 3 °C per minute from 30 min on, for 10 min.
    const ramp = (s: number) => 70 + Math.max(0, Math.min(s, 2400) - 1800) * (3 / 60) + 0.5 * n();
    const events = feed(d, 1800, 4800, ramp);
    expect(events.map((e) => [e.type, e.severity])).toEqual([
      ['raised', 'warn'],
      ['cleared', 'warn'],
    ]);
    const [raised, cleared] = events;
    expect(raised!.ts).toBeLessThan(T0 + 36 * MIN);
    expect(raised!.value).toBeGreaterThan(72);
    expect(raised!.limit).toBe(2);
    expect(raised!.detail).toMatch(/^rising [23]\.\d+ °C\/min over 5 min \(level 2 °C\/min\)$/);
    expect(cleared!.ts).toBeGreaterThan(T0 + 40 * MIN);
  });

  it('escalates on a rise past the alarm rate', () => {
    const d = new RateOfChangeDetector(rateRule());
    const events = feed(d, 0, 1200, (s) => 70 + Math.max(0, s - 300) * (6 / 60));
    expect(events.map((e) => [e.type, e.severity])).toEqual([
      ['raised', 'warn'],
      ['escalated', 'alarm'],
    ]);
    expect(events[1]!.ts - events[0]!.ts).toBeLessThan(3 * MIN);
  });

  it('ignores a single spike: one bucket cannot make a sustained slope', () => {
    const d = new RateOfChangeDetector(rateRule());
    expect(feed(d, 0, 3600, (s) => (s === 1800 ? 95 : 70))).toEqual([]);
  });

  it("a 'below' rule raises on a fall", () => {
    const d = new RateOfChangeDetector(rateRule({ direction: 'below', failureMode: 'temperature-low' }));
    expect(feed(d, 0, 1200, (s) => 70 + Math.max(0, s - 300) * (3 / 60)).length).toBe(0);
    expect(feed(d, 1200, 2400, (s) => 115 - (s - 1200) * (3 / 60)).map((e) => e.type)).toEqual(['raised']);
  });
});
