/**
 * Seeds the server's databases before it starts, the fast way but through the
 * product's own schema and store: work orders (and their timeline) as rows of
 * the drizzle tables in server/db/schema.ts (column names taken from the
 * schema, one prepared INSERT per table, one transaction; drizzle's query
 * builder is 10x slower for 300,000 rows); a long telemetry series through the
 * SQLite telemetry store's write().
 */
import { plantDevices, type Plant } from '../../contract/plant';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createSqliteTelemetryStore } from '../../gateway/telemetry-store/sqlite-telemetry-store';
import type { Config } from '../../server/config';
import { openDatabase } from '../../server/db/database';
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { workOrderEvents, workOrders } from '../../server/db/schema';
import { inTransaction } from '../../server/db/transaction';
import { syncPlant } from '../../server/plant-sync';
import pino from 'pino';
import { createEventBus } from '../../server/events/event-bus';
import { createLineImpact } from '../../server/work-orders/line-impact';
import { createSlaMonitor } from '../../server/work-orders/sla-monitor';
import { createPriorityKeeper } from '../../server/work-orders/work-order-priority';
import type { SeedOptions } from './bench-protocol';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OPEN_LIKE = ['open', 'open', 'acknowledged', 'assigned', 'in-progress', 'in-progress', 'on-hold'] as const;
const MODES = [
  ['vibration', 'vibration-high', 'mm/s', 2.8, 4.5, 2.3],
  ['temperature', 'overheating', '°C', 95, 110, 90],
  ['current', 'overcurrent', 'A', 30.8, 35, 29.4],
] as const;

export async function seedDatabases(config: Config, plant: Plant, seed: SeedOptions) {
  const seeded = { workOrders: 0, timelineEntries: 0, telemetryPoints: 0, priorityBackfill: 0, priorityBackfillMs: 0, firstSlaTickMs: 0, slaNotifications: 0, steadySlaTickMs: 0, slaOrdersEvaluated: 0 };
  const database = openDatabase(config.appDbFile);
  try {
    syncPlant(database, plant);
    if (seed.workOrders) {
      Object.assign(seeded, seedWorkOrders(database, plant, seed.workOrders));
      // Unfinished orders get their priority the way the running server would on its first SLA
      // tick (which would otherwise stall the server for seconds during the measurements).
      const t0 = performance.now();
      const keeper = createPriorityKeeper({ database, lineImpactOf: createLineImpact(database) });
      seeded.priorityBackfill = inTransaction(database, () => keeper.backfill(Date.now())).length;
      seeded.priorityBackfillMs = Math.round(performance.now() - t0);
      // Likewise the first SLA tick, which records the escalations of every overdue order at once
      // (the server runs it 60 s after start, in one synchronous pass); then a steady-state tick.
      const monitor = createSlaMonitor({ database, bus: createEventBus(), now: Date.now, logger: pino({ level: 'silent' }) });
      const t1 = performance.now();
      const first = monitor.tick();
      seeded.firstSlaTickMs = Math.round(performance.now() - t1);
      seeded.slaNotifications = first.recorded.length;
      const t2 = performance.now();
      seeded.slaOrdersEvaluated = monitor.tick().evaluated;
      seeded.steadySlaTickMs = Math.round(performance.now() - t2);
    }
  } finally {
    database.close();
  }
  if (seed.telemetry) {
    const store = createSqliteTelemetryStore({ file: config.telemetryDbFile, retentionMs: config.retentionMs });
    const { deviceId, points, intervalMs } = seed.telemetry;
    const end = Date.now() - 60_000;
    const start = end - (points - 1) * intervalMs;
    const chunk = 20_000;
    for (let from = 0; from < points; from += chunk) {
      const batch: TelemetryPoint[] = [];
      for (let i = from; i < Math.min(points, from + chunk); i++) {
        const ts = start + i * intervalMs;
        const daily = Math.sin((2 * Math.PI * (ts % DAY)) / DAY);
        batch.push({ deviceId, seq: i, ts, temperature: 52 + 6 * daily + (i % 7) * 0.1, vibration: 1.4 + 0.2 * daily + (i % 5) * 0.02, current: 19 + 2 * daily + (i % 3) * 0.1 });
      }
      seeded.telemetryPoints += (await store.write(batch)).written;
    }
    await store.close();
  }
  return seeded;
}

