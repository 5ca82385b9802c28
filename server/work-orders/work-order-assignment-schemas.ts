/** Request schemas of assignment and requirements (work-order-assignment-routes.ts). */
import { z } from 'zod';
import type { AssignRequest, SetRequirementsRequest } from '../http/api-types';
import { qualificationList, technicianId } from '../technicians/technician-schemas';

const note = z.string({ error: 'must be a string' }).trim().max(2000, 'must be at most 2000 characters').optional();
const actor = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters').optional();

export const assignBody = z
  .strictObject({
    technicianId: technicianId.optional(),
    auto: z.literal(true, { error: 'must be true (or leave it out and name technicianId)' }).optional(),
    note,
    actor,
  })
  .superRefine((body, ctx) => {
    if (body.technicianId === undefined && body.auto === undefined) {
      ctx.addIssue({ code: 'custom', path: ['technicianId'], message: 'is required: name the technician, or send "auto": true for the top candidate' });
    }
    if (body.technicianId !== undefined && body.auto !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['auto'], message: 'cannot be combined with technicianId' });
    }
  });

export const requirementsBody = z.strictObject({
  certifications: qualificationList(10),
  skills: qualificationList(20),
  note,
  actor,
});

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAssign: Same<z.input<typeof assignBody>, AssignRequest> = true;
const sameRequirements: Same<z.input<typeof requirementsBody>, SetRequirementsRequest> = true;
void [sameAssign, sameRequirements];
