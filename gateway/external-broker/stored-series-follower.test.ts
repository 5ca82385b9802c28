import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createSqliteTelemetryStore } from '../telemetry-store/sqlite-telemetry-store';
import { StoredSeriesFollower } from './stored-series-follower';

const pt = (deviceId: string, seq: number): TelemetryPoint => ({ deviceId, seq, ts: 1_767_225_600_000 + seq * 1000, temperature: 40, vibration: 2, current: 20 });
const range = (deviceId: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => pt(deviceId, from + i));

describe('StoredSeriesFollower', () => {
  const store = createSqliteTelemetryStore({ file: ':memory:', retentionMs: 10 * 365 * 86_400_000 });
  let follower: StoredSeriesFollower | null = null;
  afterEach(async () => {
    await follower?.stop();
  });

  it('starts after what is stored, feeds each device in seq order once, waits at a gap and skips it after the grace period', async () => {
    await store.write([...range('A', 0, 2), ...range('B', 0, 0)]);
    let now = 0;
    const fed: TelemetryPoint[][] = [];
    follower = new StoredSeriesFollower({
      store,
      deviceIds: () => ['A', 'B'],
      onPoints: (points) => fed.push(points),
      onError: (err) => {
        throw err;
      },
      graceMs: 30_000,
      pollMs: 3_600_000,
      now: () => now,
    });
    await follower.start();
    await follower.poll();
    expect(fed).toEqual([]); // what was stored before start is not replayed

    // Another worker stored A's 6-7 before this one stored 5.
    await store.write([...range('A', 3, 4), ...range('A', 6, 7), ...range('B', 1, 2)]);
    await follower.poll();
    expect(fed.map((b) => b.map((p) => `${p.deviceId}${p.seq}`))).toEqual([['A3', 'A4'], ['B1', 'B2']]);
    expect(follower.stats).toMatchObject({ fed: 4, skipped: 0, waiting: 1 });

    now = 10_000;
    await store.write([pt('A', 5)]);
    await follower.poll();
    expect(fed.at(-1)!.map((p) => p.seq)).toEqual([5, 6, 7]);
    expect(follower.stats).toMatchObject({ fed: 7, waiting: 0 });

    // 8 and 9 never come (a dead-lettered batch).
    await store.write([pt('A', 10)]);
    await follower.poll();
    now += 29_999;
    await follower.poll();
    expect(follower.stats).toMatchObject({ fed: 7, skipped: 0, waiting: 1 });
    now += 1;
    await follower.poll();
    expect(fed.at(-1)!.map((p) => p.seq)).toEqual([10]);
    expect(follower.stats).toMatchObject({ fed: 8, skipped: 2, waiting: 0 });

    // Arriving after its gap was skipped, 8 is stored but never fed out of order.
    await store.write([pt('A', 8)]);
    await follower.poll();
    expect(follower.stats.fed).toBe(8);
  });

  it('reads a long backlog in several reads', async () => {
    await store.write(range('C', 0, 249));
    const seqs: number[] = [];
    follower = new StoredSeriesFollower({
      store,
      deviceIds: () => ['C'],
      onPoints: (points) => seqs.push(...points.map((p) => p.seq)),
      onError: (err) => {
        throw err;
      },
      pollMs: 3_600_000,
      readLimit: 100,
    });
    await follower.poll();
    expect(seqs).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });
});
