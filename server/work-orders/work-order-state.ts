/**
 * The work-order life cycle, as pure functions.
 *
 *   open -> acknowledged -> assigned -> in-progress <-> on-hold
 *   in-progress -> resolved -> closed
 * plus the shortcuts open -> assigned and acknowledged -> in-progress, the
 * reopen resolved -> in-progress, and cancelled from any state that is not
 * terminal. closed and cancelled are terminal.
 */
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from '../http/api-types';

const TRANSITIONS: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  open: ['acknowledged', 'assigned', 'cancelled'],
  acknowledged: ['assigned', 'in-progress', 'cancelled'],
  assigned: ['in-progress', 'cancelled'],
  'in-progress': ['on-hold', 'resolved', 'cancelled'],
  'on-hold': ['in-progress', 'cancelled'],
  resolved: ['closed', 'in-progress', 'cancelled'],
  closed: [],
  cancelled: [],
};

/** Statuses in which the fault is still being dealt with; new detections join such an order. */
export const OPEN_STATUSES = ['open', 'acknowledged', 'assigned', 'in-progress', 'on-hold'] as const satisfies readonly WorkOrderStatus[];

export const TERMINAL_STATUSES = ['closed', 'cancelled'] as const satisfies readonly WorkOrderStatus[];

export function isWorkOrderStatus(value: string): value is WorkOrderStatus {
  return (WORK_ORDER_STATUSES as readonly string[]).includes(value);
}

export function isTerminal(status: WorkOrderStatus): boolean {
  return allowedTransitions(status).length === 0;
}

export function allowedTransitions(from: WorkOrderStatus): WorkOrderStatus[] {
  return [...TRANSITIONS[from]];
}

export type TransitionCheck = { ok: true } | { ok: false; message: string; allowed: WorkOrderStatus[] };

export function checkTransition(from: WorkOrderStatus, to: WorkOrderStatus): TransitionCheck {
  const allowed = allowedTransitions(from);
  if (allowed.includes(to)) return { ok: true };
  const options = allowed.length ? `allowed: ${allowed.join(', ')}` : `${from} is final`;
  return { ok: false, allowed, message: `cannot go from ${from} to ${to}; ${options}` };
}
