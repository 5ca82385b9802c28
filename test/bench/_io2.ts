import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
const variant = process.argv[2] ?? 'base';
const devices = Number(process.argv[3] ?? 1000);
const dir = mkdtempSync(process.env.IODIR ?? '/tmp/io-');
const db = new Database(join(dir, 't.db'));
db.pragma('journal_mode = WAL'); db.pragma('synchronous = NORMAL');
if (variant.includes('cache')) db.pragma('cache_size = -262144');
db.exec(`CREATE TABLE telemetry (device_id TEXT NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL, temperature REAL NOT NULL, vibration REAL NOT NULL, current REAL NOT NULL, PRIMARY KEY (device_id, seq)) WITHOUT ROWID;`);
if (!variant.includes('noidx')) db.exec('CREATE INDEX telemetry_device_ts ON telemetry (device_id, ts);');
db.exec('CREATE TABLE series (device_id TEXT PRIMARY KEY, last_seq INTEGER NOT NULL) WITHOUT ROWID;');
const ins = db.prepare('INSERT OR IGNORE INTO telemetry VALUES (?,?,?,?,?,?)');
const bump = db.prepare('INSERT INTO series VALUES (?,?) ON CONFLICT (device_id) DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)');
const tx = db.transaction((pts: any[]) => { const m = new Map(); for (const p of pts) { ins.run(p.deviceId, p.seq, p.ts, p.temperature, p.vibration, p.current); m.set(p.deviceId, p.seq); } if (!variant.includes('nobump')) for (const [d, s] of m) bump.run(d, s); });
const seq = new Map<string, number>();
const N = 600_000, B = 5000;
const t0 = performance.now();
for (let b = 0; b < N / B; b++) {
  const pts = [];
  // like ingest: messages of 100 consecutive samples per device
  for (let m = 0; m < B / 100; m++) { const d = `D-${String((b * (B / 100) + m) % devices).padStart(5, '0')}`; for (let i = 0; i < 100; i++) { const s = seq.get(d) ?? 0; seq.set(d, s + 1); pts.push({ deviceId: d, seq: s, ts: 1.7e12 + s * 1000, temperature: 50.12, vibration: 1.234, current: 20.5 }); } }
  tx(pts);
}
console.log(variant, devices, 'points/s', Math.round(N / ((performance.now() - t0) / 1000)));
