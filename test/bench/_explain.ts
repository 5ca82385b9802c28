import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import pino from 'pino';
import { loadConfig } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { createEventBus } from '../../server/events/event-bus';
import { createServices } from '../../server/services';
import { generatePlant } from './plant-gen';
import { seedDatabases } from './seed';
const dir = mkdtempSync(join(tmpdir(), 'explain-'));
const gen = generatePlant({ devices: 1000, lines: 200, dir });
const config = loadConfig({ DATA_DIR: join(dir, 'data'), PLANT_FILE: gen.file });
await seedDatabases(config, gen.plant, { workOrders: 100000 });
const database = openDatabase(config.appDbFile);
const seen: string[] = [];
const orig = database.sqlite.prepare.bind(database.sqlite);
(database.sqlite as any).prepare = (sql: string) => { seen.push(sql); return orig(sql); };
const services = createServices({ database, bus: createEventBus(), now: Date.now, logger: pino({ level: 'silent' }) });
const cases: [string, any][] = [['default', {}], ['status open', { statuses: ['open'] }], ['device', { deviceId: gen.devices[5]!.id }], ['line', { lineId: 'L-007' }]];
for (const [name, f] of cases) {
  seen.length = 0;
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) services.workOrders.list({ limit: 50, offset: 0, ...f });
  const ms = (performance.now() - t0) / 20;
  const stmts = [...new Set(seen)];
  console.log(`\n### ${name}: ${ms.toFixed(1)} ms per list, ${seen.length / 20} statements per list`);
  for (const sql of stmts.slice(0, 6)) {
    console.log("SQL:", sql.length > 400 ? sql.slice(0, 120) + " ... " + sql.slice(-400) : sql);
    try { const params = (sql.match(/\?/g) ?? []).map(() => null); console.log(database.sqlite.prepare('EXPLAIN QUERY PLAN ' + sql).all(...params).map((r: any) => '   ' + r.detail).join('\n')); } catch (e) { console.log('  (plan failed)', (e as Error).message); }
  }
}
