/** How a due date reads for an order: "due in 2 h", "overdue 35 min". Pure. */
import type { WorkOrderStatus } from '../../../server/http/api-types';
import { formatDuration } from './time-format';
import { isActiveStatus } from './work-order-status';

export interface DueState {
  tone: 'overdue' | 'soon' | 'later';
  text: string;
}

/** null when there is no due date or the work is no longer active. "soon" is within `soonMs` (4 h). */
export function dueState(dueAt: number | null | undefined, status: WorkOrderStatus, now: number, soonMs = 4 * 3_600_000): DueState | null {
  if (dueAt === null || dueAt === undefined || !isActiveStatus(status)) return null;
  const left = dueAt - now;
  if (left < 0) return { tone: 'overdue', text: `overdue ${formatDuration(-left)}` };
  return { tone: left <= soonMs ? 'soon' : 'later', text: `due in ${formatDuration(left)}` };
}
