/** Anomaly rows: one per raise, kept active until cleared (active and acknowledged are independent facts). */
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { anomalies, workOrders } from '../db/schema';

export type AnomalyRow = typeof anomalies.$inferSelect;
export type NewAnomalyRow = typeof anomalies.$inferInsert;

export function insertAnomaly(database: Database, row: NewAnomalyRow): AnomalyRow {
  return database.db.insert(anomalies).values(row).returning().get();
}

export function updateAnomaly(database: Database, id: number, set: Partial<NewAnomalyRow>): AnomalyRow {
  return database.db.update(anomalies).set(set).where(eq(anomalies.id, id)).returning().get()!;
}

/** The newest active anomaly of a device and rule, if any. */
export function findActiveAnomaly(database: Database, deviceId: string, ruleId: string): AnomalyRow | undefined {
  return database.db
    .select()
    .from(anomalies)
    .where(and(eq(anomalies.deviceId, deviceId), eq(anomalies.ruleId, ruleId), eq(anomalies.active, true)))
    .orderBy(desc(anomalies.id))
    .get();
}

export interface AnomalyFilter {
  active?: boolean;
  deviceId?: string;
  workOrderId?: number;
  limit: number;
  offset: number;
}

export function findAnomalyRow(database: Database, id: number): AnomalyRow | undefined {
  return database.db.select().from(anomalies).where(eq(anomalies.id, id)).get();
}

/** Marks one anomaly acknowledged; active/cleared is not touched. */
export function acknowledgeAnomaly(database: Database, id: number): AnomalyRow {
  return updateAnomaly(database, id, { acknowledged: true });
}

/**
 * When the limit is predicted to be reached, per anomaly id (trend-to-limit
 * anomalies only): read from the evidence of the order each anomaly raised,
 * when that evidence came from the same rule.
 */
export function predictedBreaches(database: Database, rows: readonly AnomalyRow[]): Map<number, number> {
  const out = new Map<number, number>();
  const orderIds = [...new Set(rows.flatMap((r) => (r.workOrderId === null ? [] : [r.workOrderId])))];
  if (orderIds.length === 0) return out;
  const evidence = new Map(
    database.db
      .select({ id: workOrders.id, evidence: workOrders.evidence })
      .from(workOrders)
      .where(inArray(workOrders.id, orderIds))
      .all()
      .map((o) => [o.id, o.evidence]),
  );
  for (const row of rows) {
    const text = row.workOrderId === null ? null : evidence.get(row.workOrderId);
    if (!text) continue;
    const parsed = JSON.parse(text) as { ruleId?: string; prediction?: { predictedBreachAt?: number } };
    const at = parsed.prediction?.predictedBreachAt;
    if (parsed.ruleId === row.ruleId && typeof at === 'number') out.set(row.id, at);
  }
  return out;
}

/** Newest first, with the total matching the filter. */
export function listAnomalyRows(database: Database, f: AnomalyFilter): { rows: AnomalyRow[]; total: number } {
  const conditions: SQL[] = [];
  if (f.active !== undefined) conditions.push(eq(anomalies.active, f.active));
  if (f.deviceId !== undefined) conditions.push(eq(anomalies.deviceId, f.deviceId));
  if (f.workOrderId !== undefined) conditions.push(eq(anomalies.workOrderId, f.workOrderId));
  const where = and(...conditions);
  const rows = database.db.select().from(anomalies).where(where).orderBy(desc(anomalies.id)).limit(f.limit).offset(f.offset).all();
  const total = database.db.select({ n: count() }).from(anomalies).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** Marks the anomalies of a work order acknowledged (someone has taken the order up). */
export function acknowledgeAnomaliesOf(database: Database, workOrderId: number): AnomalyRow[] {
  return database.db
    .update(anomalies)
    .set({ acknowledged: true })
    .where(and(eq(anomalies.workOrderId, workOrderId), eq(anomalies.acknowledged, false)))
    .returning()
    .all();
}
