/** Device rows, per-device counts, and the last-seen batch update ingest calls. */
import { and, asc, count, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { PlantDevice } from '../../contract/plant';
import type { Database } from '../db/database';
import { anomalies, devices, workOrders } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { OPEN_STATUSES } from '../work-orders/work-order-state';

export type DeviceRow = typeof devices.$inferSelect;

export interface DeviceCounts {
  activeAnomalies: number;
  openWorkOrders: number;
}

export function listDeviceRows(database: Database): DeviceRow[] {
  return database.db.select().from(devices).orderBy(asc(devices.position), asc(devices.id)).all();
}

export function findDeviceRow(database: Database, id: string): DeviceRow | undefined {
  return database.db.select().from(devices).where(eq(devices.id, id)).get();
}

/** Active anomalies and open work orders per device (devices with none are absent). */
export function deviceCounts(database: Database, deviceId?: string): Map<string, DeviceCounts> {
  const { db } = database;
  const anomalyWhere = deviceId ? and(eq(anomalies.active, true), eq(anomalies.deviceId, deviceId)) : eq(anomalies.active, true);
  const orderWhere = deviceId
    ? and(inArray(workOrders.status, OPEN_STATUSES), eq(workOrders.deviceId, deviceId))
    : inArray(workOrders.status, OPEN_STATUSES);
  const active = db.select({ deviceId: anomalies.deviceId, n: count() }).from(anomalies).where(anomalyWhere).groupBy(anomalies.deviceId).all();
  const open = db.select({ deviceId: workOrders.deviceId, n: count() }).from(workOrders).where(orderWhere).groupBy(workOrders.deviceId).all();
  const counts = new Map<string, DeviceCounts>();
  const entry = (id: string) => counts.get(id) ?? counts.set(id, { activeAnomalies: 0, openWorkOrders: 0 }).get(id)!;
  for (const r of active) entry(r.deviceId).activeAnomalies = r.n;
  for (const r of open) entry(r.deviceId).openWorkOrders = r.n;
  return counts;
}

/** The last-seen update, prepared once per database (ingest runs it for every device seen, once a second). */
const touchStatements = new WeakMap<Database, ReturnType<typeof prepareTouch>>();
const prepareTouch = (database: Database) =>
  database.db
    .update(devices)
    .set({ lastSeenAt: sql`${sql.placeholder('at')}` })
    .where(and(eq(devices.id, sql.placeholder('id')), or(isNull(devices.lastSeenAt), lt(devices.lastSeenAt, sql.placeholder('at')))))
    .prepare();

/**
 * Moves last_seen_at forward for each device in the map (device id -> epoch
 * ms); never backwards, unknown ids ignored. One transaction. Returns the
 * number of devices updated.
 */
export function touchDevices(database: Database, lastSeen: ReadonlyMap<string, number>): number {
  if (lastSeen.size === 0) return 0;
  let touch = touchStatements.get(database);
  if (!touch) touchStatements.set(database, (touch = prepareTouch(database)));
  const statement = touch;
  return inTransaction(database, () => {
    let updated = 0;
    for (const [id, at] of lastSeen) updated += statement.run({ id, at }).changes;
    return updated;
  });
}

/** The running-time update, prepared once per database (run for every device that ran, once a second). */
const runningStatements = new WeakMap<Database, ReturnType<typeof prepareRunning>>();
const prepareRunning = (database: Database) =>
  database.db
    .update(devices)
    .set({ runningMs: sql`${devices.runningMs} + ${sql.placeholder('ms')}` })
    .where(eq(devices.id, sql.placeholder('id')))
    .prepare();

/**
 * Adds running ms per device (device id -> ms since the last call); unknown
 * ids ignored. One transaction for the whole batch. Returns the number of devices updated.
 */
export function addRunningTime(database: Database, increments: ReadonlyMap<string, number>): number {
  if (increments.size === 0) return 0;
  let add = runningStatements.get(database);
  if (!add) runningStatements.set(database, (add = prepareRunning(database)));
  const statement = add;
  return inTransaction(database, () => {
    let updated = 0;
    for (const [id, ms] of increments) if (ms > 0) updated += statement.run({ id, ms: Math.round(ms) }).changes;
    return updated;
  });
}

/** The device's accumulated running ms (0 for an unknown device). */
export function runningMsOf(database: Database, id: string): number {
  return database.db.select({ ms: devices.runningMs }).from(devices).where(eq(devices.id, id)).get()?.ms ?? 0;
}

/** The device as the plant file described it, for resolving rule templates. */
export function toPlantDevice(row: DeviceRow): PlantDevice {
  return {
    id: row.id,
    name: row.name,
    class: row.class,
    criticality: row.criticality,
    ratedCurrent: row.ratedCurrent,
    insulationClass: row.insulationClass,
    foundation: row.foundation,
    agent: row.agentId,
    siteId: row.siteId,
    lineId: row.lineId,
    agentId: row.agentId,
  };
}
