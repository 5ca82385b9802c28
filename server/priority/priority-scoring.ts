/**
 * Priority P0 (drop everything) .. P4 (plan it in) from what detection and the
 * line graph know about an order. Pure; the line-graph logic that finds
 * whether the line is down and how many lines it starves lives elsewhere and
 * is passed in as plain numbers.
 *
 * Default scoring table (points add up; the score picks the priority):
 *
 * | factor                                 | points                      |
 * |----------------------------------------|-----------------------------|
 * | severity: warn / alarm                 | 1 / 3                       |
 * | emergency order (the line is stopped)  | 4, and the line counts down |
 * | no severity (preventive, manual order) | 0                           |
 * | device criticality C / B / A           | 0 / 1 / 3                   |
 * | the device's line is down              | 3                           |
 * | each downstream line it starves        | 1, at most 3                |
 *
 * | score  | priority |
 * |--------|----------|
 * | >= 9   | P0       |
 * | 6 - 8  | P1       |
 * | 4 - 5  | P2       |
 * | 2 - 3  | P3       |
 * | 0 - 1  | P4       |
 *
 * Examples:
 * - alarm on an A device, line down, starving 2 lines: 3+3+3+2 = 11 -> P0
 * - alarm on an A device, line running: 3+3 = 6 -> P1
 * - emergency on a C device, nothing starved: 4+0+3 = 7 -> P1
 * - warn on an A device, or alarm on a B device: 4 -> P2
 * - warn on a B device, or alarm on a C device: 2 / 3 -> P3
 * - warn on a C device, no line impact: 1 -> P4
 */
import { z } from 'zod';
import type { Criticality } from '../../contract/plant';
import type { Severity } from '../detection/types';
import type { WorkOrderType } from '../http/api-types';

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** What the priority is computed from. */
export interface PriorityFactors {
  /** Detection severity; null for orders raised by people or plans. */
  severity: Severity | null;
  orderType: WorkOrderType;
  criticality: Criticality;
  /** The device's line is down (not running at all). */
  lineDown: boolean;
  /** Downstream lines this line's stop starves (from the line graph). */
  starvedLines: number;
}

const points = z.number({ error: 'must be a number of points' }).int('must be a whole number').min(0, 'must not be negative').max(100, 'must be at most 100');

export const priorityScoringSchema = z
  .strictObject({
    severity: z.strictObject({ none: points, warn: points, alarm: points, emergency: points }).default({ none: 0, warn: 1, alarm: 3, emergency: 4 }),
    criticality: z.strictObject({ A: points, B: points, C: points }).default({ A: 3, B: 1, C: 0 }),
    lineDown: points.default(3),
    perStarvedLine: points.default(1),
    maxStarvedLinePoints: points.default(3),
    /** Lowest score for P0, P1, P2 and P3; anything lower is P4. */
    minScore: z
      .strictObject({ P0: points, P1: points, P2: points, P3: points })
      .default({ P0: 9, P1: 6, P2: 4, P3: 2 }),
  })
  .superRefine((t, ctx) => {
    const { P0, P1, P2, P3 } = t.minScore;
    if (!(P0 > P1 && P1 > P2 && P2 > P3)) {
      ctx.addIssue({ code: 'custom', path: ['minScore'], message: `must decrease from P0 to P3 (got P0 ${P0}, P1 ${P1}, P2 ${P2}, P3 ${P3})` });
    }
  });
export type PriorityScoring = z.output<typeof priorityScoringSchema>;

export const DEFAULT_PRIORITY_SCORING: PriorityScoring = priorityScoringSchema.parse({});

/** One line of the scoring table as it applied. */
export interface ScoreLine {
  factor: 'severity' | 'criticality' | 'line-down' | 'starved-lines';
  points: number;
  /** "alarm severity (+3)" */
  text: string;
}

export interface PriorityScore {
  priority: Priority;
  score: number;
  lines: ScoreLine[];
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function scorePriority(f: PriorityFactors, table: PriorityScoring = DEFAULT_PRIORITY_SCORING): PriorityScore {
  const emergency = f.orderType === 'emergency';
  const severityKey = emergency ? 'emergency' : (f.severity ?? 'none');
  const severityText = emergency ? 'emergency order: the line is stopped' : f.severity ? `${f.severity} severity` : 'no detection severity';
  const lineDown = f.lineDown || emergency;
  const starved = Math.max(0, Math.floor(f.starvedLines));
  const starvedPoints = Math.min(starved * table.perStarvedLine, table.maxStarvedLinePoints);
  const lines: ScoreLine[] = [
    { factor: 'severity', points: table.severity[severityKey], text: severityText },
    { factor: 'criticality', points: table.criticality[f.criticality], text: `criticality ${f.criticality} device` },
    { factor: 'line-down', points: lineDown ? table.lineDown : 0, text: lineDown ? 'its line is down' : 'its line is running' },
    {
      factor: 'starved-lines',
      points: starvedPoints,
      text: starved ? `starves ${plural(starved, 'downstream line', 'downstream lines')}` : 'starves no downstream line',
    },
  ].map((l) => ({ ...l, text: `${l.text} (+${l.points})` }) as ScoreLine);
  const score = lines.reduce((sum, l) => sum + l.points, 0);
  return { priority: priorityForScore(score, table), score, lines };
}

export function priorityForScore(score: number, table: PriorityScoring = DEFAULT_PRIORITY_SCORING): Priority {
  for (const p of ['P0', 'P1', 'P2', 'P3'] as const) if (score >= table.minScore[p]) return p;
  return 'P4';
}

/** Negative when a is more urgent than b (P0 sorts before P4), for ordering work queues. */
export function comparePriority(a: Priority, b: Priority): number {
  return PRIORITIES.indexOf(a) - PRIORITIES.indexOf(b);
}
