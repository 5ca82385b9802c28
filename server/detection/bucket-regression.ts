/**
 * A least-squares line over a recent window in constant memory: points are
 * averaged into equal time buckets (windowMs / buckets wide), the last
 * `buckets` closed buckets are kept in a ring, and each time a bucket closes
 * the line is fitted to the bucket means that still lie inside the window.
 * Averaging first keeps sample noise from swamping a slow trend; refitting
 * over at most `buckets` means per closed bucket keeps the cost per point O(1)
 * amortised and free of the drift running sums accumulate.
 */

export interface LineFit {
  /** Buckets the fit used. */
  points: number;
  /** Metric units per hour. */
  slopePerHour: number;
  /** The fitted value at `at`. */
  fitted: number;
  /** Centre of the newest bucket (epoch ms). */
  at: number;
  /** Coefficient of determination, 0..1 (0 for a flat or single-bucket window). */
  r2: number;
}

const HOUR = 3_600_000;

export class BucketRegression {
  readonly bucketMs: number;
  private readonly x: Float64Array;
  private readonly y: Float64Array;
  private next = 0;
  private count = 0;
  private openIndex = Number.NaN;
  private openSum = 0;
  private openCount = 0;
  private latest: LineFit | null = null;

  constructor(
    readonly windowMs: number,
    buckets: number,
  ) {
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive (got ${windowMs})`);
    if (!Number.isInteger(buckets) || buckets < 2) throw new RangeError(`buckets must be a whole number of at least 2 (got ${buckets})`);
    this.bucketMs = windowMs / buckets;
    this.x = new Float64Array(buckets);
    this.y = new Float64Array(buckets);
  }

  /** Adds a point (timestamps increasing); returns the new fit when a bucket closed, else null. */
  add(ts: number, value: number): LineFit | null {
    const index = Math.floor(ts / this.bucketMs);
    let fit: LineFit | null = null;
    if (index !== this.openIndex) {
      if (this.openCount > 0) fit = this.close();
      this.openIndex = index;
      this.openSum = 0;
      this.openCount = 0;
    }
    this.openSum += value;
    this.openCount++;
    return fit;
  }

  /** The fit at the last closed bucket, or null before one closed. */
  get fit(): LineFit | null {
    return this.latest;
  }

  private close(): LineFit {
    const at = (this.openIndex + 0.5) * this.bucketMs;
    this.x[this.next] = at;
    this.y[this.next] = this.openSum / this.openCount;
    this.next = (this.next + 1) % this.x.length;
    if (this.count < this.x.length) this.count++;
    this.latest = this.refit(at);
    return this.latest;
  }

  private refit(at: number): LineFit {
    const oldest = at - this.windowMs;
    let n = 0;
    let sx = 0;
    let sy = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.x[i]! <= oldest) continue;
      n++;
      sx += (this.x[i]! - at) / HOUR;
      sy += this.y[i]!;
    }
    const mx = sx / n;
    const my = sy / n;
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (let i = 0; i < this.count; i++) {
      if (this.x[i]! <= oldest) continue;
      const dx = (this.x[i]! - at) / HOUR - mx;
      const dy = this.y[i]! - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    const slope = sxx > 0 ? sxy / sxx : 0;
    const r2 = sxx > 0 && syy > 0 ? (sxy * sxy) / (sxx * syy) : 0;
    return { points: n, slopePerHour: slope, fitted: my + slope * (0 - mx), at, r2 };
  }
}
