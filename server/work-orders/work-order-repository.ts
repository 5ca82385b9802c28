/** Work-order rows (joined with their device) and their append-only timeline. */
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Database } from '../db/database';
import { devices, technicians, workOrderEvents, workOrderNotifications, workOrders } from '../db/schema';
import type { FailureMode } from '../detection/types';
import type { Priority, WorkOrderStatus, WorkOrderType } from '../http/api-types';
import { OPEN_STATUSES } from './work-order-state';

export type WorkOrderRow = typeof workOrders.$inferSelect;
export type NewWorkOrderRow = Omit<typeof workOrders.$inferInsert, 'id' | 'number'>;
export type TimelineRow = typeof workOrderEvents.$inferSelect;
export type NewTimelineRow = Omit<typeof workOrderEvents.$inferInsert, 'id'>;
export type NotificationRow = typeof workOrderNotifications.$inferSelect;
export type NewNotificationRow = Omit<typeof workOrderNotifications.$inferInsert, 'id'>;

/** A work order with the device fields its view shows. */
export interface WorkOrderRecord {
  order: WorkOrderRow;
  deviceName: string;
  lineId: string;
  siteId: string;
  /** Number of the order in recurrenceOf, if any. */
  recurrenceOfNumber: string | null;
  /** Name of the technician in assigneeId, if any. */
  assigneeName: string | null;
}

/** WO-{year}-{id:06}, the year taken from the creation time (UTC). */
export function workOrderNumber(id: number, createdAt: number): string {
  return `WO-${new Date(createdAt).getUTCFullYear()}-${String(id).padStart(6, '0')}`;
}

/** Inserts and numbers the order (call inside a transaction). */
export function insertWorkOrder(database: Database, row: NewWorkOrderRow): WorkOrderRow {
  const { db } = database;
  const placeholder = `pending-${process.pid}-${row.createdAt}-${Math.random()}`;
  const inserted = db.insert(workOrders).values({ ...row, number: placeholder }).returning().get();
  return db
    .update(workOrders)
    .set({ number: workOrderNumber(inserted.id, row.createdAt) })
    .where(eq(workOrders.id, inserted.id))
    .returning()
    .get()!;
}

export function updateWorkOrder(database: Database, id: number, set: Partial<NewWorkOrderRow>): WorkOrderRow {
  return database.db.update(workOrders).set(set).where(eq(workOrders.id, id)).returning().get()!;
}

/** The order still being worked for this device and failure mode (newest, if several). */
export function findOpenWorkOrder(database: Database, deviceId: string, failureMode: FailureMode): WorkOrderRow | undefined {
  return database.db
    .select()
    .from(workOrders)
    .where(and(eq(workOrders.deviceId, deviceId), eq(workOrders.failureMode, failureMode), inArray(workOrders.status, OPEN_STATUSES)))
    .orderBy(desc(workOrders.id))
    .get();
}

const REPAIRED_STATUSES = ['resolved', 'closed'] as const satisfies readonly WorkOrderStatus[];

/**
 * The newest repair of this device and failure mode: an order resolved or
 * closed with a confirmed outcome of that failure mode. No-fault-found and
 * cancelled orders are not repairs. Newest by closing (or resolving) time.
 */
export function findLastRepair(database: Database, deviceId: string, failureMode: FailureMode): WorkOrderRow | undefined {
  return database.db
    .select()
    .from(workOrders)
    .where(
      and(
        eq(workOrders.deviceId, deviceId),
        inArray(workOrders.status, REPAIRED_STATUSES),
        sql`json_extract(${workOrders.outcome}, '$.kind') = 'confirmed'`,
        sql`json_extract(${workOrders.outcome}, '$.failureMode') = ${failureMode}`,
      ),
    )
    .orderBy(desc(sql`coalesce(${workOrders.closedAt}, ${workOrders.resolvedAt})`), desc(workOrders.id))
    .get();
}

const previous = alias(workOrders, 'previous');
const recordColumns = {
  order: workOrders,
  deviceName: devices.name,
  lineId: devices.lineId,
  siteId: devices.siteId,
  recurrenceOfNumber: previous.number,
  assigneeName: technicians.name,
};

