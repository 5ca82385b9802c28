/**
 * Journey: an admin registers a webhook through the HTTP API of the running
 * system; the simulator wears a pump bearing, detection raises a work order,
 * and a real HTTP receiver on a loopback port gets `work-order.created` for
 * it, signed with the webhook's secret. The delivery log and /metrics show it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedWebhookView, Paged, WebhookDeliveryView } from '../server/http/api-types';
import { verifySignature, WEBHOOK_HEADERS, type WebhookEventBody } from '../server/webhooks';
import { startTestReceiver, type TestReceiver } from '../server/webhooks/test-receiver';
import { startTestSystem, waitFor, type TestSystem } from './support/system-fixture';

describe('journey: a fault-raised order reaches a registered webhook', () => {
  let sys: TestSystem;
  let receiver: TestReceiver;

  beforeAll(async () => {
    receiver = await startTestReceiver();
    sys = await startTestSystem(
      { SIM_SPEED: '600' },
      { scenario: { faults: [{ device: 'P-104', kind: 'bearing-wear', startAfterMinutes: 10, failureAfterMinutes: 46 }] } },
    );
  });
  afterAll(async () => {
    await sys?.cleanup();
    await receiver?.close();
  });

  it('delivers work-order.created for P-104 with a valid signature', async () => {
    const res = await fetch(`${sys.httpUrl}/api/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sys.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, events: ['work-order.created'], description: 'journey receiver' }),
    });
    expect(res.status).toBe(201);
    const hook = (await res.json()) as CreatedWebhookView;

    const request = await waitFor(
      'a work-order.created delivery',
      () => receiver.received.find((r) => r.headers[WEBHOOK_HEADERS.event] === 'work-order.created'),
      60_000,
    );
    const receivedAt = Math.floor(Date.now() / 1000);
    const signed = { timestamp: request.headers[WEBHOOK_HEADERS.timestamp] as string, signature: request.headers[WEBHOOK_HEADERS.signature] as string, body: request.body };
    expect(verifySignature(hook.secret, signed, receivedAt)).toBe(true);
    expect(verifySignature(hook.secret, { ...signed, body: request.body.replace('P-104', 'P-101') }, receivedAt)).toBe(false);

    const body = JSON.parse(request.body) as WebhookEventBody;
    expect(body).toMatchObject({
      type: 'work-order.created',
      actor: 'detector',
      workOrder: { deviceId: 'P-104', type: 'potential-fault', status: 'open', failureMode: 'vibration-high', lineId: 'utilities' },
      change: { to: 'open' },
    });

    const log = await waitFor('the delivery to be logged as delivered', async () => {
      const page = await sys.get<Paged<WebhookDeliveryView>>(`/api/webhooks/${hook.id}/deliveries`);
      const entry = page.items.find((d) => String(d.id) === request.headers[WEBHOOK_HEADERS.delivery]);
      return entry?.status === 'delivered' ? entry : undefined;
    });
    expect(log).toMatchObject({ event: 'work-order.created', eventId: body.id, attempts: 1, lastStatusCode: 200 });

    const metrics = await fetch(`${sys.httpUrl}/metrics`, { headers: { authorization: `Bearer ${sys.adminToken}` } }).then((r) => r.text());
    expect(metrics).toMatch(/^pdm_webhook_deliveries_delivered_total [1-9]\d*$/m);
    expect(metrics).toMatch(/^pdm_webhook_deliveries_pending \d+$/m);
  });
});
