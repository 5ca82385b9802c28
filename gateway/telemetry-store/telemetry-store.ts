/**
 * Where telemetry lives. The embedded SQLite store is the default; an
 * InfluxDB store implements the same interface. Every implementation runs
 * the same contract suite (telemetry-store.contract.ts).
 */
import type { TelemetryPoint } from '../../contract/telemetry';

export interface TelemetryQuery {
  deviceId: string;
  /** Inclusive, epoch ms. */
  from: number;
  /** Inclusive, epoch ms. */
  to: number;
  /** At most this many points (the oldest first); default: all. */
  limit?: number;
}

export interface TelemetryBucketQuery {
  deviceId: string;
  /** Inclusive, whole epoch ms; the first bucket starts here. */
  from: number;
  /** Inclusive, whole epoch ms. */
  to: number;
  /** Bucket width, whole ms >= 1; bucket i covers [from + i * bucketMs, from + (i + 1) * bucketMs). */
  bucketMs: number;
}

/** temperature / vibration / current of one bucket. */
export interface MetricValues {
  temperature: number;
  vibration: number;
  current: number;
}

/** The samples of one time bucket, summarised. */
export interface TelemetryBucket {
  /** Bucket start, epoch ms. */
  ts: number;
  /** Samples in the bucket (>= 1: empty buckets are left out). */
  n: number;
  min: MetricValues;
  max: MetricValues;
  mean: MetricValues;
}

export interface WriteResult {
  /** Points newly stored. */
  written: number;
  /** Points whose (deviceId, seq) was already stored; left untouched. */
  duplicates: number;
}

export interface TelemetryStore {
  readonly kind: string;
  /** Stores points; idempotent by (deviceId, seq): a stored pair is never written twice. */
  write(points: readonly TelemetryPoint[]): Promise<WriteResult>;
  /** Points of one device in [from, to], ordered by ts then seq. */
  query(q: TelemetryQuery): Promise<TelemetryPoint[]>;
  /**
   * One device's [from, to] summarised per fixed-width time bucket (count, min,
   * max, mean per metric), oldest first, only buckets holding samples. For
   * charts of long ranges: the store aggregates without returning samples.
   * Throws a RangeError for a bad width or more than MAX_BUCKETS buckets.
   */
  buckets(q: TelemetryBucketQuery): Promise<TelemetryBucket[]>;
  /** The newest point of a device (by ts), or null. */
  latest(deviceId: string): Promise<TelemetryPoint | null>;
  /** Highest stored seq of a device, or null; lets ingest resume dedupe after a restart. */
  lastSeq(deviceId: string): Promise<number | null>;
  /** Stored points, of one device or of all. */
  count(deviceId?: string): Promise<number>;
  /** Deletes points older than `now - retentionMs`; returns how many were deleted. */
  applyRetention(now: number): Promise<number>;
  close(): Promise<void>;
}
