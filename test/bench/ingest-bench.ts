/**
 * 1 + 4: end-to-end ingest throughput at plant scale, beside a bare
 * pass-through of the same messages through the same broker, with the server
 * process's peak memory.
 *
 * Per scale: a generated plant of N devices (20 per line); the system in a
 * child process (startSystem, SIMULATOR=off, SQLite telemetry store, default
 * rules, detection on) and the pass-through broker in another; one set of
 * LoadPublisher clients (same topology) per target, in this process.
 *
 * So that the ratio survives a noisy shared machine, the two are measured in
 * alternating rounds (e2e, pass-through, pass-through, e2e, ...), never at the
 * same time: each round resumes one target's publishers, warms up, measures a
 * steady window, and pauses them until nothing is in flight. A figure is the
 * median over its rounds; the ratio is the median of the per-round pairs.
 * e2e counts samples the store reported written (ingest's counter, checked
 * against count(*) at the end); pass-through counts PUBACKed samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerStats } from './bench-protocol';
import { LoadPublisher, loadDevices } from './load-publisher';
import { generatePlant } from './plant-gen';
import { summarizeProfile, type ProfileSummary } from './profile-summary';
import { ServerProcess } from './server-process';
import { percentile, progress, round, sleep } from './stats';
import type { ServerStartOptions } from './bench-protocol';

export interface IngestSettings {
  scales: number[];
  /** Alternating rounds per target. */
  rounds: number;
  /** Warm-up before the first window of a target (JIT, caches), and before each later one. */
  firstWarmupS: number;
  warmupS: number;
  measureS: number;
  samplesPerMessage: number;
  window: number;
  /** Devices per publisher client at scale N (one MQTT connection each). */
  devicesPerClient: (devices: number) => number;
  /** Write a CPU profile of the e2e server's last measured window per scale here (and summarise it). */
  profileDir?: string;
}

export interface RunFigures {
  /** Stored samples/s (system) or PUBACKed samples/s (pass-through). */
  samplesPerSec: number;
  ackedSamplesPerSec: number;
  /** Server CPU µs per sample (median of rounds). */
  cpuMicrosPerSample: number;
  messagesPerSec: number;
  ackP50Ms: number;
  ackP99Ms: number;
  serverCpuPct: number;
  publisherCpuPct: number;
  loopDelayP99Ms: number;
  peakRssMb: number;
  peakHeapUsedMb: number;
  peakHeapTotalMb: number;
  startupMs: number;
  errors: number;
  /** The figure of each round, samples/s. */
  perRound: number[];
  /** System only: rows in the telemetry table == samples ingest counted as stored. */
  storedVerified?: boolean;
  deadLetters?: number;
  anomalyEvents?: number;
}

export interface IngestCaseResult {
  devices: number;
  lines: number;
  clients: number;
  samplesPerMessage: number;
  window: number;
  e2e: RunFigures;
  passthrough: RunFigures;
  /** Median over rounds of e2e stored samples/s / pass-through PUBACKed samples/s (paired by round). */
  ratio: number;
  /** CPU profile of the e2e server over its last measured window (with --profile). */
  profile?: ProfileSummary & { file: string };
  /** Per-round figures, for judging the noise. */
  rounds: { e2e: number[]; passthrough: number[] };
}

const toMb = (b: number) => round(b / 1048576, 1);
const median = (xs: number[]) => percentile(xs, 50);

interface Window {
  samplesPerSec: number;
  /** Server CPU time per counted sample, µs: steadier than throughput on a shared machine. */
  cpuMicrosPerSample: number;
  ackedSamplesPerSec: number;
  messagesPerSec: number;
  serverCpuPct: number;
  publisherCpuPct: number;
  loopDelayP99Ms: number;
}

class Target {
  readonly windows: Window[] = [];
  readonly latencies: number[] = [];
  private warmed = false;

  constructor(
    readonly kind: 'system' | 'passthrough',
    readonly label: string,
    readonly server: ServerProcess,
    readonly publisher: LoadPublisher,
  ) {}

  /** What this target counts: samples the store wrote (system), samples the broker acknowledged (pass-through). */
  private counted(st: ServerStats): number {
    return this.kind === 'system' ? st.samplesStored : this.publisher.counters.ackedSamples;
  }

