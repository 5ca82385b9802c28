/** An outgoing webhook (server/webhooks); the secret is never shown after creation. */
export interface WebhookView {
  id: number;
  url: string;
  /** Event types it receives (README "Webhooks"); ["*"] = all. */
  events: string[];
  description: string;
  /** Inactive webhooks get no new deliveries; their pending ones fail. */
  active: boolean;
  createdAt: number;
  createdBy: string;
}

/** POST /api/webhooks -> 201: the webhook and its signing secret, shown only in this response. */
export interface CreatedWebhookView extends WebhookView {
  secret: string;
}

/** One delivery of one event to one webhook: the delivery log (GET /api/webhooks/:id/deliveries, newest first). */
export interface WebhookDeliveryView {
  id: number;
  webhookId: number;
  /** The event type, e.g. work-order.created. */
  event: string;
  /** The event's id in the body (the same in a redelivery). */
  eventId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  /** When the next attempt is due; null once delivered or failed. */
  nextAttemptAt: number | null;
  lastAttemptAt: number | null;
  /** HTTP status of the last attempt; null when there was no response (refused, timed out). */
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
  /** The JSON body sent, parsed. */
  payload: unknown;
}
