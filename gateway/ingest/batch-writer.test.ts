import { describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createSqliteTelemetryStore } from '../telemetry-store/sqlite-telemetry-store';
import type { TelemetryStore } from '../telemetry-store/telemetry-store';
import { BatchWriter } from './batch-writer';

const p = (seq: number): TelemetryPoint => ({ deviceId: 'A', seq, ts: 1_760_000_000_000 + seq, temperature: 30, vibration: 1, current: 5 });

/** A real store that refuses writes while `down` is set, like a store whose disk or server is unavailable. */
function flaky(store: TelemetryStore) {
  const state = { down: true, attempts: 0 };
  const wrapped: TelemetryStore = {
    ...store,
    kind: 'flaky-sqlite',
    write: async (points) => {
      state.attempts++;
      if (state.down) throw new Error('store unavailable');
      return store.write(points);
    },
  };
  return { wrapped, state };
}

describe('BatchWriter', () => {
  it('batches points and resolves each add once its points are stored', async () => {
    const store = createSqliteTelemetryStore({ file: ':memory:' });
    const written: number[][] = [];
    const w = new BatchWriter({ store, maxDelayMs: 5, onWritten: (pts) => written.push(pts.map((x) => x.seq)) });
    await Promise.all([w.add([p(0), p(1)]), w.add([p(2)])]);
    expect(await store.count()).toBe(3);
    expect(written).toEqual([[0, 1, 2]]);
    await w.close();
  });

  it('flushes early when a batch is full', async () => {
    const store = createSqliteTelemetryStore({ file: ':memory:' });
    const w = new BatchWriter({ store, maxBatchPoints: 2, maxDelayMs: 60_000 });
    await w.add([p(0), p(1)]); // would hang for a minute if it waited for the timer
    expect(await store.count()).toBe(2);
    await w.close();
  });

  it('holds acknowledgements while the store fails and loses nothing when it recovers', async () => {
    const store = createSqliteTelemetryStore({ file: ':memory:' });
    const { wrapped, state } = flaky(store);
    const errors: number[] = [];
    const w = new BatchWriter({ store: wrapped, maxDelayMs: 1, retryInitialMs: 5, retryMaxMs: 20, onWriteError: (_e, attempt) => errors.push(attempt) });
    let acked = false;
    const done = w.add([p(0), p(1)]).then(() => (acked = true));
    const later = w.add([p(2)]);
    await new Promise((r) => setTimeout(r, 80));
    expect(acked).toBe(false);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(w.depth).toBe(3);
    expect(w.stats.failingSince).not.toBeNull();
    state.down = false;
    await Promise.all([done, later]);
    expect((await store.query({ deviceId: 'A', from: 0, to: Infinity })).map((x) => x.seq)).toEqual([0, 1, 2]);
    expect(w.stats.writeErrors).toBe(errors.length);
    expect(w.stats.failingSince).toBeNull();
    await w.close();
  });

  it('a failing listener does not make a stored batch be written or handed on twice', async () => {
    const store = createSqliteTelemetryStore({ file: ':memory:' });
    let calls = 0;
    const w = new BatchWriter({
      store,
      maxDelayMs: 1,
      onWritten: () => {
        calls++;
        throw new Error('listener bug');
      },
    });
    await w.add([p(0)]);
    expect(calls).toBe(1);
    expect(w.stats).toMatchObject({ batches: 1, writeErrors: 0 });
    expect(w.stats.lastError).toMatch(/listener bug/);
    await w.close();
  });

  it('close() writes what is still buffered', async () => {
    const store = createSqliteTelemetryStore({ file: ':memory:' });
    const w = new BatchWriter({ store, maxDelayMs: 60_000 });
    void w.add([p(0), p(1)]);
    await w.close();
    expect(await store.count()).toBe(2);
    await expect(w.add([p(3)])).rejects.toThrow(/closed/);
  });
});
