/**
 * Running time per device from its current draw. Pure: points in, running-ms
 * increments out, no clock and no I/O.
 *
 * A device runs while its current is above RUNNING_SHARE (10 %) of its rated
 * current. An induction motor running unloaded still draws its magnetising
 * current, typically 25-50 % of rated, so 10 % counts an idling machine as
 * running (its bearings and seals wear all the same); a stopped one draws
 * next to nothing (the simulator's CT offset noise stays under 1 %, real
 * current transformers a few tenths of a percent), so noise never counts.
 *
 * The interval between two consecutive samples of a device counts as running
 * when the earlier sample was running: the state last measured holds until
 * the next sample (no look-ahead; the newest sample's interval is counted once
 * the next one arrives). Intervals longer than MAX_GAP_MS are not counted: the
 * device or its agent was gone, and an outage is not running time. A sample
 * not newer than the device's last one (a replay out of order) is ignored.
 */
export const RUNNING_SHARE = 0.1;

/** Longest interval between two samples that still counts (5 min: 50 × the default 6 s sampling; the deadman rule warns after 5 min of silence too). */
export const MAX_GAP_MS = 5 * 60_000;

export interface CurrentSample {
  deviceId: string;
  ts: number;
  current: number;
}

export interface RunningHoursOptions {
  /** The device's rated current in A; samples of devices without one are ignored. */
  ratedCurrentOf: (deviceId: string) => number | undefined;
  runningShare?: number;
  maxGapMs?: number;
}

export class RunningHoursAccumulator {
  private readonly last = new Map<string, { ts: number; running: boolean }>();
  private pending = new Map<string, number>();
  private readonly share: number;
  private readonly maxGapMs: number;

  constructor(private readonly options: RunningHoursOptions) {
    this.share = options.runningShare ?? RUNNING_SHARE;
    this.maxGapMs = options.maxGapMs ?? MAX_GAP_MS;
  }

  observe(sample: CurrentSample): void {
    const rated = this.options.ratedCurrentOf(sample.deviceId);
    if (rated === undefined || !(rated > 0)) return;
    const prev = this.last.get(sample.deviceId);
    if (prev && sample.ts <= prev.ts) return;
    if (prev?.running) {
      const gap = sample.ts - prev.ts;
      if (gap <= this.maxGapMs) this.pending.set(sample.deviceId, (this.pending.get(sample.deviceId) ?? 0) + gap);
    }
    this.last.set(sample.deviceId, { ts: sample.ts, running: sample.current > this.share * rated });
  }

  /** Running ms per device since the last drain (devices with none are absent). */
  drain(): Map<string, number> {
    const out = this.pending;
    this.pending = new Map();
    return out;
  }
}
