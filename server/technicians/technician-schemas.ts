/**
 * Request schemas of the technician routes, and the building blocks the plant
 * file and the work-order requirements share: skill and certification names,
 * expiry dates, shifts (the site calendar's shift shape). Input types are
 * checked against api-types.ts, which the dashboard uses.
 */
import { z } from 'zod';
import { ID_PATTERN } from '../../contract/topics';
import type { CreateTechnicianRequest, UpdateTechnicianRequest } from '../http/api-types';
import { booleanParam, paging } from '../http/query-schemas';
import { shiftSchema } from '../sla';

export const QUALIFICATION_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
const QUALIFICATION_MESSAGE = 'must be a kebab-case name such as "high-voltage" (lower-case letters, digits, "-", at most 64)';

/** A skill or certification name: "electrical", "high-voltage". */
export const qualificationName = z.string({ error: 'must be a string' }).regex(QUALIFICATION_PATTERN, QUALIFICATION_MESSAGE);

/** A list of distinct names. */
export const qualificationList = (max = 30) =>
  z
    .array(qualificationName, { error: 'must be a list of names' })
    .max(max, `must list at most ${max}`)
    .refine((names) => new Set(names).size === names.length, 'must not name the same one twice');

export const technicianId = z.string({ error: 'must be a string' }).regex(ID_PATTERN, 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit');

/** Epoch ms, or an ISO 8601 date ("2027-03-31": valid until that day ends, UTC) or time. */
export const expiryTime = z.union([z.number(), z.string()], { error: 'must be epoch milliseconds or an ISO 8601 date' }).transform((v, ctx) => {
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v > 0) return v;
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const t = Date.parse(`${v}T00:00:00Z`);
    if (Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === v) return t + 86_400_000;
  } else if (/^\d{4}-\d{2}-\d{2}T/.test(v)) {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  ctx.addIssue({ code: 'custom', message: 'must be epoch milliseconds or an ISO 8601 date ("2027-03-31") or time' });
  return z.NEVER;
});

export const certificationInput = z.strictObject({
  name: qualificationName,
  expiresAt: expiryTime.nullable().optional(),
});

export const certificationList = z
  .array(certificationInput, { error: 'must be a list of { name, expiresAt? }' })
  .max(30, 'must list at most 30')
  .refine((certs) => new Set(certs.map((c) => c.name)).size === certs.length, 'must not list the same certification twice');

export const technicianShifts = z.array(shiftSchema, { error: 'must be a list of shifts { days, start, end }' }).max(14, 'must list at most 14 shifts');

const personName = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters');
const contact = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

const editable = {
  name: personName,
  siteId: technicianId,
  skills: qualificationList(),
  certifications: certificationList,
  shifts: technicianShifts,
  supervisor: contact.nullable(),
  tokenName: contact.nullable(),
};

export const createTechnicianBody = z.strictObject({
  id: technicianId,
  name: editable.name,
  siteId: editable.siteId,
  skills: editable.skills.default([]),
  certifications: editable.certifications.default([]),
  shifts: editable.shifts.default([]),
  supervisor: editable.supervisor.optional(),
  tokenName: editable.tokenName.optional(),
});
export type CreateTechnicianInput = z.output<typeof createTechnicianBody>;

export const updateTechnicianBody = z
  .strictObject({
    name: editable.name.optional(),
    siteId: editable.siteId.optional(),
    skills: editable.skills.optional(),
    certifications: editable.certifications.optional(),
    shifts: editable.shifts.optional(),
    supervisor: editable.supervisor.optional(),
    tokenName: editable.tokenName.optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'must change at least one field');
export type UpdateTechnicianInput = z.output<typeof updateTechnicianBody>;

export const listTechniciansQuery = z.object({
  siteId: technicianId.optional(),
  skill: qualificationName.optional(),
  certification: qualificationName.optional(),
  active: booleanParam.optional(),
  ...paging(100),
});

// The schemas accept exactly what api-types.ts promises the dashboard.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCreate: Same<z.input<typeof createTechnicianBody>, CreateTechnicianRequest> = true;
const sameUpdate: Same<z.input<typeof updateTechnicianBody>, UpdateTechnicianRequest> = true;
void [sameCreate, sameUpdate];
