/**
 * Keeps each order's priority (server/priority) up to date in the database:
 * computed when the order is created, recomputed when its severity rises or
 * its line's impact changes, set and cleared by people. The PriorityState is
 * stored as JSON with the priority in force in its own column (filter, sort).
 *
 * Timeline: a 'priority' entry (from/to = the priority in force, note = the
 * reasons) whenever the priority in force or the computed one moves, and for
 * every override and clearing. A new order gets none: its view carries the
 * reasons. Call everything here inside the transaction of the change.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/database';
import { devices, workOrders } from '../db/schema';
import { findDeviceRow } from '../devices/device-repository';
import {
  clearPriorityOverride,
  DEFAULT_PRIORITY_SCORING,
  overridePriority,
  recomputePriority,
  type PriorityChange,
  type PriorityFactors,
  type PriorityOverrideRequest,
  type PriorityScoring,
  type PriorityState,
} from '../priority';
import { allFeeds, linesDownstream, type LineImpactLookup } from './line-impact';
import { appendTimeline, updateWorkOrder, type WorkOrderRow } from './work-order-repository';
import { WORK_ORDER_STATUSES } from '../http/api-types';
import { OPEN_STATUSES, TERMINAL_STATUSES } from './work-order-state';

/** Every status but closed and cancelled. */
const UNFINISHED_STATUSES = WORK_ORDER_STATUSES.filter((s) => !(TERMINAL_STATUSES as readonly string[]).includes(s));

/** Actor of the priority entries the system writes. */
export const PRIORITY_ACTOR = 'system:priority';

export interface PriorityWho {
  at: number;
  actor: string;
  /** What changed, as the first sentence of the note ("line utilities is down: WO-2026-000003 stops it"). */
  cause?: string;
}

export function readPriorityState(order: Pick<WorkOrderRow, 'priorityState'>): PriorityState | null {
  return order.priorityState === null ? null : (JSON.parse(order.priorityState) as PriorityState);
}

export type PriorityKeeper = ReturnType<typeof createPriorityKeeper>;

export function createPriorityKeeper({ database, lineImpactOf, scoring = DEFAULT_PRIORITY_SCORING }: { database: Database; lineImpactOf: LineImpactLookup; scoring?: PriorityScoring }) {
  const loadOrder = (id: number): WorkOrderRow => database.db.select().from(workOrders).where(eq(workOrders.id, id)).get()!;

  function factorsOf(order: WorkOrderRow): PriorityFactors {
    const device = findDeviceRow(database, order.deviceId);
    const impact = lineImpactOf(order.deviceId);
    return {
      severity: order.severity,
      orderType: order.type,
      criticality: device?.criticality ?? 'C',
      lineDown: impact.lineDown,
      starvedLines: impact.starvedLines,
    };
  }

  /** Stores the new state; writes the timeline when `log` says so. Returns whether anything stored changed. */
  function store(order: WorkOrderRow, change: PriorityChange, who: PriorityWho, log: boolean): boolean {
    const json = JSON.stringify(change.state);
    if (json === order.priorityState) return false;
    updateWorkOrder(database, order.id, { priority: change.state.priority, priorityState: json });
    if (log) {
      const note = [who.cause, ...change.reasons].filter(Boolean).join('; ');
      const from = readPriorityState(order)?.priority ?? order.priority;
      appendTimeline(database, { workOrderId: order.id, at: who.at, actor: who.actor, kind: 'priority', from, to: change.state.priority, note, holdReason: null });
    }
    return true;
  }

  function recompute(id: number, who: PriorityWho): boolean {
    const order = loadOrder(id);
    const previous = readPriorityState(order);
    const change = recomputePriority(previous, factorsOf(order), scoring);
    const moved = previous !== null && (change.changed || change.state.computed !== previous.computed);
    return store(order, change, who, moved);
  }

  return {
    factorsOf,

    /** The first computation for a just-inserted order. */
    initialize(order: WorkOrderRow, at: number): void {
      store(order, recomputePriority(null, factorsOf(order), scoring), { at, actor: PRIORITY_ACTOR }, false);
    },

    /** Recomputes one order from fresh factors; true when its stored priority state changed. */
    recompute,

    /**
     * Recomputes the open orders on `lineId` and on every line downstream of
     * it (their impact may have changed), except `exceptId`. Returns the ids
     * whose stored state changed.
     */
    recomputeLines(lineId: string, who: PriorityWho, exceptId?: number): number[] {
      const lines = [lineId, ...linesDownstream(allFeeds(database), lineId)];
      const ids = database.db
        .select({ id: workOrders.id })
        .from(workOrders)
        .innerJoin(devices, eq(devices.id, workOrders.deviceId))
        .where(and(inArray(devices.lineId, lines), inArray(workOrders.status, OPEN_STATUSES)))
        .orderBy(workOrders.id)
        .all()
        .map((r) => r.id)
        .filter((id) => id !== exceptId);
      return ids.filter((id) => recompute(id, who));
    },

    /** A person sets the priority; it wins until cleared. */
    override(id: number, request: PriorityOverrideRequest, who: PriorityWho): void {
      const order = loadOrder(id);
      const current = readPriorityState(order) ?? recomputePriority(null, factorsOf(order), scoring).state;
      store(order, overridePriority(current, request, who.actor, who.at), who, true);
    },

    /** Drops the override and recomputes from fresh factors; false when there was none. */
    clear(id: number, who: PriorityWho): boolean {
      const order = loadOrder(id);
      const current = readPriorityState(order);
      if (!current?.override) return false;
      store(order, clearPriorityOverride(current, who.actor, factorsOf(order), scoring), who, true);
      return true;
    },

    /** Computes the priority of unfinished orders stored before priorities existed; returns their ids. */
    backfill(at: number): number[] {
      const rows = database.db
        .select()
        .from(workOrders)
        // Unfinished as a list of statuses, not NOT IN the terminal ones: IN is answered from the status
        // index (a few thousand rows), NOT IN scanned all 100,000 orders (74 ms) on every SLA tick.
        .where(and(isNull(workOrders.priorityState), inArray(workOrders.status, UNFINISHED_STATUSES)))
        .all();
      for (const row of rows) store(row, recomputePriority(null, factorsOf(row), scoring), { at, actor: PRIORITY_ACTOR }, false);
      return rows.map((r) => r.id);
    },
  };
}
