/**
 * Random faults: a Poisson process per device at `perDeviceDay` faults per
 * device-day, kinds chosen at random, parameters in believable ranges.
 * Degradations run to failure and are then repaired (corrective maintenance)
 * unless the simulator is told of an earlier repair with clearFault.
 */
import { FAULT_KINDS, type FaultInjection, type FaultKind } from './faults';
import { between, exponential, pick, type Rng } from './random';

export interface RandomFaultOptions {
  /** Mean number of faults per device per day of simulated time; 0 for none. */
  perDeviceDay: number;
  /** Kinds to draw from (default: all). */
  kinds?: readonly FaultKind[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Draws the parameters of one random fault starting at startAt. */
export function randomFaultParameters(kind: FaultKind, rng: Rng, startAt: number): Pick<FaultInjection, 'failureAt' | 'durationMs'> {
  switch (kind) {
    case 'bearing-wear': {
      const toFailure = between(rng, 4, 24) * HOUR;
      return { failureAt: Math.round(startAt + toFailure), durationMs: Math.round(toFailure + between(rng, 1, 4) * HOUR) };
    }
    case 'overheating': {
      const toFailure = between(rng, 1, 3) * HOUR;
      return { failureAt: Math.round(startAt + toFailure), durationMs: Math.round(toFailure + between(rng, 0.5, 2) * HOUR) };
    }
    case 'jam':
      return { durationMs: Math.round(between(rng, 2, 6) * MINUTE) };
    case 'sensor-dropout':
      return { durationMs: Math.round(between(rng, 1, 30) * MINUTE) };
  }
}

export function checkRandomFaultOptions(opts: RandomFaultOptions): void {
  if (!(Number.isFinite(opts.perDeviceDay) && opts.perDeviceDay >= 0)) {
    throw new Error(`randomFaults.perDeviceDay must be a number >= 0, got ${opts.perDeviceDay}`);
  }
  if (opts.kinds) {
    if (opts.kinds.length === 0) throw new Error('randomFaults.kinds must not be empty');
    const unknown = opts.kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
    if (unknown.length) throw new Error(`randomFaults.kinds: unknown kind ${unknown.map((k) => `"${k}"`).join(', ')}`);
  }
}

/** The random faults of one device, drawn in time order as the simulation advances. */
export class RandomFaultSource {
  private nextAt: number;
  private count = 0;
  private readonly kinds: readonly FaultKind[];
  private readonly meanGapMs: number;

  constructor(
    private readonly deviceId: string,
    private readonly rng: Rng,
    opts: RandomFaultOptions,
    startAt: number,
  ) {
    checkRandomFaultOptions(opts);
    this.kinds = opts.kinds ?? FAULT_KINDS;
    this.meanGapMs = opts.perDeviceDay > 0 ? DAY / opts.perDeviceDay : Infinity;
    this.nextAt = startAt + this.gap();
  }

  /** Faults starting at or before `until`, in order; each is returned once. */
  takeUntil(until: number): FaultInjection[] {
    const out: FaultInjection[] = [];
    while (this.nextAt <= until) {
      const startAt = Math.round(this.nextAt);
      const kind = pick(this.rng, this.kinds);
      this.count++;
      out.push({ id: `rnd-${this.deviceId}-${this.count}`, deviceId: this.deviceId, kind, startAt, ...randomFaultParameters(kind, this.rng, startAt) });
      this.nextAt += this.gap();
    }
    return out;
  }

  private gap(): number {
    return this.meanGapMs === Infinity ? Infinity : exponential(this.rng, this.meanGapMs);
  }
}
