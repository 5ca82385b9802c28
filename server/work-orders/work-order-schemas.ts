/**
 * Request schemas of the work-order routes. Their input types are checked
 * against the request types in api-types.ts, which the dashboard uses.
 */
import { z } from 'zod';
import { ID_PATTERN } from '../../contract/topics';
import { FAILURE_MODES } from '../detection/rule-template-schema';
import {
  HOLD_REASONS,
  MANUAL_WORK_ORDER_TYPES,
  OUTCOME_KINDS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_TYPES,
  type CreateWorkOrderRequest,
  type OutcomeInput,
  type SetPriorityRequest,
  type TransitionRequest,
  type WorkOrderStatus,
} from '../http/api-types';
import { booleanParam, commaList, paging } from '../http/query-schemas';
import { PRIORITIES, priorityOverrideRequestSchema } from '../priority';

/** `status=open-like` stands for every status in which the order is still being worked. */
export const OPEN_LIKE = 'open-like';

/** Statuses that need an outcome (given now, or recorded before). */
export const OUTCOME_STATUSES = ['resolved', 'closed'] as const satisfies readonly WorkOrderStatus[];

export const listQuery = z.object({
  status: commaList([...WORK_ORDER_STATUSES, OPEN_LIKE]).optional(),
  type: commaList(WORK_ORDER_TYPES).optional(),
  deviceId: z.string().min(1).optional(),
  lineId: z.string().min(1).optional(),
  stopsLine: booleanParam.optional(),
  priority: commaList(PRIORITIES).optional(),
  /** A technician id, or "none" for orders nobody is assigned to. */
  assigneeId: z
    .string()
    .regex(ID_PATTERN, 'must be a technician id or "none"')
    .transform((v) => (v === 'none' ? null : v))
    .optional(),
  sort: z.enum(['priority', 'newest'], { error: 'must be priority or newest' }).default('priority'),
  ...paging(50),
});

const text = (max: number) =>
  z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const actor = text(120);
const failureMode = z.enum(FAILURE_MODES, { error: `must be one of ${FAILURE_MODES.join(', ')}` });

const part = z.strictObject({
  partNumber: text(60),
  description: text(200).optional(),
  quantity: z.number({ error: 'must be a number' }).positive('must be more than 0').max(100_000, 'must be at most 100000'),
});

const partsUsed = z.array(part).max(50, 'must list at most 50 parts').optional();
const labourMinutes = z.number({ error: 'must be a number' }).int('must be whole minutes').min(0, 'must not be negative').max(100_000, 'must be at most 100000');

export const outcomeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('confirmed'),
      failureMode,
      cause: text(2000),
      action: text(2000),
      parts: partsUsed,
      labourMinutes,
    }),
    z.strictObject({ kind: z.literal('no-fault-found'), note: text(2000) }),
    z.strictObject({
      kind: z.literal('completed'),
      action: text(2000),
      parts: partsUsed,
      labourMinutes,
      findings: text(2000).optional(),
    }),
  ],
  { error: `must be an object with kind ${OUTCOME_KINDS.join(' or ')}` },
);

export const transitionBody = z
  .strictObject({
    to: z.enum(WORK_ORDER_STATUSES, { error: `must be one of ${WORK_ORDER_STATUSES.join(', ')}` }),
    note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
    actor: actor.optional(),
    outcome: outcomeSchema.optional(),
    holdReason: z.enum(HOLD_REASONS, { error: `must be one of ${HOLD_REASONS.join(', ')}` }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.outcome && !(OUTCOME_STATUSES as readonly string[]).includes(body.to)) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: `can only be given when moving to ${OUTCOME_STATUSES.join(' or ')}` });
    }
    const problem = holdReasonProblem(body.to, body.holdReason);
    if (problem) ctx.addIssue({ code: 'custom', path: ['holdReason'], message: problem });
  });

/** Why a transition's hold reason is wrong, or null: required for on-hold, refused for anything else. */
export function holdReasonProblem(to: WorkOrderStatus, holdReason: string | undefined): string | null {
  if (to === 'on-hold' && holdReason === undefined) return `is required to put an order on hold: one of ${HOLD_REASONS.join(', ')}`;
  if (to !== 'on-hold' && holdReason !== undefined) return 'can only be given when moving to on-hold';
  return null;
}

/** PUT /work-orders/:id/priority */
export const setPriorityBody = priorityOverrideRequestSchema.extend({ actor: actor.optional() });

/** DELETE /work-orders/:id/priority (the body may be empty). */
export const clearPriorityBody = z.strictObject({ actor: actor.optional() });

export const commentBody = z.strictObject({
  text: text(5000),
  actor: actor.optional(),
});

export const createBody = z
  .strictObject({
    type: z.enum(MANUAL_WORK_ORDER_TYPES, { error: `must be one of ${MANUAL_WORK_ORDER_TYPES.join(', ')}` }),
    deviceId: text(120),
    title: text(200),
    description: z.string({ error: 'must be a string' }).trim().max(5000, 'must be at most 5000 characters').optional(),
    severity: z.enum(['warn', 'alarm'], { error: 'must be one of warn, alarm' }).optional(),
    failureMode: failureMode.optional(),
    stopsLine: z.boolean({ error: 'must be true or false' }).optional(),
    dueAt: z.number({ error: 'must be epoch milliseconds' }).int('must be epoch milliseconds').positive('must be epoch milliseconds').optional(),
    actor: actor.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.type === 'emergency' && body.stopsLine === false) {
      ctx.addIssue({ code: 'custom', path: ['stopsLine'], message: 'an emergency order always stops the line' });
    }
  });

// The schemas accept exactly what api-types.ts promises the dashboard.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCreate: Same<z.input<typeof createBody>, CreateWorkOrderRequest> = true;
const sameTransition: Same<z.input<typeof transitionBody>, TransitionRequest> = true;
const sameOutcome: Same<z.output<typeof outcomeSchema>, OutcomeInput> = true;
const samePriority: Same<z.input<typeof setPriorityBody>, SetPriorityRequest> = true;
void [sameCreate, sameTransition, sameOutcome, samePriority];
