/**
 * Request schemas of the rule routes. Field types come from the one rule
 * schema (ruleTemplateSchema); whether a whole rule makes sense (limits in
 * order, basis fits the metric) is checked on the merged rule by rule-edits.
 * Their input types are checked against the request types in api-types.ts.
 */
import { z } from 'zod';
import { ruleTemplateSchema } from '../detection/rule-template-schema';
import type { CreateRuleOverrideRequest, UpdateRuleRequest } from '../http/api-types';

const field = ruleTemplateSchema.shape;

const reason = z
  .string({ error: (issue) => (issue.input === undefined ? 'is required: say why the rule changes' : 'must be a string') })
  .trim()
  .min(1, 'must say why the rule changes')
  .max(1000, 'must be at most 1000 characters');

/** Every editable field but scope and metric, each optional. `enabled` has no default here: left out = unchanged/copied. */
const optionalFields = {
  kind: field.kind.unwrap().optional(),
  params: field.params,
  flapping: field.flapping,
  direction: field.direction.optional(),
  basis: field.basis.optional(),
  warn: field.warn.optional(),
  alarm: field.alarm.optional(),
  clear: field.clear.optional(),
  minDurationMs: field.minDurationMs.optional(),
  clearDurationMs: field.clearDurationMs.optional(),
  failureMode: field.failureMode.optional(),
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
};

export const updateRuleBody = z.strictObject({
  scope: field.scope.optional(),
  metric: field.metric.optional(),
  ...optionalFields,
  reason,
  expectedVersion: field.version.optional(),
});
export type UpdateRuleBody = z.output<typeof updateRuleBody>;

const deviceScope = z.strictObject(
  {
    kind: z.literal('device', { error: "must be 'device': POST /api/rules creates per-device overrides; edit a class rule with PUT /api/rules/:id" }),
    deviceId: z.string({ error: 'must be a device id' }).min(1, 'must be a device id'),
  },
  { error: "must be { kind: 'device', deviceId }" },
);

export const createOverrideBody = z.strictObject({
  id: field.id.optional(),
  scope: deviceScope,
  metric: field.metric,
  ...optionalFields,
  reason,
});
export type CreateOverrideBody = z.output<typeof createOverrideBody>;

export const effectiveQuery = z.object({ deviceId: z.string().min(1, 'must be a device id').optional() });

// The schemas accept exactly what the request types in api-types.ts describe.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<z.input<typeof updateRuleBody>, UpdateRuleRequest>;
true satisfies Same<z.input<typeof createOverrideBody>, CreateRuleOverrideRequest>;
