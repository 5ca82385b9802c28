/**
 * Reads for similar-order search: the order asked about, and a bounded set of
 * past orders (resolved or closed with a fault outcome), newest first, so a search
 * stays fast however many orders the plant has closed.
 */
import { and, desc, eq, inArray, isNotNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { EquipmentClass } from '../../contract/plant';
import type { Database } from '../db/database';
import { devices, workOrders } from '../db/schema';
import type { FailureMode } from '../detection/types';
import type { EvidenceView, OutcomeView, WorkOrderStatus } from '../http/api-types';
import type { SignalEvidence, SimilarityCandidate, SimilarityTarget } from './work-order-similarity';

/** Most recent past orders of the same equipment class compared per search. */
export const SAME_CLASS_CANDIDATES = 2000;
/** Most recent past orders of other classes (same failure mode or metric) compared when the same class has too few. */
export const OTHER_CLASS_CANDIDATES = 500;

const PAST_STATUSES = ['resolved', 'closed'] as const satisfies readonly WorkOrderStatus[];

const columns = {
  id: workOrders.id,
  number: workOrders.number,
  status: workOrders.status,
  title: workOrders.title,
  description: workOrders.description,
  deviceId: workOrders.deviceId,
  deviceName: devices.name,
  equipmentClass: devices.class,
  failureMode: workOrders.failureMode,
  // Of the evidence only what similarity reads (a full one holds dozens of recent points), parsed once:
  // [metric, severity, value, limit, first recent point, last recent point].
  signal: sql<string | null>`json_extract(${workOrders.evidence}, '$.metric', '$.severity', '$.value', '$.limit', '$.recent[0]', '$.recent[#-1]')`,
  outcome: workOrders.outcome,
  repairEffective: workOrders.repairEffective,
  closedAt: workOrders.closedAt,
  resolvedAt: workOrders.resolvedAt,
  updatedAt: workOrders.updatedAt,
};

const selectRows = (database: Database) => database.db.select(columns).from(workOrders).innerJoin(devices, eq(devices.id, workOrders.deviceId));
type Row = ReturnType<ReturnType<typeof selectRows>['all']>[number];

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function toTarget(row: Row): SimilarityTarget {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    equipmentClass: row.equipmentClass,
    failureMode: row.failureMode,
    evidence: signalEvidence(row),
  };
}

function signalEvidence(row: Row): SignalEvidence | null {
  if (row.signal === null) return null;
  type Signal = [EvidenceView['metric'], EvidenceView['severity'], number, number, [number, number] | null, [number, number] | null];
  const [metric, severity, value, limit, first, last] = JSON.parse(row.signal) as Signal;
  return { metric, severity, value, limit, recent: [first, last].filter((p) => p !== null) };
}

/** The order (by id or number, e.g. WO-2026-000042), or undefined. */
export function findSimilarityTarget(database: Database, key: string): SimilarityTarget | undefined {
  const where = /^\d+$/.test(key) ? eq(workOrders.id, Number(key)) : eq(workOrders.number, key);
  const row = selectRows(database).where(where).get();
  return row && toTarget(row);
}

function candidates(database: Database, where: SQL | undefined, limit: number): SimilarityCandidate[] {
  return selectRows(database)
    // `+status`: no index on status, so SQLite walks the orders newest first and stops at `limit`
    // instead of collecting every past order and sorting them (100,000 orders: ~50 ms instead of ~1 s).
    // Planned work closed as 'completed' (a service, an inspection that found nothing to repair) is no past fault to learn from.
    .where(and(sql`+${workOrders.status} in ${PAST_STATUSES}`, isNotNull(workOrders.outcome), sql`json_extract(${workOrders.outcome}, '$.kind') <> 'completed'`, where))
    .orderBy(desc(workOrders.id))
    .limit(limit)
    .all()
    .map((row) => ({
      ...toTarget(row),
      number: row.number,
      status: row.status,
      deviceId: row.deviceId,
      deviceName: row.deviceName,
      outcome: parse<OutcomeView>(row.outcome)!,
      repairEffective: row.repairEffective,
      closedAt: row.closedAt ?? row.resolvedAt ?? row.updatedAt,
    }));
}

/**
 * The most recent past orders of this equipment class (the order itself
 * excluded). Their ids come from the (device, failure mode, status) index
 * alone, so only the rows compared are read (100,000 orders: a few ms for the
 * ids instead of walking every row of the other classes too).
 */
export function listSameClassCandidates(database: Database, target: SimilarityTarget, limit = SAME_CLASS_CANDIDATES): SimilarityCandidate[] {
  const ids = database.db
    .all<{ id: number }>(
      sql`select ${workOrders.id} as id from ${workOrders} indexed by work_orders_device_mode_status_idx
          where ${workOrders.deviceId} in (select ${devices.id} from ${devices} where ${devices.class} = ${target.equipmentClass})
            and ${workOrders.status} in ${PAST_STATUSES} and ${workOrders.id} <> ${target.id}
          order by ${workOrders.id} desc limit ${limit}`,
    )
    .map((r) => r.id);
  return ids.length ? candidates(database, inArray(workOrders.id, ids), limit) : [];
}

/**
 * The most recent past orders of other classes that share the target's
 * failure mode (raised for or confirmed) or evidence metric; none when the
 * target has neither.
 */
export function listOtherClassCandidates(
  database: Database,
  target: { id: number; equipmentClass: EquipmentClass; failureMode: FailureMode | null; evidence: SignalEvidence | null },
  limit = OTHER_CLASS_CANDIDATES,
): SimilarityCandidate[] {
  const shared: SQL[] = [];
  if (target.failureMode !== null) {
    shared.push(eq(workOrders.failureMode, target.failureMode), sql`json_extract(${workOrders.outcome}, '$.failureMode') = ${target.failureMode}`);
  }
  if (target.evidence) shared.push(sql`json_extract(${workOrders.evidence}, '$.metric') = ${target.evidence.metric}`);
  if (shared.length === 0) return [];
  return candidates(database, and(ne(devices.class, target.equipmentClass), ne(workOrders.id, target.id), or(...shared)), limit);
}
