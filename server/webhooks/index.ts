export { createWebhookDispatcher, type WebhookDispatcher, type WebhookDispatcherStats } from './webhook-dispatcher';
export { PING_EVENT, WEBHOOK_EVENT_TYPES, type WebhookEventBody, type WebhookEventType, type WebhookWorkOrderSummary } from './webhook-events';
export { startWebhookIntake, type WebhookIntake } from './webhook-intake';
export { webhookMetrics } from './webhook-metrics';
export { webhookRoutes } from './webhook-routes';
export { createWebhookService, type WebhookService } from './webhook-service';
export { signatureOf, verifySignature, WEBHOOK_HEADERS } from './signing';
