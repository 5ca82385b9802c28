/**
 * The InfluxDB store against a real influxd (1.6, started per file on random
 * ports, behind the test proxy that serves /api/v2/write): the shared
 * contract, then what only InfluxDB has (outages, the client's buffer,
 * point identity, server-side retention).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../contract/telemetry';
import { startInfluxd, type RunningInfluxd } from '../../test/support/influxd';
import { BatchWriter } from '../ingest/batch-writer';
import { createInfluxLineWriter } from './influx-line-writer';
import { createInfluxTelemetryStore, type InfluxTelemetryStore, type InfluxTelemetryStoreOptions } from './influx-telemetry-store';
import { createInfluxTelemetryStoreFromEnv } from './influx-telemetry-store-env';
import { describeTelemetryStoreContract } from './telemetry-store.contract';

let influxd: RunningInfluxd;
let databases = 0;
beforeAll(async () => {
  // A server that truncates answers above 10,000 rows (`[http] max-row-limit`), as many
  // installations are configured: every read of the store must still see every point.
  influxd = await startInfluxd({ maxRowLimit: 10_000 });
});
afterAll(async () => {
  await influxd?.stop();
});

/** A fresh database per store, so tests share one influxd but no data. */
async function freshDatabase(duration = ''): Promise<string> {
  const name = `t${++databases}_${process.pid}`;
  await influxd.influxql(`CREATE DATABASE "${name}"${duration}`);
  return name;
}

describeTelemetryStoreContract('influxdb', async ({ retentionMs }) => {
  const database = await freshDatabase();
  const open = () => createInfluxTelemetryStore({ url: influxd.url, database, retentionMs });
  let store = open();
  return {
    get store() {
      return store;
    },
    async reopen() {
      await store.close();
      store = open();
      return store;
    },
    async cleanup() {
      await store.close();
      await influxd.influxql(`DROP DATABASE "${database}"`);
    },
  };
});

const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
const point = (deviceId: string, seq: number, ts = T0 + seq * 1000): TelemetryPoint => ({
  deviceId,
  seq,
  ts,
  temperature: 40 + seq / 10,
  vibration: 1.5 + seq / 100,
  current: 20,
});
const range = (deviceId: string, from: number, n: number) => Array.from({ length: n }, (_, i) => point(deviceId, from + i));

