/**
 * 'adaptive-baseline': judges a device against its own normal. The baseline is
 * an exponentially weighted mean and variance (alpha = 2 / (windowPoints + 1)),
 * so a pump that always runs warm is compared with itself, not with the
 * class. Each point is scored before it is learnt (no look-ahead):
 * z = (value − mean) / max(σ, minSigma), and z goes through the threshold
 * state machine with warn/alarm/clear as multiples of σ ('below' mirrors).
 *
 * - Warm-up: the first warmupPoints points are only learnt; nothing is raised.
 * - The baseline must not learn the fault: while a point lies outside the
 *   clear band, or an anomaly is active, it is learnt anomalousLearningRate
 *   times as fast (0 freezes the baseline). A lasting change of normal is thus
 *   still absorbed eventually, unless the rate is 0.
 * - Memory: a handful of numbers per series.
 */
import { METRIC_INFO } from '../../contract/metrics';
import { DerivedDetector, fmt, type EventDescription } from './derived-detector';
import type { ThresholdDetectorOptions } from './threshold-detector';
import type { AdaptiveBaselineParams, AnomalyEvent, ThresholdRule } from './types';

export class AdaptiveBaselineDetector extends DerivedDetector {
  private readonly params: AdaptiveBaselineParams;
  private readonly alpha: number;
  private readonly sign: number;
  private learnt = 0;
  private mean = 0;
  private variance = 0;
  // The baseline the last point was judged against, for event texts.
  private judgedMean = Number.NaN;
  private judgedSigma = Number.NaN;

  constructor(rule: ThresholdRule, options: ThresholdDetectorOptions = {}) {
    const sign = rule.direction === 'above' ? 1 : -1;
    super(rule, { direction: rule.direction, warn: sign * rule.warn, alarm: sign * rule.alarm, clear: sign * rule.clear }, options);
    this.params = rule.params as AdaptiveBaselineParams;
    this.alpha = 2 / (this.params.windowPoints + 1);
    this.sign = sign;
  }

  /** The learnt baseline (mean, σ before the minSigma floor) and how many points it has seen. */
  get baseline(): { mean: number; sigma: number; points: number } {
    return { mean: this.mean, sigma: Math.sqrt(this.variance), points: this.learnt };
  }

  protected derive(_ts: number, value: number): number | null {
    if (this.learnt < this.params.warmupPoints) {
      this.learn(value, this.learnt === 0 ? 1 : Math.max(this.alpha, 1 / (this.learnt + 1)));
      return null;
    }
    const sigma = Math.max(Math.sqrt(this.variance), this.params.minSigma);
    const z = (value - this.mean) / sigma;
    this.judgedMean = this.mean;
    this.judgedSigma = sigma;
    const anomalous = this.sign * z >= this.rule.clear || this.inner.active !== null;
    this.learn(value, anomalous ? this.alpha * this.params.anomalousLearningRate : this.alpha);
    return z;
  }

  protected describe(event: AnomalyEvent): EventDescription {
    const unit = METRIC_INFO[this.metric].unit;
    const k = Math.abs(event.limit);
    const z = Math.abs(event.value);
    const side = this.sign > 0 ? 'above' : 'below';
    return {
      limit: this.judgedMean + this.sign * k * this.judgedSigma,
      detail: `${fmt(z)} σ ${side} its own baseline ${fmt(this.judgedMean)} ${unit} (σ ${fmt(this.judgedSigma)} ${unit}; level ${fmt(k)} σ)`,
    };
  }

  /** Exponentially weighted mean and variance (West's incremental form). */
  private learn(value: number, a: number): void {
    this.learnt++;
    if (a <= 0) return;
    const diff = value - this.mean;
    const step = a * diff;
    this.mean += step;
    this.variance = (1 - a) * (this.variance + diff * step);
  }
}
