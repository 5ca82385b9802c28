/**
 * The work-order queue as state: the loaded orders (newest first) plus how
 * live 'work-order' events change it. Pure; untouched orders keep their
 * object identity, so the view re-renders only the rows that changed.
 */
import type { ServerEvents, WorkOrderView } from '../../../server/http/api-types';
import type { StatusFilter } from './route';
import { isActiveStatus } from './work-order-status';

export interface WorkOrderListState {
  filter: StatusFilter;
  /** Restrict to one device (device page); null for the whole plant. */
  deviceId: string | null;
  items: WorkOrderView[];
  /** Server-side total matching the filter (grows and shrinks with live events). */
  total: number;
}

export type ListChange = 'inserted' | 'updated' | 'removed' | 'ignored';

export interface ListUpdate {
  state: WorkOrderListState;
  change: ListChange;
}

export function matchesFilter(order: WorkOrderView, filter: StatusFilter, deviceId: string | null = null): boolean {
  if (deviceId !== null && order.deviceId !== deviceId) return false;
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
): WorkOrderListState {
  const kept = dedupeById(items.filter((o) => matchesFilter(o, filter, deviceId)));
  return { filter, deviceId, items: kept.sort(compareNewestFirst), total: Math.max(total, kept.length) };
}

/** Appends a further page (load more), skipping orders already present. */
export function appendPage(state: WorkOrderListState, page: readonly WorkOrderView[], total: number): WorkOrderListState {
  const seen = new Set(state.items.map((o) => o.id));
  const fresh = page.filter((o) => !seen.has(o.id) && matchesFilter(o, state.filter, state.deviceId));
  const items = [...state.items, ...fresh].sort(compareNewestFirst);
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
  const matches = matchesFilter(incoming, state.filter, state.deviceId);

  if (index === -1) {
    if (!matches) return { state, change: 'ignored' };
    const items = insertSorted(state.items, incoming);
    return { state: { ...state, items, total: state.total + 1 }, change: 'inserted' };
  }

  const current = state.items[index]!;
  if (incoming.updatedAt < current.updatedAt) return { state, change: 'ignored' };
  if (!matches) {
    const items = state.items.filter((_, i) => i !== index);
    return { state: { ...state, items, total: Math.max(items.length, state.total - 1) }, change: 'removed' };
  }
  const items = state.items.slice();
  items[index] = incoming;
  if (incoming.createdAt !== current.createdAt) items.sort(compareNewestFirst);
  return { state: { ...state, items }, change: 'updated' };
}

function insertSorted(items: readonly WorkOrderView[], order: WorkOrderView): WorkOrderView[] {
  const at = items.findIndex((o) => compareNewestFirst(order, o) < 0);
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
  /** createdAt of the oldest active order, or null. */
  oldestActiveAt: number | null;
}

/** Headline numbers for the loaded orders. */
export function summarizeQueue(items: readonly WorkOrderView[]): QueueSummary {
  let active = 0;
  let alarms = 0;
  let unacknowledged = 0;
  let oldestActiveAt: number | null = null;
  for (const o of items) {
    if (!isActiveStatus(o.status)) continue;
    active++;
    if (o.severity === 'alarm') alarms++;
    if (o.status === 'open') unacknowledged++;
    if (oldestActiveAt === null || o.createdAt < oldestActiveAt) oldestActiveAt = o.createdAt;
  }
  return { active, alarms, unacknowledged, oldestActiveAt };
}
