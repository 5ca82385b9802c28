/** Maintenance-plan rows with what scheduling and views need: the device's line and running ms, the latest order. */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { devices, maintenancePlans, workOrders } from '../db/schema';
import type { WorkOrderStatus } from '../http/api-types';
import type { PlanFacts } from './plan-schedule';

export type PlanRow = typeof maintenancePlans.$inferSelect;
export type NewPlanRow = typeof maintenancePlans.$inferInsert;

export interface PlanRecord {
  plan: PlanRow;
  lineId: string;
  /** The device's running ms now (as persisted, about once a second). */
  runningMs: number;
  lastOrder: {
    id: number;
    number: string;
    status: WorkOrderStatus;
    dueAt: number | null;
    createdAt: number;
    resolvedAt: number | null;
    closedAt: number | null;
  } | null;
}

function selectRecords(database: Database) {
  return database.db
    .select({
      plan: maintenancePlans,
      lineId: devices.lineId,
      runningMs: devices.runningMs,
      orderId: workOrders.id,
      orderNumber: workOrders.number,
      orderStatus: workOrders.status,
      orderDueAt: workOrders.dueAt,
      orderCreatedAt: workOrders.createdAt,
      orderResolvedAt: workOrders.resolvedAt,
      orderClosedAt: workOrders.closedAt,
    })
    .from(maintenancePlans)
    .innerJoin(devices, eq(devices.id, maintenancePlans.deviceId))
    .leftJoin(workOrders, eq(workOrders.id, maintenancePlans.lastOrderId));
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectRecords>['all']>>[number];

function toRecord(r: SelectedRow): PlanRecord {
  return {
    plan: r.plan,
    lineId: r.lineId,
    runningMs: r.runningMs,
    lastOrder:
      r.orderId === null
        ? null
        : {
            id: r.orderId,
            number: r.orderNumber!,
            status: r.orderStatus!,
            dueAt: r.orderDueAt,
            createdAt: r.orderCreatedAt!,
            resolvedAt: r.orderResolvedAt,
            closedAt: r.orderClosedAt,
          },
  };
}

export function findPlanRecord(database: Database, id: string): PlanRecord | undefined {
  const row = selectRecords(database).where(eq(maintenancePlans.id, id)).get();
  return row && toRecord(row);
}

export interface PlanFilter {
  deviceId?: string | undefined;
  lineId?: string | undefined;
  enabled?: boolean | undefined;
  lastOrderId?: number | undefined;
}

/** By device (plant order), then id. */
export function listPlanRecords(database: Database, f: PlanFilter = {}): PlanRecord[] {
  const conditions: SQL[] = [];
  if (f.deviceId !== undefined) conditions.push(eq(maintenancePlans.deviceId, f.deviceId));
  if (f.lineId !== undefined) conditions.push(eq(devices.lineId, f.lineId));
  if (f.enabled !== undefined) conditions.push(eq(maintenancePlans.enabled, f.enabled));
  if (f.lastOrderId !== undefined) conditions.push(eq(maintenancePlans.lastOrderId, f.lastOrderId));
  return selectRecords(database)
    .where(and(...conditions))
    .orderBy(asc(devices.position), asc(maintenancePlans.id))
    .all()
    .map(toRecord);
}

export function insertPlan(database: Database, row: NewPlanRow): PlanRow {
  return database.db.insert(maintenancePlans).values(row).returning().get();
}

/** Inserts the plans whose id is not stored yet; returns how many. Stored ones are left as they are (API edits win). */
export function insertMissingPlans(database: Database, rows: readonly NewPlanRow[]): number {
  let added = 0;
  for (const row of rows) {
    if (database.db.insert(maintenancePlans).values(row).onConflictDoNothing().returning({ id: maintenancePlans.id }).get()) added++;
  }
  return added;
}

export function updatePlan(database: Database, id: string, set: Partial<NewPlanRow>): PlanRow {
  return database.db.update(maintenancePlans).set(set).where(eq(maintenancePlans.id, id)).returning().get()!;
}

/** When the plan's order was completed: when it was resolved (kept when it is closed later), else closed. */
export const completionAt = (order: NonNullable<PlanRecord['lastOrder']>): number | null => order.resolvedAt ?? order.closedAt;

/**
 * The facts the schedule is computed from. The completion comes from the
 * order itself; the running ms at completion only when recorded for that
 * same completion (a reopened and re-resolved order has a new one).
 */
export function planFacts(record: PlanRecord): PlanFacts {
  const { plan, lastOrder } = record;
  const doneAt = lastOrder && completionAt(lastOrder);
  const recorded = doneAt !== null && doneAt === plan.lastDoneAt;
  return {
    trigger: plan.trigger,
    enabled: plan.enabled,
    baselineAt: plan.baselineAt,
    baselineRunningMs: plan.baselineRunningMs,
    lastOrder: lastOrder && {
      status: lastOrder.status,
      dueAt: plan.lastDueAt,
      dueRunningMs: plan.lastDueRunningMs,
      doneAt,
      doneRunningMs: recorded ? plan.lastDoneRunningMs : null,
    },
  };
}
