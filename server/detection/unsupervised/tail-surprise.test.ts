import { describe, expect, it } from 'vitest';
import { RollingRankWindow } from './rolling-rank-window';
import { tailSurprise } from './tail-surprise';

function windowOf(values: number[]): RollingRankWindow {
  const w = new RollingRankWindow(values.length);
  for (const v of values) w.push(v);
  return w;
}

/** 999 evenly spread values 1..999. */
const ramp = windowOf(Array.from({ length: 999 }, (_, i) => i + 1));

describe('tailSurprise', () => {
  it('is the empirical tail probability inside the range: 10 of 999 values >= 990 gives p = 11/1000', () => {
    expect(tailSurprise(ramp, 990)).toBeCloseTo(-Math.log10(11 / 1000), 10);
    // And symmetric for the lower tail.
    expect(tailSurprise(ramp, 10)).toBeCloseTo(-Math.log10(11 / 1000), 10);
  });

  it('treats the median as unsurprising', () => {
    expect(tailSurprise(ramp, 500)).toBeLessThan(0.31); // p ~ 0.5
  });

  it('prices a new record above 1/(n+1) and grows with the excess', () => {
    const justAbove = tailSurprise(ramp, 999.001);
    const farAbove = tailSurprise(ramp, 1200);
    expect(justAbove).toBeCloseTo(3, 2);
    expect(farAbove).toBeGreaterThan(justAbove + 1);
    expect(tailSurprise(ramp, -200)).toBeCloseTo(farAbove, 6);
  });

  it('needs a bigger excursion on a heavy-tailed stream than on a calm one of the same spread', () => {
    const calm = windowOf(Array.from({ length: 999 }, (_, i) => Math.sin(i) * 10));
    const spiky = windowOf(Array.from({ length: 999 }, (_, i) => (i % 50 === 0 ? 100 : Math.sin(i) * 10)));
    expect(tailSurprise(spiky, 60)).toBeLessThan(tailSurprise(calm, 60) - 1);
  });

  it('makes any change after a flat history very surprising, and the flat value itself not', () => {
    const flat = windowOf(Array.from({ length: 500 }, () => 42));
    expect(tailSurprise(flat, 42)).toBeLessThan(0.01);
    expect(tailSurprise(flat, 42.5)).toBeGreaterThan(10);
  });

  it('is 0 with no history', () => {
    expect(tailSurprise(new RollingRankWindow(10), 5)).toBe(0);
  });
});
