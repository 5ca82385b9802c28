/**
 * The work-order queue as state: the loaded orders (most urgent priority
 * first, newest first within it, as the server sorts) plus how live
 * 'work-order' events change it. Pure; untouched orders keep their object
 * identity, so the view re-renders only the rows that changed.
 */
import type { Priority, ServerEvents, WorkOrderView } from '../../../server/http/api-types';
import { compareQueueOrder, matchesPriorities } from './priority';
import type { StatusFilter } from './route';
import { currentTarget, targetState } from './sla-format';
import { isActiveStatus } from './work-order-status';

export interface WorkOrderListState {
  filter: StatusFilter;
  /** Restrict to one device (device page); null for the whole plant. */
  deviceId: string | null;
  /** Only these priorities; [] for every priority. */
  priorities: readonly Priority[];
  items: WorkOrderView[];
  /** Server-side total matching the filter (grows and shrinks with live events). */
  total: number;
}

export type ListChange = 'inserted' | 'updated' | 'removed' | 'ignored';

export interface ListUpdate {
  state: WorkOrderListState;
  change: ListChange;
}

export function matchesFilter(order: WorkOrderView, filter: StatusFilter, deviceId: string | null = null, priorities: readonly Priority[] = []): boolean {
  if (deviceId !== null && order.deviceId !== deviceId) return false;
  if (!matchesPriorities(order, priorities)) return false;
  if (filter === 'all') return true;
  if (filter === 'active') return isActiveStatus(order.status);
  return order.status === filter;
}

/** Newest first; the higher id wins a tie (ids grow with creation). */
export function compareNewestFirst(a: WorkOrderView, b: WorkOrderView): number {
  return b.createdAt - a.createdAt || b.id - a.id;
}

export function initialListState(
  filter: StatusFilter,
  items: readonly WorkOrderView[],
  total: number = items.length,
  deviceId: string | null = null,
  priorities: readonly Priority[] = [],
): WorkOrderListState {
  const kept = dedupeById(items.filter((o) => matchesFilter(o, filter, deviceId, priorities)));
  return { filter, deviceId, priorities, items: kept.sort(compareQueueOrder), total: Math.max(total, kept.length) };
}

/** Appends a further page (load more), skipping orders already present. */
export function appendPage(state: WorkOrderListState, page: readonly WorkOrderView[], total: number): WorkOrderListState {
  const seen = new Set(state.items.map((o) => o.id));
  const fresh = page.filter((o) => !seen.has(o.id) && matches(o, state));
  const items = [...state.items, ...fresh].sort(compareQueueOrder);
  return { ...state, items, total: Math.max(total, items.length) };
}

/**
 * Applies one 'work-order' event. A created order that matches the filter is
 * inserted in order; an update patches the row in place, or removes it when
 * it no longer matches (closed while showing active work), or inserts it when
 * it starts matching. Stale events (older updatedAt than the row) are ignored.
 */
export function applyWorkOrderEvent(state: WorkOrderListState, event: ServerEvents['work-order']): ListUpdate {
  const incoming = event.workOrder;
  const index = state.items.findIndex((o) => o.id === incoming.id);
  const matching = matches(incoming, state);

  if (index === -1) {
    if (!matching) return { state, change: 'ignored' };
    const items = insertSorted(state.items, incoming);
    return { state: { ...state, items, total: state.total + 1 }, change: 'inserted' };
  }

  const current = state.items[index]!;
  if (incoming.updatedAt < current.updatedAt) return { state, change: 'ignored' };
  if (!matching) {
    const items = state.items.filter((_, i) => i !== index);
    return { state: { ...state, items, total: Math.max(items.length, state.total - 1) }, change: 'removed' };
  }
  const items = state.items.slice();
  items[index] = incoming;
  if (incoming.createdAt !== current.createdAt || incoming.priority !== current.priority) items.sort(compareQueueOrder);
  return { state: { ...state, items }, change: 'updated' };
}

function matches(order: WorkOrderView, state: WorkOrderListState): boolean {
  return matchesFilter(order, state.filter, state.deviceId, state.priorities);
}

function insertSorted(items: readonly WorkOrderView[], order: WorkOrderView): WorkOrderView[] {
  const at = items.findIndex((o) => compareQueueOrder(order, o) < 0);
  const next = items.slice();
  next.splice(at === -1 ? next.length : at, 0, order);
  return next;
}

function dedupeById(items: readonly WorkOrderView[]): WorkOrderView[] {
  const byId = new Map<number, WorkOrderView>();
  for (const o of items) {
    const prev = byId.get(o.id);
    if (!prev || o.updatedAt >= prev.updatedAt) byId.set(o.id, o);
  }
  return [...byId.values()];
}

export interface QueueSummary {
  active: number;
  alarms: number;
  unacknowledged: number;
  /** Active P0 and P1 orders. */
  urgent: number;
  /** Active orders whose current SLA target is breached. */
  breached: number;
  /** createdAt of the oldest active order, or null. */
  oldestActiveAt: number | null;
}

/** Headline numbers for the loaded orders. */
export function summarizeQueue(items: readonly WorkOrderView[]): QueueSummary {
  let active = 0;
  let alarms = 0;
  let unacknowledged = 0;
  let urgent = 0;
  let breached = 0;
  let oldestActiveAt: number | null = null;
  for (const o of items) {
    if (!isActiveStatus(o.status)) continue;
    active++;
    if (o.severity === 'alarm') alarms++;
    if (o.status === 'open') unacknowledged++;
    if (o.priority === 'P0' || o.priority === 'P1') urgent++;
    if (o.sla && targetState(currentTarget(o.sla).target) === 'breached') breached++;
    if (oldestActiveAt === null || o.createdAt < oldestActiveAt) oldestActiveAt = o.createdAt;
  }
  return { active, alarms, unacknowledged, urgent, breached, oldestActiveAt };
}
