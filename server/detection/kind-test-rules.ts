/** Rules of every kind for the detection tests. */
import type { ThresholdRule } from './types';

export const T0 = 1_767_571_200_000; // 2026-01-05 00:00 UTC
export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;

export function adaptiveRule(over: Partial<ThresholdRule> = {}): ThresholdRule {
  return {
    kind: 'adaptive-baseline',
    params: { windowPoints: 120, warmupPoints: 60, minSigma: 0.5, anomalousLearningRate: 0 },
    id: 'class.pump.temperature.adaptive',
    version: 1,
    deviceId: 'P-101',
    metric: 'temperature',
    direction: 'above',
    warn: 4,
    alarm: 6,
    clear: 2,
    minDurationMs: 2 * MIN,
    clearDurationMs: 5 * MIN,
    failureMode: 'overheating',
    ...over,
  };
}

export function trendRule(over: Partial<ThresholdRule> = {}): ThresholdRule {
  return {
    kind: 'trend-to-limit',
    params: { windowMs: 2 * HOUR, buckets: 24, minPoints: 12, minR2: 0.6, limit: 4.5 },
    id: 'class.pump.vibration.trend',
    version: 1,
    deviceId: 'P-101',
    metric: 'vibration',
    direction: 'above',
    warn: 12,
    alarm: 2,
    clear: 16,
    minDurationMs: 10 * MIN,
    clearDurationMs: 30 * MIN,
    failureMode: 'vibration-high',
    ...over,
  };
}

export function rateRule(over: Partial<ThresholdRule> = {}): ThresholdRule {
  return {
    kind: 'rate-of-change',
    params: { windowMs: 5 * MIN },
    id: 'class.pump.temperature.rate',
    version: 1,
    deviceId: 'P-101',
    metric: 'temperature',
    direction: 'above',
    warn: 2,
    alarm: 5,
    clear: 1,
    minDurationMs: MIN,
    clearDurationMs: 5 * MIN,
    failureMode: 'overheating',
    ...over,
  };
}

export function noDataRule(over: Partial<ThresholdRule> = {}): ThresholdRule {
  return {
    kind: 'no-data',
    id: 'class.pump.no-data',
    version: 1,
    deviceId: 'P-101',
    metric: 'temperature',
    direction: 'above',
    warn: 300,
    alarm: 1800,
    clear: 0,
    minDurationMs: 0,
    clearDurationMs: 0,
    failureMode: 'no-data',
    ...over,
  };
}

/** Deterministic noise in [-0.5, 0.5). */
export function noise(seed = 11): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
}