describe('InfluxDB telemetry store', () => {
  let store: InfluxTelemetryStore;
  let database: string;
  let warnings: string[];
  const open = async (extra: Partial<InfluxTelemetryStoreOptions> = {}, duration = '') => {
    warnings = [];
    database = await freshDatabase(duration);
    store = createInfluxTelemetryStore({ url: influxd.url, database, onWarning: (m) => warnings.push(m), ...extra });
    return store;
  };
  afterEach(async () => {
    await store?.close();
    await influxd.startServer(); // in case a test failed during an outage
  });

  it('rejects a write while influxd is down, and stores it once after it is back', async () => {
    await open();
    await store.write(range('P-104', 0, 10));
    await influxd.stopServer();
    await expect(store.write(range('P-104', 10, 10))).rejects.toThrow(/InfluxDB write failed|unreachable/);
    await expect(store.count()).rejects.toThrow(/InfluxDB query failed/);
    expect(store.stats.pendingLines).toBe(0);

    await influxd.startServer();
    expect(await store.write(range('P-104', 10, 10))).toEqual({ written: 10, duplicates: 0 });
    expect(await store.write(range('P-104', 5, 15))).toEqual({ written: 0, duplicates: 15 });
    expect(await store.count('P-104')).toBe(20);
    expect((await store.query({ deviceId: 'P-104', from: 0, to: T0 + 60_000 })).map((p) => p.seq)).toEqual([...Array(20).keys()]);
  });

  it('holds an ingest batch through an outage: add() resolves only once influxd took it', async () => {
    await open();
    const writer = new BatchWriter({ store, maxDelayMs: 1, retryInitialMs: 50, retryMaxMs: 200 });
    await influxd.stopServer();
    let stored = false;
    const added = writer.add(range('P-104', 0, 50)).then(() => (stored = true));
    await waitUntil(() => writer.stats.writeErrors >= 2);
    expect(stored).toBe(false);
    await influxd.startServer();
    await added;
    await writer.close();
    expect(writer.stats.stored).toBe(50);
    expect(await store.count()).toBe(50);
  });

  it('keeps the client buffer bounded and leaves nothing behind to resend after a failure', async () => {
    await open({ batchSize: 1000, maxConcurrentRequests: 2 });
    const batch = Array.from({ length: 20_000 }, (_, i) => point(`D${i % 20}`, Math.floor(i / 20)));
    expect(await store.write(batch)).toEqual({ written: 20_000, duplicates: 0 });
    expect(store.stats.maxPendingLines).toBeGreaterThan(0);
    expect(store.stats.maxPendingLines).toBeLessThanOrEqual(2000);

    await influxd.stopServer();
    const later = Array.from({ length: 20_000 }, (_, i) => point(`D${i % 20}`, 1000 + Math.floor(i / 20)));
    await expect(store.write(later)).rejects.toThrow(/InfluxDB (write|query) failed/);
    expect(store.stats.pendingLines).toBe(0);
    await influxd.startServer();
    await new Promise((r) => setTimeout(r, 500)); // a client-side retry queue would resend now
    expect(await store.count()).toBe(20_000);
  });

  it('rejects a batch InfluxDB refuses (field type conflict), so ingest keeps it', async () => {
    await open();
    const res = await fetch(`${influxd.directUrl}/write?db=${database}&precision=ms`, { method: 'POST', body: `telemetry,device=A seq=1.5 ${T0}` });
    expect(res.status).toBe(204);
    await expect(store.write([point('A', 2)])).rejects.toThrow(/InfluxDB write failed: .*field type conflict/);
    expect(store.stats.pendingLines).toBe(0);
  });

  it('lets a replay land on the point it repeats, and never overwrites another seq at the same millisecond', async () => {
    await open();
    await store.write([point('A', 1), point('B', 7, T0 + 1000)]);
    expect(await store.write([point('A', 1), point('A', 1)])).toEqual({ written: 0, duplicates: 2 });
    const clash = { ...point('A', 2), ts: point('A', 1).ts, vibration: 9.9 };
    expect(await store.write([clash, point('A', 3)])).toEqual({ written: 1, duplicates: 1 });
    expect(store.stats.timestampClashes).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/^1 telemetry sample\(s\) skipped .* e\.g\. A seq 2: seq 1 already holds ts /)]);
    expect(await store.query({ deviceId: 'A', from: 0, to: T0 + 10_000 })).toEqual([point('A', 1), point('A', 3)]);
    expect(await store.count()).toBe(3);
    const [raw] = await influxd.influxql(`SELECT "seq", "vibration" FROM "telemetry" WHERE "device" = 'A'`, database);
    expect(raw!.series![0]!.values).toEqual([
      [point('A', 1).ts, 1, point('A', 1).vibration],
      [point('A', 3).ts, 3, point('A', 3).vibration],
    ]);
  });

  it('pages past a server row limit smaller than its page size, and a write lookup over it still counts replays', async () => {
    // Pages of 25,000 rows: influxd (max-row-limit 10,000) truncates every one, the reader goes on after its last row.
    await open({ readPageSize: 25_000 });
    await store.write(range('A', 0, 12_000));
    const all = await store.query({ deviceId: 'A', from: T0, to: T0 + 20_000_000 });
    expect([all.length, all[0]!.seq, all.at(-1)!.seq]).toEqual([12_000, 0, 11_999]);
    expect(all.findIndex((p, i) => p.seq !== i)).toBe(-1);
    // A replay of seq 0 and 11,999 with one new sample: the stored span (12,000 points) is over the row limit.
    expect(await store.write([point('A', 0), point('A', 11_999), point('A', 12_000)])).toEqual({ written: 1, duplicates: 2 });
    expect(await store.count('A')).toBe(12_001);
  });

  it('quotes device ids in InfluxQL and escapes them in line protocol', async () => {
    await open();
    const odd = [point(`it's a "pump", no\\1`, 1), point('x=1 y', 2), point("' OR '1'='1", 3)];
    await store.write(odd);
    for (const p of odd) expect(await store.latest(p.deviceId)).toEqual(p);
    expect(await store.count("' OR '1'='1")).toBe(1);
    expect(await store.count()).toBe(3);
  });

  it('counts samples older than the server retention as dropped instead of failing the batch forever', async () => {
    await open({}, ' WITH DURATION 1h');
    const now = Date.now();
    const result = await store.write([point('A', 1, now - 3 * 3_600_000), point('A', 2, now)]);
    expect(result).toEqual({ written: 1, duplicates: 0 });
    expect(store.stats.droppedBeyondRetention).toBe(1);
    expect(await store.lastSeq('A')).toBe(2);
  });

  it('is configured from the environment and verifies the database exists', async () => {
    const database = await freshDatabase();
    store = createInfluxTelemetryStoreFromEnv({ INFLUX_URL: influxd.url, INFLUX_DATABASE: database }, { retentionMs: 1000 });
    await expect(store.verify()).resolves.toBeUndefined();
    await store.write([point('A', 1)]);
    expect(await store.count()).toBe(1);
    await store.close();
    store = createInfluxTelemetryStoreFromEnv({ INFLUX_URL: influxd.url, INFLUX_DATABASE: 'missing_db' });
    await expect(store.verify()).rejects.toThrow(/database not found: missing_db/);
  });

  it('reads through the virtual DBRP mapping of a `db/rp` bucket when no database is given (2.x style)', async () => {
    const database = await freshDatabase();
    store = createInfluxTelemetryStoreFromEnv({ INFLUX_URL: influxd.url, INFLUX_ORG: 'plant', INFLUX_BUCKET: `${database}/autogen` });
    expect(await store.write([point('A', 1), point('A', 2)])).toEqual({ written: 2, duplicates: 0 });
    expect(await store.lastSeq('A')).toBe(2);
    const [raw] = await influxd.influxql('SELECT COUNT("seq") FROM "autogen"."telemetry"', database);
    expect(raw!.series![0]!.values[0]![1]).toBe(2);
  });
});

