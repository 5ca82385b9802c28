import { createSqliteTelemetryStore } from '../../gateway/telemetry-store/sqlite-telemetry-store';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
const dir = mkdtempSync(process.env.IODIR ?? '/tmp/io-');
const store = createSqliteTelemetryStore({ file: join(dir, 't.db') });
const times: number[] = [];
let seq = new Map<string, number>();
const t0 = performance.now();
for (let b = 0; b < 400; b++) {
  const pts = [];
  for (let i = 0; i < 2000; i++) { const d = `D-${(b * 2000 + i) % 1000}`; const s = seq.get(d) ?? 0; seq.set(d, s + 1); pts.push({ deviceId: d, seq: s, ts: 1.7e12 + s * 1000, temperature: 50, vibration: 1.2, current: 20 }); }
  const t = performance.now(); await store.write(pts); times.push(performance.now() - t);
}
const total = (performance.now() - t0) / 1000;
times.sort((a, b) => a - b);
console.log('points/s', Math.round(800000 / total), 'p50', times[200], 'p99', times[396], 'max', times[399]);
