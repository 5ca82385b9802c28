/** Building blocks for query-string schemas (every value arrives as a string). */
import { z } from 'zod';

/** `limit` and `offset` for paged lists. */
export const paging = (defaultLimit = 50, maxLimit = 500) => ({
  limit: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(maxLimit, `must be at most ${maxLimit}`)
    .default(defaultLimit),
  offset: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must not be negative').default(0),
});

export const booleanParam = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

/** A comma-separated list of values from `options`: "open,assigned". */
export const commaList = <const T extends readonly [string, ...string[]]>(options: T) =>
  z
    .string()
    .transform((s) => s.split(',').map((part) => part.trim()).filter((part) => part !== ''))
    .pipe(z.array(z.enum(options, { error: `must be one of ${options.join(', ')}` })).min(1, 'must name at least one value'));

/** Epoch milliseconds, or an ISO 8601 time. */
export const timeParam = z.string().transform((s, ctx) => {
  const t = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (Number.isFinite(t)) return t;
  ctx.addIssue({ code: 'custom', message: 'must be epoch milliseconds or an ISO 8601 time' });
  return z.NEVER;
});
