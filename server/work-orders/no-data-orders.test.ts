import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveTelemetry } from '../live-telemetry';
import type { AnomalyEvent } from '../detection/types';
import { createTestServer, getJson, T0, type TestServer } from '../testing/test-server';
import type { WorkOrderDetailView } from './work-order-views';

const MIN = 60_000;

describe('default deadman: a device that falls silent', () => {
  let server: TestServer;
  let live: LiveTelemetry;
  let wall = T0;
  beforeEach(() => {
    server = createTestServer();
    wall = T0;
    // The plant's default rules, only the deadman of P-104 (the others would need a whole signal history).
    const rules = server.services.rules.allEffectiveRules().filter((r) => r.kind === 'no-data' && r.deviceId === 'P-104');
    live = new LiveTelemetry({
      rules,
      onAnomaly: (e: AnomalyEvent) => server.services.workOrders.handleAnomalyEvent(e),
      onSeen: () => {},
      onLatest: () => {},
      onError: (err) => {
        throw err;
      },
      now: () => wall,
      tickMs: 3_600_000,
    });
  });
  afterEach(() => {
    live.stop();
    server.close();
  });

  const sample = (seq: number, ts: number) => ({ deviceId: 'P-104', seq, ts, temperature: 55, vibration: 1.2, current: 30 });
  /** P-101 keeps talking: the plant is not silent, so time passes for P-104. */
  let otherSeq = 0;
  const tick = () => {
    live.observe([{ deviceId: 'P-101', seq: ++otherSeq, ts: wall, temperature: 50, vibration: 1, current: 20 }]);
    live.tick();
  };

  it('opens one no-data order for electricians after 5 min, escalates it at 20 min and clears when data is back', async () => {
    for (let i = 0; i < 10; i++) live.observe([sample(i + 1, T0 + i * 1000)]);
    const lastTs = T0 + 9000;
    wall = lastTs + 4 * MIN;
    tick();
    expect(server.services.workOrders.list({ limit: 50, offset: 0 }).items).toHaveLength(0);

    wall = lastTs + 5 * MIN;
    tick();
    const [order] = server.services.workOrders.list({ limit: 50, offset: 0 }).items;
    expect(order).toMatchObject({ type: 'potential-fault', deviceId: 'P-104', failureMode: 'no-data', severity: 'warn' });
    const detail = (await getJson<WorkOrderDetailView>(server.app, `/api/work-orders/${order!.number}`)).body;
    expect(detail.title).toMatch(/^No data: .* on P-104 Cooling water pump 2$/);
    expect(detail.description).toContain('check the sensor and its cable, the edge agent and its network link');
    expect(detail.requiredSkills).toEqual(['electrical']);

    wall = lastTs + 20 * MIN;
    tick();
    const escalated = server.services.workOrders.list({ limit: 50, offset: 0 }).items;
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({ id: order!.id, severity: 'alarm' });

    live.observe([sample(11, wall)]);
    const anomalies = (await getJson<{ items: Array<{ active: boolean; failureMode: string }> }>(server.app, '/api/anomalies?deviceId=P-104')).body.items;
    expect(anomalies).toEqual([expect.objectContaining({ active: false, failureMode: 'no-data' })]);
  });
});
