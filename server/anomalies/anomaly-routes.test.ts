import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnomalyView, ApiError, Paged } from '../http/api-types';
import { anomalyEvent, createTestServer, getJson, postJson, T0, type TestServer } from '../testing/test-server';
import type { WorkOrderView } from '../http/api-types';

describe('GET /api/anomalies', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  it('lists anomalies newest first and filters by active and device', async () => {
    const { workOrders } = server.services;
    workOrders.handleAnomalyEvent(anomalyEvent());
    workOrders.handleAnomalyEvent(anomalyEvent({ type: 'cleared', value: 2.1, limit: 2.3, ts: T0 + 1000 }));
    workOrders.handleAnomalyEvent(anomalyEvent({ deviceId: 'P-101', ts: T0 + 2000 }));

    const all = await getJson<Paged<AnomalyView>>(server.app, '/api/anomalies');
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((a) => [a.deviceId, a.active])).toEqual([
      ['P-101', true],
      ['P-104', false],
    ]);
    expect(all.body.items[1]).toMatchObject({ clearedAt: T0 + 1000, lastValue: 2.1, ruleId: 'class.pump.vibration' });

    const active = await getJson<Paged<AnomalyView>>(server.app, '/api/anomalies?active=true');
    expect(active.body.items.map((a) => a.deviceId)).toEqual(['P-101']);
    const inactiveP104 = await getJson<Paged<AnomalyView>>(server.app, '/api/anomalies?active=false&deviceId=P-104');
    expect(inactiveP104.body.total).toBe(1);
  });

  it('answers 400 for active=yes', async () => {
    const res = await getJson<ApiError>(server.app, '/api/anomalies?active=yes');
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'active', message: 'must be true or false' }]);
  });
});

describe('POST /api/anomalies/:id/acknowledge', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  it('acknowledges without clearing; clearing does not un-acknowledge; the cleared rule re-arms as a new unacknowledged anomaly', async () => {
    const { workOrders } = server.services;
    const raised = workOrders.handleAnomalyEvent(anomalyEvent())!.anomaly;
    const acked = await postJson<AnomalyView>(server.app, `/api/anomalies/${raised.id}/acknowledge`, {});
    expect(acked.status).toBe(200);
    expect(acked.body).toMatchObject({ id: raised.id, active: true, acknowledged: true });

    workOrders.handleAnomalyEvent(anomalyEvent({ type: 'cleared', value: 2.1, limit: 2.3, ts: T0 + 1000 }));
    const afterClear = await getJson<Paged<AnomalyView>>(server.app, '/api/anomalies?deviceId=P-104');
    expect(afterClear.body.items.map((a) => [a.id, a.active, a.acknowledged])).toEqual([[raised.id, false, true]]);

    const again = workOrders.handleAnomalyEvent(anomalyEvent({ ts: T0 + 600_000, startedAt: T0 + 300_000 }))!.anomaly;
    expect(again.id).not.toBe(raised.id);
    expect(again).toMatchObject({ active: true, acknowledged: false, startedAt: T0 + 300_000 });
    // Acknowledging twice is harmless.
    expect((await postJson<AnomalyView>(server.app, `/api/anomalies/${raised.id}/acknowledge`, {})).body.acknowledged).toBe(true);
  });

  it('answers 404 for an unknown anomaly and 400 for a bad id', async () => {
    expect((await postJson<ApiError>(server.app, '/api/anomalies/999/acknowledge', {})).status).toBe(404);
    const bad = await postJson<ApiError>(server.app, '/api/anomalies/abc/acknowledge', {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'id', message: 'must be a positive integer' }]);
  });

  it('is refused to a display token', async () => {
    const raised = server.services.workOrders.handleAnomalyEvent(anomalyEvent())!.anomaly;
    const res = await server.rawApp.request(`/api/anomalies/${raised.id}/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.tokenFor('display')}` },
    });
    expect(res.status).toBe(403);
  });
});

describe('predictive anomalies', () => {
  let server: TestServer;
  beforeEach(() => {
    server = createTestServer();
  });
  afterEach(() => server.close());

  it('carry predictedBreachAt; their order is due before the breach with the prediction as evidence; a later alarm joins the order', async () => {
    const { workOrders } = server.services;
    const breach = T0 + 10 * 3_600_000;
    const prediction = { predictedBreachAt: breach, limit: 4.5, slopePerHour: 0.2, r2: 0.93, windowMs: 6 * 3_600_000 };
    const result = workOrders.handleAnomalyEvent(
      anomalyEvent({
        ruleId: 'class.pump.vibration.trend',
        kind: 'trend-to-limit',
        value: 2.5,
        limit: 4.5,
        prediction,
        detail: 'predicted to reach 4.5 mm/s at 2026-03-10T17:59Z (slope 0.2 mm/s per h, r² 0.93, window 6 h)',
      }),
    )!;
    expect(result.anomaly.predictedBreachAt).toBe(breach);
    const order = result.workOrder!;
    expect(order.dueAt).toBeGreaterThanOrEqual(T0);
    expect(order.dueAt).toBeLessThan(breach);
    expect(order.title).toBe('Vibration predicted to reach 4.5 mm/s at 2026-03-10T17:59Z on P-104 ' + order.title.split(' on P-104 ')[1]);
    expect(order.evidence).toMatchObject({ kind: 'trend-to-limit', prediction, detail: expect.stringMatching(/^predicted to reach 4\.5 mm\/s/) });

    const listed = await getJson<Paged<AnomalyView>>(server.app, '/api/anomalies?deviceId=P-104');
    expect(listed.body.items[0]!.predictedBreachAt).toBe(breach);

    // The threshold alarm later: same device and failure mode, the same order.
    const alarm = workOrders.handleAnomalyEvent(anomalyEvent({ ts: T0 + 9 * 3_600_000, severity: 'alarm', value: 4.6, limit: 4.5 }))!;
    expect(alarm.workOrder!.id).toBe(order.id);
    expect(alarm.change).toBe('occurrence');
    const view = await getJson<WorkOrderView>(server.app, `/api/work-orders/${order.id}`);
    expect(view.body).toMatchObject({ occurrences: 2, severity: 'alarm' });
  });
});
