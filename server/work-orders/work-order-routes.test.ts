import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, Paged, TimelineEntryView, WorkOrderView } from '../http/api-types';
import { anomalyEvent, createTestServer, getJson, postJson, T0, type TestServer } from '../testing/test-server';
import type { WorkOrderDetailView } from './work-order-views';

describe('work-order routes', () => {
  let server: TestServer;
  let orderId: number;
  beforeEach(() => {
    server = createTestServer();
    orderId = server.services.workOrders.handleAnomalyEvent(anomalyEvent())!.workOrder!.id;
  });
  afterEach(() => server.close());

  it('moves an order through its life cycle and writes who, when, from, to and the note', async () => {
    server.clock.now = T0 + 60_000;
    const ack = await postJson<WorkOrderDetailView>(server.app, `/api/work-orders/${orderId}/transition`, { to: 'acknowledged', actor: 'maria', note: 'on my way' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', updatedAt: T0 + 60_000, allowedTransitions: ['assigned', 'in-progress', 'cancelled'] });

    server.clock.now = T0 + 120_000;
    await postJson(server.app, `/api/work-orders/${orderId}/transition`, { to: 'in-progress' });

    const { body } = await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${orderId}`);
    expect(body.status).toBe('in-progress');
    expect(body.timeline.filter((t) => t.kind === 'status').map(({ at, actor, from, to, note }) => ({ at, actor, from, to, note }))).toEqual([
      { at: T0 + 60_000, actor: 'maria', from: 'open', to: 'acknowledged', note: 'on my way' },
      { at: T0 + 120_000, actor: 'test-admin', from: 'acknowledged', to: 'in-progress', note: null },
    ]);
  });

  it('refuses an illegal transition with 409, listing the allowed moves, and changes nothing', async () => {
    const res = await postJson<ApiError>(server.app, `/api/work-orders/${orderId}/transition`, { to: 'closed' });
    expect(res).toEqual({
      status: 409,
      body: { error: { code: 'illegal-transition', message: 'cannot go from open to closed; allowed: acknowledged, assigned, cancelled' } },
    });
    const { body } = await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${orderId}`);
    expect(body.status).toBe('open');
    expect(body.timeline).toHaveLength(1);
  });

  it('answers 400 naming the field for a bad body, and malformed-json for broken JSON', async () => {
    const bad = await postJson<ApiError>(server.app, `/api/work-orders/${orderId}/transition`, { to: 'done', actor: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-body');
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(['actor', 'to']);

    const broken = await postJson<ApiError>(server.app, `/api/work-orders/${orderId}/transition`, '{"to": "acknowledged"');
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('malformed-json');

    const unknown = await postJson<ApiError>(server.app, `/api/work-orders/${orderId}/transition`, { to: 'acknowledged', assignee: 'x' });
    expect(unknown.body.error.issues).toEqual([{ path: 'assignee', message: 'is not a known field' }]);

    const missing = await postJson<ApiError>(server.app, `/api/work-orders/${orderId}/comments`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues).toEqual([{ path: 'text', message: 'must be a string' }]);
  });

  it('refuses a body over 16 KiB with 413', async () => {
    const res = await postJson<ApiError>(server.app, `/api/work-orders/${orderId}/comments`, { text: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload-too-large');
  });

  it('adds comments to the timeline', async () => {
    const res = await postJson<TimelineEntryView>(server.app, `/api/work-orders/${orderId}/comments`, { text: '  Bearing noise on the drive end ', actor: 'jo' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ workOrderId: orderId, kind: 'comment', actor: 'jo', note: 'Bearing noise on the drive end', at: T0 });
    const { body } = await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${orderId}`);
    expect(body.timeline.map((t) => t.kind)).toEqual(['created', 'comment']);
  });

  it('finds an order by its number and answers 404 in the error shape for an unknown one', async () => {
    const { body } = await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${orderId}`);
    const byNumber = await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${body.number}`);
    expect(byNumber.body.id).toBe(orderId);
    const missing = await getJson<ApiError>(server.app, '/api/work-orders/999');
    expect(missing).toEqual({ status: 404, body: { error: { code: 'not-found', message: 'work order 999 not found' } } });
    const transition = await postJson<ApiError>(server.app, '/api/work-orders/999/transition', { to: 'acknowledged' });
    expect(transition.status).toBe(404);
  });

  it('lists newest first (sort=newest) and filters by status list, open-like, device, line and type', async () => {
    const { workOrders } = server.services;
    const heat = workOrders.handleAnomalyEvent(anomalyEvent({ metric: 'temperature', ruleId: 'class.pump.temperature', failureMode: 'overheating', value: 97, limit: 95 }))!;
    const conveyor = workOrders.handleAnomalyEvent(
      anomalyEvent({ deviceId: 'CV-C1', metric: 'current', ruleId: 'class.conveyor.current', failureMode: 'overcurrent', value: 17.5, limit: 16.5 }),
    )!;
    workOrders.transition(heat.workOrder!.id, { to: 'cancelled' });

    const ids = async (query: string) =>
      (await getJson<Paged<WorkOrderView>>(server.app, `/api/work-orders${query}${query ? '&' : '?'}sort=newest`)).body.items.map((o) => o.id);
    expect(await ids('')).toEqual([conveyor.workOrder!.id, heat.workOrder!.id, orderId]);
    expect(await ids('?status=open-like')).toEqual([conveyor.workOrder!.id, orderId]);
    expect(await ids('?status=cancelled,closed')).toEqual([heat.workOrder!.id]);
    expect(await ids('?deviceId=P-104&status=open')).toEqual([orderId]);
    expect(await ids('?lineId=assembly')).toEqual([conveyor.workOrder!.id]);
    expect(await ids('?type=corrective')).toEqual([]);

    const page = await getJson<Paged<WorkOrderView>>(server.app, '/api/work-orders?limit=1&offset=1&sort=newest');
    expect(page.body).toMatchObject({ total: 3, items: [{ id: heat.workOrder!.id }] });
  });

  it('answers 400 naming the parameter for a bad query', async () => {
    const res = await getJson<ApiError>(server.app, '/api/work-orders?status=open,finished&limit=0');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-query');
    expect(res.body.error.issues?.map((i) => i.path).sort()).toEqual(['limit', 'status.1']);

    const priority = await getJson<ApiError>(server.app, '/api/work-orders?priority=P1,P9&sort=urgent');
    expect(priority.status).toBe(400);
    expect(priority.body.error.issues?.map((i) => i.path).sort()).toEqual(['priority.1', 'sort']);
  });
});
