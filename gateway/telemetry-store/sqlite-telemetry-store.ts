/**
 * The embedded telemetry store (default): one SQLite file, one row per
 * device and write (a chunk of samples, telemetry-chunk.ts) rather than one
 * per sample, so a batch costs one insert per device instead of one per
 * sample. Idempotent by (device, seq): seqs above the device's highest
 * stored seq are new by definition; anything at or below it is checked
 * against the stored chunks whose seq range overlaps.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { TelemetryPoint } from '../../contract/telemetry';
import { migrateRowTelemetry } from './sqlite-row-migration';
import { createBucketAccumulator } from './telemetry-buckets';
import { byTimeThenSeq, chunkSeqs, decodeChunk, encodeChunk } from './telemetry-chunk';
import type { TelemetryBucketQuery, TelemetryQuery, TelemetryStore, WriteResult } from './telemetry-store';

export interface SqliteTelemetryStoreOptions {
  /** Database file; ':memory:' for a throwaway store. */
  file: string;
  /** Samples older than this are deleted by applyRetention(); default 30 days. */
  retentionMs?: number;
}

const DAY_MS = 86_400_000;
/** Most samples per chunk: a range query decodes whole chunks, so a large write is split. */
export const MAX_CHUNK_POINTS = 1024;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS telemetry_chunks (
  device_id TEXT NOT NULL,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL,
  ts_min INTEGER NOT NULL,
  ts_max INTEGER NOT NULL,
  n INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (device_id, first_seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS telemetry_chunks_device_time ON telemetry_chunks (device_id, ts_max, ts_min);
CREATE INDEX IF NOT EXISTS telemetry_chunks_device_last_seq ON telemetry_chunks (device_id, last_seq);
CREATE TABLE IF NOT EXISTS series (
  device_id TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL
) WITHOUT ROWID;
`;

type ChunkRow = { first_seq: number; ts_min: number; ts_max: number; n: number; data: Buffer };

export function createSqliteTelemetryStore(options: SqliteTelemetryStoreOptions): TelemetryStore {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // A chunk's blob (about 40 KB at MAX_CHUNK_POINTS) spans ~10 overflow pages, which SQLite otherwise reads with one
  // pread each, bypassing its page cache: a week of one device (600 chunks) cost 40-60 ms of syscalls, 10 ms mapped.
  // Reads only (writes still go through the WAL); the map is address space, not memory, and is capped at 1 GiB.
  if (options.file !== ':memory:') db.pragma('mmap_size = 1073741824');
  db.exec(SCHEMA);
  const retentionMs = options.retentionMs ?? 30 * DAY_MS;

  const insertChunk = db.prepare(
    'INSERT INTO telemetry_chunks (device_id, first_seq, last_seq, ts_min, ts_max, n, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const overlapping = db.prepare<[string, number, number], { data: Buffer }>(
    'SELECT data FROM telemetry_chunks WHERE device_id = ? AND last_seq >= ? AND first_seq <= ?',
  );
  const bumpSeries = db.prepare(
    'INSERT INTO series (device_id, last_seq) VALUES (?, ?) ON CONFLICT (device_id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)',
  );
  const selectLastSeq = db.prepare<[string], { last_seq: number }>('SELECT last_seq FROM series WHERE device_id = ?');
  // Range reads: the chunk keys from the (covering) time index, sorted here, then each chunk's data by key, so
  // the blobs of chunks past the limit are never read.
  const selectRangeKeys = db.prepare<[string, number, number], { first_seq: number; ts_min: number }>(
    'SELECT first_seq, ts_min FROM telemetry_chunks WHERE device_id = ? AND ts_max >= ? AND ts_min <= ?',
  );
  const selectChunkData = db.prepare<[string, number], { data: Buffer }>('SELECT data FROM telemetry_chunks WHERE device_id = ? AND first_seq = ?');
  // Buckets need every overlapping chunk, so the blobs come in the same statement (order does not matter to aggregates).
  const selectRangeData = db.prepare<[string, number, number], { data: Buffer }>(
    'SELECT data FROM telemetry_chunks WHERE device_id = ? AND ts_max >= ? AND ts_min <= ?',
  );
  const selectNewest = db.prepare<[string, string], ChunkRow>(
    'SELECT first_seq, ts_min, ts_max, n, data FROM telemetry_chunks WHERE device_id = ? AND ts_max = (SELECT max(ts_max) FROM telemetry_chunks WHERE device_id = ?)',
  );
  const countAll = db.prepare<[], { n: number }>('SELECT coalesce(sum(n), 0) AS n FROM telemetry_chunks');
  const countDevice = db.prepare<[string], { n: number }>('SELECT coalesce(sum(n), 0) AS n FROM telemetry_chunks WHERE device_id = ?');
  const allSeries = db.prepare<[], { device_id: string }>('SELECT device_id FROM series');
  const expired = db.prepare<[string, number], { n: number }>('SELECT coalesce(sum(n), 0) AS n FROM telemetry_chunks WHERE device_id = ? AND ts_max < ?');
  const deleteExpired = db.prepare('DELETE FROM telemetry_chunks WHERE device_id = ? AND ts_max < ?');
  const straddling = db.prepare<[string, number, number], ChunkRow>(
    'SELECT first_seq, ts_min, ts_max, n, data FROM telemetry_chunks WHERE device_id = ? AND ts_max >= ? AND ts_min < ?',
  );
  const deleteChunk = db.prepare('DELETE FROM telemetry_chunks WHERE device_id = ? AND first_seq = ?');

  migrateRowTelemetry(db, (deviceId, points) => storeChunk(deviceId, points));

  function storeChunk(deviceId: string, points: readonly TelemetryPoint[]): void {
    const { summary, data } = encodeChunk(points);
    insertChunk.run(deviceId, summary.firstSeq, summary.lastSeq, summary.tsMin, summary.tsMax, summary.n, data);
  }

  /** The points of one device that are not stored yet (nor repeated within the batch). */
  function freshPoints(deviceId: string, points: TelemetryPoint[]): TelemetryPoint[] {
    const stored = selectLastSeq.get(deviceId)?.last_seq ?? -1;
    let increasing = points[0]!.seq > stored;
    for (let i = 1; increasing && i < points.length; i++) increasing = points[i]!.seq > points[i - 1]!.seq;
    if (increasing) return points; // the usual case: everything above the highest stored seq, in order
    let min = Infinity;
    let max = -Infinity;
    for (const p of points) {
      if (p.seq < min) min = p.seq;
      if (p.seq > max) max = p.seq;
    }
    const seen = new Set<number>();
    for (const { data } of overlapping.iterate(deviceId, min, max)) for (const s of chunkSeqs(data)) seen.add(s);
    const fresh: TelemetryPoint[] = [];
    for (const p of points) {
      if (seen.has(p.seq)) continue;
      seen.add(p.seq);
      fresh.push(p);
    }
    return fresh;
  }

  const writeTx = db.transaction((points: readonly TelemetryPoint[]): WriteResult => {
    const byDevice = new Map<string, TelemetryPoint[]>();
    for (const p of points) {
      const list = byDevice.get(p.deviceId);
      if (list) list.push(p);
      else byDevice.set(p.deviceId, [p]);
    }
    let written = 0;
    for (const [deviceId, list] of byDevice) {
      const fresh = freshPoints(deviceId, list);
      if (fresh.length === 0) continue;
      for (let i = 0; i < fresh.length; i += MAX_CHUNK_POINTS) storeChunk(deviceId, fresh.slice(i, i + MAX_CHUNK_POINTS));
      let maxSeq = -Infinity;
      for (const p of fresh) if (p.seq > maxSeq) maxSeq = p.seq;
      bumpSeries.run(deviceId, maxSeq);
      written += fresh.length;
    }
    return { written, duplicates: points.length - written };
  });

  /** Points in [from, to] by ts then seq, at most `limit`; stops reading chunks once no later one can place a point in the first `limit`. */
  function queryRange(deviceId: string, from: number, to: number, limit: number): TelemetryPoint[] {
    if (limit <= 0) return [];
    const out: TelemetryPoint[] = [];
    let ordered = true;
    const keys = selectRangeKeys.all(deviceId, from, to).sort((a, b) => a.ts_min - b.ts_min || a.first_seq - b.first_seq);
    for (const chunk of keys) {
      if (out.length >= limit) {
        if (!ordered) out.sort(byTimeThenSeq);
        ordered = true;
        out.length = limit;
        if (chunk.ts_min > out[limit - 1]!.ts) break;
      }
      const start = out.length;
      decodeChunk(deviceId, selectChunkData.get(deviceId, chunk.first_seq)!.data, out, from, to);
      for (let i = Math.max(start, 1); ordered && i < out.length; i++) ordered = byTimeThenSeq(out[i - 1]!, out[i]!) <= 0;
    }
    if (!ordered) out.sort(byTimeThenSeq);
    if (out.length > limit) out.length = limit;
    return out;
  }

  const retentionTx = db.transaction((cutoff: number): number => {
    let deleted = 0;
    for (const { device_id } of allSeries.all()) {
      deleted += expired.get(device_id, cutoff)!.n;
      deleteExpired.run(device_id, cutoff);
      for (const chunk of straddling.all(device_id, cutoff, cutoff)) {
        const kept: TelemetryPoint[] = [];
        decodeChunk(device_id, chunk.data, kept, cutoff);
        deleted += chunk.n - kept.length;
        deleteChunk.run(device_id, chunk.first_seq);
        if (kept.length) storeChunk(device_id, kept);
      }
    }
    return deleted;
  });

  let closed = false;
  return {
    kind: 'sqlite',
    async write(points) {
      if (points.length === 0) return { written: 0, duplicates: 0 };
      // IMMEDIATE: the write lock is taken before the seq checks read, so writers in several processes cannot interleave.
      return writeTx.immediate(points);
    },
    async query({ deviceId, from, to, limit }: TelemetryQuery) {
      return queryRange(deviceId, from, to, limit ?? Infinity);
    },
    async buckets({ deviceId, from, to, bucketMs }: TelemetryBucketQuery) {
      const acc = createBucketAccumulator(from, to, bucketMs);
      if (to >= from) for (const { data } of selectRangeData.iterate(deviceId, from, to)) acc.addChunk(data);
      return acc.result();
    },
    async latest(deviceId) {
      const points: TelemetryPoint[] = [];
      for (const chunk of selectNewest.all(deviceId, deviceId)) decodeChunk(deviceId, chunk.data, points);
      if (points.length === 0) return null;
      return points.reduce((a, b) => (byTimeThenSeq(a, b) >= 0 ? a : b));
    },
    async lastSeq(deviceId) {
      return selectLastSeq.get(deviceId)?.last_seq ?? null;
    },
    async count(deviceId) {
      return (deviceId === undefined ? countAll.get() : countDevice.get(deviceId))!.n;
    },
    async applyRetention(now) {
      return retentionTx.immediate(now - retentionMs);
    },
    async close() {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
}
