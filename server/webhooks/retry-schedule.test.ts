import { describe, expect, it } from 'vitest';
import { JITTER, MAX_ATTEMPTS, RETRY_DELAYS_MS, retryDelayMs } from './retry-schedule';

describe('retry schedule', () => {
  it('waits 30 s, 2 min, 10 min, 1 h, 6 h, 12 h, 24 h (without jitter) and gives up after 8 attempts', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, middle))).toEqual([30_000, 120_000, 600_000, 3_600_000, 21_600_000, 43_200_000, 86_400_000]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(retryDelayMs(8, middle)).toBeNull();
    expect(retryDelayMs(9, middle)).toBeNull();
  });

  it('grows with every attempt even at the jitter extremes', () => {
    for (let n = 1; n < MAX_ATTEMPTS - 1; n++) {
      expect(retryDelayMs(n + 1, () => 0)!).toBeGreaterThan(retryDelayMs(n, () => 0.999999)!);
    }
  });

  it('spreads retries by ±20 %', () => {
    const base = RETRY_DELAYS_MS[0];
    expect(retryDelayMs(1, () => 0)).toBe(base * (1 - JITTER));
    expect(retryDelayMs(1, () => 0.999999)).toBeCloseTo(base * (1 + JITTER), -1);
    const seen = new Set(Array.from({ length: 50 }, (_, i) => retryDelayMs(1, () => i / 50)));
    expect(seen.size).toBe(50);
    for (const d of seen) {
      expect(d!).toBeGreaterThanOrEqual(24_000);
      expect(d!).toBeLessThanOrEqual(36_000);
    }
  });

  it('has no delay for nonsense attempt counts', () => {
    expect(retryDelayMs(0)).toBeNull();
    expect(retryDelayMs(-1)).toBeNull();
    expect(retryDelayMs(1.5)).toBeNull();
  });
});
