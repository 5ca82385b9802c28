/**
 * Downsampling of one device's range into fixed-width time buckets, straight
 * from packed chunks (telemetry-chunk.ts): per bucket the sample count and
 * min / max / mean of each metric, kept in typed arrays indexed by bucket, so
 * a week of 1 Hz samples becomes a few thousand buckets without one object
 * per sample. Min and max are what make a spike survive downsampling; the
 * mean is cheap (a running sum). Pure: no I/O.
 */
import { chunkColumns } from './telemetry-chunk';
import type { TelemetryBucket } from './telemetry-store';

/** Bounds the accumulator's memory (9 float64 arrays of this length); the HTTP API asks for at most 10,000. */
export const MAX_BUCKETS = 1_000_000;

const METRICS = 3; // temperature, vibration, current: chunk columns 2..4

/** How many buckets of `bucketMs` cover [from, to] (both inclusive) when the first starts at `from`; throws on a bad request. */
export function bucketCount(from: number, to: number, bucketMs: number): number {
  if (!Number.isSafeInteger(bucketMs) || bucketMs < 1) throw new RangeError(`bucketMs must be a whole number of ms >= 1, got ${bucketMs}`);
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new RangeError(`bucket ranges take whole epoch ms, got ${from}..${to}`);
  if (to < from) return 0;
  const count = Math.floor((to - from) / bucketMs) + 1;
  if (count > MAX_BUCKETS) throw new RangeError(`${count} buckets of ${bucketMs} ms over ${from}..${to}; at most ${MAX_BUCKETS}`);
  return count;
}

export interface BucketAccumulator {
  /** Adds the samples of a packed chunk that fall in [from, to]; chunks may come in any order. */
  addChunk(data: Buffer): void;
  /** The buckets that received samples, oldest first. */
  result(): TelemetryBucket[];
}

export function createBucketAccumulator(from: number, to: number, bucketMs: number): BucketAccumulator {
  const count = bucketCount(from, to, bucketMs);
  const n = new Float64Array(count);
  // Metric m of bucket b at b * METRICS + m.
  const min = new Float64Array(count * METRICS).fill(Infinity);
  const max = new Float64Array(count * METRICS).fill(-Infinity);
  const sum = new Float64Array(count * METRICS);
  return {
    addChunk(data) {
      if (count === 0) return;
      const cols = chunkColumns(data);
      const len = cols.length / 5;
      // The three metrics unrolled: this loop runs once per stored sample of the range (600,000 for a week at 1 Hz).
      const t0 = 2 * len;
      const v0 = 3 * len;
      const c0 = 4 * len;
      // Samples of a chunk are usually in time order, so the bucket is recomputed only when ts leaves the current one.
      let lo = Infinity;
      let hi = -Infinity;
      let b = 0;
      for (let i = 0; i < len; i++) {
        const ts = cols[len + i]!;
        if (ts < lo || ts >= hi) {
          if (ts < from || ts > to) continue;
          b = Math.floor((ts - from) / bucketMs);
          lo = from + b * bucketMs;
          hi = Math.min(lo + bucketMs, to + 1);
        }
        n[b]!++;
        const k = b * METRICS;
        const t = cols[t0 + i]!;
        const v = cols[v0 + i]!;
        const c = cols[c0 + i]!;
        if (t < min[k]!) min[k] = t;
        if (t > max[k]!) max[k] = t;
        sum[k]! += t;
        if (v < min[k + 1]!) min[k + 1] = v;
        if (v > max[k + 1]!) max[k + 1] = v;
        sum[k + 1]! += v;
        if (c < min[k + 2]!) min[k + 2] = c;
        if (c > max[k + 2]!) max[k + 2] = c;
        sum[k + 2]! += c;
      }
    },
    result() {
      const out: TelemetryBucket[] = [];
      for (let b = 0; b < count; b++) {
        const c = n[b]!;
        if (c === 0) continue;
        const k = b * METRICS;
        out.push({
          ts: from + b * bucketMs,
          n: c,
          min: { temperature: min[k]!, vibration: min[k + 1]!, current: min[k + 2]! },
          max: { temperature: max[k]!, vibration: max[k + 1]!, current: max[k + 2]! },
          mean: { temperature: sum[k]! / c, vibration: sum[k + 1]! / c, current: sum[k + 2]! / c },
        });
      }
      return out;
    },
  };
}
