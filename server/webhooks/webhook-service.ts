/**
 * Webhooks: register (the secret is returned once), list, change, deactivate,
 * delete; the delivery log; redeliver and ping; and `enqueue`, which writes
 * one pending delivery row per matching active webhook. Rows are written
 * before anything is sent: the dispatcher (webhook-dispatcher.ts) sends what
 * is due, so a restart loses nothing that was queued.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { inTransaction } from '../db/transaction';
import type { CreatedWebhookView, Paged, WebhookDeliveryView, WebhookView } from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import { pingEvent, subscribes, type WebhookEventBody } from './webhook-events';
import {
  activeWebhookRows,
  deleteWebhookRow,
  findDeliveryRow,
  findWebhookRow,
  insertDelivery,
  insertWebhook,
  listDeliveryRows,
  listWebhookRows,
  updateWebhookRow,
  type DeliveryRow,
  type DeliveryStatus,
  type WebhookRow,
} from './webhook-repository';
import { generateWebhookSecret } from './signing';
import { parseEvents, toDeliveryView, toWebhookView } from './webhook-views';

export interface WebhookServiceDeps {
  database: Database;
  now: () => number;
  /** Called after deliveries were queued, outside any transaction (the running system wakes the dispatcher). */
  onQueued?: () => void;
}

export interface NewWebhook {
  url: string;
  events: string[];
  description?: string | undefined;
  /** Given by the caller (at least 16 characters), or generated. */
  secret?: string | undefined;
  createdBy: string;
}

export interface WebhookChanges {
  url?: string | undefined;
  events?: string[] | undefined;
  description?: string | undefined;
  active?: boolean | undefined;
}

export type WebhookService = ReturnType<typeof createWebhookService>;

export function createWebhookService(deps: WebhookServiceDeps) {
  const { database, now } = deps;
  const queued = () => deps.onQueued?.();

  function load(id: number): WebhookRow {
    const row = findWebhookRow(database, id);
    if (!row) throw notFound(`webhook ${id}`);
    return row;
  }

  function requireActive(row: WebhookRow): void {
    if (!row.active) throw new HttpError(409, 'webhook-inactive', `webhook ${row.id} is inactive; activate it (PATCH { "active": true }) first`);
  }

  const queueRow = (webhookId: number, body: WebhookEventBody, at: number): DeliveryRow =>
    insertDelivery(database, { webhookId, event: body.type, payload: JSON.stringify(body), status: 'pending', attempts: 0, nextAttemptAt: at, createdAt: at });

  return {
    create(input: NewWebhook): CreatedWebhookView {
      const secret = input.secret ?? generateWebhookSecret();
      const row = insertWebhook(database, {
        url: input.url,
        secret,
        events: JSON.stringify(input.events),
        description: input.description ?? '',
        active: true,
        createdAt: now(),
        createdBy: input.createdBy,
      });
      return { ...toWebhookView(row), secret };
    },

    list(): Paged<WebhookView> {
      const items = listWebhookRows(database).map(toWebhookView);
      return { items, total: items.length };
    },

    get: (id: number): WebhookView => toWebhookView(load(id)),

    update(id: number, changes: WebhookChanges): WebhookView {
      load(id);
      const set: Partial<WebhookRow> = {};
      if (changes.url !== undefined) set.url = changes.url;
      if (changes.events !== undefined) set.events = JSON.stringify(changes.events);
      if (changes.description !== undefined) set.description = changes.description;
      if (changes.active !== undefined) set.active = changes.active;
      const row = Object.keys(set).length ? updateWebhookRow(database, id, set) : load(id);
      return toWebhookView(row!);
    },

    /** Deletes the webhook with its delivery log; returns what was deleted. */
    remove(id: number): WebhookView {
      return inTransaction(database, () => {
        const row = load(id);
        deleteWebhookRow(database, id);
        return toWebhookView(row);
      });
    },

    deliveries(id: number, filter: { status?: DeliveryStatus | undefined; limit: number; offset: number }): Paged<WebhookDeliveryView> {
      load(id);
      const { rows, total } = listDeliveryRows(database, { webhookId: id, ...filter });
      return { items: rows.map(toDeliveryView), total };
    },

    /** Sends the same body again as a new delivery (new delivery id, same event id); the old one stays in the log. */
    redeliver(id: number, deliveryId: number): WebhookDeliveryView {
      const created = inTransaction(database, () => {
        requireActive(load(id));
        const original = findDeliveryRow(database, id, deliveryId);
        if (!original) throw notFound(`delivery ${deliveryId} of webhook ${id}`);
        const at = now();
        return insertDelivery(database, {
          webhookId: id,
          event: original.event,
          payload: original.payload,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: at,
          createdAt: at,
        });
      });
      queued();
      return toDeliveryView(created);
    },

    /** Queues a `ping` event to this webhook only. */
    ping(id: number, actor: string): WebhookDeliveryView {
      const created = inTransaction(database, () => {
        requireActive(load(id));
        const at = now();
        return queueRow(id, pingEvent(`evt_ping_${randomUUID()}`, at, actor), at);
      });
      queued();
      return toDeliveryView(created);
    },

    /**
     * One pending delivery per (event, active webhook subscribed to its type),
     * in one transaction; returns how many rows were queued.
     */
    enqueue(bodies: readonly WebhookEventBody[]): number {
      if (bodies.length === 0) return 0;
      const n = inTransaction(database, () => {
        const hooks = activeWebhookRows(database).map((row) => ({ id: row.id, events: parseEvents(row.events) }));
        const at = now();
        let count = 0;
        for (const body of bodies) {
          for (const hook of hooks) {
            if (!subscribes(hook.events, body.type)) continue;
            queueRow(hook.id, body, at);
            count++;
          }
        }
        return count;
      });
      if (n > 0) queued();
      return n;
    },
  };
}
