/**
 * SLA policy: response and resolution targets per priority, which clock they
 * run on, when the resolution clock pauses, and when an order counts as
 * stalled. Read from config (or an HTTP body); every field has a default.
 *
 * - Response: from creation until the order is first acknowledged (or
 *   assigned, which is also a response). It never pauses.
 * - Resolution: from creation until resolved. It runs in every open status
 *   except those matched by `pauseResolutionWhen` (by default: on hold waiting
 *   for parts, for a vendor, or for production to release the machine,
 *   because none of these is in maintenance's hands). Time spent resolved
 *   before a reopen does not count.
 * - `calendar: 'working'` measures targets in the site's working time (see
 *   working-calendar.ts), `'always'` in real elapsed time.
 * - Stalled: an acknowledged order whose running resolution clock has seen no
 *   activity for `stalledAfterMs` (on the same clock).
 */
import { z } from 'zod';
import { WORK_ORDER_STATUSES } from '../http/api-types';
import { PRIORITIES, type Priority } from '../priority/priority-scoring';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './zoned-time';

/** One shift's worth of working time: the unit behind "working days" below. */
export const WORKING_DAY_MS = 8 * HOUR_MS;

/** Longest target a policy may set (a year of real time). */
export const MAX_TARGET_MS = 365 * DAY_MS;

const duration = z
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .positive('must be more than 0')
  .max(MAX_TARGET_MS, `must be at most a year (${MAX_TARGET_MS} ms)`);

export const slaTargetSchema = z
  .strictObject({
    responseMs: duration,
    resolutionMs: duration,
    stalledAfterMs: duration,
    calendar: z.enum(['working', 'always'], { error: 'must be "working" (the site\'s shifts) or "always" (24/7)' }),
  })
  .superRefine((t, ctx) => {
    if (t.responseMs > t.resolutionMs) {
      ctx.addIssue({ code: 'custom', path: ['responseMs'], message: `must not be longer than resolutionMs (${t.resolutionMs} ms)` });
    }
  });
export type SlaTarget = z.output<typeof slaTargetSchema>;

/**
 * Defaults. "Working day" = 8 h of working time (one shift): a site that runs
 * three shifts uses a working day up in 8 calendar hours, matching the
 * maintenance cover it has. Tune per site.
 */
export const DEFAULT_SLA_TARGETS: Record<Priority, SlaTarget> = {
  /** Line down / safety: someone on it within 15 min, running again within 4 h, nights and weekends included. */
  P0: { responseMs: 15 * MINUTE_MS, resolutionMs: 4 * HOUR_MS, stalledAfterMs: 30 * MINUTE_MS, calendar: 'always' },
  /** Production at risk: acknowledged within the hour, fixed within one shift's worth of working time. */
  P1: { responseMs: 1 * HOUR_MS, resolutionMs: WORKING_DAY_MS, stalledAfterMs: 2 * HOUR_MS, calendar: 'working' },
  /** Degrading: acknowledged within half a shift, fixed within 3 working days. */
  P2: { responseMs: 4 * HOUR_MS, resolutionMs: 3 * WORKING_DAY_MS, stalledAfterMs: WORKING_DAY_MS, calendar: 'working' },
  /** Early warning: looked at within a working day, fixed within 10 working days (two weeks on one shift). */
  P3: { responseMs: WORKING_DAY_MS, resolutionMs: 10 * WORKING_DAY_MS, stalledAfterMs: 3 * WORKING_DAY_MS, calendar: 'working' },
  /** Plan it in: looked at within 5 working days, done within 30 (six weeks on one shift). */
  P4: { responseMs: 5 * WORKING_DAY_MS, resolutionMs: 30 * WORKING_DAY_MS, stalledAfterMs: 10 * WORKING_DAY_MS, calendar: 'working' },
};

/** Hold reasons outside maintenance's control; they pause the resolution clock by default. */
export const DEFAULT_PAUSING_HOLD_REASONS = ['waiting-for-parts', 'waiting-for-vendor', 'waiting-for-production'] as const;

const holdReason = z.string({ error: 'must be a string' }).regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a kebab-case reason such as "waiting-for-parts"');

export const pauseRuleSchema = z.strictObject({
  status: z.enum(WORK_ORDER_STATUSES, { error: `must be one of ${WORK_ORDER_STATUSES.join(', ')}` }),
  /** Only these hold reasons pause; leave out to pause for any reason. */
  holdReasons: z.array(holdReason, { error: 'must be a list of hold reasons' }).min(1, 'must list at least one reason (or leave it out for any reason)').optional(),
});
export type PauseRule = z.output<typeof pauseRuleSchema>;

const targets = Object.fromEntries(PRIORITIES.map((p) => [p, slaTargetSchema.default(DEFAULT_SLA_TARGETS[p])])) as {
  [P in Priority]: z.ZodDefault<typeof slaTargetSchema>;
};

export const slaPolicySchema = z.strictObject({
  /** Per priority; a priority left out keeps its default target. */
  targets: z.strictObject(targets).default(DEFAULT_SLA_TARGETS),
  /** Share of a target used up at which it turns 'warning' (and the assignee is warned). */
  warningRatio: z
    .number({ error: 'must be a number between 0 and 1' })
    .gt(0, 'must be more than 0')
    .lt(1, 'must be less than 1 (a breach is the whole target)')
    .default(0.75),
  pauseResolutionWhen: z
    .array(pauseRuleSchema, { error: 'must be a list of { status, holdReasons? }' })
    .default([{ status: 'on-hold', holdReasons: [...DEFAULT_PAUSING_HOLD_REASONS] }]),
});
export type SlaPolicy = z.output<typeof slaPolicySchema>;
export type SlaPolicyInput = z.input<typeof slaPolicySchema>;

export const DEFAULT_SLA_POLICY: SlaPolicy = slaPolicySchema.parse({});

/** Whether a status (with its hold reason) pauses the resolution clock under a policy. */
export function pausesResolution(policy: SlaPolicy, status: string, holdReason: string | null | undefined): boolean {
  return policy.pauseResolutionWhen.some((rule) => rule.status === status && (!rule.holdReasons || (holdReason != null && rule.holdReasons.includes(holdReason))));
}
