/**
 * Journey: the simulator injects bearing wear on a pump; edge agents publish
 * over real MQTT to the real broker; ingest stores and detection raises; a
 * potential-fault work order for that device appears through the HTTP API,
 * and exactly one while the fault persists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceView, Paged, WorkOrderView } from '../server/http/api-types';
import { startTestSystem, waitFor, type TestSystem } from './support/system-fixture';

const MIN = 60_000;

describe('journey: injected bearing wear becomes one work order', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await startTestSystem(
      { SIM_SPEED: '600' },
      { scenario: { faults: [{ device: 'P-104', kind: 'bearing-wear', startAfterMinutes: 2, failureAfterMinutes: 46 }] } },
    );
  });
  afterAll(async () => {
    await sys?.cleanup();
  });

  it('opens a potential-fault order for P-104 with the evidence, and no second one while the fault persists', async () => {
    const first = await waitFor('a work order for P-104', async () => {
      const page = await sys.get<Paged<WorkOrderView>>('/api/work-orders?deviceId=P-104');
      return page.items[0];
    });
    expect(first).toMatchObject({ type: 'potential-fault', status: 'open', deviceId: 'P-104', lineId: 'utilities', failureMode: 'vibration-high' });
    expect(first.evidence).toMatchObject({ metric: 'vibration', unit: 'mm/s', limit: 2.8, ruleId: 'class.pump.vibration' });
    expect(first.evidence!.value).toBeGreaterThanOrEqual(2.8);
    expect(first.evidence!.recent.length).toBeGreaterThan(10);
    expect(first.title).toContain('P-104');

    // The bearing keeps wearing past its failure time (46 min after start); keep streaming well beyond.
    const faultStart = sys.simulator!.startAt + 2 * MIN;
    await waitFor('simulated time 90 min past fault start', () => (sys.clock!.now() > faultStart + 90 * MIN ? true : undefined), 60_000);
    await sys.gateway.ingest.flushed();
    await waitFor('the wear to be stored up to 80 min', async () => {
      const pts = await sys.telemetryStore.query({ deviceId: 'P-104', from: faultStart + 80 * MIN, to: faultStart + 81 * MIN, limit: 1 });
      return pts.length ? true : undefined;
    });

    const all = await sys.get<Paged<WorkOrderView>>('/api/work-orders?limit=100');
    const forPump = all.items.filter((w) => w.deviceId === 'P-104');
    expect(forPump).toHaveLength(1);
    expect(forPump[0]!.id).toBe(first.id);
    // It escalated to alarm as vibration passed 4.5 mm/s.
    expect(forPump[0]!.severity).toBe('alarm');
    // The healthy devices raised nothing in the same 90 simulated minutes.
    expect(all.items.filter((w) => w.deviceId !== 'P-104')).toEqual([]);

    const device = await sys.get<DeviceView>('/api/devices/P-104');
    expect(device).toMatchObject({ liveness: 'online', openWorkOrders: 1, activeAnomalies: 1 });
  });
});
