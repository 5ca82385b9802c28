/**
 * Profiles the work-order list path alone, in one process: seeds 100,000
 * orders exactly as the HTTP bench does (seed.ts, plant-gen.ts), starts the
 * real system, and times N sequential GETs per list endpoint over loopback.
 * Client and server share this process's event loop, so read the figures as
 * ratios within one run (before/after a change), not as the bench's numbers.
 *
 *   npx tsx test/bench/list-profile.ts [--orders 100000] [--requests 200]
 *     [--data DIR]       reuse DIR's seeded databases (seeded there first if empty)
 *     [--profile FILE]   CPU profile of the timed requests (inspector), then summarised
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadPlantFile } from '../../contract/plant';
import { loadConfig } from '../../server/config';
import { startSystem } from '../../server/system';
import { apiClient } from './api-client';
import { generatePlant } from './plant-gen';
import { summarizeProfile } from './profile-summary';
import { seedDatabases } from './seed';
import { progress, round, summarize } from './stats';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '200' },
    data: { type: 'string' },
    profile: { type: 'string' },
  },
});
const orders = Number(args.orders);
const requests = Number(args.requests);
const dir = args.data ?? mkdtempSync(join(tmpdir(), 'pdm-list-profile-'));
mkdirSync(dir, { recursive: true });

async function main(): Promise<void> {
  const gen = generatePlant({ devices: 1_000, lines: 200, dir, name: 'Bench plant 200 lines' });
  const config = loadConfig({
    PORT: '0',
    MQTT_PORT: '0',
    HOST: '127.0.0.1',
    MQTT_HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'data'),
    PLANT_FILE: gen.file,
    SIMULATOR: 'off',
    LOG_LEVEL: 'warn',
  });
  const plant = loadPlantFile(config.PLANT_FILE);
  if (!existsSync(config.appDbFile)) {
    progress(`seeding ${orders.toLocaleString('en-US')} work orders in ${dir}`);
    const t0 = performance.now();
    const seeded = await seedDatabases(config, plant, { workOrders: orders });
    progress(`seeded in ${Math.round(performance.now() - t0)} ms (first SLA tick ${seeded.firstSlaTickMs} ms, steady ${seeded.steadySlaTickMs} ms)`);
  }
  const system = await startSystem({ config, plant, logger: pino({ level: 'warn' }, pino.destination(2)), scenario: null });
  try {
    const services = system.services as unknown as { tokens: { create(input: { name: string; role: string; createdBy: string }): { token: string } } };
    const api = apiClient(system.httpUrl, services.tokens.create({ name: 'bench', role: 'admin', createdBy: 'bench' }).token);
    const pad = (n: number) => String(n).padStart(3, '0');
    const device = (i: number) => gen.devices[(i * 37) % gen.devices.length]!.id;
    const endpoints: Array<[string, (i: number) => string]> = [
      ['default page', () => '/api/work-orders'],
      ['status=open', () => '/api/work-orders?status=open'],
      ['status=open-like', () => '/api/work-orders?status=open-like'],
      ['by device', (i) => `/api/work-orders?deviceId=${device(i)}`],
      ['by line', (i) => `/api/work-orders?lineId=L-${pad(((i * 7) % 200) + 1)}`],
      ['closed, offset 50,000', () => `/api/work-orders?status=closed&offset=${Math.round(orders / 2000) * 1000}`],
    ];
    let session: Session | null = null;
    if (args.profile) {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
    }
    for (const [name, path] of endpoints) {
      for (let i = 0; i < 10; i++) await (await api.get(path(i))).arrayBuffer();
      if (session) await session.post('Profiler.start');
      const times: number[] = [];
      for (let i = 0; i < requests; i++) {
        const t0 = performance.now();
        const res = await api.get(path(i + 10));
        await res.arrayBuffer();
        times.push(performance.now() - t0);
        if (!res.ok) throw new Error(`GET ${path(i)} -> ${res.status}`);
      }
      if (session) {
        const { profile } = await session.post('Profiler.stop');
        const file = `${args.profile}-${endpoints.findIndex((e) => e[0] === name) + 1}.cpuprofile`;
        writeFileSync(file, JSON.stringify(profile));
        const s = summarizeProfile(file, 8);
        const top = s.projectCallers.map((e) => `${e.name} ${round(e.pct)}%`).join(', ');
        progress(`  profile ${file}: ${top}`);
      }
      const l = summarize(times);
      process.stdout.write(`${name.padEnd(24)} p50 ${round(l.p50)} ms  p90 ${round(l.p90)} ms  p99 ${round(l.p99)} ms  mean ${round(l.mean)} ms\n`);
    }
    session?.disconnect();
  } finally {
    await system.stop();
    if (!args.data) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
