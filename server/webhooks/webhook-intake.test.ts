/**
 * Work-order changes made through the API (and by detection) become queued
 * deliveries for the webhooks that subscribe to them: the whole server on a
 * real SQLite file, the intake on its bus.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Plant } from '../../contract/plant';
import type { CreatedWebhookView, WorkOrderView } from '../http/api-types';
import { anomalyEvent, createTestServer, postJson, T0, type TestServer } from '../testing/test-server';
import { crewPlant } from '../technicians/test-crew';
import { confirmedOutcome } from '../testing/work-order-steps';
import type { WebhookEventBody } from './webhook-events';
import { startWebhookIntake, type WebhookIntake } from './webhook-intake';
import { createWebhookService } from './webhook-service';

let server: TestServer;
let intake: WebhookIntake;
let errors: unknown[];

function start(plant?: Plant): void {
  server = createTestServer({ plant });
  errors = [];
  const webhooks = createWebhookService({ database: server.database, now: () => server.clock.now });
  intake = startWebhookIntake({ database: server.database, bus: server.bus, webhooks, onError: (err) => errors.push(err) });
}

beforeEach(() => start());
afterEach(async () => {
  intake.stop();
  expect(errors).toEqual([]);
  await server.close();
});

const register = async (events: string[]) => (await postJson<CreatedWebhookView>(server.app, '/api/webhooks', { url: 'https://ops.example.com/hook', events })).body;

/** Queued bodies per webhook id, oldest first. */
function queued(): Map<number, WebhookEventBody[]> {
  const rows = server.database.sqlite.prepare('SELECT webhook_id AS webhookId, event, payload, status FROM webhook_deliveries ORDER BY id').all() as Array<{
    webhookId: number;
    event: string;
    payload: string;
    status: string;
  }>;
  const out = new Map<number, WebhookEventBody[]>();
  for (const r of rows) {
    expect(r.status).toBe('pending');
    const body = JSON.parse(r.payload) as WebhookEventBody;
    expect(body.type).toBe(r.event);
    out.set(r.webhookId, [...(out.get(r.webhookId) ?? []), body]);
  }
  return out;
}

const createOrder = async () => {
  const res = await postJson<WorkOrderView>(server.app, '/api/work-orders', { type: 'corrective', deviceId: 'P-101', title: 'Seal leaking', severity: 'warn' });
  expect(res.status).toBe(201);
  return res.body;
};

describe('webhook intake', () => {
  it('queues work-order.created for a manual order, with the order summary and who did it', async () => {
    const hook = await register(['work-order.created']);
    const order = await createOrder();
    const bodies = queued().get(hook.id)!;
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toMatchObject({
      type: 'work-order.created',
      occurredAt: T0,
      actor: 'test-admin',
      workOrder: { id: order.id, number: order.number, type: 'corrective', status: 'open', title: 'Seal leaking', deviceId: 'P-101', deviceName: 'Cooling water pump 1', lineId: 'utilities', siteId: 'plant-1', priority: order.priority, assigneeId: null },
      change: { from: null, to: 'open' },
    });
    expect(bodies[0]!.id).toMatch(/^evt_\d+$/);
  });

  it('queues the order a fault raises (detector) as work-order.created', async () => {
    const hook = await register(['work-order.created']);
    server.services.workOrders.handleAnomalyEvent(anomalyEvent());
    expect(queued().get(hook.id)).toMatchObject([{ type: 'work-order.created', actor: 'detector', workOrder: { deviceId: 'P-104', type: 'potential-fault', failureMode: 'vibration-high' } }]);
  });

  it('follows an order through its life, each webhook getting only what it subscribed to', async () => {
    const all = await register(['*']);
    const ends = await register(['work-order.resolved', 'work-order.closed']);
    const comments = await register(['work-order.comment-added']);
    const off = await register(['*']);
    await server.app.request(`/api/webhooks/${off.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ active: false }) });

    const order = await createOrder();
    server.clock.now = T0 + 60_000;
    expect((await postJson(server.app, `/api/work-orders/${order.id}/comments`, { text: 'Leak is on the drive side' })).status).toBe(201);
    for (const [to, extra] of [
      ['acknowledged', {}],
      ['in-progress', {}],
      ['on-hold', { holdReason: 'waiting-for-parts' }],
      ['in-progress', {}],
      ['resolved', { outcome: confirmedOutcome() }],
      ['closed', {}],
    ] as const) {
      const res = await postJson(server.app, `/api/work-orders/${order.id}/transition`, { to, ...extra });
      expect(res.status, to).toBe(200);
    }

    const byHook = queued();
    expect(byHook.get(all.id)!.map((b) => b.type)).toEqual([
      'work-order.created',
      'work-order.comment-added',
      'work-order.status-changed',
      'work-order.status-changed',
      'work-order.status-changed',
      'work-order.status-changed',
      'work-order.outcome-recorded',
      'work-order.resolved',
      'work-order.closed',
    ]);
    const hold = byHook.get(all.id)!.find((b) => b.change.to === 'on-hold');
    expect(hold?.change).toMatchObject({ from: 'in-progress', to: 'on-hold', holdReason: 'waiting-for-parts' });
    expect(byHook.get(ends.id)!.map((b) => [b.type, b.change.from, b.change.to])).toEqual([
      ['work-order.resolved', 'in-progress', 'resolved'],
      ['work-order.closed', 'resolved', 'closed'],
    ]);
    expect(byHook.get(comments.id)).toMatchObject([{ type: 'work-order.comment-added', occurredAt: T0 + 60_000, change: { note: 'Leak is on the drive side' } }]);
    expect(byHook.has(off.id)).toBe(false);
    // Every event has one id, shared by all the webhooks that got it.
    const resolvedIds = [all, ends].map((h) => byHook.get(h.id)!.find((b) => b.type === 'work-order.resolved')!.id);
    expect(resolvedIds[0]).toBe(resolvedIds[1]);
  });

  it('queues work-order.assigned with the technician when a planner assigns the order', async () => {
    intake.stop();
    await server.close();
    start(crewPlant());
    const hook = await register(['work-order.assigned', 'work-order.unassigned', 'work-order.status-changed']);
    const order = await createOrder();
    const res = await postJson(server.app, `/api/work-orders/${order.id}/assign`, { technicianId: 'jonas' });
    expect(res.status).toBe(200);
    expect(queued().get(hook.id)).toMatchObject([
      { type: 'work-order.assigned', actor: 'test-admin', change: { from: null, to: 'jonas' }, workOrder: { id: order.id, assigneeId: 'jonas', status: 'assigned' } },
      { type: 'work-order.status-changed', change: { from: 'open', to: 'assigned' } },
    ]);
  });

  it('does not send changes made before it started, nor the same change twice', async () => {
    const hook = await register(['*']);
    intake.stop();
    await createOrder();
    const webhooks = createWebhookService({ database: server.database, now: () => server.clock.now });
    intake = startWebhookIntake({ database: server.database, bus: server.bus, webhooks, onError: (err) => errors.push(err) });
    expect(intake.sweep()).toBe(0);
    expect(queued().size).toBe(0);

    const order = await createOrder();
    expect(intake.sweep()).toBe(0);
    expect(queued().get(hook.id)).toMatchObject([{ type: 'work-order.created', workOrder: { id: order.id } }]);
  });
});
