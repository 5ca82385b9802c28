/**
 * What a stream usually does at this time of day: the mean of each
 * time-of-day slot (e.g. 15 minutes) for each of the last few days, and the
 * median of those daily means as the prediction for the same slot today.
 *
 * Memory is fixed by (days + 1) x slots per day, whatever the sampling rate.
 * Timestamps are epoch ms; days are UTC days (only the phase matters).
 */

const DAY_MS = 86_400_000;

export interface DailyProfileOptions {
  /** How many previous days are consulted. */
  days: number;
  /** Slot width in minutes; must divide a day. */
  slotMinutes: number;
  /** Fewest previous days with data in the slot before a prediction is made. */
  minDays: number;
}

export class DailyProfile {
  private readonly slotMs: number;
  private readonly slotsPerDay: number;
  private readonly rows: number;
  /** Per (row, slot): which day the cell holds, its sum and count. */
  private readonly day: Float64Array;
  private readonly sum: Float64Array;
  private readonly count: Float64Array;
  private readonly scratch: Float64Array;

  constructor(private readonly options: DailyProfileOptions) {
    const { days, slotMinutes, minDays } = options;
    if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
    if (!(slotMinutes > 0) || (24 * 60) % slotMinutes !== 0) throw new RangeError(`slotMinutes must divide a day, got ${slotMinutes}`);
    if (!Number.isInteger(minDays) || minDays < 1 || minDays > days) throw new RangeError(`minDays must be in 1..days, got ${minDays}`);
    this.slotMs = slotMinutes * 60_000;
    this.slotsPerDay = (24 * 60) / slotMinutes;
    this.rows = days + 1;
    const cells = this.rows * this.slotsPerDay;
    this.day = new Float64Array(cells).fill(NaN);
    this.sum = new Float64Array(cells);
    this.count = new Float64Array(cells);
    this.scratch = new Float64Array(days);
  }

  private cell(dayIndex: number, slot: number): number {
    const row = ((dayIndex % this.rows) + this.rows) % this.rows;
    return row * this.slotsPerDay + slot;
  }

  private locate(ts: number): { dayIndex: number; slot: number } {
    const dayIndex = Math.floor(ts / DAY_MS);
    const slot = Math.floor((ts - dayIndex * DAY_MS) / this.slotMs);
    return { dayIndex, slot };
  }

  /** Median of this slot's mean over the previous days, or NaN with too few days. */
  predict(ts: number): number {
    const { dayIndex, slot } = this.locate(ts);
    let n = 0;
    for (let back = 1; back <= this.options.days; back++) {
      const c = this.cell(dayIndex - back, slot);
      if (this.day[c] !== dayIndex - back || !(this.count[c]! > 0)) continue;
      // Insertion into the sorted scratch (a handful of days).
      const v = this.sum[c]! / this.count[c]!;
      let j = n - 1;
      while (j >= 0 && this.scratch[j]! > v) {
        this.scratch[j + 1] = this.scratch[j]!;
        j--;
      }
      this.scratch[j + 1] = v;
      n++;
    }
    if (n < this.options.minDays) return NaN;
    const a = this.scratch;
    return n % 2 === 1 ? a[n >> 1]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
  }

  add(ts: number, value: number): void {
    const { dayIndex, slot } = this.locate(ts);
    const c = this.cell(dayIndex, slot);
    if (this.day[c] !== dayIndex) {
      this.day[c] = dayIndex;
      this.sum[c] = 0;
      this.count[c] = 0;
    }
    this.sum[c]! += value;
    this.count[c]! += 1;
  }
}
