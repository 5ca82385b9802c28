/**
 * Rough write throughput of the InfluxDB telemetry store: 100k points in
 * batches of 5,000 (as ingest's BatchWriter sends them), 50 devices.
 * Starts a throwaway local influxd (test/support/influxd.ts); not a test.
 *
 *   npx tsx gateway/telemetry-store/influx-write-bench.ts [points] [batch] [gzipThreshold]
 */
import type { TelemetryPoint } from '../../contract/telemetry';
import { startInfluxd } from '../../test/support/influxd';
import { createInfluxTelemetryStore } from './influx-telemetry-store';

const total = Number(process.argv[2] ?? 100_000);
const batchSize = Number(process.argv[3] ?? 5000);
const gzipThreshold = process.argv[4] === undefined ? undefined : Number(process.argv[4]);
const devices = 50;
const t0 = Date.UTC(2026, 10, 1);

const influxd = await startInfluxd({ database: 'bench' });
try {
  const store = createInfluxTelemetryStore({ url: influxd.url, database: influxd.database, ...(gzipThreshold === undefined ? {} : { gzipThreshold }) });
  const point = (i: number): TelemetryPoint => {
    const seq = Math.floor(i / devices);
    return { deviceId: `D${i % devices}`, seq, ts: t0 + seq * 1000, temperature: 40 + (i % 17) / 10, vibration: 1 + (i % 13) / 100, current: 20 + (i % 7) / 10 };
  };
  const started = performance.now();
  for (let from = 0; from < total; from += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, total - from) }, (_, k) => point(from + k));
    await store.write(batch);
  }
  const seconds = (performance.now() - started) / 1000;
  const stored = await store.count();
  console.log(`${total} points in batches of ${batchSize}: ${seconds.toFixed(2)} s, ${Math.round(total / seconds)} points/s (stored ${stored})`);
  const replayStart = performance.now();
  await store.write(Array.from({ length: batchSize }, (_, k) => point(k)));
  console.log(`replaying one batch of ${batchSize} duplicates: ${Math.round(performance.now() - replayStart)} ms`);
  await store.close();
} finally {
  await influxd.stop();
}
