/**
 * The contract every TelemetryStore implementation must pass, written once
 * and run against each implementation (SQLite now, InfluxDB later).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../contract/telemetry';
import type { TelemetryBucket, TelemetryStore } from './telemetry-store';

export interface StoreUnderTest {
  store: TelemetryStore;
  /** Closes the store and opens it again on the same data. */
  reopen(): Promise<TelemetryStore>;
  cleanup(): Promise<void>;
}

export interface ContractOptions {
  /** The store must be created with this retention. */
  retentionMs: number;
}

const T0 = Date.UTC(2026, 10, 1, 8, 0, 0);
const point = (deviceId: string, seq: number, ts = T0 + seq * 1000, v = 1 + (seq % 7) / 10): TelemetryPoint => ({
  deviceId,
  seq,
  ts,
  temperature: 40 + v,
  vibration: v,
  current: 20 + v,
});

export const CONTRACT_RETENTION_MS = 7 * 86_400_000;

export function describeTelemetryStoreContract(name: string, open: (opts: ContractOptions) => Promise<StoreUnderTest>) {
  describe(`TelemetryStore contract: ${name}`, () => {
    let current: StoreUnderTest | undefined;
    const fresh = async () => (current = await open({ retentionMs: CONTRACT_RETENTION_MS }));
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });

    it('returns what was written, per device, ordered by time', async () => {
      const { store } = await fresh();
      const a = [point('A', 0), point('A', 1), point('A', 2)];
      const b = [point('B', 0, T0 + 500)];
      await store.write([a[2]!, b[0]!, a[0]!, a[1]!]);
      expect(await store.query({ deviceId: 'A', from: T0, to: T0 + 10_000 })).toEqual(a);
      expect(await store.query({ deviceId: 'B', from: T0, to: T0 + 10_000 })).toEqual(b);
      expect(await store.count()).toBe(4);
      expect(await store.count('A')).toBe(3);
    });

    it('keeps values exactly (floating point round trip)', async () => {
      const { store } = await fresh();
      const p = { deviceId: 'A', seq: 5, ts: T0 + 123, temperature: 71.234567, vibration: 2.8000001, current: 0.1 };
      await store.write([p]);
      expect(await store.query({ deviceId: 'A', from: T0, to: T0 + 1000 })).toEqual([p]);
    });

    it('is idempotent by (device, seq): a replayed sample is not stored twice', async () => {
      const { store } = await fresh();
      expect(await store.write([point('A', 0), point('A', 1)])).toEqual({ written: 2, duplicates: 0 });
      expect(await store.write([point('A', 1), point('A', 2)])).toEqual({ written: 1, duplicates: 1 });
      expect(await store.count('A')).toBe(3);
    });

    it('returns the newest point of a device', async () => {
      const { store } = await fresh();
      expect(await store.latest('A')).toBeNull();
      await store.write([point('A', 0), point('A', 2), point('A', 1), point('B', 9)]);
      expect(await store.latest('A')).toEqual(point('A', 2));
      expect(await store.latest('B')).toEqual(point('B', 9));
    });

    it('selects an inclusive time range and honours the limit', async () => {
      const { store } = await fresh();
      await store.write(Array.from({ length: 20 }, (_, i) => point('A', i)));
      const range = await store.query({ deviceId: 'A', from: T0 + 5000, to: T0 + 9000 });
      expect(range.map((p) => p.seq)).toEqual([5, 6, 7, 8, 9]);
      const limited = await store.query({ deviceId: 'A', from: T0, to: T0 + 60_000, limit: 3 });
      expect(limited.map((p) => p.seq)).toEqual([0, 1, 2]);
      expect(await store.query({ deviceId: 'nobody', from: T0, to: T0 + 60_000 })).toEqual([]);
    });

    it('reads a long range back whole and in order, with and without a limit (25,000 points)', async () => {
      const { store } = await fresh();
      const n = 25_000;
      for (let from = 0; from < n; from += 5000) await store.write(Array.from({ length: 5000 }, (_, i) => point('A', from + i)));
      const all = await store.query({ deviceId: 'A', from: T0, to: T0 + n * 1000 });
      expect(all.length).toBe(n);
      expect(all[0]).toEqual(point('A', 0));
      expect(all.at(-1)).toEqual(point('A', n - 1));
      expect(all.findIndex((p, i) => p.seq !== i)).toBe(-1); // every seq, in order, none twice
      const limited = await store.query({ deviceId: 'A', from: T0 + 1000, to: T0 + n * 1000, limit: 12_345 });
      expect(limited.length).toBe(12_345);
      expect([limited[0]!.seq, limited.at(-1)!.seq]).toEqual([1, 12_345]);
      expect(limited.findIndex((p, i) => p.seq !== i + 1)).toBe(-1);
    });

    it('remembers the highest seq per device across a reopen', async () => {
      const under = await fresh();
      expect(await under.store.lastSeq('A')).toBeNull();
      await under.store.write([point('A', 3), point('A', 9), point('A', 4), point('B', 2)]);
      expect(await under.store.lastSeq('A')).toBe(9);
      const reopened = await under.reopen();
      expect(await reopened.lastSeq('A')).toBe(9);
      expect(await reopened.lastSeq('B')).toBe(2);
      expect(await reopened.count()).toBe(4);
    });

    it('deletes only samples older than the retention', async () => {
      const { store } = await fresh();
      const now = T0 + CONTRACT_RETENTION_MS + 10_000;
      // seq 0..19 at T0 + seq s; retention cutoff is now - retention = T0 + 10 s.
      await store.write(Array.from({ length: 20 }, (_, i) => point('A', i)));
      await store.write([point('B', 0, T0), point('B', 1, now)]);
      const deleted = await store.applyRetention(now);
      expect(deleted).toBe(11);
      expect((await store.query({ deviceId: 'A', from: 0, to: now })).map((p) => p.seq)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
      expect((await store.query({ deviceId: 'B', from: 0, to: now })).map((p) => p.seq)).toEqual([1]);
      expect(await store.lastSeq('A')).toBe(19);
    });

    describe('buckets', () => {
      // Means are sums divided by counts; the stores may add in another order, so they are compared to 9 digits.
      const approx = (buckets: TelemetryBucket[]) =>
        buckets.map((b) => ({ ...b, mean: { temperature: expect.closeTo(b.mean.temperature, 9), vibration: expect.closeTo(b.mean.vibration, 9), current: expect.closeTo(b.mean.current, 9) } }));
      const bucket = (ts: number, pts: TelemetryPoint[]): TelemetryBucket => {
        const of = (f: (xs: number[]) => number) => ({
          temperature: f(pts.map((p) => p.temperature)),
          vibration: f(pts.map((p) => p.vibration)),
          current: f(pts.map((p) => p.current)),
        });
        return { ts, n: pts.length, min: of((xs) => Math.min(...xs)), max: of((xs) => Math.max(...xs)), mean: of((xs) => xs.reduce((a, b) => a + b, 0) / xs.length) };
      };

      it('is empty for an empty range, an unknown device and a range before the data', async () => {
        const { store } = await fresh();
        await store.write([point('A', 0), point('A', 1)]);
        expect(await store.buckets({ deviceId: 'A', from: T0 + 5000, to: T0 + 60_000, bucketMs: 1000 })).toEqual([]);
        expect(await store.buckets({ deviceId: 'nobody', from: T0, to: T0 + 60_000, bucketMs: 1000 })).toEqual([]);
        expect(await store.buckets({ deviceId: 'A', from: T0 + 10, to: T0 + 5, bucketMs: 1000 })).toEqual([]);
        await expect(store.buckets({ deviceId: 'A', from: T0, to: T0 + 1000, bucketMs: 0 })).rejects.toThrow(RangeError);
      });

      it('summarises one sample as a bucket of one, starting at from', async () => {
        const { store } = await fresh();
        const p = point('A', 3);
        await store.write([p]);
        expect(await store.buckets({ deviceId: 'A', from: T0, to: T0 + 60_000, bucketMs: 60_000 })).toEqual([bucket(T0, [p])]);
        expect(await store.buckets({ deviceId: 'A', from: T0 + 2500, to: T0 + 9999, bucketMs: 1000 })).toEqual([bucket(T0 + 2500, [p])]);
      });

      it('puts a sample on a boundary in the bucket it starts, includes to, and leaves empty buckets out', async () => {
        const { store } = await fresh();
        // seq 0..9 at T0 + seq s; a gap; seq 30 at T0 + 30 s.
        const pts = [...Array.from({ length: 10 }, (_, i) => point('A', i)), point('A', 30)];
        await store.write(pts);
        const got = await store.buckets({ deviceId: 'A', from: T0 + 1000, to: T0 + 30_000, bucketMs: 4000 });
        // [1,5) [5,9) [9,13) ... [29,33): the one at 30 s is in the last bucket, which ends past `to`.
        expect(got).toEqual(approx([bucket(T0 + 1000, pts.slice(1, 5)), bucket(T0 + 5000, pts.slice(5, 9)), bucket(T0 + 9000, [pts[9]!]), bucket(T0 + 29_000, [pts[10]!])]));
        // `to` is inclusive: a sample exactly at `to` is counted.
        expect((await store.buckets({ deviceId: 'A', from: T0, to: T0 + 4000, bucketMs: 2000 })).map((b) => [b.ts - T0, b.n])).toEqual([
          [0, 2],
          [2000, 2],
          [4000, 1],
        ]);
      });

      it('keeps a one-sample spike as the max of a large bucket, and the dip as the min', async () => {
        const { store } = await fresh();
        const pts = Array.from({ length: 3600 }, (_, i) => point('A', i));
        pts[1234] = { ...pts[1234]!, vibration: 42.5 };
        pts[2345] = { ...pts[2345]!, temperature: -3.25 };
        await store.write(pts);
        const got = await store.buckets({ deviceId: 'A', from: T0, to: T0 + 3_599_999, bucketMs: 600_000 });
        expect(got.map((b) => b.n)).toEqual([600, 600, 600, 600, 600, 600]);
        expect(got.map((b) => b.max.vibration)).toEqual([1.6, 1.6, 42.5, 1.6, 1.6, 1.6]);
        expect(got.map((b) => b.min.temperature)).toEqual([41, 41, 41, -3.25, 41, 41]);
        expect(got).toEqual(approx([0, 1, 2, 3, 4, 5].map((i) => bucket(T0 + i * 600_000, pts.slice(i * 600, (i + 1) * 600)))));
      });

      it('returns more buckets than a server row limit (12,000 buckets of one sample)', async () => {
        const { store } = await fresh();
        const n = 12_000;
        for (let from = 0; from < n; from += 6000) await store.write(Array.from({ length: 6000 }, (_, i) => point('A', from + i)));
        const got = await store.buckets({ deviceId: 'A', from: T0, to: T0 + n * 1000, bucketMs: 1000 });
        expect(got.length).toBe(n);
        expect(got.findIndex((b, i) => b.ts !== T0 + i * 1000 || b.n !== 1 || b.max.vibration !== point('A', i).vibration)).toBe(-1);
      });
    });

    it('writes a large batch in one call', async () => {
      const { store } = await fresh();
      const batch = Array.from({ length: 5000 }, (_, i) => point(`D${i % 50}`, Math.floor(i / 50)));
      expect(await store.write(batch)).toEqual({ written: 5000, duplicates: 0 });
      expect(await store.count('D7')).toBe(100);
    });
  });
}
