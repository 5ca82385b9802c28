/**
 * Unsupervised streaming anomaly scoring: one scorer per series, points in,
 * a score in [0, 1) out, no look-ahead, fixed memory.
 */
export { createAnomalyScorer, DEFAULT_ANOMALY_SCORER_OPTIONS, type AnomalyEvidence, type AnomalyFeature, type AnomalyScorer, type AnomalyScorerOptions } from './anomaly-scorer';
export { DailyProfile, type DailyProfileOptions } from './daily-profile';
export { RecentValues } from './recent-values';
export { RollingRankWindow } from './rolling-rank-window';
export { SlidingMax } from './sliding-max';
export { robustSigma, tailSurprise } from './tail-surprise';
