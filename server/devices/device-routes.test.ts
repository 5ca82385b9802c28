import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiError, DeviceView, LineView, TelemetryView } from '../http/api-types';
import { anomalyEvent, createTestServer, getJson, T0, type TestServer } from '../testing/test-server';

const MINUTE = 60_000;

describe('device routes', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  const device = async (id: string) => (await getJson<DeviceView>(server.app, `/api/devices/${id}`)).body;

  it('derives liveness from the last-seen time and the current time', async () => {
    server.services.devices.touchDevices(new Map([['P-101', T0], ['P-104', T0 - 5 * MINUTE], ['C-201', T0 - 20 * MINUTE]]));
    const { status, body } = await getJson<DeviceView[]>(server.app, '/api/devices');
    expect(status).toBe(200);
    expect(body.map((d) => [d.id, d.liveness])).toEqual([
      ['P-101', 'online'],
      ['P-104', 'stale'],
      ['C-201', 'offline'],
      ['CV-C1', 'never-seen'],
    ]);
    server.clock.now = T0 + 3 * MINUTE;
    expect((await device('P-101')).liveness).toBe('stale');
  });

  it('only moves last-seen forward and ignores unknown devices', async () => {
    const { devices } = server.services;
    expect(devices.touchDevices(new Map([['P-101', T0], ['GHOST', T0]]))).toBe(1);
    expect(devices.touchDevices(new Map([['P-101', T0 - MINUTE]]))).toBe(0);
    expect((await device('P-101')).lastSeenAt).toBe(T0);
  });

  it('counts active anomalies and open work orders per device', async () => {
    const { workOrders } = server.services;
    workOrders.handleAnomalyEvent(anomalyEvent());
    const heat = workOrders.handleAnomalyEvent(anomalyEvent({ metric: 'temperature', ruleId: 'class.pump.temperature', failureMode: 'overheating', value: 97, limit: 95 }))!;
    workOrders.handleAnomalyEvent(anomalyEvent({ type: 'cleared', value: 2, limit: 2.3 }));
    workOrders.transition(heat.workOrder!.id, { to: 'cancelled' });
    expect(await device('P-104')).toMatchObject({ activeAnomalies: 1, openWorkOrders: 1 });
    expect(await device('P-101')).toMatchObject({ activeAnomalies: 0, openWorkOrders: 0 });
  });

  it('answers 404 in the error shape for an unknown device', async () => {
    expect(await getJson<ApiError>(server.app, '/api/devices/NOPE')).toEqual({
      status: 404,
      body: { error: { code: 'not-found', message: 'device NOPE not found' } },
    });
  });

  it('returns telemetry of the last hour by default, with the limits in force', async () => {
    const point = (seq: number, ts: number) => ({ deviceId: 'P-104', seq, ts, temperature: 60, vibration: 2 + seq / 10, current: 25 });
    await server.telemetryStore.write([point(1, T0 - 2 * 60 * MINUTE), point(2, T0 - 30 * MINUTE), point(3, T0 - MINUTE)]);
    const { status, body } = await getJson<TelemetryView>(server.app, '/api/devices/P-104/telemetry');
    expect(status).toBe(200);
    expect(body).toMatchObject({ deviceId: 'P-104', from: T0 - 60 * MINUTE, to: T0 });
    expect(body.points.map((p) => p.seq)).toEqual([2, 3]);
    expect(body.points[0]).toEqual({ ts: T0 - 30 * MINUTE, seq: 2, temperature: 60, vibration: 2.2, current: 25 });
    expect(body.limits.find((l) => l.metric === 'vibration')).toEqual({ metric: 'vibration', ruleId: 'class.pump.vibration', direction: 'above', warn: 2.8, alarm: 4.5, clear: 2.3 });
    expect(body.limits.find((l) => l.metric === 'current')).toMatchObject({ warn: 30.8, alarm: 35 });

    const windowed = await getJson<TelemetryView>(server.app, `/api/devices/P-104/telemetry?from=${T0 - 3 * 60 * MINUTE}&to=${new Date(T0).toISOString()}&limit=2`);
    expect(windowed.body.points.map((p) => p.seq)).toEqual([1, 2]);
  });

  it('ends the default window at the newest sample when a fast simulated plant runs ahead of the clock', async () => {
    const point = (seq: number, ts: number) => ({ deviceId: 'P-104', seq, ts, temperature: 60, vibration: 2, current: 25 });
    const ahead = T0 + 5 * 60 * MINUTE;
    await server.telemetryStore.write([point(1, T0 - MINUTE), point(2, ahead - 90 * MINUTE), point(3, ahead - 10 * MINUTE), point(4, ahead)]);
    const { body } = await getJson<TelemetryView>(server.app, '/api/devices/P-104/telemetry');
    expect(body).toMatchObject({ from: ahead - 60 * MINUTE, to: ahead });
    expect(body.points.map((p) => p.seq)).toEqual([3, 4]);
  });

  it('answers 400 naming the parameter for a bad telemetry query', async () => {
    const res = await getJson<ApiError>(server.app, `/api/devices/P-104/telemetry?from=${T0}&to=${T0 - 1}&limit=100001`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues?.map((i) => i.path).sort()).toEqual(['from', 'limit']);
  });

  it('downsamples a range holding more samples than maxPoints into min/max buckets, and keeps a smaller one raw', async () => {
    // Two hours of 1 Hz samples, one vibration spike.
    const from = T0 - 2 * 60 * MINUTE;
    const points = Array.from({ length: 7200 }, (_, i) => ({ deviceId: 'P-104', seq: i, ts: from + i * 1000, temperature: 60, vibration: 2 + (i % 10) / 100, current: 25 }));
    points[4321]!.vibration = 9.5;
    await server.telemetryStore.write(points);
    const to = from + 7_200_000 - 1; // two hours to the ms: 100 buckets of 72 s

    const { status, body } = await getJson<TelemetryView>(server.app, `/api/devices/P-104/telemetry?from=${from}&to=${to}&maxPoints=100`);
    expect(status).toBe(200);
    expect(body.points).toEqual([]);
    expect(body.limits.length).toBeGreaterThan(0);
    const d = body.downsampled!;
    expect(d.bucketMs).toBe(72_000); // ceil(7,200,000 ms / 100)
    expect(d.samples).toBe(7200);
    expect(d.buckets).toHaveLength(100);
    expect(d.buckets[0]).toMatchObject({ ts: from, n: 72, min: { vibration: 2, temperature: 60 }, max: { vibration: 2.09, current: 25 } });
    expect(d.buckets.filter((b) => b.max.vibration === 9.5).map((b) => b.ts)).toEqual([from + 60 * 72_000]); // sample 4321 is in bucket 60
    expect(d.buckets[60]!.mean.vibration).toBeCloseTo(points.slice(60 * 72, 61 * 72).reduce((sum, p) => sum + p.vibration, 0) / 72, 9);

    // Within maxPoints: the raw samples, in the usual shape, without a downsampled field.
    const raw = await getJson<TelemetryView>(server.app, `/api/devices/P-104/telemetry?from=${from}&to=${from + 99_000}&maxPoints=100`);
    expect(raw.body.points).toHaveLength(100);
    expect(raw.body.points[0]).toEqual({ ts: from, seq: 0, temperature: 60, vibration: 2, current: 25 });
    expect(raw.body).not.toHaveProperty('downsampled');
    // maxPoints exceeded by exactly one sample.
    const over = await getJson<TelemetryView>(server.app, `/api/devices/P-104/telemetry?from=${from}&to=${from + 100_000}&maxPoints=100`);
    expect(over.body.downsampled).toMatchObject({ bucketMs: 1001, samples: 101 });
    expect(over.body.downsampled!.buckets).toHaveLength(100);
  });

  it('answers 400 for a maxPoints out of 1..10,000 or not a whole number', async () => {
    for (const bad of ['0', '10001', '2.5', 'many']) {
      const res = await getJson<ApiError>(server.app, `/api/devices/P-104/telemetry?maxPoints=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.error.issues?.map((i) => i.path)).toEqual(['maxPoints']);
    }
    const res = await getJson<ApiError>(server.app, '/api/devices/P-104/telemetry?maxPoints=10001');
    expect(res.body.error.message).toContain('maxPoints: must be at most 10000');
  });

  it('lists lines with the lines they feed and their devices', async () => {
    const { body } = await getJson<LineView[]>(server.app, '/api/lines');
    expect(body).toEqual([
      { id: 'utilities', siteId: 'plant-1', name: 'Utilities', feeds: ['assembly'], deviceIds: ['P-101', 'P-104', 'C-201'] },
      { id: 'assembly', siteId: 'plant-1', name: 'Assembly line C', feeds: [], deviceIds: ['CV-C1'] },
    ]);
  });
});
