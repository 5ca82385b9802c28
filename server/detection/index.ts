/**
 * Detection: rules of every kind (threshold, adaptive baseline, trend to
 * limit, rate of change, no data), their defaults per equipment class, and the
 * pure detector the ingest path and backtests feed every point through.
 */
export type * from './types';
export { createDetector, type ActiveAnomaly, type Detector, type DetectorOptions } from './detector';
export { createSeriesDetector } from './create-series-detector';
export type { SeriesDetector } from './series-detector';
export { AdaptiveBaselineDetector } from './adaptive-baseline-detector';
export { TrendToLimitDetector, describePrediction } from './trend-to-limit-detector';
export { RateOfChangeDetector } from './rate-of-change-detector';
export { NoDataDetector } from './no-data-detector';
export { FlappingGuard } from './flapping-guard';
export { kindSummary, predictiveDueAt } from './event-text';
export { RULE_KINDS } from './rule-kind-checks';
export { checkThresholdRule, DEFAULT_EVIDENCE_SIZE, DEFAULT_MAX_GAP_MS, ThresholdDetector, type ThresholdDetectorOptions } from './threshold-detector';
export { defaultRuleTemplates } from './default-rules';
export { FLEXIBLE_FOUNDATION_FACTOR, kindSlot, resolveLimit, resolveRules, RuleConflictError, templateSlot } from './resolve-rules';
export { FAILURE_MODES, LIMIT_BASES, MAX_RULE_DURATION_MS, ruleTemplateSchema, type RuleTemplateInput } from './rule-template-schema';
