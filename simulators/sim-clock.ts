/**
 * Simulated time: runs at `speed` times real time from `startAt`. The real
 * clock is injected, so tests drive it with fake time.
 */
import type { Clock } from './signal-source';

export interface SimClockOptions {
  /** Simulated instant at which the clock starts, epoch ms. */
  startAt: number;
  /** Simulated ms per real ms (60: one simulated hour per real minute). */
  speed?: number;
  /** The real clock, epoch ms (default Date.now). */
  realNow?: () => number;
}

export class SimClock implements Clock {
  readonly startAt: number;
  readonly speed: number;
  private readonly realNow: () => number;
  private readonly realStart: number;
  private last = -Infinity;

  constructor(opts: SimClockOptions) {
    const speed = opts.speed ?? 1;
    if (!(Number.isFinite(speed) && speed > 0)) throw new RangeError(`SimClock speed must be a positive number, got ${speed}`);
    if (!Number.isFinite(opts.startAt)) throw new RangeError(`SimClock startAt must be epoch ms, got ${opts.startAt}`);
    this.startAt = Math.round(opts.startAt);
    this.speed = speed;
    this.realNow = opts.realNow ?? Date.now;
    this.realStart = this.realNow();
  }

  /** Simulated now, whole epoch ms; never goes backwards even if the real clock does. */
  now(): number {
    const t = this.startAt + Math.floor(Math.max(0, this.realNow() - this.realStart) * this.speed);
    if (t > this.last) this.last = t;
    return this.last;
  }

  /** Real ms that pass while `simMs` of simulated time pass (for timers: sample every 1 s of sim time). */
  realMsFor(simMs: number): number {
    return simMs / this.speed;
  }
}
