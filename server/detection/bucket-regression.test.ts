import { describe, expect, it } from 'vitest';
import { BucketRegression } from './bucket-regression';

const T0 = 1_760_000_000_000 - (1_760_000_000_000 % 3_600_000);
const MIN = 60_000;

describe('bucket regression', () => {
  it('fits a clean line exactly: slope per hour, fitted value at the newest bucket, r² 1', () => {
    const reg = new BucketRegression(60 * MIN, 60);
    // 0.5 units per hour, one point every 10 s.
    for (let t = 0; t <= 90 * MIN; t += 10_000) reg.add(T0 + t, 2 + (0.5 * t) / 3_600_000);
    const fit = reg.fit!;
    expect(fit.points).toBe(60);
    expect(fit.slopePerHour).toBeCloseTo(0.5, 9);
    expect(fit.r2).toBeCloseTo(1, 9);
    // Newest closed bucket: minute 89, centre 89.5 min; its mean is the line at minute 89 + 25 s.
    expect(fit.at).toBe(T0 + 89.5 * MIN);
    expect(fit.fitted).toBeCloseTo(2 + (0.5 * (89 * MIN + 25_000)) / 3_600_000, 9);
  });

  it('reports no fit until a bucket closes and forgets buckets older than the window after a gap', () => {
    const reg = new BucketRegression(10 * MIN, 10);
    expect(reg.add(T0, 1)).toBeNull();
    expect(reg.add(T0 + 30_000, 1)).toBeNull();
    expect(reg.fit).toBeNull();
    for (let m = 1; m < 10; m++) reg.add(T0 + m * MIN, 1 + m);
    expect(reg.fit!.points).toBe(9);
    // Two hours later: the old buckets no longer count.
    reg.add(T0 + 120 * MIN, 5);
    expect(reg.add(T0 + 121 * MIN, 5)!.points).toBe(1);
  });

  it('has r² near 0 for noise without a trend', () => {
    const reg = new BucketRegression(60 * MIN, 30);
    let seed = 7;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5);
    for (let t = 0; t <= 61 * MIN; t += 30_000) reg.add(T0 + t, 3 + noise());
    expect(reg.fit!.r2).toBeLessThan(0.3);
  });
});