function seedWorkOrders(database: ReturnType<typeof openDatabase>, plant: Plant, n: number) {
  const devices = plantDevices(plant);
  const now = Date.now();
  const span = 730 * DAY; // two years of history
  let timelineEntries = 0;
  const insertOrder = rowInserter(database, workOrders);
  const insertEvent = rowInserter(database, workOrderEvents);
  database.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) {
      const id = i + 1;
      const createdAt = now - span + Math.floor((i / n) * (span - HOUR));
      const device = devices[(i * 7919) % devices.length]!;
      const age = (n - i) / n; // 1 = oldest .. ~0 = newest
      const status =
        age < 0.03 ? OPEN_LIKE[i % OPEN_LIKE.length]! : age < 0.05 ? 'resolved' : i % 20 === 0 ? 'cancelled' : 'closed';
      const kind = i % 100;
      const type = kind < 70 ? 'potential-fault' : kind < 85 ? 'corrective' : kind < 95 ? 'preventive' : kind < 98 ? 'inspection' : 'emergency';
      const [metric, failureMode, unit, warn, alarm, clear] = MODES[i % MODES.length]!;
      const severity = type === 'potential-fault' || type === 'emergency' || type === 'corrective' ? (i % 3 === 0 ? 'alarm' : 'warn') : null;
      const value = severity === 'alarm' ? alarm * 1.05 : warn * 1.05;
      const evidence =
        type === 'potential-fault'
          ? JSON.stringify({
              metric,
              unit,
              severity,
              value,
              limit: severity === 'alarm' ? alarm : warn,
              ruleId: `class.${device.class}.${metric}`,
              ruleVersion: 1,
              rule: { direction: 'above', warn, alarm, clear, minDurationMs: 300_000 },
              startedAt: createdAt - 300_000,
              detectedAt: createdAt,
              recent: Array.from({ length: 60 }, (_, k) => [createdAt - (59 - k) * 1000, Math.round((warn * 0.9 + k * 0.01) * 1000) / 1000]),
            })
          : null;
      const closed = status === 'closed' || status === 'cancelled';
      const resolvedAt = status === 'resolved' || status === 'closed' ? createdAt + 2 * DAY : null;
      const outcome =
        status === 'resolved' || status === 'closed'
          ? JSON.stringify(
              i % 5 < 3
                ? { kind: 'confirmed', failureMode, cause: 'Worn bearing on the drive end', action: 'Replaced bearing, realigned coupling', parts: [{ partNumber: '6205-2RS', description: null, quantity: 2 }], labourMinutes: 90, recordedAt: resolvedAt, recordedBy: 'tech' }
                : { kind: 'no-fault-found', note: 'Inspected, readings normal after restart', recordedAt: resolvedAt, recordedBy: 'tech' },
            )
          : null;
      insertOrder({
        id,
        number: `WO-${new Date(createdAt).getUTCFullYear()}-${String(id).padStart(6, '0')}`,
        type,
        status,
        title: `${failureMode} on ${device.name}`,
        description: `Seeded order ${id} for ${device.id}`,
        deviceId: device.id,
        failureMode: type === 'preventive' || type === 'inspection' ? null : failureMode,
        severity,
        evidence,
        occurrences: 1 + (i % 4),
        lastOccurrenceAt: createdAt,
        createdAt,
        updatedAt: closed ? createdAt + 3 * DAY : createdAt,
        closedAt: closed ? createdAt + 3 * DAY : null,
        resolvedAt,
        stopsLine: type === 'emergency',
        dueAt: type === 'preventive' ? createdAt + 7 * DAY : null,
        outcome,
        priority: type === 'emergency' ? 'P0' : severity === 'alarm' ? 'P1' : severity === 'warn' ? 'P2' : type === 'preventive' ? 'P3' : 'P4',
        holdReason: status === 'on-hold' ? 'waiting-for-parts' : null,
      } as typeof workOrders.$inferInsert);
      insertEvent({ workOrderId: id, at: createdAt, actor: 'detector', kind: 'created', from: null, to: 'open', note: 'seeded' });
      timelineEntries++;
      if (status !== 'open') {
        insertEvent({ workOrderId: id, at: createdAt + HOUR, actor: 'tech', kind: 'status', from: 'open', to: status, note: null, holdReason: status === 'on-hold' ? 'waiting-for-parts' : null } as typeof workOrderEvents.$inferInsert);
        timelineEntries++;
      }
    }
  })();
  return { workOrders: n, timelineEntries };
}

/**
 * An INSERT of one table's rows, keyed like drizzle's $inferInsert (JS property
 * names); columns left out get their SQL default. Booleans become 0/1.
 */
function rowInserter<T extends Table>(database: ReturnType<typeof openDatabase>, table: T) {
  const columns = getTableColumns(table);
  const statements = new Map<string, ReturnType<typeof database.sqlite.prepare>>();
  return (row: T['$inferInsert']) => {
    const keys = Object.keys(row).filter((k) => k in columns);
    const sig = keys.join(',');
    let stmt = statements.get(sig);
    if (!stmt) {
      const names = keys.map((k) => `"${columns[k]!.name}"`).join(', ');
      stmt = database.sqlite.prepare(`INSERT INTO "${getTableName(table)}" (${names}) VALUES (${keys.map(() => '?').join(', ')})`);
      statements.set(sig, stmt);
    }
    const record = row as Record<string, unknown>;
    stmt.run(keys.map((k) => (typeof record[k] === 'boolean' ? Number(record[k]) : record[k])));
  };
}
