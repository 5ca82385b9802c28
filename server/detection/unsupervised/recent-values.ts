/** The last `capacity` values of a stream, for short moving means and medians. */
export class RecentValues {
  private readonly ring: Float64Array;
  private readonly scratch: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.ring = new Float64Array(capacity);
    this.scratch = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(v: number): void {
    this.ring[this.head] = v;
    this.head = (this.head + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Mean of the newest m values, summed afresh each time (no drift), NaN until m are held. */
  mean(m: number): number {
    if (m > this.count) return NaN;
    const ring = this.ring;
    let sum = 0;
    let i = this.head;
    for (let k = 0; k < m; k++) {
      i = i === 0 ? this.capacity - 1 : i - 1;
      sum += ring[i]!;
    }
    return sum / m;
  }

  /** Median of the newest m values, NaN until m are held (insertion sort: m is small). */
  median(m: number): number {
    if (m > this.count) return NaN;
    const ring = this.ring;
    const a = this.scratch;
    let i = this.head;
    for (let k = 0; k < m; k++) {
      i = i === 0 ? this.capacity - 1 : i - 1;
      const v = ring[i]!;
      let j = k - 1;
      while (j >= 0 && a[j]! > v) {
        a[j + 1] = a[j]!;
        j--;
      }
      a[j + 1] = v;
    }
    return m % 2 === 1 ? a[m >> 1]! : (a[m / 2 - 1]! + a[m / 2]!) / 2;
  }
}
