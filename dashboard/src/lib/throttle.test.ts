import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first call promptly and collapses a burst into one trailing call', () => {
    const fn = vi.fn();
    const t = throttle(fn, 500);
    t();
    t();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    t();
    t();
    t();
    vi.advanceTimersByTime(499);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('never exceeds one call per interval under a steady stream', () => {
    const fn = vi.fn();
    const t = throttle(fn, 500);
    for (let i = 0; i < 100; i++) {
      t();
      vi.advanceTimersByTime(50);
    }
    // 5 s of calls every 50 ms: about 2 per second.
    expect(fn.mock.calls.length).toBeGreaterThanOrEqual(9);
    expect(fn.mock.calls.length).toBeLessThanOrEqual(11);
  });

  it('can flush and cancel', () => {
    const fn = vi.fn();
    const t = throttle(fn, 500);
    t();
    t.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    t();
    t.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
