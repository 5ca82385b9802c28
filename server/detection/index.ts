/**
 * Detection: threshold rules, their defaults per equipment class, and the
 * pure detector the ingest path and backtests feed every point through.
 */
export type * from './types';
export { createDetector, type ActiveAnomaly, type Detector, type DetectorOptions } from './detector';
export { checkThresholdRule, DEFAULT_EVIDENCE_SIZE, DEFAULT_MAX_GAP_MS, ThresholdDetector, type ThresholdDetectorOptions } from './threshold-detector';
export { defaultRuleTemplates } from './default-rules';
export { FLEXIBLE_FOUNDATION_FACTOR, resolveLimit, resolveRules, RuleConflictError, templateSlot } from './resolve-rules';
export { FAILURE_MODES, LIMIT_BASES, MAX_RULE_DURATION_MS, ruleTemplateSchema, type RuleTemplateInput } from './rule-template-schema';
