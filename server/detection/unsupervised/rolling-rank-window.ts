/**
 * The last `capacity` values of a stream, kept both in arrival order and
 * sorted, for exact ranks and quantiles over a sliding window.
 *
 * Once full, each push replaces the oldest value: one binary search for each
 * and one shift of the sorted values lying between the two positions, so a
 * push costs O(log n + distance) instead of two full shifts. Memory is fixed
 * at 2 x capacity doubles.
 */
export class RollingRankWindow {
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Index of the first sorted value >= v. */
  private lowerBound(v: number): number {
    const a = this.sorted;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first sorted value > v. */
  private upperBound(v: number): number {
    const a = this.sorted;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (a[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds a value (finite), evicting the oldest once full. */
  push(v: number): void {
    const a = this.sorted;
    if (this.count < this.capacity) {
      const at = this.upperBound(v);
      a.copyWithin(at + 1, at, this.count);
      a[at] = v;
      this.count++;
    } else {
      const old = this.ring[this.head]!;
      const from = this.lowerBound(old);
      if (v >= old) {
        // Slide the values in (old, v] one step left, put v at the end of that run.
        const to = this.upperBound(v) - 1;
        a.copyWithin(from, from + 1, to + 1);
        a[to] = v;
      } else {
        const to = this.upperBound(v);
        a.copyWithin(to + 1, to, from);
        a[to] = v;
      }
    }
    this.ring[this.head] = v;
    this.head = (this.head + 1) % this.capacity;
  }

  /** How many held values are >= v. */
  countAtLeast(v: number): number {
    return this.count - this.lowerBound(v);
  }

  /** How many held values are <= v. */
  countAtMost(v: number): number {
    return this.upperBound(v);
  }

  /** Linear-interpolated quantile, q in [0, 1]; NaN when empty. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const pos = q * (this.count - 1);
    const i = Math.floor(pos);
    const frac = pos - i;
    const a = this.sorted;
    return i + 1 < this.count ? a[i]! + (a[i + 1]! - a[i]!) * frac : a[i]!;
  }

  min(): number {
    return this.count === 0 ? NaN : this.sorted[0]!;
  }

  max(): number {
    return this.count === 0 ? NaN : this.sorted[this.count - 1]!;
  }
}
