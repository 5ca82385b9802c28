/**
 * Journey: InfluxDB (a real influxd) becomes unreachable for a minute while
 * the simulated plant's agents stream at 60x into the system configured
 * with TELEMETRY_STORE=influxdb. Meanwhile health says "degraded" naming the
 * telemetry store, /metrics shows the store failing, the edge backlog
 * growing and nothing dropped, and memory stays bounded. Afterwards every
 * sample is stored exactly once (by device and seq) and in order.
 *
 * Why memory is bounded: ingest holds the acknowledgement of every message
 * whose samples are not stored, so an agent has at most `maxInFlight`
 * unacknowledged batches and stops publishing; the backlog waits in the
 * agents' outboxes (SQLite files on disk), not in the gateway. Ingest's
 * buffer can therefore never exceed agents × maxInFlight × batchSize samples.
 *
 * INFLUX_OUTAGE_SECONDS shortens the outage for local runs (default 60).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlantFile, plantDevices } from '../contract/plant';
import { startInfluxd, type RunningInfluxd } from './support/influxd';
import { DEMO_PLANT, sleep, startTestSystem, waitFor, type TestSystem } from './support/system-fixture';

const OUTAGE_MS = Number(process.env.INFLUX_OUTAGE_SECONDS ?? 60) * 1000;
const SPEED = 60;
const DEVICES = 13;
// The agents' defaults (edge/edge-agent-options.ts): samples per message, unacknowledged messages per agent.
const BATCH_SIZE = 60;
const MAX_IN_FLIGHT = 64;
/** Heap growth allowed over the outage and the catch-up, measured after warm-up. */
const HEAP_GROWTH_LIMIT_MB = 96;

/** A device's whole series, read in pages (a single InfluxQL answer caps a series at 10,000 rows). */
async function readSeries(sys: TestSystem, deviceId: string) {
  const all = [];
  for (let from = 0; ; ) {
    const page = await sys.telemetryStore.query({ deviceId, from, to: Number.MAX_SAFE_INTEGER, limit: 5000 });
    all.push(...page);
    if (page.length < 5000) return all;
    from = page.at(-1)!.ts + 1;
  }
}