  async round(s: IngestSettings, name: string, profileFile?: string): Promise<Window> {
    const { server, publisher } = this;
    publisher.resume();
    let last = await server.stats();
    let lastCount = this.counted(last);
    const report = async (what: string) => {
      const st = await server.stats();
      const rate = (this.counted(st) - lastCount) / ((st.at - last.at) / 1000);
      last = st;
      lastCount = this.counted(st);
      progress(`${this.label} ${name}: ${what}, ${Math.round(rate).toLocaleString('en-US')} samples/s`);
    };
    // Profiling starts before the warm-up: the inspector's start-up pause must not fall into the window.
    if (profileFile) await server.profileStart();
    const warmup = this.warmed ? s.warmupS : s.firstWarmupS;
    this.warmed = true;
    for (let t = 1; t <= warmup; t++) {
      await sleep(1000);
      await report(`warm-up ${t}/${warmup} s`);
    }
    const s1 = await server.stats(true);
    const p1 = { ...publisher.counters };
    const c1 = process.cpuUsage();
    const w1 = performance.now();
    last = s1;
    lastCount = this.counted(s1);
    publisher.recordLatency = true;
    const step = Math.max(1, Math.min(3, Math.floor(s.measureS / 2)));
    for (let t = 0; t < s.measureS; t += step) {
      await sleep(Math.min(step, s.measureS - t) * 1000);
      await report(`measuring ${Math.min(s.measureS, t + step)}/${s.measureS} s`);
    }
    publisher.recordLatency = false;
    if (profileFile) await server.profileStop(profileFile);
    const s2 = await server.stats();
    const p2 = { ...publisher.counters };
    const c2 = process.cpuUsage(c1);
    const wallS = (performance.now() - w1) / 1000;
    const serverS = (s2.at - s1.at) / 1000;
    if (!(await publisher.pause(30_000))) progress(`${this.label}: WARNING messages still in flight after 30 s`);
    this.latencies.push(...publisher.ackLatencies.splice(0));
    const w: Window = {
      samplesPerSec: Math.round(this.kind === 'system' ? (s2.samplesStored - s1.samplesStored) / serverS : (p2.ackedSamples - p1.ackedSamples) / wallS),
      ackedSamplesPerSec: Math.round((p2.ackedSamples - p1.ackedSamples) / wallS),
      cpuMicrosPerSample: round((s2.cpuMicros - s1.cpuMicros) / Math.max(1, this.kind === 'system' ? s2.samplesStored - s1.samplesStored : p2.ackedSamples - p1.ackedSamples), 2),
      messagesPerSec: Math.round((p2.ackedMessages - p1.ackedMessages) / wallS),
      serverCpuPct: round(((s2.cpuMicros - s1.cpuMicros) / 1e6 / serverS) * 100, 0),
      publisherCpuPct: round(((c2.user + c2.system) / 1e6 / wallS) * 100, 0),
      loopDelayP99Ms: round(s2.loopDelay.p99, 1),
    };
    this.windows.push(w);
    return w;
  }

  figures(final: ServerStats | null, extra: Partial<RunFigures> = {}): RunFigures {
    const pick = (k: keyof Window) => median(this.windows.map((w) => w[k]));
    const peak = final;
    return {
      samplesPerSec: pick('samplesPerSec'),
      ackedSamplesPerSec: pick('ackedSamplesPerSec'),
      cpuMicrosPerSample: pick('cpuMicrosPerSample'),
      messagesPerSec: pick('messagesPerSec'),
      ackP50Ms: round(percentile(this.latencies, 50), 1),
      ackP99Ms: round(percentile(this.latencies, 99), 1),
      serverCpuPct: pick('serverCpuPct'),
      publisherCpuPct: pick('publisherCpuPct'),
      loopDelayP99Ms: pick('loopDelayP99Ms'),
      peakRssMb: peak ? toMb(Math.max(peak.peak.rss, peak.maxRss)) : Number.NaN,
      peakHeapUsedMb: peak ? toMb(peak.peak.heapUsed) : Number.NaN,
      peakHeapTotalMb: peak ? toMb(peak.peak.heapTotal) : Number.NaN,
      startupMs: Math.round(this.server.info.startupMs),
      errors: this.publisher.counters.errors,
      perRound: this.windows.map((w) => w.samplesPerSec),
      ...extra,
    };
  }
}

