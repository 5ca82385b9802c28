/**
 * 3: HTTP latency with a plant-sized database: 100,000 work orders (with
 * their timeline) over 1,000 devices on 200 lines, and a week of 1 Hz
 * telemetry (604,800 points) for one device in the SQLite store. Requests go
 * one after another over one keep-alive connection (fetch / undici), after a
 * warm-up; the time is until the whole body is read.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiClient } from './api-client';
import { generatePlant } from './plant-gen';
import { summarizeProfile, type ProfileSummary } from './profile-summary';
import { ServerProcess } from './server-process';
import { progress, round, summarize, type LatencySummary } from './stats';

export interface HttpSettings {
  workOrders: number;
  telemetryPoints: number;
  lines: number;
  devices: number;
  /** Timed requests per endpoint (heavy endpoints get a fifth). */
  requests: number;
  warmup: number;
  /** Stop an endpoint's timed requests after this long (at least 5 requests). */
  budgetMs: number;
  profileDir?: string;
}

export interface EndpointResult {
  name: string;
  path: string;
  available: boolean;
  note?: string;
  status?: number;
  bytes?: number;
  /** Items / points in one response. */
  items?: number;
  latency?: LatencySummary;
  /** Longest event-loop stall of the server while this endpoint was timed (periodic jobs show here). */
  serverLoopDelayMaxMs?: number;
  profile?: ProfileSummary & { file: string };
}

export interface HttpResult {
  seeded: {
    workOrders: number;
    timelineEntries: number;
    telemetryPoints: number;
    /** Unfinished orders given a priority by the product's backfill, and how long it took. */
    priorityBackfill: number;
    priorityBackfillMs: number;
    /** The SLA monitor's first tick (records every due escalation) and a steady-state one. */
    firstSlaTickMs: number;
    slaNotifications: number;
    steadySlaTickMs: number;
    slaOrdersEvaluated: number;
  };
  seedMs: number;
  startupMs: number;
  endpoints: EndpointResult[];
}

