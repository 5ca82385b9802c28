/**
 * An order's priority over its life: computed from its factors (see
 * priority-scoring.ts for the table), recomputed whenever a factor changes
 * (severity escalates, the line goes down, more lines starve), and
 * overridable by a person with a reason. An override wins until it is
 * cleared; meanwhile the computed priority is still tracked, so clearing it
 * falls back to an up-to-date value.
 *
 * Every function returns the new state plus `reasons`: plain sentences the
 * timeline shows to say why the priority is what it is.
 */
import { z } from 'zod';
import { PRIORITIES, scorePriority, DEFAULT_PRIORITY_SCORING, type Priority, type PriorityFactors, type PriorityScoring, type ScoreLine } from './priority-scoring';

export interface PriorityOverride {
  priority: Priority;
  reason: string;
  /** Who set it. */
  by: string;
  at: number;
}

/** What to store on the work order. */
export interface PriorityState {
  /** The priority in force: the override's while one is set, else the computed one. */
  priority: Priority;
  computed: Priority;
  score: number;
  factors: PriorityFactors;
  /** The table as it applied, one sentence per factor. */
  breakdown: ScoreLine[];
  override: PriorityOverride | null;
}

export interface PriorityChange {
  state: PriorityState;
  /** The priority in force differs from before (always true for the first computation). */
  changed: boolean;
  reasons: string[];
}

/** Body of "set the priority by hand". */
export const priorityOverrideRequestSchema = z.strictObject({
  priority: z.enum(PRIORITIES, { error: `must be one of ${PRIORITIES.join(', ')}` }),
  reason: z
    .string({ error: 'is required: say why the computed priority is wrong' })
    .trim()
    .min(3, 'is required: say why the computed priority is wrong (at least 3 characters)')
    .max(500, 'must be at most 500 characters'),
});
export type PriorityOverrideRequest = z.output<typeof priorityOverrideRequestSchema>;

const direction = (from: Priority, to: Priority): string => (PRIORITIES.indexOf(to) < PRIORITIES.indexOf(from) ? 'raised' : 'lowered');

function computedState(factors: PriorityFactors, override: PriorityOverride | null, table: PriorityScoring): PriorityState {
  const s = scorePriority(factors, table);
  return { priority: override?.priority ?? s.priority, computed: s.priority, score: s.score, factors: { ...factors }, breakdown: s.lines, override };
}

/** Factor sentences that differ between two breakdowns, each with what it was. */
function factorChanges(before: ScoreLine[], after: ScoreLine[]): string[] {
  return after.flatMap((line) => {
    const old = before.find((b) => b.factor === line.factor);
    return old && old.text !== line.text ? [`${line.text}; before: ${old.text}`] : [];
  });
}

/**
 * Computes the priority from current factors. `previous` is the stored state
 * (null for a new order); an override in it stays in force.
 */
export function recomputePriority(previous: PriorityState | null, factors: PriorityFactors, table: PriorityScoring = DEFAULT_PRIORITY_SCORING): PriorityChange {
  const state = computedState(factors, previous?.override ?? null, table);
  if (!previous) {
    return { state, changed: true, reasons: [`set to ${state.priority} (score ${state.score})`, ...state.breakdown.map((l) => l.text)] };
  }
  const changes = factorChanges(previous.breakdown, state.breakdown);
  const score = `score ${previous.score} → ${state.score}`;
  let head: string;
  if (state.override && state.computed !== previous.computed) {
    head = `computed priority ${direction(previous.computed, state.computed)} from ${previous.computed} to ${state.computed} (${score}), but the manual ${state.override.priority} set by ${state.override.by} stays until cleared`;
  } else if (state.priority !== previous.priority) {
    head = `${direction(previous.priority, state.priority)} from ${previous.priority} to ${state.priority} (${score})`;
  } else {
    head = `unchanged at ${state.priority} (${score})`;
  }
  return { state, changed: state.priority !== previous.priority, reasons: [head, ...changes] };
}

/** A person sets the priority; it wins over the computed one until cleared. */
export function overridePriority(state: PriorityState, request: PriorityOverrideRequest, by: string, at: number): PriorityChange {
  const reason = request.reason.trim();
  if (reason.length === 0) throw new Error('a manual priority needs a reason');
  const override: PriorityOverride = { priority: request.priority, reason, by, at };
  const next: PriorityState = { ...state, priority: override.priority, override };
  const verb = next.priority === state.priority ? 'kept at' : `${direction(state.priority, next.priority)} from ${state.priority} to`;
  return {
    state: next,
    changed: next.priority !== state.priority,
    reasons: [
      `${verb} ${next.priority} by hand by ${by}: ${reason}`,
      `computed priority is ${state.computed} (score ${state.score}); it applies again once the override is cleared`,
    ],
  };
}

/** Drops the override; the priority falls back to the computed one (from fresh factors when given). */
export function clearPriorityOverride(
  state: PriorityState,
  by: string,
  factors: PriorityFactors = state.factors,
  table: PriorityScoring = DEFAULT_PRIORITY_SCORING,
): PriorityChange {
  const next = computedState(factors, null, table);
  const was = state.override ? `manual ${state.override.priority} (set by ${state.override.by})` : 'no manual priority';
  return {
    state: next,
    changed: next.priority !== state.priority,
    reasons: [`${by} cleared ${was}; back to computed ${next.priority} (score ${next.score})`, ...next.breakdown.map((l) => l.text)],
  };
}
