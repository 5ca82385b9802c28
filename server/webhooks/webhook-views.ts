/** Webhook and delivery rows -> API shapes (never the secret). */
import type { WebhookDeliveryView, WebhookView } from '../http/api-types';
import type { DeliveryRow, WebhookRow } from './webhook-repository';

export function toWebhookView({ secret: _secret, events, ...rest }: WebhookRow): WebhookView {
  return { ...rest, events: parseEvents(events) };
}

export function parseEvents(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function toDeliveryView(row: DeliveryRow): WebhookDeliveryView {
  const payload: unknown = JSON.parse(row.payload);
  const eventId = typeof payload === 'object' && payload !== null && 'id' in payload ? String(payload.id) : '';
  return {
    id: row.id,
    webhookId: row.webhookId,
    event: row.event,
    eventId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastAttemptAt: row.lastAttemptAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
    payload,
  };
}
