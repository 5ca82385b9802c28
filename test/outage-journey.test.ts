/**
 * Journey: the broker goes away while the simulated plant's agents keep
 * sampling, then comes back. Afterwards every sample the agents took is
 * stored exactly once (counted by device and seq) and in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantDevices, loadPlantFile } from '../contract/plant';
import { DEMO_PLANT, sleep, startTestSystem, waitFor, type TestSystem } from './support/system-fixture';

describe('journey: broker outage loses and doubles nothing', () => {
  let sys: TestSystem;

  beforeAll(async () => {
    // 120x: each device samples 120 times per real second; no scripted faults.
    sys = await startTestSystem({ SIM_SPEED: '120' }, { scenario: null });
  });
  afterAll(async () => {
    await sys?.cleanup();
  });

  it('stores every sample once, in order, after the broker is stopped and started again', async () => {
    await waitFor('samples to flow', () => (sys.gateway.stats().samplesStored > 500 ? true : undefined));

    await sys.gateway.stopBroker();
    const storedAtOutage = sys.gateway.stats().samplesStored;
    await waitFor('agents to notice the outage', () => (sys.agents.every((a) => !a.stats.connected) ? true : undefined));
    await sleep(3000); // agents keep sampling into their outboxes
    const pendingDuringOutage = sys.agents.reduce((n, a) => n + a.stats.pending, 0);
    expect(pendingDuringOutage).toBeGreaterThan(13 * 120 * 2); // > 2 s of samples held at the edge
    expect(sys.gateway.stats().samplesStored).toBe(storedAtOutage);
    const degraded = await fetch(sys.httpUrl + '/api/health');
    expect(degraded.status).toBe(503);
    expect(await degraded.json()).toMatchObject({ status: 'degraded', checks: { broker: 'down' }, reasons: [expect.stringMatching(/MQTT broker is stopped/)] });

    await sys.gateway.startBroker();
    await waitFor('agents to reconnect', () => (sys.agents.every((a) => a.stats.connected) ? true : undefined), 15_000);
    expect((await fetch(sys.httpUrl + '/api/health')).status).toBe(200);
    await sleep(1000);

    // Stop the agents (they flush what they hold), then let ingest finish writing.
    await Promise.all(sys.agents.map((a) => a.stop()));
    await sys.gateway.ingest.flushed();
    const agentTotals = sys.agents.reduce(
      (t, a) => ({ sampled: t.sampled + a.stats.sampled, pending: t.pending + a.stats.pending, dropped: t.dropped + a.stats.dropped }),
      { sampled: 0, pending: 0, dropped: 0 },
    );
    expect(agentTotals.pending).toBe(0);
    expect(agentTotals.dropped).toBe(0);

    let stored = 0;
    for (const device of plantDevices(loadPlantFile(DEMO_PLANT))) {
      const points = await sys.telemetryStore.query({ deviceId: device.id, from: 0, to: Number.MAX_SAFE_INTEGER });
      const seqs = points.map((p) => p.seq);
      // Exactly once: seq 0..n-1, no gaps, no repeats (and the key forbids repeats anyway).
      expect(seqs, `seqs of ${device.id}`).toEqual(Array.from({ length: seqs.length }, (_, i) => i));
      // In order: ordering by time gives increasing seq, and time strictly increases.
      for (let i = 1; i < points.length; i++) expect(points[i]!.ts).toBeGreaterThan(points[i - 1]!.ts);
      stored += points.length;
    }
    expect(stored).toBe(agentTotals.sampled);
    expect(stored).toBe(await sys.telemetryStore.count());
    const stats = sys.gateway.stats();
    expect(stats.samplesStored).toBe(stored);
    expect(stats.deadLetters).toBe(0);

    // The same figures in Prometheus text, for a scraper with a token.
    expect((await fetch(sys.httpUrl + '/metrics')).status).toBe(401);
    const metrics = await (await fetch(sys.httpUrl + '/metrics', { headers: { authorization: `Bearer ${sys.adminToken}` } })).text();
    expect(metrics).toContain(`pdm_ingest_samples_stored_total ${stored}`);
    expect(metrics).toContain('pdm_ingest_samples_dropped_total 0');
    expect(metrics).toContain('pdm_edge_dropped_total 0');
    expect(metrics).toContain('pdm_ingest_buffer_depth 0');
    expect(metrics).toContain('pdm_mqtt_broker_up 1');
  });
});
