/** Anomaly rows: one per raise, kept active until cleared (active and acknowledged are independent facts). */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { anomalies } from '../db/schema';

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
