/**
 * 'trend-to-limit': predicts when the metric will reach a limit. A
 * least-squares line is fitted over the recent window (BucketRegression:
 * bucket means in a fixed ring) each time a bucket closes; from it come the
 * hours until the fitted line reaches the limit (0 when it is there already).
 * A fit counts only with at least minPoints buckets, r² ≥ minR2 and a slope
 * towards the limit; otherwise the time to breach is unknown, which counts as
 * far away. The hours go through the threshold state machine as a 'below'
 * series: warn when the breach is predicted within `warn` h (the horizon),
 * alarm within `alarm` h, cleared once beyond `clear` h for clearDurationMs.
 * Events carry the prediction (predictedBreachAt, limit, slope, r², window).
 */
import { METRIC_INFO } from '../../contract/metrics';
import { BucketRegression, type LineFit } from './bucket-regression';
import { DerivedDetector, fmt, type EventDescription } from './derived-detector';
import type { ThresholdDetectorOptions } from './threshold-detector';
import type { AnomalyEvent, Prediction, ThresholdRule, TrendToLimitParams } from './types';

const HOUR = 3_600_000;
/** Hours to breach when there is no usable prediction: beyond any horizon. */
export const NO_PREDICTION_HOURS = 1e9;

export class TrendToLimitDetector extends DerivedDetector {
  private readonly params: TrendToLimitParams;
  private readonly limit: number;
  private readonly sign: number;
  private readonly regression: BucketRegression;
  private prediction: Prediction | null = null;

  constructor(rule: ThresholdRule, options: ThresholdDetectorOptions = {}) {
    const params = rule.params as TrendToLimitParams;
    super(rule, { direction: 'below', warn: rule.warn, alarm: rule.alarm, clear: rule.clear }, { ...options, minGapMs: 3 * (params.windowMs / params.buckets) });
    if (params.limit === undefined || !Number.isFinite(params.limit)) throw new RangeError(`rule ${rule.id} for ${rule.deviceId}: trend-to-limit needs an absolute limit`);
    this.params = params;
    this.limit = params.limit;
    this.sign = rule.direction === 'above' ? 1 : -1;
    this.regression = new BucketRegression(params.windowMs, params.buckets);
  }

  /** The latest usable prediction, or null. */
  get latestPrediction(): Prediction | null {
    return this.prediction;
  }

  protected derive(ts: number, value: number): number | null {
    const fit = this.regression.add(ts, value);
    if (fit === null) return null;
    const hours = this.hoursToBreach(fit);
    this.prediction =
      hours === null
        ? null
        : {
            predictedBreachAt: Math.max(ts, Math.round(fit.at + hours * HOUR)),
            limit: this.limit,
            slopePerHour: fit.slopePerHour,
            r2: fit.r2,
            windowMs: this.params.windowMs,
          };
    return this.prediction === null ? NO_PREDICTION_HOURS : Math.max(0, (this.prediction.predictedBreachAt - ts) / HOUR);
  }

  protected describe(event: AnomalyEvent): EventDescription {
    const p = this.prediction;
    if (event.type === 'cleared' || p === null) {
      return { limit: this.limit, detail: `no longer predicted to reach ${fmt(this.limit)} ${METRIC_INFO[this.metric].unit} within ${fmt(this.rule.clear)} h` };
    }
    return { limit: this.limit, detail: describePrediction(p, this.metric), prediction: p };
  }

  private hoursToBreach(fit: LineFit): number | null {
    if (fit.points < this.params.minPoints || fit.r2 < this.params.minR2) return null;
    const gap = this.sign * (this.limit - fit.fitted);
    if (gap <= 0) return 0;
    const towards = this.sign * fit.slopePerHour;
    return towards > 0 ? gap / towards : null;
  }
}

/** "predicted to reach 4.5 mm/s at 2026-01-05T14:00Z (slope 0.21 mm/s per h, r² 0.93, window 6 h)" */
export function describePrediction(p: Prediction, metric: keyof typeof METRIC_INFO): string {
  const unit = METRIC_INFO[metric].unit;
  const at = new Date(p.predictedBreachAt).toISOString().slice(0, 16) + 'Z';
  return `predicted to reach ${fmt(p.limit)} ${unit} at ${at} (slope ${fmt(p.slopePerHour)} ${unit} per h, r² ${fmt(p.r2)}, window ${fmt(p.windowMs / HOUR)} h)`;
}
