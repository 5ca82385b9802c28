import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteTelemetryStore } from '../../gateway/telemetry-store/sqlite-telemetry-store';
import { openDatabase } from '../db/database';
import { syncPlant } from '../plant-sync';
import { testPlant } from '../testing/test-database';
import { runBacktestCommand } from './backtest-command';
import type { FaultBenchmarkResult } from './fault-benchmark';
import { HOUR, lowerPumpVibrationWarn, RANGE_START, scenarioPoints } from './test-telemetry';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

async function run(argv: string[], env: Record<string, string>, cwd: string) {
  let out = '';
  let err = '';
  const code = await runBacktestCommand(argv, { out: (t) => (out += t), err: (t) => (err += t), env, cwd });
  return { code, out, err };
}

describe('npm run backtest', () => {
  let dir: string;
  const env = () => ({ DATA_DIR: dir });
  const range = ['--from', new Date(RANGE_START).toISOString(), '--to', String(RANGE_START + 8 * HOUR)];

  beforeAll(async () => {
    // A data folder as the server leaves it: application database and telemetry store.
    dir = mkdtempSync(join(tmpdir(), 'pdm-backtest-cli-'));
    const database = openDatabase(join(dir, 'pdm.db'));
    syncPlant(database, testPlant(), RANGE_START);
    database.close();
    const store = createSqliteTelemetryStore({ file: join(dir, 'telemetry.db') });
    await store.write(scenarioPoints());
    await store.close();
    writeFileSync(join(dir, 'candidate.json'), JSON.stringify([lowerPumpVibrationWarn()]));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ ...lowerPumpVibrationWarn(), warn: 'high' }]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the current and the candidate rules side by side, with progress on stderr', async () => {
    const { code, out, err } = await run([...range, '--device', 'P-104,P-101', '--candidate', 'candidate.json'], env(), dir);
    expect(code).toBe(0);
    expect(out).toMatch(/^work orders\s+1\s+2$/m);
    expect(out).toMatch(/^false alarms\s+1\s+2$/m);
    expect(out).toContain('Candidate = current rules with class.pump.vibration');
    expect(out).toContain('Orders only the candidate raises: 1\n  P-104    vibration-high  opened 2026-11-01 02:05Z  warn   false-alarm');
    expect(out).toContain('Orders only the current rules raise: 0');
    expect(out).toMatch(/^P-104\s+2,881\s+0\/1\s+0\/1\s+0\/0 of 0$/m);
    expect(err).toMatch(/^progress: 2,881 of about 5,762 points \(P-101\)\nprogress: 5,762 of about 5,762 points \(P-104\)$/m);
  });

  it('prints the whole result as JSON on request', async () => {
    const { code, out } = await run([...range, '--candidate', 'candidate.json', '--json', '--no-progress'], env(), dir);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ diff: { counts: { onlyCandidate: 1, onlyCurrent: 0, both: 1 } } });
  });

  it('names the field of a bad candidate rule and runs nothing', async () => {
    const { code, out, err } = await run([...range, '--candidate', 'bad.json'], env(), dir);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('candidate.0.warn: must be a number');
  });

  it('says what is missing: the range, a known device, the data folder', async () => {
    expect((await run(['--from', '2026-11-01'], env(), dir)).err).toMatch(/--from and --to are required/);
    expect((await run([...range, '--device', 'P-999', '--no-progress'], env(), dir)).err).toContain('error: --device: unknown device P-999');
    const empty = await run(range, { DATA_DIR: join(dir, 'nothing-here') }, dir);
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/no application database at .*nothing-here/);
  });

  it('runs the fault benchmark over the demo plant', async () => {
    const { code, out } = await run(['faults', '--days', '1', '--devices', '2', '--sample-seconds', '60', '--json'], {}, REPO);
    expect(code).toBe(0);
    const result = JSON.parse(out) as FaultBenchmarkResult;
    expect(result.devices).toEqual(['P-101', 'P-104']);
    for (const s of result.scenarios) if (s.caughtShare !== null) expect(s.caughtShare).toBeGreaterThanOrEqual(0);
    const table = await run(['faults', '--days', '1', '--devices', '2', '--sample-seconds', '60'], {}, REPO);
    expect(table.out).toMatch(/^scenario\s+injected\s+caught\s+share\s+median lead\s+median delay\s+false alarms\/device-day\s+related$/m);
    expect(table.out).toMatch(/^overall\s+\d+/m);
  });
});
