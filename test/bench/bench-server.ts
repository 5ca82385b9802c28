/**
 * The system under test, in a process of its own (so the load generator does
 * not share its event loop, and memory figures are the server's alone).
 * Started by server-process.ts with `node --import tsx`; driven over IPC.
 *
 * mode 'system':      startSystem (aedes + ingest + detection + work orders +
 *                     HTTP/SSE) with SIMULATOR=off on random loopback ports.
 * mode 'passthrough': the same aedes broker setup with an authorizePublish that
 *                     just calls back: the baseline without any processing.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Aedes } from 'aedes';
import pino from 'pino';
import { loadPlantFile } from '../../contract/plant';
import { loadConfig } from '../../server/config';
import { startSystem, type RunningSystem } from '../../server/system';
import type { ChildMessage, MemoryFigures, ParentMessage, ReadyInfo, ServerStartOptions, ServerStats } from './bench-protocol';
import { seedDatabases } from './seed';

const send = (msg: ChildMessage) => process.send!(msg);
const NOTHING_SEEDED: ReadyInfo['seeded'] = { workOrders: 0, timelineEntries: 0, telemetryPoints: 0, priorityBackfill: 0, priorityBackfillMs: 0, firstSlaTickMs: 0, slaNotifications: 0, steadySlaTickMs: 0, slaOrdersEvaluated: 0 };

const peak: MemoryFigures = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0 };
function sampleMemory(): MemoryFigures {
  const m = process.memoryUsage();
  const now = { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
  for (const k of Object.keys(peak) as (keyof MemoryFigures)[]) peak[k] = Math.max(peak[k], now[k]);
  return now;
}
const memoryTimer = setInterval(sampleMemory, 100);
memoryTimer.unref();
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

let system: RunningSystem | null = null;
let profiler: Session | null = null;

/** CPU profile of a chosen window only (not start-up, not idle rounds), via the inspector. */
async function profileStart(): Promise<void> {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 500 });
  await profiler.post('Profiler.start');
}

async function profileStop(file: string): Promise<void> {
  if (!profiler) throw new Error('no profile running');
  const { profile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = null;
  writeFileSync(file, JSON.stringify(profile));
}
let passthrough: { url: string; close(): Promise<void>; messages: () => number; clients: () => number } | null = null;

function stats(): ServerStats {
  const memory = sampleMemory();
  const cpu = process.cpuUsage();
  const base = {
    memory,
    peak: { ...peak },
    maxRss: process.resourceUsage().maxRSS * 1024,
    cpuMicros: cpu.user + cpu.system,
    loopDelay: { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    at: Date.now(),
  };
  if (system) {
    const g = system.gateway.stats();
    return {
      ...base,
      samplesStored: g.samplesStored,
      messages: g.messages,
      samplesDuplicate: g.samplesDuplicate,
      deadLetters: g.deadLetters,
      bufferDepth: g.bufferDepth,
      writeErrors: g.writeErrors,
      detectorPoints: system.live.stats.points,
      anomalyEvents: system.live.stats.events,
      connectedClients: g.connectedClients,
    };
  }
  return {
    ...base,
    samplesStored: 0,
    messages: passthrough?.messages() ?? 0,
    samplesDuplicate: 0,
    deadLetters: 0,
    bufferDepth: 0,
    writeErrors: 0,
    detectorPoints: 0,
    anomalyEvents: 0,
    connectedClients: passthrough?.clients() ?? 0,
  };
}

async function start(options: ServerStartOptions): Promise<ReadyInfo> {
  const t0 = performance.now();
  if (options.mode === 'passthrough') {
    passthrough = await startPassthroughBroker();
    return { httpUrl: null, token: null, mqttUrl: passthrough.url, startupMs: performance.now() - t0, seedMs: 0, seeded: NOTHING_SEEDED };
  }
  const config = loadConfig({
    PORT: '0',
    MQTT_PORT: '0',
    HOST: '127.0.0.1',
    MQTT_HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    PLANT_FILE: options.plantFile,
    SIMULATOR: 'off',
    LOG_LEVEL: (options.logLevel ?? 'warn') as 'warn',
  });
  const plant = loadPlantFile(config.PLANT_FILE);
  const logger = pino({ level: config.LOG_LEVEL }, pino.destination(2));
  let seeded: ReadyInfo['seeded'] = NOTHING_SEEDED;
  let seedMs = 0;
  if (options.seed) {
    const s0 = performance.now();
    seeded = await seedDatabases(config, plant, options.seed);
    seedMs = performance.now() - s0;
  }
  const s1 = performance.now();
  system = await startSystem({ config, plant, logger, scenario: null });
  return { httpUrl: system.httpUrl, token: createToken(system), mqttUrl: system.mqttUrl, startupMs: performance.now() - s1, seedMs, seeded };
}

/** An admin token for the bench's requests, if this version of the server has access tokens. */
function createToken(running: RunningSystem): string | null {
  const services = running.services as unknown as { tokens?: { create(input: { name: string; role: string; createdBy: string }): { token: string } } };
  return services.tokens ? services.tokens.create({ name: 'bench', role: 'admin', createdBy: 'bench' }).token : null;
}

/** The product's broker setup (mqtt-broker.ts) without ingest: authorizePublish acknowledges at once. */
async function startPassthroughBroker() {
  const broker = await Aedes.createBroker({ maxClientsIdLength: 64 });
  let messages = 0;
  broker.authorizePublish = (_client, _packet, callback) => {
    messages++;
    callback(null);
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `mqtt://127.0.0.1:${port}`,
    messages: () => messages,
    clients: () => broker.connectedClients,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function stop(): Promise<ServerStats> {
  const final = stats();
  await system?.stop();
  await passthrough?.close();
  system = null;
  passthrough = null;
  return final;
}

process.on('message', (raw: ParentMessage) => {
  const { id } = raw;
  const fail = (err: unknown) => send({ id, type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  switch (raw.type) {
    case 'start':
      start(raw.options).then((info) => send({ id, type: 'ready', info }), fail);
      return;
    case 'stats':
      send({ id, type: 'stats', stats: stats() });
      if (raw.resetLoopDelay) loop.reset();
      return;
    case 'reset-peak':
      for (const k of Object.keys(peak) as (keyof MemoryFigures)[]) peak[k] = 0;
      send({ id, type: 'ok' });
      return;
    case 'count-stored':
      (system ? system.telemetryStore.count() : Promise.resolve(0)).then((count) => send({ id, type: 'count', count }), fail);
      return;
    case 'profile-start':
      profileStart().then(() => send({ id, type: 'ok' }), fail);
      return;
    case 'profile-stop':
      profileStop(raw.file).then(() => send({ id, type: 'ok' }), fail);
      return;
    case 'stop':
      stop().then(
        (s) => {
          send({ id, type: 'stopped', stats: s });
          // Exit through the normal path so --cpu-prof writes its profile.
          setTimeout(() => process.exit(0), 50);
        },
        (err) => {
          fail(err);
          setTimeout(() => process.exit(1), 50);
        },
      );
      return;
  }
});

// The parent went away: do not linger.
process.on('disconnect', () => {
  void stop().finally(() => process.exit(0));
});
