import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnomalyView, ApiError, Paged } from '../http/api-types';
import { anomalyEvent, createTestServer, getJson, T0, type TestServer } from '../testing/test-server';

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
