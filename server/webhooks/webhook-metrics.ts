/** Webhook delivery figures for /metrics: the dispatcher's counters and the queue in the database. */
import type { Database } from '../db/database';
import type { Metric } from '../observability/prometheus';
import type { WebhookDispatcherStats } from './webhook-dispatcher';
import { pendingDeliveryStats } from './webhook-repository';

export function webhookMetrics(database: Database, stats: WebhookDispatcherStats, now: number): Metric[] {
  const pending = pendingDeliveryStats(database);
  const counter = (name: string, help: string, value: number): Metric => ({ name, help, type: 'counter', samples: [{ value }] });
  const gauge = (name: string, help: string, value: number): Metric => ({ name, help, type: 'gauge', samples: [{ value }] });
  return [
    counter('pdm_webhook_delivery_attempts_total', 'Webhook delivery attempts made (HTTP requests sent or tried).', stats.attempts),
    counter('pdm_webhook_deliveries_delivered_total', 'Webhook deliveries answered with 2xx.', stats.delivered),
    counter('pdm_webhook_delivery_retries_total', 'Failed webhook delivery attempts scheduled to be tried again.', stats.retried),
    counter('pdm_webhook_deliveries_failed_total', 'Webhook deliveries given up (attempts used up, or the webhook inactive or deleted).', stats.failed),
    gauge('pdm_webhook_deliveries_pending', 'Webhook deliveries queued or waiting for a retry.', pending.pending),
    gauge(
      'pdm_webhook_oldest_pending_age_seconds',
      'Age of the oldest pending webhook delivery (0 when none).',
      pending.oldestCreatedAt === null ? 0 : Math.max(0, (now - pending.oldestCreatedAt) / 1000),
    ),
  ];
}
