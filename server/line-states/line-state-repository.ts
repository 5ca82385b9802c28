/**
 * What the line-state tracker reads (the roster of lines, feeds and devices,
 * read now and then; silent devices, active anomalies and open orders, read
 * on every refresh) and the line_state_changes record it writes and reports from.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { anomalies, devices, lineFeeds, lines, lineStateChanges, technicians, workOrders } from '../db/schema';
import { deviceLiveness, STALE_WITHIN_MS } from '../devices/device-liveness';
import type { LineReason } from '../http/api-types';
import { OPEN_STATUSES } from '../work-orders/work-order-state';
import type { AnomalyFact, DeviceFacts, LineFacts, OrderFact } from './line-state-derivation';

export type LineStateChangeRow = typeof lineStateChanges.$inferSelect;
export type NewLineStateChangeRow = Omit<typeof lineStateChanges.$inferInsert, 'id'>;

export interface LineFactsWithSite extends LineFacts {
  siteId: string;
}

/** What changes only with the plant (sync at start, feed edits): lines in order, their feeds, their devices in order. */
export interface LineRoster {
  lines: Array<{ id: string; name: string; siteId: string; feeds: string[]; devices: Array<{ id: string; name: string }> }>;
}

export function readLineRoster(database: Database): LineRoster {
  const { db } = database;
  const feedsOf = groupBy(db.select().from(lineFeeds).orderBy(asc(lineFeeds.fromLine), asc(lineFeeds.toLine)).all(), (f) => f.fromLine, (f) => f.toLine);
  const devicesOf = groupBy(
    db.select({ id: devices.id, name: devices.name, lineId: devices.lineId }).from(devices).orderBy(asc(devices.position), asc(devices.id)).all(),
    (d) => d.lineId,
    (d) => ({ id: d.id, name: d.name }),
  );
  const rows = db.select({ id: lines.id, name: lines.name, siteId: lines.siteId }).from(lines).orderBy(asc(lines.position), asc(lines.id)).all();
  return { lines: rows.map((l) => ({ ...l, feeds: feedsOf.get(l.id) ?? [], devices: devicesOf.get(l.id) ?? [] })) };
}

/** What changes all the time, keyed by device: silent devices, active anomalies, open orders. */
export interface DeviceConditions {
  silent: Map<string, NonNullable<DeviceFacts['silent']>>;
  anomalies: Map<string, AnomalyFact[]>;
  orders: Map<string, OrderFact[]>;
}

export type DeviceConditionsReader = (now: number) => DeviceConditions;

export type SilentDevicesReader = (now: number) => DeviceConditions['silent'];

/** Devices offline or never seen at `now`, in id order. Only those rows are read (normally few). */
export function silentDevicesReader(database: Database): SilentDevicesReader {
  const silentRows = database.db
    .select({ id: devices.id, lastSeenAt: devices.lastSeenAt })
    .from(devices)
    .where(or(isNull(devices.lastSeenAt), lte(devices.lastSeenAt, sql.placeholder('cutoff'))))
    .orderBy(asc(devices.id))
    .prepare();
  return (now) => {
    const silent = new Map<string, NonNullable<DeviceFacts['silent']>>();
    for (const row of silentRows.all({ cutoff: now - STALE_WITHIN_MS })) {
      // deviceLiveness stays the one definition of offline; the query only narrows the rows.
      const liveness = deviceLiveness(row.lastSeenAt, now);
      if (liveness === 'offline' || liveness === 'never-seen') silent.set(row.id, { liveness, lastSeenAt: row.lastSeenAt });
    }
    return silent;
  };
}

/** Which devices are silent and how, as one comparable string (the liveness tick compares it with the last refresh). */
export function silentKey(silent: DeviceConditions['silent']): string {
  let key = '';
  for (const [id, s] of silent) key += `${id}\u0000${s.liveness}\u0000${s.lastSeenAt}\u0001`;
  return key;
}

/**
 * Three prepared queries in one read transaction. Only silent devices are
 * read (normally few), so the cost follows what is wrong, not the plant size.
 */
