/**
 * 'unsupervised': the streaming anomaly scorer of unsupervised/ (the one the
 * NAB benchmark measures) as a rule kind. Each point's score (0..1, from how
 * surprising the value, its local step, its daily pattern and its moving
 * means are against the series' own past; no look-ahead) goes through the
 * threshold state machine with warn/alarm/clear as scores. The scorer
 * reports one score per episode (later points of the same episode score 0
 * unless it gets worse), so such a rule raises at the start of an unusual
 * episode and clears after clearDurationMs without another. About 650 KB of
 * fixed memory per series: off by default, enable it where it earns its keep.
 */
import { METRIC_INFO } from '../../contract/metrics';
import { DerivedDetector, fmt, type EventDescription } from './derived-detector';
import type { ThresholdDetectorOptions } from './threshold-detector';
import type { AnomalyEvent, ThresholdRule } from './types';
import { createAnomalyScorer, type AnomalyScorer } from './unsupervised/anomaly-scorer';

export class UnsupervisedDetector extends DerivedDetector {
  private readonly scorer: AnomalyScorer;

  constructor(rule: ThresholdRule, options: ThresholdDetectorOptions = {}) {
    super(rule, { direction: 'above', warn: rule.warn, alarm: rule.alarm, clear: rule.clear }, options);
    this.scorer = createAnomalyScorer();
  }

  protected derive(ts: number, value: number): number {
    return this.scorer.score(ts, value);
  }

  protected describe(event: AnomalyEvent): EventDescription {
    const evidence = this.scorer.lastEvidence();
    const why = evidence.feature === null ? 'nothing unusual now' : `most unusual: ${evidence.feature}, surprise ${fmt(evidence.surprise)} decades`;
    return {
      limit: event.limit,
      detail: `anomaly score ${fmt(event.value)} (level ${fmt(event.limit)}; ${why}; ${METRIC_INFO[this.metric].unit} series judged against its own past)`,
    };
  }
}
