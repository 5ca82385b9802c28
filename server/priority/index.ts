/**
 * Work-order priority P0..P4: the scoring table, recomputation with reasons
 * for the timeline, and manual overrides.
 */
export {
  comparePriority,
  DEFAULT_PRIORITY_SCORING,
  PRIORITIES,
  priorityForScore,
  priorityScoringSchema,
  scorePriority,
  type Priority,
  type PriorityFactors,
  type PriorityScore,
  type PriorityScoring,
  type ScoreLine,
} from './priority-scoring';
export {
  clearPriorityOverride,
  overridePriority,
  priorityOverrideRequestSchema,
  recomputePriority,
  type PriorityChange,
  type PriorityOverride,
  type PriorityOverrideRequest,
  type PriorityState,
} from './priority';
