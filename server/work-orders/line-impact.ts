/**
 * How much a device's line is hurting production, for priority scoring.
 *
 * A stopgap until there is a line-state module: a line counts as down while
 * an open order (open .. on-hold) on one of its devices stops it (every
 * emergency order, and orders marked `stopsLine`); a down line starves every
 * line downstream of it in `line_feeds`, directly or further along. A later
 * line-state module (running / degraded / down / starved / blocked, in
 * server/lines) should replace `createLineImpact`; the priority code only
 * calls the LineImpactLookup it is given.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/database';
import { devices, lineFeeds, workOrders } from '../db/schema';
import { OPEN_STATUSES } from './work-order-state';

export interface LineImpact {
  lineId: string;
  lineDown: boolean;
  /** Lines downstream of the device's line that its stop starves; 0 while it runs. */
  starvedLines: number;
  /** Numbers of the open orders that stop the line. */
  stoppedBy: string[];
}

export type LineImpactLookup = (deviceId: string) => LineImpact;

export interface Feed {
  fromLine: string;
  toLine: string;
}

/** Every line downstream of `lineId` (directly fed or further along), each once, nearest first. */
export function linesDownstream(feeds: readonly Feed[], lineId: string): string[] {
  const seen = new Set([lineId]);
  const queue = [lineId];
  const out: string[] = [];
  while (queue.length) {
    const from = queue.shift()!;
    for (const f of feeds) {
      if (f.fromLine !== from || seen.has(f.toLine)) continue;
      seen.add(f.toLine);
      out.push(f.toLine);
      queue.push(f.toLine);
    }
  }
  return out;
}

export function allFeeds(database: Database): Feed[] {
  return database.db.select().from(lineFeeds).all();
}

/** The line of a device; undefined for an unknown device. */
export function lineOfDevice(database: Database, deviceId: string): string | undefined {
  return database.db.select({ lineId: devices.lineId }).from(devices).where(eq(devices.id, deviceId)).get()?.lineId;
}

/** Line impact from the orders that stop lines (see the module comment). */
export function createLineImpact(database: Database): LineImpactLookup {
  return (deviceId) => {
    const lineId = lineOfDevice(database, deviceId) ?? '';
    const stoppedBy = database.db
      .select({ number: workOrders.number })
      .from(workOrders)
      .innerJoin(devices, eq(devices.id, workOrders.deviceId))
      .where(and(eq(devices.lineId, lineId), eq(workOrders.stopsLine, true), inArray(workOrders.status, OPEN_STATUSES)))
      .orderBy(workOrders.id)
      .all()
      .map((r) => r.number);
    const lineDown = stoppedBy.length > 0;
    return { lineId, lineDown, starvedLines: lineDown ? linesDownstream(allFeeds(database), lineId).length : 0, stoppedBy };
  };
}
