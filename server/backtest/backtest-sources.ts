/**
 * What a backtest reads besides telemetry: devices and confirmed work orders
 * from the application database, and the simulator's ground-truth log.
 */
import { existsSync } from 'node:fs';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { PlantDevice } from '../../contract/plant';
import { readGroundTruthFile, type GroundTruthRecord } from '../../simulators/simulator';
import type { Database } from '../db/database';
import { workOrders } from '../db/schema';
import { FAILURE_MODES } from '../detection/rule-template-schema';
import type { FailureMode } from '../detection/types';
import { listDeviceRows, toPlantDevice } from '../devices/device-repository';
import { BacktestInputError } from './candidate-rules';
import type { ConfirmedOrder } from './known-faults';

/** The devices to replay, in plant order; all of them when `ids` is absent. Unknown ids: BacktestInputError naming the entry. */
export function loadDevices(database: Database, ids?: readonly string[]): PlantDevice[] {
  const all = listDeviceRows(database).map(toPlantDevice);
  if (ids === undefined) return all;
  const known = new Set(all.map((d) => d.id));
  ids.forEach((id, i) => {
    if (!known.has(id)) throw new BacktestInputError(`deviceIds.${i}`, `unknown device ${id}`);
  });
  const wanted = new Set(ids);
  return all.filter((d) => wanted.has(d.id));
}

const isFailureMode = (v: unknown): v is FailureMode => typeof v === 'string' && (FAILURE_MODES as readonly string[]).includes(v);

/** Orders resolved or closed with a confirmed fault, on the outcome's failure mode (else the order's). */
export function loadConfirmedOrders(database: Database): ConfirmedOrder[] {
  const rows = database.db
    .select({
      number: workOrders.number,
      deviceId: workOrders.deviceId,
      failureMode: workOrders.failureMode,
      outcomeMode: sql<string | null>`json_extract(${workOrders.outcome}, '$.failureMode')`,
      detectedAt: sql<number | null>`json_extract(${workOrders.evidence}, '$.detectedAt')`,
      createdAt: workOrders.createdAt,
      lastOccurrenceAt: workOrders.lastOccurrenceAt,
    })
    .from(workOrders)
    .where(and(inArray(workOrders.status, ['resolved', 'closed']), eq(sql`json_extract(${workOrders.outcome}, '$.kind')`, 'confirmed')))
    .all();
  return rows.flatMap((r) => {
    const failureMode = isFailureMode(r.outcomeMode) ? r.outcomeMode : r.failureMode;
    if (failureMode === null) return [];
    const detectedAt = typeof r.detectedAt === 'number' ? r.detectedAt : r.createdAt;
    return [{ number: r.number, deviceId: r.deviceId, failureMode, detectedAt, lastOccurrenceAt: r.lastOccurrenceAt }];
  });
}

/** The ground-truth log's faults, or null when there is no such file. */
export function loadGroundTruth(file: string): GroundTruthRecord[] | null {
  return existsSync(file) ? readGroundTruthFile(file) : null;
}
