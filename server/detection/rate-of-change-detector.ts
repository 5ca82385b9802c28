/**
 * 'rate-of-change': how fast the metric moves, as the least-squares slope over
 * the recent window (12 bucket means, BucketRegression) in units per minute,
 * refreshed as each bucket closes. The slope goes through the threshold state
 * machine: 'above' judges a rise (slope ≥ warn), 'below' a fall
 * (slope ≤ −warn), with minDurationMs and clear hysteresis as usual.
 */
import { METRIC_INFO } from '../../contract/metrics';
import { BucketRegression } from './bucket-regression';
import { DerivedDetector, fmt, type EventDescription } from './derived-detector';
import type { ThresholdDetectorOptions } from './threshold-detector';
import type { AnomalyEvent, RateOfChangeParams, ThresholdRule } from './types';

export const RATE_BUCKETS = 12;
/** Fewer bucket means than this give no slope. */
const MIN_BUCKETS = 3;

export class RateOfChangeDetector extends DerivedDetector {
  private readonly sign: number;
  private readonly regression: BucketRegression;
  private readonly windowMs: number;

  constructor(rule: ThresholdRule, options: ThresholdDetectorOptions = {}) {
    const sign = rule.direction === 'above' ? 1 : -1;
    const { windowMs } = rule.params as RateOfChangeParams;
    super(rule, { direction: rule.direction, warn: sign * rule.warn, alarm: sign * rule.alarm, clear: sign * rule.clear }, { ...options, minGapMs: 3 * (windowMs / RATE_BUCKETS) });
    this.sign = sign;
    this.windowMs = windowMs;
    this.regression = new BucketRegression(windowMs, RATE_BUCKETS);
  }

  protected derive(ts: number, value: number): number | null {
    const fit = this.regression.add(ts, value);
    if (fit === null || fit.points < MIN_BUCKETS) return null;
    return fit.slopePerHour / 60;
  }

  protected describe(event: AnomalyEvent): EventDescription {
    const unit = METRIC_INFO[this.metric].unit;
    const rate = Math.abs(event.value);
    const level = Math.abs(event.limit);
    const moving = this.sign > 0 ? 'rising' : 'falling';
    return {
      limit: this.sign * level,
      detail: `${moving} ${fmt(rate)} ${unit}/min over ${fmt(this.windowMs / 60_000)} min (level ${fmt(level)} ${unit}/min)`,
    };
  }
}
