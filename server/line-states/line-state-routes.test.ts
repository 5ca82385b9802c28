import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, LineDowntimeReportView, LineHistoryView, LineStateView } from '../http/api-types';
import { createLineStateTestServer, type LineStateTestServer } from '../testing/line-state-test-server';
import { getJson, T0 } from '../testing/test-server';

const MIN = 60_000;

describe('line-state routes', () => {
  let server: LineStateTestServer;
  beforeEach(() => {
    server = createLineStateTestServer();
    server.services.devices.touchDevices(new Map(['P-101', 'P-104', 'C-201', 'CV-C1'].map((id) => [id, T0])));
  });
  afterEach(() => server.close());

  it('GET /api/lines/states gives a starved line the chain back to the work order that holds its feeder down', async () => {
    server.tracker.refresh(T0);
    server.clock.now = T0 + 5 * MIN;
    const order = server.services.workOrders.create({ type: 'corrective', deviceId: 'P-104', title: 'Mold repair', stopsLine: true, severity: 'alarm', dueAt: T0 + 90 * MIN });
    const { status, body } = await getJson<LineStateView[]>(server.lineApp, '/api/lines/states');
    expect(status).toBe(200);
    const chain = [
      { kind: 'line', id: 'assembly', name: 'Assembly line C', state: 'starved' },
      { kind: 'line', id: 'utilities', name: 'Utilities', state: 'down' },
      { kind: 'device', id: 'P-104', name: 'Cooling water pump 2' },
      {
        kind: 'work-order',
        id: order.id,
        number: order.number,
        type: 'corrective',
        status: 'open',
        title: 'Mold repair',
        severity: 'alarm',
        stopsLine: true,
        assignee: null,
        expectedFinish: T0 + 90 * MIN,
      },
    ];
    expect(body[1]).toEqual({
      id: 'assembly',
      name: 'Assembly line C',
      siteId: 'plant-1',
      state: 'starved',
      since: T0 + 5 * MIN,
      reasons: [{ effect: 'starved', cause: 'work-order', chain }],
      chain,
    });
    expect(body[0]).toMatchObject({ id: 'utilities', state: 'down', since: T0 + 5 * MIN, chain: chain.slice(1) });
  });

  it('names the assignee of the root-cause order in the chain, as people know them', async () => {
    server.tracker.refresh(T0);
    const order = server.services.workOrders.create({ type: 'corrective', deviceId: 'P-104', title: 'Mold repair', stopsLine: true, severity: 'alarm' });
    server.services.technicians.create({ id: 'tech-anna', name: 'Anna Weber', siteId: 'plant-1', skills: [], certifications: [], shifts: [] });
    server.services.assignments.assign(order.id, { technicianId: 'tech-anna', actor: 'planner' });
    server.tracker.refresh(T0 + MIN);
    const { body } = await getJson<LineStateView[]>(server.lineApp, '/api/lines/states');
    const assembly = body.find((l) => l.id === 'assembly')!;
    expect(assembly.state).toBe('starved');
    expect(assembly.chain.at(-1)).toMatchObject({ kind: 'work-order', number: order.number, status: 'assigned', assignee: 'Anna Weber' });
  });

  it('GET /api/lines/downtime and /api/lines/:id/history add up lost time by root cause', async () => {
    server.tracker.refresh(T0);
    server.clock.now = T0 + 10 * MIN;
    const order = server.services.workOrders.create({ type: 'emergency', deviceId: 'C-201', title: 'Compressor trip' });
    server.tracker.refresh(server.clock.now);
    server.clock.now = T0 + 12 * MIN;

    const report = await getJson<LineDowntimeReportView>(server.lineApp, `/api/lines/downtime?from=${T0}&to=${new Date(T0 + 60 * MIN).toISOString()}`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ from: T0, to: T0 + 12 * MIN });
    expect(report.body.lines.map((l) => [l.lineId, l.lostMs, l.byCause.map((c) => [c.cause, c.ref])])).toEqual([
      ['utilities', 2 * MIN, [['work-order', order.number]]],
      ['assembly', 2 * MIN, [['work-order', order.number]]],
    ]);

    const history = await getJson<LineHistoryView>(server.lineApp, `/api/lines/assembly/history?from=${T0}`);
    expect(history.body.changes.map((c) => [c.from, c.to, c.at])).toEqual([[null, 'running', T0], ['running', 'starved', T0 + 10 * MIN]]);
    // Without from: the last 24 h.
    expect((await getJson<LineHistoryView>(server.lineApp, '/api/lines/assembly/history')).body).toMatchObject({ from: T0 + 12 * MIN - 24 * 60 * MIN, to: T0 + 12 * MIN });
  });

  it('answers 400 naming the parameter for a bad window and 404 for an unknown line', async () => {
    const bad = await getJson<ApiError>(server.lineApp, `/api/lines/downtime?from=${T0}&to=${T0 - 1}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'from', message: 'must not be after to' }]);
    const unknownParam = await getJson<ApiError>(server.lineApp, '/api/lines/downtime?since=1');
    expect(unknownParam.body.error.issues).toEqual([{ path: 'since', message: 'is not a known field' }]);
    expect(await getJson<ApiError>(server.lineApp, '/api/lines/nope/history')).toEqual({ status: 404, body: { error: { code: 'not-found', message: 'line nope not found' } } });
  });
});
