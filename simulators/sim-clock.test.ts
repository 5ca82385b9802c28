import { describe, expect, it } from 'vitest';
import { SimClock } from './sim-clock';

const T0 = Date.UTC(2025, 0, 6, 6);

describe('SimClock', () => {
  it('runs at speed x real time from its start', () => {
    let real = 1_000_000;
    const clock = new SimClock({ startAt: T0, speed: 60, realNow: () => real });
    expect(clock.now()).toBe(T0);
    real += 1000; // one real second
    expect(clock.now()).toBe(T0 + 60_000); // one simulated minute
    real += 60_000;
    expect(clock.now()).toBe(T0 + 61 * 60_000);
    expect(clock.realMsFor(1000)).toBeCloseTo(16.67, 2);
  });

  it('returns whole milliseconds and never goes backwards', () => {
    let real = 0;
    const clock = new SimClock({ startAt: T0, speed: 2.5, realNow: () => real });
    real = 3;
    expect(clock.now()).toBe(T0 + 7);
    real = 1; // the real clock stepped back (NTP)
    expect(clock.now()).toBe(T0 + 7);
  });

  it('rejects a non-positive speed', () => {
    expect(() => new SimClock({ startAt: T0, speed: 0 })).toThrowError(/speed must be a positive number/);
  });
});
