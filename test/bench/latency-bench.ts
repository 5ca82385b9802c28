/**
 * 2: detection latency under load. The system runs in a child process with
 * background telemetry at about `backgroundRate` samples/s (normal values,
 * 1,000 devices). Each trial uses a device of its own (so each opens a new
 * order): it publishes 30 s (sample time, 1 s apart) of current above the
 * alarm limit (1.25 x rated; the default overcurrent rule needs 30 s), waits
 * for the PUBACK (stored, detected, nothing raised yet), then publishes the one
 * sample that completes the 30 s and starts the clock. Measured until:
 *  - PUBACK of that message (ingest acknowledges after store + detection + intake),
 *  - the order appears in GET /api/work-orders?deviceId= (polled back to back, keep-alive),
 *  - the `work-order` event (change 'created') arrives on GET /api/events.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient } from './api-client';
import { connectClient, LoadPublisher, loadDevices, publishAsync, type LoadDevice } from './load-publisher';
import { generatePlant } from './plant-gen';
import { ServerProcess } from './server-process';
import { summarizeProfile, type ProfileSummary } from './profile-summary';
import { SseReader } from './sse-reader';
import { progress, round, sleep, summarize, type LatencySummary } from './stats';

export interface LatencySettings {
  /** CPU-profile the server over the trials into this file. */
  profileFile?: string;
  trials: number;
  backgroundDevices: number;
  backgroundRate: number;
  warmupS: number;
}

export interface LatencyResult {
  trials: number;
  timeouts: number;
  backgroundDevices: number;
  backgroundRateTarget: number;
  /** Stored samples/s while the trials ran (background + trials). */
  backgroundRateMeasured: number;
  puback: LatencySummary;
  http: LatencySummary;
  sse: LatencySummary;
  serverLoopDelayP99Ms: number;
  serverLoopDelayMaxMs: number;
  profile?: ProfileSummary & { file: string };
}

const SAMPLE_MS = 1000;
const RULE_MS = 30_000; // default overcurrent minDurationMs

function sample(ts: number, d: LoadDevice, currentFactor: number): string {
  return `{"ts":${ts},"temperature":52.1,"vibration":1.31,"current":${(d.ratedCurrent * currentFactor).toFixed(2)}}`;
}

export async function runLatencyBench(s: LatencySettings): Promise<LatencyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-bench-latency-'));
  const total = s.backgroundDevices + s.trials;
  const gen = generatePlant({ devices: total, lines: Math.max(1, Math.round(total / 20)), dir });
  const all = loadDevices(gen.devices);
  const background = all.slice(0, s.backgroundDevices);
  const trialDevices = all.slice(s.backgroundDevices);
  let server: ServerProcess | null = null;
  let publisher: LoadPublisher | null = null;
  let sse: SseReader | null = null;
  let trialClient: Awaited<ReturnType<typeof connectClient>> | null = null;
  try {
    server = await ServerProcess.start({ mode: 'system', dataDir: join(dir, 'data'), plantFile: gen.file });
    const api = apiClient(server.info.httpUrl!, server.info.token);
    progress(`latency: server pid ${server.pid} up; background ${s.backgroundRate.toLocaleString('en-US')} samples/s over ${s.backgroundDevices} devices`);
    publisher = new LoadPublisher({ url: server.info.mqttUrl, devices: background, devicesPerClient: 250, samplesPerMessage: 50, window: 32, rate: s.backgroundRate, clientIdPrefix: 'bench-bg' });
    await publisher.start();
    sse = await SseReader.open(`${api.baseUrl}/api/events`, api.headers);
    const sseSeen = new Map<string, number>();
    sse.onEvent((e) => {
      if (e.event !== 'work-order') return;
      const data = JSON.parse(e.data) as { change: string; workOrder: { deviceId: string } };
      if (data.change === 'created' && !sseSeen.has(data.workOrder.deviceId)) sseSeen.set(data.workOrder.deviceId, e.at);
    });
    trialClient = await connectClient(server.info.mqttUrl, 'bench-trials');
    for (let t = 1; t <= s.warmupS; t++) {
      await sleep(1000);
      progress(`latency: warm-up ${t}/${s.warmupS} s`);
    }
    // Warm the HTTP path (keep-alive connection, route, statements).
    for (let i = 0; i < 20; i++) await (await api.get(`/api/work-orders?deviceId=${trialDevices[0]!.id}`)).arrayBuffer();

    if (s.profileFile) await server.profileStart();
    const s1 = await server.stats(true);
    const puback: number[] = [];
    const http: number[] = [];
    const sseLat: number[] = [];
    let timeouts = 0;
    const startTs = Date.now() - 3_600_000;
    for (let i = 0; i < trialDevices.length; i++) {
      const d = trialDevices[i]!;
      const breach: string[] = [];
      for (let k = 0; k < RULE_MS / SAMPLE_MS; k++) breach.push(sample(startTs + k * SAMPLE_MS, d, 1.5));
      await publishAsync(trialClient, d.topic, `{"seq":0,"samples":[${breach.join(',')}]}`);
      const completing = `{"seq":${breach.length},"samples":[${sample(startTs + RULE_MS, d, 1.5)}]}`;
      const t0 = performance.now();
      const acked = publishAsync(trialClient, d.topic, completing).then(() => performance.now() - t0);
      const deadline = t0 + 10_000;
      let httpAt: number | null = null;
      while (performance.now() < deadline) {
        const res = await api.get(`/api/work-orders?deviceId=${d.id}`);
        const page = (await res.json()) as { items: unknown[] };
        if (page.items.length > 0) {
          httpAt = performance.now();
          break;
        }
      }
      while (!sseSeen.has(d.id) && performance.now() < deadline) await sleep(1);
      const ack = await acked;
      const sseAt = sseSeen.get(d.id);
      if (httpAt === null || sseAt === undefined) {
        timeouts++;
        progress(`latency: trial ${i + 1} (${d.id}) timed out (http ${httpAt !== null}, sse ${sseAt !== undefined})`);
      } else {
        puback.push(ack);
        http.push(httpAt - t0);
        sseLat.push(sseAt - t0);
      }
      if ((i + 1) % 10 === 0) progress(`latency: ${i + 1}/${trialDevices.length} trials, last: PUBACK ${round(ack)} ms, HTTP ${round((httpAt ?? NaN) - t0)} ms, SSE ${round((sseAt ?? NaN) - t0)} ms`);
      await sleep(20);
    }
    const s2 = await server.stats();
    if (s.profileFile) await server.profileStop(s.profileFile);
    const result: LatencyResult = {
      trials: trialDevices.length,
      timeouts,
      backgroundDevices: s.backgroundDevices,
      backgroundRateTarget: s.backgroundRate,
      backgroundRateMeasured: Math.round((s2.samplesStored - s1.samplesStored) / ((s2.at - s1.at) / 1000)),
      puback: summarize(puback),
      http: summarize(http),
      sse: summarize(sseLat),
      serverLoopDelayP99Ms: round(s2.loopDelay.p99, 1),
      serverLoopDelayMaxMs: round(s2.loopDelay.max, 1),
      ...(s.profileFile && { profile: { file: s.profileFile, ...summarizeProfile(s.profileFile, 15) } }),
    };
    return result;
  } finally {
    await sse?.close();
    if (trialClient) await new Promise<void>((r) => trialClient!.end(true, {}, () => r()));
    await publisher?.stop(2000).catch(() => {});
    await server?.stop(20_000).catch(() => server?.kill());
    rmSync(dir, { recursive: true, force: true });
  }
}
