/**
 * Work-order statuses as the dashboard shows them, and the transition table
 * mirroring the server's state machine. The table only decides which buttons
 * to offer; the server is the judge and may still refuse (409).
 */
import type { WorkOrderStatus } from '../../../server/http/api-types';

/** Same order as the server's WORK_ORDER_STATUSES (lifecycle order). */
export const STATUSES = [
  'open',
  'acknowledged',
  'assigned',
  'in-progress',
  'on-hold',
  'resolved',
  'closed',
  'cancelled',
] as const satisfies readonly WorkOrderStatus[];

// Compile-time check that STATUSES lists every server status.
type Missing = Exclude<WorkOrderStatus, (typeof STATUSES)[number]>;
const noneMissing: [Missing] extends [never] ? true : never = true;
void noneMissing;

/** Work still to do: anything not resolved, closed or cancelled. */
export const ACTIVE_STATUSES: readonly WorkOrderStatus[] = ['open', 'acknowledged', 'assigned', 'in-progress', 'on-hold'];

export const TERMINAL_STATUSES: readonly WorkOrderStatus[] = ['closed', 'cancelled'];

export const STATUS_LABEL: Record<WorkOrderStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  assigned: 'Assigned',
  'in-progress': 'In progress',
  'on-hold': 'On hold',
  resolved: 'Resolved',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

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

export function isStatus(value: string): value is WorkOrderStatus {
  return (STATUSES as readonly string[]).includes(value);
}

export function isActiveStatus(status: WorkOrderStatus): boolean {
  return ACTIVE_STATUSES.includes(status);
}

/** Statuses the server should accept next from `from`, in lifecycle order. */
export function nextStatuses(from: WorkOrderStatus): readonly WorkOrderStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: WorkOrderStatus, to: WorkOrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface TransitionAction {
  to: WorkOrderStatus;
  /** Button text: a verb for what the technician does. */
  label: string;
  /** Primary (the usual next step), secondary, or danger (cancel). */
  tone: 'primary' | 'secondary' | 'danger';
}

/**
 * The buttons to show on an order in status `from`: the usual next step
 * first, cancel last. `allowed` is the server's own list when it sends one
 * (it wins over the local table); otherwise the local table decides.
 */
export function transitionActions(from: WorkOrderStatus, allowed?: readonly string[] | null): TransitionAction[] {
  const local = nextStatuses(from);
  const targets = allowed
    ? STATUSES.filter((s) => allowed.includes(s) && s !== from).sort((a, b) => rankIn(local, a) - rankIn(local, b))
    : local;
  const primary = targets.find((t) => t !== 'cancelled');
  return targets
    .map((to): TransitionAction => ({
      to,
      label: actionLabel(from, to),
      tone: to === 'cancelled' ? 'danger' : to === primary ? 'primary' : 'secondary',
    }))
    .sort((a, b) => toneRank(a.tone) - toneRank(b.tone));
}

function rankIn(list: readonly WorkOrderStatus[], s: WorkOrderStatus): number {
  const i = list.indexOf(s);
  return i === -1 ? list.length : i;
}

function toneRank(tone: TransitionAction['tone']): number {
  return tone === 'primary' ? 0 : tone === 'secondary' ? 1 : 2;
}

function actionLabel(from: WorkOrderStatus, to: WorkOrderStatus): string {
  switch (to) {
    case 'acknowledged':
      return 'Acknowledge';
    case 'assigned':
      return 'Assign';
    case 'in-progress':
      return from === 'on-hold' ? 'Resume work' : from === 'resolved' ? 'Reopen' : 'Start work';
    case 'on-hold':
      return 'Put on hold';
    case 'resolved':
      return 'Resolve';
    case 'closed':
      return 'Close';
    case 'cancelled':
      return 'Cancel order';
    case 'open':
      return 'Reopen';
  }
}
