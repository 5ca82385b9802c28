/**
 * Which outcomes fit which order type. Pure.
 *
 * A fault order (raised by detection, or a corrective or emergency repair)
 * ends in a confirmed fault or "no fault found": that is what rule precision
 * and MTBF count. Planned work (preventive, inspection) usually ends in
 * "completed": what was done, parts, labour, findings; an inspection that
 * finds a fault may also record it as confirmed, and either kind may find
 * nothing wrong.
 */
import type { OutcomeInput, WorkOrderType } from '../http/api-types';

type OutcomeKind = OutcomeInput['kind'];

const KINDS_BY_TYPE: Record<WorkOrderType, readonly OutcomeKind[]> = {
  'potential-fault': ['confirmed', 'no-fault-found'],
  corrective: ['confirmed', 'no-fault-found'],
  emergency: ['confirmed', 'no-fault-found'],
  preventive: ['completed', 'confirmed', 'no-fault-found'],
  inspection: ['completed', 'confirmed', 'no-fault-found'],
};

const HOW: Record<OutcomeKind, string> = {
  confirmed: 'confirmed (failureMode, cause, action, labourMinutes)',
  'no-fault-found': 'no-fault-found (note)',
  completed: 'completed (action, labourMinutes, optional parts and findings)',
};

/** The outcome kinds an order of this type may close with, first the usual one. */
export const outcomeKindsOf = (type: WorkOrderType): readonly OutcomeKind[] => KINDS_BY_TYPE[type];

/** "completed (action, …) or confirmed (…) or no-fault-found (note)", for an error that asks for an outcome. */
export const outcomeKindsFor = (type: WorkOrderType): string => KINDS_BY_TYPE[type].map((k) => HOW[k]).join(' or ');

/** Why this outcome kind does not fit the order type, or null when it does. */
export function outcomeKindProblem(type: WorkOrderType, kind: OutcomeKind): string | null {
  if (KINDS_BY_TYPE[type].includes(kind)) return null;
  return `a ${type} order closes as ${KINDS_BY_TYPE[type].join(' or ')}, not ${kind}`;
}
