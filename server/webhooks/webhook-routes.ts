/**
 * GET    /webhooks                                  every webhook, without secrets
 * POST   /webhooks                                  { url, events, description?, secret? } -> 201 with the secret, shown once
 * GET    /webhooks/:id                              one webhook
 * PATCH  /webhooks/:id                              { url?, events?, description?, active? }
 * DELETE /webhooks/:id                              the webhook and its delivery log
 * GET    /webhooks/:id/deliveries                   the delivery log, newest first (?status, limit, offset)
 * POST   /webhooks/:id/deliveries/:deliveryId/redeliver  -> 202, the new delivery
 * POST   /webhooks/:id/ping                         -> 202, a queued `ping` delivery
 * All for admins only (webhooks.manage).
 */
import { Hono, type Context } from 'hono';
import { HttpError } from '../http/errors';
import { parseBody, parseQuery } from '../http/validation';
import { createWebhookBody, deliveriesQuery, updateWebhookBody } from './webhook-schemas';
import type { WebhookService } from './webhook-service';

function idParam(c: Context, name: string): number {
  const raw = c.req.param(name) ?? '';
  const id = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw new HttpError(400, 'invalid-path', `${name} must be a positive integer, got "${raw}"`, [{ path: name, message: 'must be a positive integer' }]);
  }
  return id;
}

export function webhookRoutes(webhooks: WebhookService) {
  return new Hono()
    .get('/webhooks', (c) => c.json(webhooks.list()))
    .post('/webhooks', async (c) => {
      const body = await parseBody(c, createWebhookBody);
      return c.json(webhooks.create({ ...body, createdBy: c.get('principal').name }), 201);
    })
    .get('/webhooks/:id', (c) => c.json(webhooks.get(idParam(c, 'id'))))
    .patch('/webhooks/:id', async (c) => {
      const id = idParam(c, 'id');
      return c.json(webhooks.update(id, await parseBody(c, updateWebhookBody)));
    })
    .delete('/webhooks/:id', (c) => c.json(webhooks.remove(idParam(c, 'id'))))
    .get('/webhooks/:id/deliveries', (c) => c.json(webhooks.deliveries(idParam(c, 'id'), parseQuery(c, deliveriesQuery))))
    .post('/webhooks/:id/deliveries/:deliveryId/redeliver', (c) =>
      c.json(webhooks.redeliver(idParam(c, 'id'), idParam(c, 'deliveryId')), 202),
    )
    .post('/webhooks/:id/ping', (c) => c.json(webhooks.ping(idParam(c, 'id'), c.get('principal').name), 202));
}
