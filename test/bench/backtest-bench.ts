/**
 * 5b: the backtest engine (server/backtest's replayTelemetry) over stored
 * telemetry: a temp SQLite telemetry store holds `pointsPerDevice` 1 Hz
 * points for each of `devices` devices of a generated plant (2 % of them
 * with a fault, as in replay-bench.ts); the default rules resolved for the
 * plant are replayed as both the current and the candidate set, read page
 * by page through the store's range query, as a backtest request does.
 * Points/s counts points read from the store (each goes through both sets).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createSqliteTelemetryStore } from '../../gateway/telemetry-store/sqlite-telemetry-store';
import { replayTelemetry } from '../../server/backtest/telemetry-replay';
import { defaultRuleTemplates } from '../../server/detection/default-rules';
import { resolveRules } from '../../server/detection/resolve-rules';
import { generatePlant } from './plant-gen';
import { progress, round } from './stats';

export interface BacktestBenchSettings {
  devices: number;
  pointsPerDevice: number;
}

export interface BacktestBenchResult {
  devices: number;
  rules: number;
  points: number;
  seconds: number;
  pointsPerSec: number;
  /** Would-be orders of the current set (a check that faults were found). */
  orders: number;
}

export async function runBacktestBench(s: BacktestBenchSettings): Promise<BacktestBenchResult> {
  const { devices } = generatePlant({ devices: s.devices, lines: Math.max(1, Math.round(s.devices / 20)) });
  const templates = defaultRuleTemplates();
  const rules = devices.flatMap((d) => resolveRules(templates, d));
  const dir = mkdtempSync(join(tmpdir(), 'pdm-bench-backtest-'));
  const store = createSqliteTelemetryStore({ file: join(dir, 'telemetry.db'), retentionMs: Number.MAX_SAFE_INTEGER });
  const start = Date.UTC(2026, 0, 1);
  const n = s.pointsPerDevice;
  try {
    progress(`backtest: storing ${(devices.length * n).toLocaleString('en-US')} points of ${devices.length} devices`);
    for (const [i, d] of devices.entries()) {
      const fault = i % 50 === 7 ? (['vibration', 'temperature', 'current'] as const)[Math.floor(i / 50) % 3] : null;
      for (let k0 = 0; k0 < n; k0 += 3600) {
        const batch: TelemetryPoint[] = [];
        for (let k = k0; k < Math.min(n, k0 + 3600); k++) {
          const w = Math.sin((2 * Math.PI * k) / 600 + i);
          const grown = Math.max(0, (k - n / 3) / (n / 3));
          batch.push({
            deviceId: d.id,
            seq: k,
            ts: start + k * 1000,
            temperature: 50 + 4 * w + (fault === 'temperature' ? 70 * grown : 0),
            vibration: 1.3 + 0.2 * w + (fault === 'vibration' ? 5 * grown : 0),
            current: d.ratedCurrent * (0.7 + 0.05 * w + (fault === 'current' && grown > 0.5 ? 0.8 : 0)),
          });
        }
        await store.write(batch);
      }
    }
    const run = () =>
      replayTelemetry({ store, deviceIds: devices.map((d) => d.id), from: start, to: start + n * 1000, current: rules, candidate: rules, maxPoints: Number.MAX_SAFE_INTEGER });
    progress('backtest: warm-up run');
    await run();
    const t0 = performance.now();
    const result = await run();
    const seconds = (performance.now() - t0) / 1000;
    const out: BacktestBenchResult = {
      devices: devices.length,
      rules: rules.length,
      points: result.points,
      seconds: round(seconds, 2),
      pointsPerSec: Math.round(result.points / seconds),
      orders: result.current.orders.length,
    };
    progress(`backtest: ${out.pointsPerSec.toLocaleString('en-US')} points/s (${out.orders} would-be orders)`);
    return out;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
