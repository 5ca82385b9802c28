import type { EffectiveLimitView } from './rules';

/**
 * GET /api/devices/:id/telemetry. A raw answer holds the samples in `points`
 * (at most `limit`, oldest first) and no `downsampled`. With `maxPoints`, a
 * range holding more samples than that is answered downsampled instead:
 * `points` is empty and `downsampled` holds one bucket per time slice.
 */
export interface TelemetryView {
  deviceId: string;
  from: number;
  to: number;
  points: Array<{ ts: number; seq: number; temperature: number; vibration: number; current: number }>;
  limits: EffectiveLimitView[];
  /** Only on downsampled answers (maxPoints given and exceeded). */
  downsampled?: TelemetryDownsampledView;
}

/** A range summarised in fixed-width time buckets; min and max keep short spikes visible. */
export interface TelemetryDownsampledView {
  /** Bucket width in ms: ceil((to - from + 1) / maxPoints), so there are at most maxPoints buckets. */
  bucketMs: number;
  /** Samples in the range, all buckets together. */
  samples: number;
  /** Buckets holding samples, oldest first; a bucket without samples is left out (a gap in the data). */
  buckets: TelemetryBucketView[];
}

export interface TelemetryBucketView {
  /** Bucket start, epoch ms; the bucket covers [ts, ts + bucketMs). */
  ts: number;
  /** Samples in the bucket. */
  n: number;
  min: TelemetryMetricValues;
  max: TelemetryMetricValues;
  mean: TelemetryMetricValues;
}

export interface TelemetryMetricValues {
  temperature: number;
  vibration: number;
  current: number;
}
