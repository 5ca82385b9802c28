/**
 * Calls `fn` at most once per `intervalMs`: the first call runs at once (or on
 * the next frame), later calls within the interval collapse into one trailing
 * call. Timers are injectable for tests.
 */
export interface Throttled {
  (): void;
  /** Runs a pending call now. */
  flush(): void;
  cancel(): void;
}

export interface TimerFns {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realTimers: TimerFns = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function throttle(fn: () => void, intervalMs: number, timers: TimerFns = realTimers): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let pending: unknown = null;

  const run = () => {
    pending = null;
    last = timers.now();
    fn();
  };

  const throttled = (() => {
    if (pending !== null) return;
    const wait = last + intervalMs - timers.now();
    pending = timers.setTimeout(run, Math.max(0, wait));
  }) as Throttled;

  throttled.flush = () => {
    if (pending === null) return;
    timers.clearTimeout(pending);
    run();
  };
  throttled.cancel = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
  };
  return throttled;
}
