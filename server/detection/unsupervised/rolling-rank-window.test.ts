import { describe, expect, it } from 'vitest';
import { RollingRankWindow } from './rolling-rank-window';

/** Deterministic pseudo-random values (LCG) with many ties, to exercise duplicates. */
function values(n: number, seed = 7): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * 50) / 2;
  });
}

describe('RollingRankWindow', () => {
  it('matches a brute-force window (ranks, quantiles, extremes) through fill-up and eviction, ties included', () => {
    const w = new RollingRankWindow(37);
    const all = values(500);
    all.forEach((v, i) => {
      w.push(v);
      const held = all.slice(Math.max(0, i + 1 - 37), i + 1);
      const sorted = [...held].sort((a, b) => a - b);
      expect(w.size).toBe(held.length);
      expect(w.min()).toBe(sorted[0]);
      expect(w.max()).toBe(sorted.at(-1));
      for (const probe of [v, v + 0.25, v - 0.25, 0, 24.5]) {
        expect(w.countAtLeast(probe)).toBe(held.filter((x) => x >= probe).length);
        expect(w.countAtMost(probe)).toBe(held.filter((x) => x <= probe).length);
      }
      const median = w.quantile(0.5);
      const pos = 0.5 * (sorted.length - 1);
      const lo = sorted[Math.floor(pos)]!;
      const hi = sorted[Math.ceil(pos)]!;
      expect(median).toBeCloseTo(lo + (hi - lo) * (pos - Math.floor(pos)), 12);
    });
  });

  it('is empty-safe and rejects a useless capacity', () => {
    const w = new RollingRankWindow(3);
    expect(w.size).toBe(0);
    expect(w.quantile(0.5)).toBeNaN();
    expect(w.countAtLeast(1)).toBe(0);
    expect(() => new RollingRankWindow(0)).toThrow(RangeError);
  });
});