async function startTarget(kind: 'system' | 'passthrough', label: string, options: ServerStartOptions, devices: ReturnType<typeof loadDevices>, n: number, s: IngestSettings): Promise<Target> {
  const server = await ServerProcess.start(options);
  try {
    progress(`${label}: server pid ${server.pid} up in ${Math.round(server.info.startupMs)} ms; connecting publishers`);
    const publisher = new LoadPublisher({
      url: server.info.mqttUrl,
      devices,
      devicesPerClient: s.devicesPerClient(n),
      samplesPerMessage: s.samplesPerMessage,
      window: s.window,
      clientIdPrefix: `bench-${kind}`,
    });
    await publisher.start(true);
    return new Target(kind, label, server, publisher);
  } catch (err) {
    await server.stop(10_000);
    throw err;
  }
}

async function runScale(n: number, s: IngestSettings): Promise<IngestCaseResult> {
  const label = `ingest ${n.toLocaleString('en-US')} devices`;
  const dir = mkdtempSync(join(tmpdir(), 'pdm-bench-ingest-'));
  const lines = Math.max(1, Math.round(n / 20));
  const gen = generatePlant({ devices: n, lines, dir });
  const devices = loadDevices(gen.devices);
  let e2e: Target | null = null;
  let pass: Target | null = null;
  try {
    e2e = await startTarget('system', `${label} e2e`, { mode: 'system', dataDir: join(dir, 'data'), plantFile: gen.file }, devices, n, s);
    pass = await startTarget('passthrough', `${label} pass-through`, { mode: 'passthrough', dataDir: join(dir, 'pass') }, devices, n, s);
    const profileFile = s.profileDir ? join(s.profileDir, `ingest-${n}.cpuprofile`) : undefined;
    const ratios: number[] = [];
    for (let r = 0; r < s.rounds; r++) {
      const order = r % 2 === 0 ? [e2e, pass] : [pass, e2e];
      for (const t of order) await t.round(s, `round ${r + 1}/${s.rounds}`, t === e2e && r === s.rounds - 1 ? profileFile : undefined);
      ratios.push(e2e.windows[r]!.samplesPerSec / pass.windows[r]!.samplesPerSec);
    }
    const st = await e2e.server.stats();
    const rows = await e2e.server.countStored();
    const storedVerified = rows === st.samplesStored;
    if (!storedVerified) progress(`${label}: WARNING telemetry rows ${rows} != samples ingest counted as stored ${st.samplesStored}`);
    await e2e.publisher.stop();
    await pass.publisher.stop();
    const e2eFinal = await e2e.server.stop();
    const passFinal = await pass.server.stop();
    const clients = e2e.publisher.clientCount || Math.ceil(n / s.devicesPerClient(n));
    const result: IngestCaseResult = {
      devices: n,
      lines,
      clients,
      samplesPerMessage: s.samplesPerMessage,
      window: s.window,
      e2e: e2e.figures(e2eFinal, { storedVerified, deadLetters: st.deadLetters, anomalyEvents: st.anomalyEvents }),
      passthrough: pass.figures(passFinal),
      ratio: round(median(ratios), 2),
      rounds: { e2e: e2e.windows.map((w) => w.samplesPerSec), passthrough: pass.windows.map((w) => w.samplesPerSec) },
      ...(profileFile && { profile: { file: profileFile, ...summarizeProfile(profileFile, 15) } }),
    };
    e2e = pass = null;
    return result;
  } finally {
    for (const t of [e2e, pass]) {
      if (!t) continue;
      await t.publisher.stop(1000).catch(() => {});
      await t.server.stop(10_000).catch(() => t.server.kill());
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runIngestBench(s: IngestSettings): Promise<IngestCaseResult[]> {
  const results: IngestCaseResult[] = [];
  for (const n of s.scales) results.push(await runScale(n, s));
  return results;
}
