import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, MaintenancePlanView, Paged } from '../http/api-types';
import { createTestServer, getJson, postJson, T0, type TestServer } from '../testing/test-server';
import { DAY_MS, HOUR_MS } from './plan-schedule';

async function send<T>(server: TestServer, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await server.app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const greasing = {
  id: 'p101-grease',
  deviceId: 'P-101',
  title: 'Grease pump bearings',
  trigger: { kind: 'calendar', everyDays: 90, leadDays: 7 },
  requiredSkills: ['mechanical', 'lubrication'],
};
const compressorService = {
  id: 'c201-service',
  deviceId: 'C-201',
  title: 'Compressor 2,000 h service',
  trigger: { kind: 'running-hours', everyHours: 2000, leadHours: 50 },
  priority: 'P2',
};

describe('maintenance plan routes', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  it('creates plans and lists them with the next due time or the running hours left, filtered by device and line', async () => {
    server.database.sqlite.prepare("UPDATE devices SET running_ms = ? WHERE id = 'C-201'").run(120 * HOUR_MS);
    const created = await postJson<MaintenancePlanView>(server.app, '/api/maintenance-plans', greasing);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'p101-grease',
      lineId: 'utilities',
      trigger: { kind: 'calendar', everyDays: 90, leadDays: 7 },
      requiredSkills: ['mechanical', 'lubrication'],
      requiredCertifications: [],
      priority: null,
      enabled: true,
      createdAt: T0,
      createdBy: 'test-admin',
      next: { basis: 'plan-start', dueAt: T0 + 90 * DAY_MS, opensAt: T0 + 83 * DAY_MS, runningHoursLeft: null },
      lastOrder: null,
    });
    const compressor = await postJson<MaintenancePlanView>(server.app, '/api/maintenance-plans', compressorService);
    expect(compressor.body).toMatchObject({
      runningHours: 120,
      trigger: { kind: 'running-hours', everyHours: 2000, leadHours: 50 },
      next: { basis: 'plan-start', dueAt: null, dueRunningHours: 2120, opensAtRunningHours: 2070, runningHoursLeft: 2000 },
    });

    const all = await getJson<Paged<MaintenancePlanView>>(server.app, '/api/maintenance-plans');
    expect(all.body.items.map((p) => p.id)).toEqual(['p101-grease', 'c201-service']);
    expect((await getJson<Paged<MaintenancePlanView>>(server.app, '/api/maintenance-plans?deviceId=C-201')).body.items.map((p) => p.id)).toEqual(['c201-service']);
    expect((await getJson<Paged<MaintenancePlanView>>(server.app, '/api/maintenance-plans?lineId=assembly')).body).toEqual({ items: [], total: 0 });
    expect((await getJson<MaintenancePlanView>(server.app, '/api/maintenance-plans/c201-service')).body.priority).toBe('P2');

    const generated = await postJson<MaintenancePlanView>(server.app, '/api/maintenance-plans', { ...greasing, id: undefined, trigger: { kind: 'calendar', everyDays: 30, firstDueAt: '2026-04-01' } });
    expect(generated.body.id).toMatch(/^mp-[0-9a-f]{8}$/);
    expect(generated.body.next).toMatchObject({ basis: 'first-due', dueAt: Date.UTC(2026, 3, 1), opensAt: Date.UTC(2026, 3, 1) });
  });

  it('answers 400 naming each bad field, 409 for a taken id, 404 for an unknown plan', async () => {
    const bad = await postJson<ApiError>(server.app, '/api/maintenance-plans', {
      ...greasing,
      title: '',
      trigger: { kind: 'calendar', everyDays: 7, leadDays: 7, firstDueAt: '2026-02-30' },
      requiredSkills: ['Mechanical'],
      priority: 'P9',
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(['colour', 'priority', 'requiredSkills.0', 'title', 'trigger.firstDueAt']);
    const lead = await postJson<ApiError>(server.app, '/api/maintenance-plans', { ...greasing, trigger: { kind: 'running-hours', everyHours: 100, leadHours: 100 } });
    expect(lead.body.error.issues).toEqual([{ path: 'trigger.leadHours', message: 'must be less than everyHours' }]);
    const kind = await postJson<ApiError>(server.app, '/api/maintenance-plans', { ...greasing, trigger: { kind: 'weekly' } });
    expect(kind.body.error.issues?.map((i) => i.path)).toEqual(['trigger.kind']);
    const missing = await postJson<ApiError>(server.app, '/api/maintenance-plans', { title: 'x' });
    expect(missing.body.error.issues?.map((i) => i.path).sort()).toEqual(['deviceId', 'trigger']);

    const device = await postJson<ApiError>(server.app, '/api/maintenance-plans', { ...greasing, deviceId: 'P-999' });
    expect(device).toMatchObject({ status: 400, body: { error: { issues: [{ path: 'deviceId', message: 'no device P-999 in the plant' }] } } });
    expect((await postJson(server.app, '/api/maintenance-plans', greasing)).status).toBe(201);
    expect(await postJson<ApiError>(server.app, '/api/maintenance-plans', greasing)).toMatchObject({ status: 409, body: { error: { code: 'maintenance-plan-exists' } } });

    expect((await send<ApiError>(server, 'PATCH', '/api/maintenance-plans/p101-grease', { actor: 'x' })).body.error.issues).toEqual([{ path: '(root)', message: 'must change at least one field' }]);
    expect((await send<ApiError>(server, 'PATCH', '/api/maintenance-plans/p101-grease', { deviceId: 'P-104', title: 'X' })).body.error.issues).toEqual([{ path: 'deviceId', message: 'is not a known field' }]);
    expect((await send<ApiError>(server, 'PATCH', '/api/maintenance-plans/nope', { title: 'X' })).status).toBe(404);
    expect((await getJson<ApiError>(server.app, '/api/maintenance-plans/nope')).status).toBe(404);
  });

  it('changes a plan and disables it on DELETE (kept, and enabled again with PATCH)', async () => {
    await postJson(server.app, '/api/maintenance-plans', greasing);
    server.clock.now = T0 + 1000;
    const changed = await send<MaintenancePlanView>(server, 'PATCH', '/api/maintenance-plans/p101-grease', { trigger: { kind: 'calendar', everyDays: 60 }, priority: 'P3' });
    expect(changed.body).toMatchObject({ trigger: { everyDays: 60, leadDays: 0 }, priority: 'P3', updatedAt: T0 + 1000, next: { dueAt: T0 + 60 * DAY_MS } });
    const gone = await send<MaintenancePlanView>(server, 'DELETE', '/api/maintenance-plans/p101-grease');
    expect(gone).toMatchObject({ status: 200, body: { enabled: false } });
    expect((await getJson<MaintenancePlanView>(server.app, '/api/maintenance-plans/p101-grease')).body.enabled).toBe(false);
    expect((await send<MaintenancePlanView>(server, 'PATCH', '/api/maintenance-plans/p101-grease', { enabled: true })).body.enabled).toBe(true);
  });

  it('lets every reader read, and only planners and admins manage plans', async () => {
    await postJson(server.app, '/api/maintenance-plans', greasing);
    for (const role of ['technician', 'line-lead', 'reliability-engineer', 'display'] as const) {
      const token = server.tokenFor(role);
      expect((await send(server, 'GET', '/api/maintenance-plans', undefined, token)).status, role).toBe(200);
      expect((await send(server, 'GET', '/api/maintenance-plans/p101-grease', undefined, token)).status, role).toBe(200);
      expect((await send(server, 'POST', '/api/maintenance-plans', compressorService, token)).status, role).toBe(403);
      expect((await send(server, 'PATCH', '/api/maintenance-plans/p101-grease', { title: 'X' }, token)).status, role).toBe(403);
      expect((await send(server, 'DELETE', '/api/maintenance-plans/p101-grease', undefined, token)).status, role).toBe(403);
    }
    const planner = server.tokenFor('planner', 'Maria Planner');
    const created = await send<MaintenancePlanView>(server, 'POST', '/api/maintenance-plans', { ...compressorService, actor: 'night shift lead' }, planner);
    expect(created).toMatchObject({ status: 201, body: { createdBy: 'night shift lead' } });
    expect((await send(server, 'DELETE', '/api/maintenance-plans/c201-service', undefined, planner)).status).toBe(200);
  });
});
