import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, KpiView } from '../http/api-types';
import { anomalyEvent, createTestServer, getJson, T0, type TestServer } from '../testing/test-server';
import { confirmedOutcome, DAY } from '../testing/work-order-steps';

const MIN = 60_000;
const H = 60 * MIN;

describe('KPI routes', () => {
  let server: TestServer;
  let pump: number;
  let conveyor: number;
  beforeEach(() => {
    server = createTestServer();
    const { workOrders } = server.services;
    pump = workOrders.handleAnomalyEvent(anomalyEvent())!.workOrder!.id;
    conveyor = workOrders.handleAnomalyEvent(
      anomalyEvent({ deviceId: 'CV-C1', metric: 'current', ruleId: 'class.conveyor.current', failureMode: 'overcurrent', value: 17.5, limit: 16.5 }),
    )!.workOrder!.id;
    const at = (t: number, f: () => void) => ((server.clock.now = t), f());
    at(T0 + 10 * MIN, () => workOrders.transition(pump, { to: 'acknowledged' }));
    at(T0 + 30 * MIN, () => workOrders.transition(conveyor, { to: 'assigned' }));
    at(T0 + H, () => workOrders.transition(pump, { to: 'in-progress' }));
    at(T0 + 2 * H, () => workOrders.transition(pump, { to: 'resolved', outcome: confirmedOutcome() }));
    // a second pump order the next day, still open
    at(T0 + DAY, () => workOrders.handleAnomalyEvent(anomalyEvent({ deviceId: 'P-101', ts: T0 + DAY - 1000, startedAt: T0 + DAY - 301_000 })));
    server.clock.now = T0 + 2 * DAY;
  });
  afterEach(() => server.close());

  it('computes MTTA, MTTR, MTBF and the backlog over the default 30 days', async () => {
    const { status, body } = await getJson<KpiView>(server.app, '/api/kpis');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      from: T0 + 2 * DAY - 30 * DAY,
      to: T0 + 2 * DAY,
      filter: { siteId: null, lineId: null, deviceId: null },
      mtta: { ms: 20 * MIN, count: 2 },
      mttr: { ms: 2 * H, count: 1 },
      mtbf: { ms: (30 * DAY * 4) / 1, failures: 1, devices: 4 },
      backlog: { open: 2 },
    });
    expect(body.rulePrecision).toContainEqual({ ruleId: 'class.pump.vibration', confirmed: 1, noFaultFound: 0, open: 1, precision: 1 });
    expect(body.slaAttainment.response.met + body.slaAttainment.response.missed).toBe(2);
  });

  it('filters by line and gives the backlog at the end of each day', async () => {
    const from = T0 - 12 * H;
    const { body } = await getJson<KpiView>(server.app, `/api/kpis?lineId=assembly&from=${from}&to=${new Date(T0 + 2 * DAY).toISOString()}`);
    expect(body).toMatchObject({ filter: { lineId: 'assembly' }, mtta: { ms: 30 * MIN, count: 1 }, mttr: { ms: null, count: 0 }, mtbf: { ms: null, failures: 0, devices: 1 } });
    expect(body.backlog.open).toBe(1);

    const all = await getJson<KpiView>(server.app, `/api/kpis?from=${from}&to=${T0 + 2 * DAY}`);
    const midnight = Date.UTC(2026, 2, 10);
    expect(all.body.backlog.trend).toEqual([
      { at: midnight, open: 0 },
      { at: midnight + DAY, open: 1 },
      { at: midnight + 2 * DAY, open: 2 },
      { at: T0 + 2 * DAY, open: 2 },
    ]);
  });

  it('serves the same figures as CSV with a filename', async () => {
    const res = await server.app.request('/api/kpis.csv?deviceId=P-104');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="kpis_device-P-104_2026-02-10_2026-03-12\.csv"$/);
    const lines = (await res.text()).split('\r\n');
    expect(lines[0]).toBe('metric,scope,value,unit');
    expect(lines).toContain(`mttr,device=P-104,${2 * H},ms`);
    expect(lines).toContain('mtbf.failures,device=P-104,1,orders');
    expect(lines.filter((l) => l.startsWith('backlog.trend@'))).toHaveLength(31);
  });

  it('answers 400 naming the parameter for a bad time, a reversed window or an unknown line or device', async () => {
    const bad = await getJson<ApiError>(server.app, '/api/kpis?from=yesterday-ish');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.path)).toEqual(['from']);

    const reversed = await getJson<ApiError>(server.app, `/api/kpis?from=${T0}&to=${T0 - 1}`);
    expect(reversed.body.error.issues?.map((i) => i.path)).toEqual(['to']);

    const unknown = await getJson<ApiError>(server.app, '/api/kpis.csv?lineId=nowhere&deviceId=X-1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([
      { path: 'lineId', message: 'no line nowhere' },
      { path: 'deviceId', message: 'no device X-1' },
    ]);
  });

  it('is readable by every role', async () => {
    for (const role of ['display', 'technician'] as const) {
      const res = await server.rawApp.request('/api/kpis.csv', { headers: { authorization: `Bearer ${server.tokenFor(role)}` } });
      expect(res.status).toBe(200);
    }
    expect((await server.rawApp.request('/api/kpis')).status).toBe(401);
  });
});
