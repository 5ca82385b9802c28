/**
 * Validation of rule templates at the HTTP boundary (and anywhere else a
 * template comes from outside). Besides field types it checks what makes a
 * rule meaningful, in the rule's resolved sense:
 * - the basis fits the metric (rated-current is for current, and so on);
 * - limits are ordered: an 'above' rule needs clear < warn < alarm, a 'below'
 *   rule the mirror image. On the 'insulation-margin' basis the numbers are
 *   margins below the insulation limit, so a larger margin is a lower
 *   temperature and the margins go the other way (above: clear > warn > alarm);
 * - limits lie in a range the basis can produce;
 * - durations are whole milliseconds between 0 and one day;
 * - `kind` (default 'threshold', so rules stored before kinds existed load
 *   unchanged) decides what warn/alarm/clear mean and which `params` the rule
 *   needs (rule-kind-checks.ts); `flapping` is optional for every kind.
 * Every issue names its field (path) and says what is wrong in plain words.
 */
import { z } from 'zod';
import { METRIC_INFO, METRICS, type Metric } from '../../contract/metrics';
import { EQUIPMENT_CLASSES } from '../../contract/plant';
import { ID_PATTERN } from '../../contract/topics';
import { FLEXIBLE_FOUNDATION_FACTOR } from './resolve-rules';
import { flappingSchema, kindIssues, paramsSchema, RULE_KINDS } from './rule-kind-checks';
import type { FailureMode, LimitBasis, RuleTemplate } from './types';

export const LIMIT_BASES = ['absolute', 'rated-current', 'insulation-margin', 'iso-10816-rigid'] as const satisfies readonly LimitBasis[];
export const FAILURE_MODES = ['vibration-high', 'overheating', 'overcurrent', 'undercurrent', 'temperature-low', 'no-data'] as const satisfies readonly FailureMode[];

/** Longest minimum or clear duration a rule may ask for. */
export const MAX_RULE_DURATION_MS = 24 * 60 * 60_000;

const ID_MESSAGE = 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit';
const id = z.string({ error: 'must be a string' }).regex(ID_PATTERN, ID_MESSAGE);
const limit = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number');
const duration = z
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(0, 'must not be negative')
  .max(MAX_RULE_DURATION_MS, `must be at most one day (${MAX_RULE_DURATION_MS} ms)`);

/** Which metric each non-absolute basis applies to. */
const BASIS_METRIC: Record<Exclude<LimitBasis, 'absolute'>, Metric> = {
  'rated-current': 'current',
  'insulation-margin': 'temperature',
  'iso-10816-rigid': 'vibration',
};

/** Inclusive range of template numbers per basis, with how to say it. */
function basisRange(basis: LimitBasis, metric: Metric): { min: number; max: number; unit: string } {
  switch (basis) {
    case 'absolute':
      return { min: METRIC_INFO[metric].min, max: METRIC_INFO[metric].max, unit: `${METRIC_INFO[metric].unit} (the plausible range of ${metric})` };
    case 'rated-current':
      return { min: 0, max: 10, unit: '× rated current' };
    case 'insulation-margin':
      // A negative margin would put the limit above the insulation class limit.
      return { min: 0, max: 180, unit: '°C below the insulation-class limit' };
    case 'iso-10816-rigid':
      return { min: 0, max: METRIC_INFO.vibration.max / FLEXIBLE_FOUNDATION_FACTOR, unit: 'mm/s' };
  }
}

type Limits = Pick<RuleTemplate, 'direction' | 'basis' | 'warn' | 'alarm' | 'clear'>;

