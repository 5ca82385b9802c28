import { describe, expect, it } from 'vitest';
import { RecentValues } from './recent-values';

describe('RecentValues', () => {
  it('gives the mean and median of the newest m values once m are held', () => {
    const r = new RecentValues(5);
    [1, 2, 100, 4].forEach((v) => r.push(v));
    expect(r.mean(5)).toBeNaN();
    expect(r.mean(3)).toBeCloseTo((2 + 100 + 4) / 3, 12);
    expect(r.median(3)).toBe(4);
    expect(r.median(4)).toBe(3);
    r.push(5);
    r.push(6); // evicts 1
    expect(r.mean(5)).toBeCloseTo((2 + 100 + 4 + 5 + 6) / 5, 12);
  });

  it('does not drift: a long run of large and small values still averages exactly', () => {
    const r = new RecentValues(4);
    for (let i = 0; i < 10_000; i++) r.push(i % 2 === 0 ? 1e12 : 0.1);
    for (let i = 0; i < 4; i++) r.push(0);
    expect(r.mean(4)).toBe(0);
  });
});
