/** The body of POST /api/backtests (BacktestRequest in api-types.ts), validated. */
import { z } from 'zod';
import { ID_PATTERN } from '../../contract/topics';
import { ruleTemplateSchema } from '../detection/rule-template-schema';
import type { BacktestRequest } from '../http/api-types';
import { DEFAULT_TIME_TO_CLOSE_MS } from './order-replay';

const MAX_TIME_TO_CLOSE_MS = 30 * 86_400_000;

/** Epoch milliseconds, or an ISO 8601 time. */
const instant = z.union([z.number(), z.string()], { error: 'must be epoch milliseconds or an ISO 8601 time' }).transform((v, ctx) => {
  const t = typeof v === 'number' ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (Number.isSafeInteger(t) && t >= 0) return t;
  ctx.addIssue({ code: 'custom', message: 'must be epoch milliseconds or an ISO 8601 time' });
  return z.NEVER;
});

/**
 * A change may be a rule as GET /api/rules returns it (edited): the fields
 * only a saved rule has are dropped before the template is checked.
 */
const SAVED_RULE_FIELDS = ['updatedAt', 'updatedBy'];
const change = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => !SAVED_RULE_FIELDS.includes(k))) : v),
  ruleTemplateSchema,
);

export const backtestRequestSchema = z
  .strictObject({
    deviceIds: z
      .array(z.string({ error: 'must be a device id' }).regex(ID_PATTERN, 'must be a device id'), { error: 'must be a list of device ids' })
      .min(1, 'must name at least one device (leave it out for all)')
      .optional(),
    from: instant,
    to: instant,
    changes: z.array(change, { error: 'must be a list of rule templates' }).max(500, 'must hold at most 500 templates').default([]),
    groundTruth: z.enum(['simulator', 'none'], { error: "must be 'simulator' or 'none'" }).default('simulator'),
    timeToCloseMs: z
      .number({ error: 'must be a number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, 'must not be negative')
      .max(MAX_TIME_TO_CLOSE_MS, `must be at most 30 days (${MAX_TIME_TO_CLOSE_MS} ms)`)
      .default(DEFAULT_TIME_TO_CLOSE_MS),
  })
  .superRefine((b, ctx) => {
    if (b.to < b.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });

export type ParsedBacktestRequest = z.output<typeof backtestRequestSchema>;

// What callers may send is the documented request shape.
true satisfies [BacktestRequest] extends [z.input<typeof backtestRequestSchema>] ? true : false;
