/**
 * Recurrence: a fault that comes back on the same device and failure mode
 * within 30 days of the last repair (an order resolved or closed with a
 * confirmed outcome of that failure mode) links the new order to that repair
 * and marks the repair not effective. After 30 days it is just a new order.
 * No-fault-found and cancelled orders are not repairs.
 *
 * Call inside the transaction that creates the new order.
 */
import type { Database } from '../db/database';
import type { FailureMode } from '../detection/types';
import { appendTimeline, findLastRepair, updateWorkOrder, type WorkOrderRow } from './work-order-repository';

export const RECURRENCE_WINDOW_MS = 30 * 24 * 60 * 60_000;

/** When a repair was finished: its closing, or its resolution while not closed yet. */
export function repairFinishedAt(order: Pick<WorkOrderRow, 'closedAt' | 'resolvedAt'>): number | null {
  return order.closedAt ?? order.resolvedAt;
}

/** Pure: whether a fault seen at `at` counts as a return of a repair finished at `finishedAt`. */
export function isRecurrence(finishedAt: number, at: number): boolean {
  return at - finishedAt <= RECURRENCE_WINDOW_MS;
}

/** The repair the new fault comes back after, if it is recent enough. */
export function findRecurredRepair(database: Database, deviceId: string, failureMode: FailureMode, at: number): WorkOrderRow | undefined {
  const repair = findLastRepair(database, deviceId, failureMode);
  const finishedAt = repair && repairFinishedAt(repair);
  return repair && finishedAt != null && isRecurrence(finishedAt, at) ? repair : undefined;
}

const days = (ms: number) => {
  const d = Math.floor(ms / 86_400_000);
  if (d >= 1) return `${d} day${d === 1 ? '' : 's'}`;
  const h = Math.floor(ms / 3_600_000);
  return h >= 1 ? `${h} h` : `${Math.max(0, Math.round(ms / 60_000))} min`;
};

/**
 * Links `order` (just created) to `repair`: recurrence_of on the new order,
 * repair_effective = false on the old one, a 'recurrence' timeline entry on both
 * (from = old number, to = new number).
 */
export function linkRecurrence(database: Database, repair: WorkOrderRow, order: WorkOrderRow, who: { at: number; actor: string }): WorkOrderRow {
  const after = days(who.at - (repairFinishedAt(repair) ?? who.at));
  const mode = order.failureMode ?? 'the same failure mode';
  const linked = updateWorkOrder(database, order.id, { recurrenceOf: repair.id });
  updateWorkOrder(database, repair.id, { repairEffective: false, updatedAt: who.at });
  const entry = { at: who.at, actor: who.actor, kind: 'recurrence' as const, from: repair.number, to: order.number };
  appendTimeline(database, {
    ...entry,
    workOrderId: order.id,
    note: `Recurrence of ${repair.number}: ${mode} is back ${after} after that repair was finished.`,
  });
  appendTimeline(database, {
    ...entry,
    workOrderId: repair.id,
    note: `Repair not effective: ${mode} came back ${after} after this order was finished; new order ${order.number}.`,
  });
  return linked;
}