const selectRecords = (database: Database) =>
  database.db
    .select(recordColumns)
    .from(workOrders)
    .innerJoin(devices, eq(devices.id, workOrders.deviceId))
    .leftJoin(previous, eq(previous.id, workOrders.recurrenceOf))
    .leftJoin(technicians, eq(technicians.id, workOrders.assigneeId));

/**
 * The records of a page's ids (a JSON array), in the list's order: prepared
 * once per database and sort. Building this four-table select with drizzle
 * on every request cost about twice what running it does.
 */
const pageStatements = new WeakMap<Database, Map<string, ReturnType<typeof preparePage>>>();

function preparePage(database: Database, sort: 'priority' | 'newest') {
  const order = [...(sort === 'newest' ? [] : [asc(workOrders.priority)]), desc(workOrders.id)];
  return selectRecords(database)
    .where(sql`${workOrders.id} IN (SELECT value FROM json_each(${sql.placeholder('ids')}))`)
    .orderBy(...order)
    .prepare();
}

function pageRecords(database: Database, sort: 'priority' | 'newest') {
  let bySort = pageStatements.get(database);
  if (!bySort) pageStatements.set(database, (bySort = new Map()));
  let statement = bySort.get(sort);
  if (!statement) bySort.set(sort, (statement = preparePage(database, sort)));
  return statement;
}

export function findWorkOrderRecord(database: Database, key: { id: number } | { number: string }): WorkOrderRecord | undefined {
  const where = 'id' in key ? eq(workOrders.id, key.id) : eq(workOrders.number, key.number);
  return selectRecords(database).where(where).get();
}

export interface WorkOrderFilter {
  statuses?: readonly WorkOrderStatus[];
  types?: readonly WorkOrderType[];
  deviceId?: string;
  lineId?: string;
  stopsLine?: boolean;
  priorities?: readonly Priority[];
  /** A technician id, or null for orders nobody is assigned to. */
  assigneeId?: string | null;
  /** 'priority' (default): most urgent first, newest first within a priority; 'newest': newest first. */
  sort?: 'priority' | 'newest';
  limit: number;
  offset: number;
}

/**
 * Sorted as the filter says, with the total matching the filter. The page is
 * picked from work_orders alone (the list indexes cover filter and order, and
 * a deep offset skips index entries rather than joined rows), then only its
 * rows are joined with their device; the total is counted without the join.
 */
export function listWorkOrderRecords(database: Database, f: WorkOrderFilter): { records: WorkOrderRecord[]; total: number } {
  const conditions: SQL[] = [];
  if (f.statuses?.length) conditions.push(inArray(workOrders.status, f.statuses));
  if (f.priorities?.length) conditions.push(inArray(workOrders.priority, f.priorities));
  if (f.types?.length) conditions.push(inArray(workOrders.type, f.types));
  if (f.deviceId !== undefined) conditions.push(eq(workOrders.deviceId, f.deviceId));
  if (f.lineId !== undefined) conditions.push(inArray(workOrders.deviceId, database.db.select({ id: devices.id }).from(devices).where(eq(devices.lineId, f.lineId))));
  if (f.stopsLine !== undefined) conditions.push(eq(workOrders.stopsLine, f.stopsLine));
  if (f.assigneeId !== undefined) conditions.push(f.assigneeId === null ? isNull(workOrders.assigneeId) : eq(workOrders.assigneeId, f.assigneeId));
  const where = and(...conditions);
  const { db } = database;
  const order = [...(f.sort === 'newest' ? [] : [asc(workOrders.priority)]), desc(workOrders.id)];
  const ids = db.select({ id: workOrders.id }).from(workOrders).where(where).orderBy(...order).limit(f.limit).offset(f.offset).all().map((r) => r.id);
  const records = ids.length === 0 ? [] : pageRecords(database, f.sort ?? 'priority').all({ ids: JSON.stringify(ids) });
  const total = cachedTotal(database, f, () => db.select({ n: count() }).from(workOrders).where(where).get()?.n ?? 0);
  return { records, total };
}

