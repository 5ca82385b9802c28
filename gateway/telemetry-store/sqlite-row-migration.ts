/**
 * Moves samples of the earlier row-per-sample layout (table `telemetry`)
 * into chunks when a store file from before chunked storage is opened, one
 * chunk per transaction, then drops the old table. A no-op once done.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { TelemetryPoint } from '../../contract/telemetry';

/** Samples per chunk when converting stored rows. */
const MIGRATION_CHUNK = 1000;

type Row = { seq: number; ts: number; temperature: number; vibration: number; current: number };

/** Returns the number of samples moved. */
export function migrateRowTelemetry(db: BetterSqlite3.Database, storeChunk: (deviceId: string, points: TelemetryPoint[]) => void): number {
  const legacy = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'telemetry'").get();
  if (!legacy) return 0;
  const devices = db.prepare<[], { device_id: string }>('SELECT DISTINCT device_id FROM telemetry').all();
  const page = db.prepare<[string, number, number], Row>(
    'SELECT seq, ts, temperature, vibration, current FROM telemetry WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?',
  );
  const deleteUpTo = db.prepare('DELETE FROM telemetry WHERE device_id = ? AND seq <= ?');
  let moved = 0;
  const moveChunk = db.transaction((deviceId: string, after: number): number | null => {
    const rows = page.all(deviceId, after, MIGRATION_CHUNK);
    if (rows.length === 0) return null;
    storeChunk(deviceId, rows.map((r) => ({ deviceId, ...r })));
    const last = rows[rows.length - 1]!.seq;
    deleteUpTo.run(deviceId, last);
    moved += rows.length;
    return last;
  });
  for (const { device_id } of devices) {
    for (let after: number | null = -1; after !== null; ) after = moveChunk(device_id, after);
  }
  db.exec('DROP TABLE telemetry');
  return moved;
}
