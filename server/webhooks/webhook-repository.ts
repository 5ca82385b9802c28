/** Webhook subscriptions and their delivery rows (the delivery log and the dispatcher's queue). */
import { and, asc, count, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { webhookDeliveries, webhooks, workOrderEvents } from '../db/schema';
import type { TimelineFact } from './webhook-events';

export type WebhookRow = typeof webhooks.$inferSelect;
export type NewWebhookRow = Omit<typeof webhooks.$inferInsert, 'id'>;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type NewDeliveryRow = Omit<typeof webhookDeliveries.$inferInsert, 'id'>;
export type DeliveryStatus = DeliveryRow['status'];

export function insertWebhook(database: Database, row: NewWebhookRow): WebhookRow {
  return database.db.insert(webhooks).values(row).returning().get();
}

export function listWebhookRows(database: Database): WebhookRow[] {
  return database.db.select().from(webhooks).orderBy(asc(webhooks.id)).all();
}

export function findWebhookRow(database: Database, id: number): WebhookRow | undefined {
  return database.db.select().from(webhooks).where(eq(webhooks.id, id)).get();
}

export function activeWebhookRows(database: Database): WebhookRow[] {
  return database.db.select().from(webhooks).where(eq(webhooks.active, true)).orderBy(asc(webhooks.id)).all();
}

export function updateWebhookRow(database: Database, id: number, set: Partial<NewWebhookRow>): WebhookRow | undefined {
  return database.db.update(webhooks).set(set).where(eq(webhooks.id, id)).returning().get();
}

/** Deletes the webhook and its delivery log (call inside a transaction). */
export function deleteWebhookRow(database: Database, id: number): void {
  database.db.delete(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id)).run();
  database.db.delete(webhooks).where(eq(webhooks.id, id)).run();
}

export function insertDelivery(database: Database, row: NewDeliveryRow): DeliveryRow {
  return database.db.insert(webhookDeliveries).values(row).returning().get();
}

export function findDeliveryRow(database: Database, webhookId: number, id: number): DeliveryRow | undefined {
  return database.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.webhookId, webhookId)))
    .get();
}

/** Newest first, with the total matching. */
export function listDeliveryRows(
  database: Database,
  f: { webhookId: number; status?: DeliveryStatus | undefined; limit: number; offset: number },
): { rows: DeliveryRow[]; total: number } {
  const where = and(eq(webhookDeliveries.webhookId, f.webhookId), f.status ? eq(webhookDeliveries.status, f.status) : undefined);
  const rows = database.db.select().from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.id)).limit(f.limit).offset(f.offset).all();
  const total = database.db.select({ n: count() }).from(webhookDeliveries).where(where).get()?.n ?? 0;
  return { rows, total };
}

/** Pending deliveries due at `at`, oldest due first. */
export function dueDeliveryRows(database: Database, at: number, limit: number): DeliveryRow[] {
  return database.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, at)))
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(limit)
    .all();
}

export function updateDeliveryRow(database: Database, id: number, set: Partial<NewDeliveryRow>): DeliveryRow | undefined {
  return database.db.update(webhookDeliveries).set(set).where(eq(webhookDeliveries.id, id)).returning().get();
}

/** Pending deliveries and the creation time of the oldest (null when none). */
export function pendingDeliveryStats(database: Database): { pending: number; oldestCreatedAt: number | null } {
  const row = database.db
    .select({ n: count(), oldest: sql<number | null>`min(${webhookDeliveries.createdAt})` })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.status, 'pending'))
    .get();
  return { pending: row?.n ?? 0, oldestCreatedAt: row?.oldest ?? null };
}

/** The newest timeline entry's id (0 when there is none). */
export function lastTimelineId(database: Database): number {
  return database.db.select({ id: sql<number | null>`max(${workOrderEvents.id})` }).from(workOrderEvents).get()?.id ?? 0;
}

/** Timeline entries after `afterId`, oldest first. */
export function timelineAfter(database: Database, afterId: number, limit: number): Array<TimelineFact & { workOrderId: number }> {
  return database.db
    .select({
      id: workOrderEvents.id,
      workOrderId: workOrderEvents.workOrderId,
      at: workOrderEvents.at,
      actor: workOrderEvents.actor,
      kind: workOrderEvents.kind,
      from: workOrderEvents.from,
      to: workOrderEvents.to,
      note: workOrderEvents.note,
      holdReason: workOrderEvents.holdReason,
    })
    .from(workOrderEvents)
    .where(gt(workOrderEvents.id, afterId))
    .orderBy(asc(workOrderEvents.id))
    .limit(limit)
    .all();
}