/**
 * Totals per filter, kept while the database is unchanged. Counting a large
 * match (status=closed: ~90 % of the table) walks its whole index range, 5-10
 * ms at 100,000 orders, every time a page of it is read; paging through the
 * same filter does not change the total. "Unchanged" is the same test the
 * line-state map uses: no write on this connection (total_changes(), which
 * counts every row inserted, updated or deleted) and no commit by another one
 * (PRAGMA data_version). Inside a transaction nothing is kept, since a
 * rollback undoes rows without lowering total_changes().
 */
const totals = new WeakMap<Database, { mark: () => string; byFilter: Map<string, { mark: string; total: number }> }>();
const MAX_CACHED_TOTALS = 256;

function cachedTotal(database: Database, f: WorkOrderFilter, countNow: () => number): number {
  if (database.sqlite.inTransaction) return countNow();
  let cache = totals.get(database);
  if (!cache) {
    const version = database.sqlite.prepare<[], number>('PRAGMA data_version').pluck();
    const changes = database.sqlite.prepare<[], number>('SELECT total_changes()').pluck();
    cache = { mark: () => `${version.get()}:${changes.get()}`, byFilter: new Map() };
    totals.set(database, cache);
  }
  const { statuses, priorities, types, deviceId, lineId, stopsLine, assigneeId } = f;
  // An object, not an array: JSON drops undefined members but keeps null (assigneeId null = unassigned).
  const key = JSON.stringify({ statuses, priorities, types, deviceId, lineId, stopsLine, assigneeId });
  const mark = cache.mark();
  const hit = cache.byFilter.get(key);
  if (hit?.mark === mark) return hit.total;
  const total = countNow();
  if (cache.byFilter.size >= MAX_CACHED_TOTALS) cache.byFilter.clear();
  cache.byFilter.set(key, { mark, total });
  return total;
}

export function appendTimeline(database: Database, entry: NewTimelineRow): TimelineRow {
  return database.db.insert(workOrderEvents).values(entry).returning().get();
}

/** Oldest first. */
export function listTimeline(database: Database, workOrderId: number): TimelineRow[] {
  return database.db.select().from(workOrderEvents).where(eq(workOrderEvents.workOrderId, workOrderId)).orderBy(workOrderEvents.id).all();
}

/** Orders still being worked (open .. on-hold), oldest first: what the SLA monitor watches. */
export function listOpenWorkOrderRecords(database: Database): WorkOrderRecord[] {
  return selectRecords(database).where(inArray(workOrders.status, OPEN_STATUSES)).orderBy(workOrders.id).all();
}

/** Ids of the orders listOpenWorkOrderRecords would give, from the status index alone. */
export function listOpenWorkOrderIds(database: Database): number[] {
  return database.db.select({ id: workOrders.id }).from(workOrders).where(inArray(workOrders.status, OPEN_STATUSES)).orderBy(workOrders.id).all().map((r) => r.id);
}

/** Those of `ids` still being worked, as records, oldest first (one slice of the SLA monitor's tick). */
export function openWorkOrderRecordsByIds(database: Database, ids: readonly number[]): WorkOrderRecord[] {
  if (ids.length === 0) return [];
  return selectRecords(database)
    .where(and(inArray(workOrders.id, [...ids]), inArray(workOrders.status, OPEN_STATUSES)))
    .orderBy(workOrders.id)
    .all();
}

/** Records the notification unless its key was recorded for the order before; the row, or undefined when it was. */
export function insertNotification(database: Database, row: NewNotificationRow): NotificationRow | undefined {
  return database.db.insert(workOrderNotifications).values(row).onConflictDoNothing().returning().get();
}

/** Oldest first. */
export function listNotifications(database: Database, workOrderId: number): NotificationRow[] {
  return database.db.select().from(workOrderNotifications).where(eq(workOrderNotifications.workOrderId, workOrderId)).orderBy(workOrderNotifications.id).all();
}

export function notificationKeys(database: Database, workOrderId: number): string[] {
  return database.db
    .select({ key: workOrderNotifications.key })
    .from(workOrderNotifications)
    .where(eq(workOrderNotifications.workOrderId, workOrderId))
    .all()
    .map((r) => r.key);
}
