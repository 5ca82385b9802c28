/**
 * Optional comparison row for 1: the same e2e system fed by real EdgeAgents
 * (simulated plant, SQLite outbox per agent with synchronous=FULL, batches,
 * QoS 1, replay bookkeeping) instead of the lightweight publishers. One agent
 * per line (the plant-file default), all in this process; the simulator's
 * clock runs `speed` times real time, so the agents offer devices x speed
 * samples/s. Whatever is slower, the edge or the gateway, shows: the agents'
 * outbox backlog says which.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { EdgeAgent } from '../../edge/edge-agent';
import { startPlantAgents } from '../../edge/plant-agents';
import { createSimulator, SimClock } from '../../simulators/simulator';
import { generatePlant } from './plant-gen';
import { ServerProcess } from './server-process';
import { progress, round, sleep } from './stats';

export interface EdgeSettings {
  devices: number;
  /** Simulated seconds per real second (1 sample per device per simulated second). */
  speed: number;
  warmupS: number;
  measureS: number;
}

export interface EdgeResult {
  devices: number;
  agents: number;
  offeredPerSec: number;
  /** Samples the agents took and wrote to their outboxes, per second. */
  sampledPerSec: number;
  /** Samples the server stored, per second. */
  storedPerSec: number;
  /** Samples waiting in the outboxes at the end of the window (a growing backlog: the gateway is the limit). */
  backlogStart: number;
  backlogEnd: number;
  benchCpuPct: number;
  serverCpuPct: number;
}

export async function runEdgeAgentsBench(s: EdgeSettings): Promise<EdgeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-bench-edge-'));
  const gen = generatePlant({ devices: s.devices, lines: Math.max(1, Math.round(s.devices / 20)), dir });
  let server: ServerProcess | null = null;
  let agents: EdgeAgent[] = [];
  try {
    // Agents stopping mid-stream make the gateway log every cut connection; only errors are of interest here.
    server = await ServerProcess.start({ mode: 'system', dataDir: join(dir, 'data'), plantFile: gen.file, logLevel: 'error' });
    const clock = new SimClock({ startAt: Date.now(), speed: s.speed });
    const simulator = createSimulator({ plant: gen.plant, startAt: clock.startAt, seed: 7 });
    agents = startPlantAgents({
      plant: gen.plant,
      source: simulator,
      clock,
      brokerUrl: server.info.mqttUrl,
      outboxDir: join(dir, 'outbox'),
      settings: { sampleIntervalMs: 1000, batchSize: 100, maxInFlight: 64 },
      logger: pino({ level: 'error' }, pino.destination(2)),
    });
    progress(`edge agents: ${agents.length} agents for ${s.devices} devices, offering ${(s.devices * s.speed).toLocaleString('en-US')} samples/s`);
    const totals = () => agents.reduce((a, g) => ({ sampled: a.sampled + g.stats.sampled, pending: a.pending + g.stats.pending }), { sampled: 0, pending: 0 });
    // Wall-clock deadlines: the agents share this process's event loop and can stall it.
    const warmEnd = performance.now() + s.warmupS * 1000;
    while (performance.now() < warmEnd) {
      await sleep(1000);
      progress(`edge agents: warm-up, outbox backlog ${totals().pending.toLocaleString('en-US')}`);
    }
    const s1 = await server.stats();
    const a1 = totals();
    const c1 = process.cpuUsage();
    const w1 = performance.now();
    await sleep(s.measureS * 1000);
    const s2 = await server.stats();
    const a2 = totals();
    const c2 = process.cpuUsage(c1);
    const wallS = (performance.now() - w1) / 1000;
    const serverS = (s2.at - s1.at) / 1000;
    const result: EdgeResult = {
      devices: s.devices,
      agents: agents.length,
      offeredPerSec: s.devices * s.speed,
      sampledPerSec: Math.round((a2.sampled - a1.sampled) / wallS),
      storedPerSec: Math.round((s2.samplesStored - s1.samplesStored) / serverS),
      backlogStart: a1.pending,
      backlogEnd: a2.pending,
      benchCpuPct: round(((c2.user + c2.system) / 1e6 / wallS) * 100, 0),
      serverCpuPct: round(((s2.cpuMicros - s1.cpuMicros) / 1e6 / serverS) * 100, 0),
    };
    progress(`edge agents: stored ${result.storedPerSec.toLocaleString('en-US')} samples/s, sampled ${result.sampledPerSec.toLocaleString('en-US')}/s, backlog ${result.backlogStart} -> ${result.backlogEnd}`);
    return result;
  } finally {
    // Stop without waiting for a drain: close each agent's client and outbox.
    await Promise.all(agents.map((a) => a.stop().catch(() => {})));
    await server?.stop(20_000).catch(() => server?.kill());
    rmSync(dir, { recursive: true, force: true });
  }
}