interface Endpoint {
  name: string;
  /** Path for the i-th request (filters rotate over devices and lines). */
  path: (i: number) => string;
  heavy?: boolean;
  /** Probed first; a 404 marks the endpoint as not available yet. */
  optional?: boolean;
  count?: (body: unknown) => number;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export async function runHttpBench(s: HttpSettings): Promise<HttpResult> {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-bench-http-'));
  const gen = generatePlant({ devices: s.devices, lines: s.lines, dir, name: `Bench plant ${s.lines} lines` });
  const telemetryDevice = gen.devices[0]!.id;
  let server: ServerProcess | null = null;
  try {
    progress(`http: seeding ${s.workOrders.toLocaleString('en-US')} work orders and ${s.telemetryPoints.toLocaleString('en-US')} telemetry points, then starting the server`);
    server = await ServerProcess.start({
      mode: 'system',
      dataDir: join(dir, 'data'),
      plantFile: gen.file,
      seed: { workOrders: s.workOrders, telemetry: { deviceId: telemetryDevice, points: s.telemetryPoints, intervalMs: 1000 } },
    });
    const api = apiClient(server.info.httpUrl!, server.info.token);
    progress(`http: seeded in ${Math.round(server.info.seedMs)} ms, server up in ${Math.round(server.info.startupMs)} ms (pid ${server.pid})`);
    const now = Date.now();
    const from = now - 60_000 - (s.telemetryPoints - 1) * 1000;
    const to = now;
    const device = (i: number) => gen.devices[(i * 37) % gen.devices.length]!.id;
    const line = (i: number) => `L-${pad(((i * 7) % s.lines) + 1, 3)}`;
    const items = (b: unknown) => (b as { items?: unknown[] }).items?.length ?? 0;
    const points = (b: unknown) => (b as { points?: unknown[] }).points?.length ?? 0;
    // A downsampled answer counts its buckets.
    const pointsOrBuckets = (b: unknown) => (b as { downsampled?: { buckets: unknown[] } }).downsampled?.buckets.length ?? points(b);
    const arrayLength = (b: unknown) => (Array.isArray(b) ? b.length : Array.isArray((b as { lines?: unknown[] }).lines) ? (b as { lines: unknown[] }).lines.length : 0);
    const span = s.telemetryPoints >= 7 * 86_400 ? 'a week' : `${Math.round(s.telemetryPoints / 3600)} h`;
    const deepOffset = Math.round((s.workOrders * 0.5) / 1000) * 1000;
    const endpoints: Endpoint[] = [
      { name: 'work orders: default page (50, priority order)', path: () => '/api/work-orders', count: items },
      { name: 'work orders: status=open', path: () => '/api/work-orders?status=open', count: items },
      { name: 'work orders: status=open-like', path: () => '/api/work-orders?status=open-like', count: items },
      { name: 'work orders: by device', path: (i) => `/api/work-orders?deviceId=${device(i)}`, count: items },
      { name: 'work orders: by line', path: (i) => `/api/work-orders?lineId=${line(i)}`, count: items },
      { name: `work orders: closed, page at offset ${deepOffset.toLocaleString('en-US')}`, path: () => `/api/work-orders?status=closed&offset=${deepOffset}`, count: items },
      { name: 'work order detail', path: (i) => `/api/work-orders/${1 + ((i * 997) % s.workOrders)}` },
      { name: 'devices list (1,000, with counts)', path: () => '/api/devices', count: arrayLength },
      { name: 'telemetry: 1 device, last hour (default window)', path: () => `/api/devices/${telemetryDevice}/telemetry`, count: points },
      { name: `telemetry: 1 device, ${span} (default limit 10,000)`, path: () => `/api/devices/${telemetryDevice}/telemetry?from=${from}&to=${to}`, count: points },
      { name: `telemetry: 1 device, ${span}, maxPoints=2,000`, path: () => `/api/devices/${telemetryDevice}/telemetry?from=${from}&to=${to}&maxPoints=2000`, count: pointsOrBuckets },
      { name: `telemetry: 1 device, ${span} (limit=100,000, the API max)`, path: () => `/api/devices/${telemetryDevice}/telemetry?from=${from}&to=${to}&limit=100000`, heavy: true, count: points },
      { name: `line states map (${s.lines} lines)`, path: () => '/api/lines/states', optional: true, count: arrayLength },
    ];
    const results: EndpointResult[] = [];
    for (const e of endpoints) {
      const probe = await api.get(e.path(0));
      const probeBody = await probe.arrayBuffer();
      if (!probe.ok) {
        const r: EndpointResult = { name: e.name, path: e.path(0), available: false, status: probe.status, note: probe.status === 404 && e.optional ? 'not available yet' : `HTTP ${probe.status}: ${Buffer.from(probeBody).toString('utf8').slice(0, 200)}` };
        progress(`http: ${e.name}: ${r.note}`);
        results.push(r);
        continue;
      }
      const parsed = JSON.parse(Buffer.from(probeBody).toString('utf8')) as unknown;
      const n = e.heavy ? Math.max(5, Math.round(s.requests / 5)) : s.requests;
      const profileFile = s.profileDir ? join(s.profileDir, `http-${results.length + 1}.cpuprofile`) : undefined;
      if (profileFile) await server.profileStart();
      // Warm-up: `warmup` requests, or a quarter of the time budget when the endpoint is slow.
      const warmUntil = performance.now() + s.budgetMs / 4;
      for (let i = 0; i < s.warmup && (i < 2 || performance.now() < warmUntil); i++) await (await api.get(e.path(i + 1))).arrayBuffer();
      const warm = s.warmup;
      await server.stats(true); // resets the server's event-loop delay histogram
      const times: number[] = [];
      let bytes = 0;
      const stopAt = performance.now() + s.budgetMs;
      for (let i = 0; i < n && (i < 5 || performance.now() < stopAt); i++) {
        const t0 = performance.now();
        const res = await api.get(e.path(i + warm + 1));
        const body = await res.arrayBuffer();
        times.push(performance.now() - t0);
        if (!res.ok) throw new Error(`GET ${e.path(i)} -> ${res.status}`);
        bytes += body.byteLength;
      }
      const loopMax = (await server.stats()).loopDelay.max;
      if (profileFile) await server.profileStop(profileFile);
      const latency = summarize(times);
      const r: EndpointResult = {
        name: e.name,
        path: e.path(0),
        available: true,
        status: probe.status,
        bytes: Math.round(bytes / times.length),
        ...(e.count && { items: e.count(parsed) }),
        latency,
        serverLoopDelayMaxMs: round(loopMax, 0),
        ...(profileFile && { profile: { file: profileFile, ...summarizeProfile(profileFile, 10) } }),
      };
      progress(`http: ${e.name}: p50 ${round(latency.p50)} ms, p99 ${round(latency.p99)} ms (${times.length} requests, ${Math.round(bytes / times.length / 1024)} KiB each)`);
      results.push(r);
    }
    return { seeded: server.info.seeded, seedMs: Math.round(server.info.seedMs), startupMs: Math.round(server.info.startupMs), endpoints: results };
  } finally {
    await server?.stop(20_000).catch(() => server?.kill());
    rmSync(dir, { recursive: true, force: true });
  }
}
