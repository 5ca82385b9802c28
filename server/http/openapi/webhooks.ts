/** Outgoing webhooks on work-order changes. */
import { createWebhookBody, deliveriesQuery, updateWebhookBody } from '../../webhooks/webhook-schemas';
import type { ApiFeature } from './api-operation';

const id = { id: 'Webhook id (a positive integer)' };

export const webhooksFeature: ApiFeature = {
  tag: 'webhooks',
  description: 'Subscriptions that receive work-order events as signed HTTP POSTs (HMAC-SHA256), retried until delivered, with a delivery log.',
  operations: [
    { method: 'GET', path: '/api/webhooks', summary: 'List webhooks', description: 'Without secrets.', response: { status: 200, schema: 'WebhookPage', description: 'Every webhook' } },
    { method: 'POST', path: '/api/webhooks', summary: 'Add a webhook', description: 'The signing secret is in this response only.', body: createWebhookBody, response: { status: 201, schema: 'CreatedWebhookView', description: 'The webhook with its secret' } },
    { method: 'GET', path: '/api/webhooks/:id', summary: 'Get a webhook', params: id, response: { status: 200, schema: 'WebhookView', description: 'The webhook' } },
    { method: 'PATCH', path: '/api/webhooks/:id', summary: 'Change a webhook', params: id, body: updateWebhookBody, response: { status: 200, schema: 'WebhookView', description: 'The webhook as saved' } },
    { method: 'DELETE', path: '/api/webhooks/:id', summary: 'Delete a webhook', description: 'With its delivery log.', params: id, response: { status: 200, schema: 'WebhookView', description: 'The deleted webhook' } },
    { method: 'GET', path: '/api/webhooks/:id/deliveries', summary: 'Delivery log of a webhook', description: 'Newest first.', params: id, query: deliveriesQuery, response: { status: 200, schema: 'WebhookDeliveryPage', description: 'A page of deliveries' } },
    {
      method: 'POST',
      path: '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
      summary: 'Send a delivery again',
      description: 'Queues a new delivery of the same event (same event id).',
      params: { ...id, deliveryId: 'Delivery id (a positive integer)' },
      response: { status: 202, schema: 'WebhookDeliveryView', description: 'The new, queued delivery' },
    },
    { method: 'POST', path: '/api/webhooks/:id/ping', summary: 'Send a test event', params: id, response: { status: 202, schema: 'WebhookDeliveryView', description: 'The queued ping delivery' } },
  ],
};