describe('InfluxDB line writer (the client write API underneath the store)', () => {
  const lines = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `telemetry,device=W seq=${from + i}i ${T0 + from + i}`);
  const open = async (url: string) => {
    const database = await freshDatabase();
    const writer = createInfluxLineWriter({ url, org: '', bucket: database, batchSize: 500, maxConcurrentRequests: 2, timeoutMs: 2000 });
    return { writer, database };
  };
  const count = async (database: string) => {
    const [r] = await influxd.influxql('SELECT COUNT("seq") FROM "telemetry"', database);
    return (r?.series?.[0]?.values[0]?.[1] as number | undefined) ?? 0;
  };
  afterEach(async () => {
    await influxd.startServer();
  });

  it('resolves only after every line was accepted, with at most batchSize x maxConcurrentRequests in flight', async () => {
    const { writer, database } = await open(influxd.url);
    await writer.write(lines(10_001));
    expect(await count(database)).toBe(10_001);
    expect(writer.maxPendingLines).toBe(1000);
    await writer.close();
  });

  for (const [how, url] of [
    ['the proxy answers 502', () => influxd.url],
    ['the connection is refused', () => influxd.directUrl],
  ] as const) {
    it(`rejects when ${how}, and keeps nothing to resend later`, async () => {
      const { writer, database } = await open(url());
      await influxd.stopServer();
      await expect(writer.write(lines(5000))).rejects.toThrow(/InfluxDB write failed/);
      expect(writer.pendingLines).toBe(0);
      await influxd.startServer();
      await new Promise((r) => setTimeout(r, 300));
      expect(await count(database)).toBe(0);
      await writer.close();
    });
  }
});

async function waitUntil(ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
