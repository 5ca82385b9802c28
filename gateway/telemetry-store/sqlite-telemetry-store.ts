/**
 * The embedded telemetry store (default): one SQLite file, one row per
 * sample keyed by (device, seq), so replays are ignored by the key itself.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TelemetryPoint } from '../../contract/telemetry';
import type { TelemetryQuery, TelemetryStore, WriteResult } from './telemetry-store';

export interface SqliteTelemetryStoreOptions {
  /** Database file; ':memory:' for a throwaway store. */
  file: string;
  /** Samples older than this are deleted by applyRetention(); default 30 days. */
  retentionMs?: number;
}

const DAY_MS = 86_400_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS telemetry (
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  temperature REAL NOT NULL,
  vibration REAL NOT NULL,
  current REAL NOT NULL,
  PRIMARY KEY (device_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS telemetry_device_ts ON telemetry (device_id, ts);
CREATE TABLE IF NOT EXISTS series (
  device_id TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL
) WITHOUT ROWID;
`;

type Row = { device_id: string; seq: number; ts: number; temperature: number; vibration: number; current: number };

export function createSqliteTelemetryStore(options: SqliteTelemetryStoreOptions): TelemetryStore {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const retentionMs = options.retentionMs ?? 30 * DAY_MS;

  const insert = db.prepare(
    'INSERT OR IGNORE INTO telemetry (device_id, seq, ts, temperature, vibration, current) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const bumpSeries = db.prepare(
    'INSERT INTO series (device_id, last_seq) VALUES (?, ?) ON CONFLICT (device_id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)',
  );
  const selectRange = db.prepare<[string, number, number, number], Row>(
    'SELECT device_id, seq, ts, temperature, vibration, current FROM telemetry WHERE device_id = ? AND ts BETWEEN ? AND ? ORDER BY ts, seq LIMIT ?',
  );
  const selectLatest = db.prepare<[string], Row>(
    'SELECT device_id, seq, ts, temperature, vibration, current FROM telemetry WHERE device_id = ? ORDER BY ts DESC, seq DESC LIMIT 1',
  );
  const selectLastSeq = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM series WHERE device_id = ?');
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM telemetry');
  const countDevice = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM telemetry WHERE device_id = ?');
  const allSeries = db.prepare<[], { device_id: string }>('SELECT device_id FROM series');
  const deleteOld = db.prepare('DELETE FROM telemetry WHERE device_id = ? AND ts < ?');

  const writeTx = db.transaction((points: readonly TelemetryPoint[]): WriteResult => {
    let written = 0;
    const maxSeq = new Map<string, number>();
    for (const p of points) {
      written += insert.run(p.deviceId, p.seq, p.ts, p.temperature, p.vibration, p.current).changes;
      const m = maxSeq.get(p.deviceId);
      if (m === undefined || p.seq > m) maxSeq.set(p.deviceId, p.seq);
    }
    for (const [deviceId, seq] of maxSeq) bumpSeries.run(deviceId, seq);
    return { written, duplicates: points.length - written };
  });

  const retentionTx = db.transaction((cutoff: number): number => {
    let deleted = 0;
    for (const { device_id } of allSeries.all()) deleted += deleteOld.run(device_id, cutoff).changes;
    return deleted;
  });

  let closed = false;
  return {
    kind: 'sqlite',
    async write(points) {
      if (points.length === 0) return { written: 0, duplicates: 0 };
      return writeTx(points);
    },
    async query({ deviceId, from, to, limit }: TelemetryQuery) {
      return selectRange.all(deviceId, from, to, limit ?? -1).map(toPoint);
    },
    async latest(deviceId) {
      const row = selectLatest.get(deviceId);
      return row ? toPoint(row) : null;
    },
    async lastSeq(deviceId) {
      return selectLastSeq.get(deviceId)?.last_seq ?? null;
    },
    async count(deviceId) {
      return (deviceId === undefined ? countAll.get() : countDevice.get(deviceId))!.n;
    },
    async applyRetention(now) {
      return retentionTx(now - retentionMs);
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}

const toPoint = (r: Row): TelemetryPoint => ({
  deviceId: r.device_id,
  seq: r.seq,
  ts: r.ts,
  temperature: r.temperature,
  vibration: r.vibration,
  current: r.current,
});
