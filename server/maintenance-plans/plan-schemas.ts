/**
 * Request schemas of the maintenance-plan routes, also used for plans in the
 * plant file. Input types are checked against api-types.ts, which the
 * dashboard uses.
 */
import { z } from 'zod';
import { ID_PATTERN } from '../../contract/topics';
import type { CreateMaintenancePlanRequest, UpdateMaintenancePlanRequest } from '../http/api-types';
import { paging } from '../http/query-schemas';
import { PRIORITIES } from '../priority';
import { qualificationList } from '../technicians/technician-schemas';

export const planId = z.string({ error: 'must be a string' }).regex(ID_PATTERN, 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit');

const text = (max: number) => z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** Epoch ms, or an ISO 8601 date ("2026-06-01": midnight UTC) or time. */
const instant = z.union([z.number(), z.string()], { error: 'must be epoch milliseconds or an ISO 8601 date' }).transform((v, ctx) => {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const t = Date.parse(`${v}T00:00:00Z`);
    if (Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === v) return t;
  } else if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  ctx.addIssue({ code: 'custom', message: 'must be epoch milliseconds or an ISO 8601 date ("2026-06-01") or time' });
  return z.NEVER;
});

const number = (min: number, max: number, what: string) =>
  z.number({ error: `must be a number of ${what}` }).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** Lead times must leave room for the interval: an order opening a whole interval early would open again as soon as it is done. */
export const triggerSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .strictObject({
        kind: z.literal('calendar'),
        everyDays: number(1, 3650, 'days').int('must be whole days'),
        leadDays: number(0, 365, 'days').default(0),
        firstDueAt: instant.nullable().optional(),
      })
      .refine((t) => t.leadDays < t.everyDays, { path: ['leadDays'], message: 'must be less than everyDays' }),
    z
      .strictObject({
        kind: z.literal('running-hours'),
        everyHours: number(1, 100_000, 'hours'),
        leadHours: number(0, 100_000, 'hours').default(0),
        firstDueHours: number(0, 1_000_000, 'hours').nullable().optional(),
      })
      .refine((t) => t.leadHours < t.everyHours, { path: ['leadHours'], message: 'must be less than everyHours' }),
  ],
  { error: 'must be an object with kind calendar (everyDays, leadDays?, firstDueAt?) or running-hours (everyHours, leadHours?, firstDueHours?)' },
);

const priority = z.enum(PRIORITIES, { error: `must be one of ${PRIORITIES.join(', ')}` }).nullable();

const editable = {
  title: text(200),
  description: z.string({ error: 'must be a string' }).trim().max(5000, 'must be at most 5000 characters'),
  trigger: triggerSchema,
  requiredSkills: qualificationList(),
  requiredCertifications: qualificationList(),
  priority,
  enabled: z.boolean({ error: 'must be true or false' }),
  actor: text(120),
};

export const createPlanBody = z.strictObject({
  id: planId.optional(),
  deviceId: text(120),
  title: editable.title,
  description: editable.description.optional(),
  trigger: editable.trigger,
  requiredSkills: editable.requiredSkills.optional(),
  requiredCertifications: editable.requiredCertifications.optional(),
  priority: editable.priority.optional(),
  enabled: editable.enabled.optional(),
  actor: editable.actor.optional(),
});
export type CreatePlanInput = z.output<typeof createPlanBody>;

export const updatePlanBody = z
  .strictObject({
    title: editable.title.optional(),
    description: editable.description.optional(),
    trigger: editable.trigger.optional(),
    requiredSkills: editable.requiredSkills.optional(),
    requiredCertifications: editable.requiredCertifications.optional(),
    priority: editable.priority.optional(),
    enabled: editable.enabled.optional(),
    actor: editable.actor.optional(),
  })
  .refine((body) => Object.keys(body).some((k) => k !== 'actor'), 'must change at least one field');
export type UpdatePlanInput = z.output<typeof updatePlanBody>;

/** DELETE /maintenance-plans/:id (the body may be empty). */
export const disablePlanBody = z.strictObject({ actor: editable.actor.optional() });

export const listPlansQuery = z.object({
  deviceId: z.string().min(1).optional(),
  lineId: z.string().min(1).optional(),
  ...paging(100),
});

// The schemas accept exactly what api-types.ts promises the dashboard.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCreate: Same<z.input<typeof createPlanBody>, CreateMaintenancePlanRequest> = true;
const sameUpdate: Same<z.input<typeof updatePlanBody>, UpdateMaintenancePlanRequest> = true;
void [sameCreate, sameUpdate];