/** Issues with the order of warn, alarm and clear, in the rule's resolved sense. */
function orderIssues(t: Limits): Array<{ path: 'clear' | 'alarm'; message: string }> {
  const margin = t.basis === 'insulation-margin';
  // +1: numbers must increase clear -> warn -> alarm; -1: decrease.
  const sense = (t.direction === 'above' ? 1 : -1) * (margin ? -1 : 1);
  const rule = t.direction === 'above' ? "an 'above' rule" : "a 'below' rule";
  const issues: Array<{ path: 'clear' | 'alarm'; message: string }> = [];
  if (margin) {
    const why = "on the 'insulation-margin' basis a larger margin means a lower temperature";
    if (!(sense * t.clear < sense * t.warn)) {
      const rel = sense > 0 ? 'smaller' : 'larger';
      issues.push({ path: 'clear', message: `clear must be a ${rel} margin than warn (${t.warn} °C) for ${rule}: ${why}` });
    }
    if (!(sense * t.warn < sense * t.alarm)) {
      const rel = sense > 0 ? 'larger' : 'smaller';
      issues.push({ path: 'alarm', message: `alarm must be a ${rel} margin than warn (${t.warn} °C) for ${rule}: ${why}` });
    }
  } else {
    if (!(sense * t.clear < sense * t.warn)) {
      issues.push({ path: 'clear', message: `clear must be ${sense > 0 ? 'below' : 'above'} warn (${t.warn}) for ${rule}` });
    }
    if (!(sense * t.warn < sense * t.alarm)) {
      issues.push({ path: 'alarm', message: `alarm must be ${sense > 0 ? 'above' : 'below'} warn (${t.warn}) for ${rule}` });
    }
  }
  return issues;
}

export const ruleTemplateSchema = z
  .strictObject({
    kind: z.enum(RULE_KINDS, { error: `must be one of ${RULE_KINDS.join(', ')}` }).default('threshold'),
    params: paramsSchema.optional(),
    flapping: flappingSchema.optional(),
    id,
    version: z.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more'),
    scope: z.discriminatedUnion(
      'kind',
      [
        z.strictObject({ kind: z.literal('class'), equipmentClass: z.enum(EQUIPMENT_CLASSES, { error: `must be one of ${EQUIPMENT_CLASSES.join(', ')}` }) }),
        z.strictObject({ kind: z.literal('device'), deviceId: id }),
      ],
      { error: "must be { kind: 'class', equipmentClass } or { kind: 'device', deviceId }" },
    ),
    metric: z.enum(METRICS, { error: `must be one of ${METRICS.join(', ')}` }),
    direction: z.enum(['above', 'below'], { error: "must be 'above' or 'below'" }),
    basis: z.enum(LIMIT_BASES, { error: `must be one of ${LIMIT_BASES.join(', ')}` }),
    warn: limit,
    alarm: limit,
    clear: limit,
    minDurationMs: duration,
    clearDurationMs: duration,
    failureMode: z.enum(FAILURE_MODES, { error: `must be one of ${FAILURE_MODES.join(', ')}` }),
    enabled: z.boolean({ error: 'must be true or false' }).default(true),
  })
  .superRefine((t, ctx) => {
    for (const issue of kindIssues(t as RuleTemplate)) ctx.addIssue({ code: 'custom', ...issue });
    // Only threshold limits, and a trend's explicit limit, are on the basis.
    if (t.kind !== 'threshold' && t.kind !== 'trend-to-limit') return;
    if (t.basis !== 'absolute' && BASIS_METRIC[t.basis] !== t.metric) {
      ctx.addIssue({
        code: 'custom',
        path: ['basis'],
        message: `basis '${t.basis}' only applies to ${BASIS_METRIC[t.basis]}, not ${t.metric}`,
      });
      return;
    }
    const range = basisRange(t.basis, t.metric);
    if (t.kind === 'trend-to-limit') {
      // The basis applies to the explicit limit only; warn/alarm/clear are hours.
      const limit = t.params?.limit;
      if (limit !== undefined && (limit < range.min || limit > range.max)) {
        ctx.addIssue({ code: 'custom', path: ['params', 'limit'], message: `limit must be within ${range.min}..${range.max} ${range.unit} (got ${limit})` });
      }
      return;
    }
    let inRange = true;
    for (const key of ['warn', 'alarm', 'clear'] as const) {
      if (t[key] < range.min || t[key] > range.max) {
        inRange = false;
        ctx.addIssue({ code: 'custom', path: [key], message: `${key} must be within ${range.min}..${range.max} ${range.unit} (got ${t[key]})` });
      }
    }
    if (!inRange) return;
    for (const issue of orderIssues(t)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });

/** What a caller may send: `enabled` may be left out (defaults to true). */
export type RuleTemplateInput = z.input<typeof ruleTemplateSchema>;

// The schema and the shared RuleTemplate type must describe the same shape.
type Parsed = z.output<typeof ruleTemplateSchema>;
true satisfies [Parsed] extends [RuleTemplate] ? ([RuleTemplate] extends [Parsed] ? true : false) : false;
