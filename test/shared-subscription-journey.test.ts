/**
 * Journey: two ingest workers share the load through an MQTT 5 shared
 * subscription on a real Mosquitto. The server (worker 1, and the detection
 * owner of every device) runs in this process with the simulated plant's
 * agents publishing to Mosquitto; worker 2 is its own process and is killed
 * with SIGKILL mid-stream, then started again with the same client id.
 * Afterwards every sample is stored exactly once (by device and seq), both
 * workers stored some, the detector saw each device's series exactly once
 * and in seq order although its batches were stored by two workers, and the
 * injected bearing wear raised exactly one work order.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadPlantFile, plantDevices } from '../contract/plant';
import type { TelemetryPoint } from '../contract/telemetry';
import type { Paged, WorkOrderView } from '../server/http/api-types';
import { startMosquitto, type RunningMosquitto } from './support/mosquitto';
import { runTs, type RunningProcess } from './support/processes';
import { DEMO_PLANT, sleep, startTestSystem, waitFor, type TestSystem } from './support/system-fixture';

const MIN = 60_000;
const GROUP = 'pdm-ingest';

describe('journey: two ingest workers on a shared subscription', () => {
  let broker: RunningMosquitto;
  let sys: TestSystem | undefined;
  const processes: RunningProcess[] = [];
  afterAll(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    await sys?.cleanup();
    await broker?.stop();
  });

  it('stores every sample once and detects on each series in order while a worker is killed and restarted', { timeout: 150_000 }, async () => {
    broker = await startMosquitto({ maxQueuedMessages: 0, maxQueuedBytes: 512 * 1024 * 1024, persistence: true });
    const externalEnv = { MQTT_MODE: 'external', MQTT_URL: broker.url, INGEST_SHARE_GROUP: GROUP };
    sys = await startTestSystem(
      { ...externalEnv, MQTT_CLIENT_ID: 'pdm-ingest-1', SIM_SPEED: '180' },
      { scenario: { faults: [{ device: 'P-104', kind: 'bearing-wear', startAfterMinutes: 2, failureAfterMinutes: 46 }] } },
    );
    const s = sys;
    // What the detector is fed, per device, in order.
    const seen = new Map<string, number[]>();
    const observe = s.live.observe.bind(s.live);
    s.live.observe = (points: readonly TelemetryPoint[]) => {
      for (const p of points) (seen.get(p.deviceId) ?? seen.set(p.deviceId, []).get(p.deviceId)!).push(p.seq);
      observe(points);
    };

    const workerEnv = { ...externalEnv, MQTT_CLIENT_ID: 'pdm-ingest-2', DATA_DIR: s.dataDir, PLANT_FILE: DEMO_PLANT, LOG_LEVEL: 'warn' };
    const startWorker = async () => {
      const p = runTs('gateway/external-broker/ingest-worker-main.ts', [], workerEnv);
      processes.push(p);
      await waitFor('the ingest worker to start', () => (p.output().includes('Ingest worker pdm-ingest-2') ? true : undefined), 30_000).catch((err: Error) => {
        throw new Error(`${err.message}; its output:\n${p.output()}`);
      });
      return p;
    };

    const worker = await startWorker();
    await sleep(4000); // both workers share the stream
    const storedBeforeKill = await s.telemetryStore.count();
    worker.child.kill('SIGKILL'); // mid-stream, with batches in flight
    expect(await worker.exited).toBe(-1);
    await sleep(2000); // messages keep coming; the dead worker's share waits in its session
    const restarted = await startWorker();

    // Vibration crosses the warning limit about 18-21 simulated minutes into the wear; keep streaming to 35 min.
    await waitFor('a work order for P-104', async () => (await s.get<Paged<WorkOrderView>>('/api/work-orders?deviceId=P-104')).items[0], 60_000, 500);
    const faultStart = s.simulator!.startAt + 2 * MIN;
    await waitFor('simulated time 35 min past the fault start', () => (s.clock!.now() > faultStart + 35 * MIN ? true : undefined), 60_000);

    // Agents stop (flushing what they hold); then both workers drain and the detector catches up.
    await Promise.all(s.agents.map((a) => a.stop()));
    const sampled = s.agents.reduce((n, a) => n + a.stats.sampled, 0);
    expect(s.agents.reduce((n, a) => n + a.stats.pending + a.stats.dropped, 0)).toBe(0);
    await waitFor('every sample to be stored', async () => ((await s.telemetryStore.count()) === sampled ? true : undefined), 30_000, 250);
    restarted.child.kill('SIGINT');
    expect(await restarted.exited).toBe(0);
    await s.detectionFollower!.poll();

    const serverStored = s.gateway.stats().samplesStored;
    expect(storedBeforeKill).toBeGreaterThan(0);
    expect(serverStored).toBeGreaterThan(0);
    expect(serverStored, 'the second worker stored part of the stream').toBeLessThan(sampled);
    expect(restarted.output()).toMatch(/stored [1-9]\d* samples/);

    let stored = 0;
    for (const device of plantDevices(loadPlantFile(DEMO_PLANT))) {
      const seqs = (await s.telemetryStore.query({ deviceId: device.id, from: 0, to: Number.MAX_SAFE_INTEGER })).map((p) => p.seq);
      const all = Array.from({ length: seqs.length }, (_, i) => i);
      expect(seqs, `stored seqs of ${device.id}`).toEqual(all);
      // The detector: this device's points exactly once and in seq order, whichever worker stored them.
      expect(seen.get(device.id), `seqs the detector saw for ${device.id}`).toEqual(all);
      stored += seqs.length;
    }
    expect(stored).toBe(sampled);
    expect(s.detectionFollower!.stats).toMatchObject({ fed: sampled, skipped: 0 });
    if (process.env.SHARED_JOURNEY_REPORT) console.log({ sampled, storedByServer: serverStored, restartedWorker: restarted.output().trim(), follower: s.detectionFollower!.stats });

    const orders = await s.get<Paged<WorkOrderView>>('/api/work-orders?limit=100');
    expect(orders.items.map((w) => [w.deviceId, w.failureMode])).toEqual([['P-104', 'vibration-high']]);
  });
});
