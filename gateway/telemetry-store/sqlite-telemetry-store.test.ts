import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createSqliteTelemetryStore, MAX_CHUNK_POINTS } from './sqlite-telemetry-store';
import { describeTelemetryStoreContract } from './telemetry-store.contract';

describeTelemetryStoreContract('sqlite', async ({ retentionMs }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pdm-telemetry-'));
  const file = join(dir, 'telemetry.db');
  let store = createSqliteTelemetryStore({ file, retentionMs });
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = createSqliteTelemetryStore({ file, retentionMs });
      return store;
    },
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('sqlite telemetry store: chunked storage', () => {
  const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
  const pt = (deviceId: string, seq: number, ts = T0 + seq * 1000): TelemetryPoint => ({ deviceId, seq, ts, temperature: 40, vibration: 1 + seq / 100, current: 20 });
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pdm-telemetry-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores a late sample that falls inside an earlier write and still refuses its replay', async () => {
    const store = createSqliteTelemetryStore({ file: join(dir, 't.db') });
    await store.write([pt('A', 0), pt('A', 1), pt('A', 4), pt('A', 5)]);
    await store.write([pt('A', 6), pt('A', 7)]);
    expect(await store.write([pt('A', 3), pt('A', 2), pt('A', 5), pt('A', 3), pt('A', 8)])).toEqual({ written: 3, duplicates: 2 });
    expect((await store.query({ deviceId: 'A', from: 0, to: Infinity })).map((p) => p.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await store.write([pt('A', 2), pt('A', 7)])).toEqual({ written: 0, duplicates: 2 });
    expect(await store.count('A')).toBe(9);
    await store.close();
  });

  it('orders by ts then seq across writes whose times overlap, and the limit keeps the earliest', async () => {
    const store = createSqliteTelemetryStore({ file: join(dir, 't.db') });
    await store.write([pt('A', 0, T0), pt('A', 1, T0 + 5000), pt('A', 2, T0 + 9000)]);
    await store.write([pt('A', 3, T0 + 1000), pt('A', 4, T0 + 5000), pt('A', 5, T0 + 20_000)]);
    await store.write([pt('A', 6, T0 + 30_000)]);
    const all = await store.query({ deviceId: 'A', from: T0, to: T0 + 60_000 });
    expect(all.map((p) => p.seq)).toEqual([0, 3, 1, 4, 2, 5, 6]);
    for (let limit = 1; limit <= 8; limit++) {
      expect((await store.query({ deviceId: 'A', from: T0, to: T0 + 60_000, limit })).map((p) => p.seq)).toEqual(all.slice(0, limit).map((p) => p.seq));
    }
    expect((await store.query({ deviceId: 'A', from: T0 + 4000, to: T0 + 10_000 })).map((p) => p.seq)).toEqual([1, 4, 2]);
    expect(await store.latest('A')).toEqual(pt('A', 6, T0 + 30_000));
    await store.close();
  });

  it('splits a long write into chunks of at most MAX_CHUNK_POINTS, so a short range decodes little', async () => {
    const file = join(dir, 't.db');
    const store = createSqliteTelemetryStore({ file });
    const n = 2 * MAX_CHUNK_POINTS + 10;
    await store.write(Array.from({ length: n }, (_, i) => pt('A', i)));
    expect((await store.query({ deviceId: 'A', from: T0 + 1_500_000, to: T0 + 1_504_000 })).map((p) => p.seq)).toEqual([1500, 1501, 1502, 1503, 1504]);
    expect(await store.count('A')).toBe(n);
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare('SELECT n FROM telemetry_chunks ORDER BY first_seq').all()).toEqual([{ n: MAX_CHUNK_POINTS }, { n: MAX_CHUNK_POINTS }, { n: 10 }]);
    check.close();
  });

  it('takes over a store file written one row per sample, losing nothing', async () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE telemetry (device_id TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, temperature REAL NOT NULL,
      vibration REAL NOT NULL, current REAL NOT NULL, PRIMARY KEY (device_id, seq)) WITHOUT ROWID;
      CREATE TABLE series (device_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) WITHOUT ROWID;`);
    const insert = old.prepare('INSERT INTO telemetry VALUES (?, ?, ?, ?, ?, ?)');
    const points = [...Array.from({ length: 2500 }, (_, i) => pt('A', i)), pt('B', 7)];
    old.transaction(() => points.forEach((p) => insert.run(p.deviceId, p.seq, p.ts, p.temperature, p.vibration, p.current)))();
    old.prepare("INSERT INTO series VALUES ('A', 2499), ('B', 7)").run();
    old.close();

    const store = createSqliteTelemetryStore({ file });
    expect(await store.count()).toBe(2501);
    expect(await store.query({ deviceId: 'A', from: 0, to: Infinity })).toEqual(points.slice(0, 2500));
    expect(await store.latest('B')).toEqual(pt('B', 7));
    expect(await store.lastSeq('A')).toBe(2499);
    expect(await store.write([pt('A', 2499), pt('A', 2500)])).toEqual({ written: 1, duplicates: 1 });
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT name FROM sqlite_master WHERE name = 'telemetry'").get()).toBeUndefined();
    check.close();
  });
});