describe('journey: InfluxDB unreachable for a minute loses and doubles nothing', () => {
  let influxd: RunningInfluxd;
  let sys: TestSystem;

  beforeAll(async () => {
    influxd = await startInfluxd({ database: 'pdm_outage' });
    sys = await startTestSystem(
      { SIM_SPEED: String(SPEED), TELEMETRY_STORE: 'influxdb', INFLUX_URL: influxd.url, INFLUX_DATABASE: influxd.database },
      { scenario: null, agentSettings: { batchSize: BATCH_SIZE, maxInFlight: MAX_IN_FLIGHT } },
    );
  }, 60_000);
  afterAll(async () => {
    await sys?.cleanup();
    await influxd?.stop();
  });

  const metrics = async () => {
    const text = await (await fetch(sys.httpUrl + '/metrics', { headers: { authorization: `Bearer ${sys.adminToken}` } })).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    return { text, value };
  };

  it('holds the backlog at the edge, reports degraded, stays bounded, then stores everything once', { timeout: OUTAGE_MS + 120_000 }, async () => {
    await waitFor('samples to flow', () => (sys.gateway.stats().samplesStored > 2000 ? true : undefined), 30_000);
    const bufferBound = sys.agents.length * MAX_IN_FLIGHT * BATCH_SIZE;

    // Memory and buffer depth, sampled every 250 ms from here to the end.
    const baseline = process.memoryUsage();
    const peak = { heapUsed: baseline.heapUsed, rss: baseline.rss, bufferDepth: 0 };
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
      peak.rss = Math.max(peak.rss, m.rss);
      peak.bufferDepth = Math.max(peak.bufferDepth, sys.gateway.stats().bufferDepth);
    }, 250);

    try {
      await influxd.stopServer(); // the influxd process is gone; writes fail
      const outageEnds = Date.now() + OUTAGE_MS;
      await waitFor('ingest to notice', () => (sys.gateway.stats().storeFailingSince !== null ? true : undefined), 15_000);

      const health = await fetch(sys.httpUrl + '/api/health');
      expect(health.status).toBe(503);
      const report = (await health.json()) as { status: string; checks: { telemetryStore: string }; reasons: string[] };
      expect(report).toMatchObject({ status: 'degraded', checks: { telemetryStore: 'failing' } });
      expect(report.reasons.join('\n')).toMatch(/telemetry store \(influxdb\) refusing writes/);

      const early = await metrics();
      await sleep(Math.min(5000, OUTAGE_MS / 4));
      const later = await metrics();
      expect(later.value('pdm_ingest_store_failing')).toBe(1);
      expect(later.value('pdm_ingest_samples_dropped_total')).toBe(0);
      expect(later.value('pdm_edge_dropped_total')).toBe(0);
      // The lag: samples wait at the edge and the backlog grows while nothing is written.
      expect(later.value('pdm_edge_outbox_pending')).toBeGreaterThan(early.value('pdm_edge_outbox_pending'));
      expect(later.value('pdm_ingest_buffer_depth')).toBeGreaterThan(0);
      expect(later.value('pdm_ingest_store_write_errors_total')).toBeGreaterThan(early.value('pdm_ingest_store_write_errors_total'));

      await sleep(Math.max(0, outageEnds - Date.now()));
      const backlog = sys.agents.reduce((n, a) => n + a.stats.pending, 0);
      expect(backlog).toBeGreaterThan((OUTAGE_MS / 1000) * DEVICES * SPEED * 0.5); // most of the outage's samples wait at the edge
      expect((await fetch(sys.httpUrl + '/api/health')).status).toBe(503);

      await influxd.startServer();
      await waitFor('health to recover', async () => ((await fetch(sys.httpUrl + '/api/health')).status === 200 ? true : undefined), 30_000, 250);
      await waitFor('the edge backlog to drain', () => (sys.agents.reduce((n, a) => n + a.stats.pending, 0) < DEVICES * SPEED * 2 ? true : undefined), 60_000, 250);
    } finally {
      clearInterval(sampler);
    }

    await Promise.all(sys.agents.map((a) => a.stop()));
    await sys.gateway.ingest.flushed();
    const sampled = sys.agents.reduce((n, a) => n + a.stats.sampled, 0);
    expect(sys.agents.reduce((n, a) => n + a.stats.pending + a.stats.dropped, 0)).toBe(0);

    let stored = 0;
    for (const device of plantDevices(loadPlantFile(DEMO_PLANT))) {
      const points = await readSeries(sys, device.id);
      expect(points.map((p) => p.seq), `seqs of ${device.id}`).toEqual(Array.from({ length: points.length }, (_, i) => i));
      for (let i = 1; i < points.length; i++) expect(points[i]!.ts).toBeGreaterThan(points[i - 1]!.ts);
      stored += points.length;
    }
    expect(stored).toBe(sampled);
    expect(sys.gateway.stats()).toMatchObject({ samplesStored: stored, deadLetters: 0, bufferDepth: 0 });

    // Bounded: ingest never held more than the agents' in-flight windows, and the heap did not grow with the backlog.
    expect(peak.bufferDepth).toBeGreaterThan(0);
    expect(peak.bufferDepth).toBeLessThanOrEqual(bufferBound);
    const heapGrowthMb = (peak.heapUsed - baseline.heapUsed) / 2 ** 20;
    expect(heapGrowthMb, `heap grew ${heapGrowthMb.toFixed(1)} MB (peak rss ${(peak.rss / 2 ** 20).toFixed(0)} MB)`).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
    if (process.env.INFLUX_OUTAGE_REPORT) {
      console.log({ sampled, backlogBound: bufferBound, peakBufferDepth: peak.bufferDepth, heapGrowthMb, peakRssMb: peak.rss / 2 ** 20 });
    }

    const after = await metrics();
    expect(after.value('pdm_ingest_samples_stored_total')).toBe(stored);
    expect(after.value('pdm_ingest_samples_dropped_total')).toBe(0);
    expect(after.value('pdm_ingest_store_failing')).toBe(0);
  });
});
