import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, Paged, WorkOrderView } from '../http/api-types';
import type { ServerEvent } from '../events/event-bus';
import { createTestServer, getJson, postJson, T0, type TestServer } from '../testing/test-server';
import type { WorkOrderDetailView } from './work-order-views';

describe('POST /api/work-orders: orders people raise', () => {
  let server: TestServer;
  let events: ServerEvent[];
  beforeEach(() => {
    server = createTestServer();
    events = [];
    server.bus.subscribe((e) => events.push(e));
  });
  afterEach(() => server.close());

  const create = (body: unknown) => postJson<WorkOrderDetailView>(server.app, '/api/work-orders', body);

  it('creates a corrective order a planner can read back, with its timeline and a bus event', async () => {
    server.clock.now = T0 + 5 * 60_000;
    const dueAt = T0 + 6 * 3_600_000;
    const res = await create({
      type: 'corrective',
      deviceId: 'P-104',
      title: '  Replace leaking mechanical seal ',
      description: 'Drips under the pump since the night shift.',
      severity: 'warn',
      failureMode: 'overheating',
      dueAt,
      actor: 'dana',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: `WO-2026-${String(res.body.id).padStart(6, '0')}`,
      type: 'corrective',
      status: 'open',
      title: 'Replace leaking mechanical seal',
      description: 'Drips under the pump since the night shift.',
      deviceId: 'P-104',
      deviceName: 'Cooling water pump 2',
      lineId: 'utilities',
      severity: 'warn',
      failureMode: 'overheating',
      stopsLine: false,
      dueAt,
      createdAt: T0 + 5 * 60_000,
      evidence: null,
      outcome: null,
      recurrenceOf: null,
      repairEffective: null,
      allowedTransitions: ['acknowledged', 'assigned', 'cancelled'],
    });
    expect(res.body.timeline.map(({ kind, actor, to, note }) => ({ kind, actor, to, note }))).toEqual([
      { kind: 'created', actor: 'dana', to: 'open', note: 'Corrective order; due 2026-03-10T14:00Z' },
    ]);
    const { timeline: _t, allowedTransitions: _a, ...view } = res.body;
    expect(events).toEqual([{ name: 'work-order', data: { change: 'created', workOrder: view } }]);
    expect((await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${res.body.number}`)).body.id).toBe(res.body.id);
  });

  it('marks an emergency order as stopping the line, and a major corrective one when asked', async () => {
    const emergency = await create({ type: 'emergency', deviceId: 'CV-C1', title: 'Conveyor belt torn' });
    expect(emergency.body).toMatchObject({ stopsLine: true, dueAt: null, severity: null, failureMode: null, description: '' });
    expect(emergency.body.timeline[0]).toMatchObject({ actor: 'test-admin', note: 'Emergency order; line assembly is stopped' });

    const major = await create({ type: 'corrective', deviceId: 'C-201', title: 'Compressor overhaul', stopsLine: true });
    expect(major.body.stopsLine).toBe(true);
    const minor = await create({ type: 'inspection', deviceId: 'C-201', title: 'Check belt tension' });
    expect(minor.body.stopsLine).toBe(false);

    const stopping = await getJson<Paged<WorkOrderView>>(server.app, '/api/work-orders?stopsLine=true');
    expect(stopping.body.items.map((o) => o.title)).toEqual(['Compressor overhaul', 'Conveyor belt torn']);
    const byType = await getJson<Paged<WorkOrderView>>(server.app, '/api/work-orders?type=emergency,inspection');
    expect(byType.body.items.map((o) => o.type)).toEqual(['inspection', 'emergency']);
  });

  it('refuses an emergency order that claims the line keeps running', async () => {
    const res = await create({ type: 'emergency', deviceId: 'CV-C1', title: 'Conveyor belt torn', stopsLine: false });
    expect(res.status).toBe(400);
    expect((res.body as unknown as ApiError).error.issues).toEqual([{ path: 'stopsLine', message: 'an emergency order always stops the line' }]);
  });

  it('answers 400 naming deviceId for a device that is not in the plant, and creates nothing', async () => {
    const res = await postJson<ApiError>(server.app, '/api/work-orders', { type: 'corrective', deviceId: 'P-999', title: 'Fix it' });
    expect(res).toEqual({
      status: 400,
      body: {
        error: {
          code: 'invalid-body',
          message: 'request body is invalid: deviceId: no device P-999 in the plant',
          issues: [{ path: 'deviceId', message: 'no device P-999 in the plant' }],
        },
      },
    });
    expect((await getJson<Paged<WorkOrderView>>(server.app, '/api/work-orders')).body.total).toBe(0);
    expect(events).toEqual([]);
  });

  it('answers 400 naming each bad field, and refuses potential-fault orders from people', async () => {
    const res = await postJson<ApiError>(server.app, '/api/work-orders', {
      type: 'potential-fault',
      title: ' ',
      severity: 'critical',
      failureMode: 'leak',
      stopsLine: 'yes',
      dueAt: 'tomorrow',
      priority: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.map((i) => i.path).sort()).toEqual(['deviceId', 'dueAt', 'failureMode', 'priority', 'severity', 'stopsLine', 'title', 'type']);
    expect(res.body.error.issues?.find((i) => i.path === 'type')?.message).toBe('must be one of corrective, preventive, emergency, inspection');
  });
});