export function deviceConditionsReader(database: Database): DeviceConditionsReader {
  const { db } = database;
  const silentDevices = silentDevicesReader(database);
  const anomalyRows = db
    .select({ id: anomalies.id, deviceId: anomalies.deviceId, metric: anomalies.metric, severity: anomalies.severity, failureMode: anomalies.failureMode, startedAt: anomalies.startedAt })
    .from(anomalies)
    .where(eq(anomalies.active, true))
    .orderBy(asc(anomalies.id))
    .prepare();
  const orderRows = db
    .select({
      id: workOrders.id,
      deviceId: workOrders.deviceId,
      number: workOrders.number,
      type: workOrders.type,
      status: workOrders.status,
      title: workOrders.title,
      severity: workOrders.severity,
      stopsLine: workOrders.stopsLine,
      dueAt: workOrders.dueAt,
      assignee: technicians.name,
    })
    .from(workOrders)
    .leftJoin(technicians, eq(technicians.id, workOrders.assigneeId))
    .where(inArray(workOrders.status, OPEN_STATUSES))
    .orderBy(asc(workOrders.id))
    .prepare();

  const read = database.sqlite.transaction(
    (now: number): DeviceConditions => ({
      silent: silentDevices(now),
      anomalies: groupBy(anomalyRows.all(), (a) => a.deviceId, ({ deviceId: _, ...fact }): AnomalyFact => fact),
      // The chain names the assignee as people know them, not by id.
      orders: groupBy(orderRows.all(), (o) => o.deviceId, ({ deviceId: _, ...fact }): OrderFact => fact),
    }),
  );
  return (now) => read.deferred(now);
}

const NONE: readonly never[] = [];

/** The derivation's input: the roster with each device's conditions. */
export function lineFacts(roster: LineRoster, conditions: DeviceConditions): LineFactsWithSite[] {
  return roster.lines.map((line) => ({
    id: line.id,
    name: line.name,
    siteId: line.siteId,
    feeds: line.feeds,
    devices: line.devices.map((d): DeviceFacts => ({
      id: d.id,
      name: d.name,
      silent: conditions.silent.get(d.id),
      anomalies: conditions.anomalies.get(d.id) ?? NONE,
      orders: conditions.orders.get(d.id) ?? NONE,
    })),
  }));
}

function groupBy<T, V>(rows: readonly T[], key: (row: T) => string, value: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(value(row));
    else groups.set(k, [value(row)]);
  }
  return groups;
}

export function insertLineStateChanges(database: Database, rows: readonly NewLineStateChangeRow[]): void {
  if (rows.length) database.db.insert(lineStateChanges).values([...rows]).run();
}

/** The newest record of each line, and when each line's current state began (its newest record that changed the state). */
export function latestLineStates(database: Database): Map<string, { row: LineStateChangeRow; since: number }> {
  const { db } = database;
  const lineId = sql.placeholder('lineId');
  const newestFirst = [desc(lineStateChanges.at), desc(lineStateChanges.id)] as const;
  const newest = db.select().from(lineStateChanges).where(eq(lineStateChanges.lineId, lineId)).orderBy(...newestFirst).limit(1).prepare();
  // Records that only changed the cause (from = to) keep the state's start.
  const entered = db
    .select({ at: lineStateChanges.at })
    .from(lineStateChanges)
    .where(and(eq(lineStateChanges.lineId, lineId), or(isNull(lineStateChanges.from), ne(lineStateChanges.from, lineStateChanges.to))))
    .orderBy(...newestFirst)
    .limit(1)
    .prepare();
  const result = new Map<string, { row: LineStateChangeRow; since: number }>();
  for (const { id } of db.select({ id: lines.id }).from(lines).all()) {
    const row = newest.get({ lineId: id });
    if (row) result.set(id, { row, since: entered.get({ lineId: id })?.at ?? row.at });
  }
  return result;
}

export type LineStateChangesReader = (lineId: string, from: number, to: number) => { before: LineStateChangeRow | undefined; inside: LineStateChangeRow[] };

/** Records of one line inside [from, to), oldest first, and the one in force at `from` (if any). Prepared once. */
export function lineStateChangesReader(database: Database): LineStateChangesReader {
  const { db } = database;
  const lineId = sql.placeholder('lineId');
  const before = db
    .select()
    .from(lineStateChanges)
    .where(and(eq(lineStateChanges.lineId, lineId), lt(lineStateChanges.at, sql.placeholder('from'))))
    .orderBy(desc(lineStateChanges.at), desc(lineStateChanges.id))
    .limit(1)
    .prepare();
  const inside = db
    .select()
    .from(lineStateChanges)
    .where(and(eq(lineStateChanges.lineId, lineId), gte(lineStateChanges.at, sql.placeholder('from')), lt(lineStateChanges.at, sql.placeholder('to'))))
    .orderBy(asc(lineStateChanges.at), asc(lineStateChanges.id))
    .prepare();
  return (id, from, to) => ({ before: before.get({ lineId: id, from }), inside: inside.all({ lineId: id, from, to }) });
}

/** Reasons as stored by the tracker (JSON of LineReason[]). */
export function parseReasons(row: LineStateChangeRow): LineReason[] {
  return JSON.parse(row.reasons) as LineReason[];
}
