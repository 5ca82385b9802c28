import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plantDevices } from '../../contract/plant';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createSqliteTelemetryStore } from '../../gateway/telemetry-store/sqlite-telemetry-store';
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import { defaultRuleTemplates } from '../detection/default-rules';
import type { AnomalyEvent } from '../detection/types';
import { LiveTelemetry } from '../live-telemetry';
import { testPlant } from '../testing/test-database';
import { resolveRuleSets } from './candidate-rules';
import { BacktestTooLargeError, readPages, replayTelemetry, type BacktestProgress } from './telemetry-replay';
import { HOUR, lowerPumpVibrationWarn, RANGE_START, scenarioPoints } from './test-telemetry';

const devices = plantDevices(testPlant());
const rules = resolveRuleSets(devices, defaultRuleTemplates(), [lowerPumpVibrationWarn()]);
const FROM = RANGE_START;
const TO = RANGE_START + 8 * HOUR;

describe('telemetry replay over a SQLite store', () => {
  let dir: string;
  let store: TelemetryStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pdm-backtest-'));
    store = createSqliteTelemetryStore({ file: join(dir, 'telemetry.db') });
    await store.write(scenarioPoints());
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const replay = (overrides: Partial<Parameters<typeof replayTelemetry>[0]> = {}) =>
    replayTelemetry({ store, deviceIds: ['P-104', 'P-101'], from: FROM, to: TO, current: rules.current, candidate: rules.candidate, ...overrides });

  it('gives exactly the events live detection gives for the same points', async () => {
    // Live: ingest hands stored points over in batches, devices interleaved in time.
    const live: AnomalyEvent[] = [];
    // Live time is the points' time here (the wall clock is years later and would make every device silent).
    const telemetry = new LiveTelemetry({ rules: rules.candidate, onAnomaly: (e) => live.push(e), onSeen: () => {}, onLatest: () => {}, onError: (err) => { throw err; }, now: () => FROM });
    const interleaved = scenarioPoints().sort((a, b) => a.ts - b.ts || (a.deviceId < b.deviceId ? -1 : 1));
    for (let i = 0; i < interleaved.length; i += 50) telemetry.observe(interleaved.slice(i, i + 50));
    telemetry.stop();

    const replayed: AnomalyEvent[] = [];
    await replay({ onEvent: (set, e) => set === 'candidate' && replayed.push(e), pageSize: 333 });
    const byDevice = (events: AnomalyEvent[]) => [...events].sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
    expect(replayed.length).toBeGreaterThan(0);
    expect(byDevice(replayed)).toEqual(byDevice(live));
  });

  it('raises with the candidate what the current rules do not', async () => {
    const result = await replay();
    expect(result.points).toBe(scenarioPoints().length);
    expect(result.current.orders.map((o) => o.deviceId)).toEqual(['P-101']);
    expect(result.candidate.orders.map((o) => o.deviceId)).toEqual(['P-104', 'P-101']);
    // P-104 at 2.6 mm/s from 2:00: raised 5 min later (the rule's minimum duration).
    expect(result.candidate.orders[0]!.openedAt).toBe(RANGE_START + 2 * HOUR + 5 * 60_000);
    expect(result.candidate.anomalies.find((a) => a.deviceId === 'P-104')).toMatchObject({ raisedLimit: 2.5, clearedAt: RANGE_START + 3 * HOUR + 10 * 60_000 });
  });

  it('gives the same result whatever the page size, and never splits a timestamp across pages', async () => {
    // Two samples with one timestamp (a device with two seq at the same ms), right where small pages end.
    const base = scenarioPoints().filter((p) => p.deviceId === 'P-104');
    const twins: TelemetryPoint[] = base.slice(0, 40).map((p) => ({ ...p, seq: p.seq + 1_000_000 }));
    await store.write(twins);
    const pages: TelemetryPoint[][] = [];
    for await (const page of readPages(store, 'P-104', FROM, TO, 7)) pages.push(page);
    expect(pages.flat()).toEqual(await store.query({ deviceId: 'P-104', from: FROM, to: TO }));
    for (let i = 1; i < pages.length; i++) expect(pages[i]![0]!.ts).toBeGreaterThan(pages[i - 1]!.at(-1)!.ts);

    const small = await replay({ pageSize: 7 });
    const large = await replay({ pageSize: 100_000 });
    expect(small.points).toBe(large.points);
    expect(small.pointsByDevice.get('P-104')).toBe(base.length + twins.length);
    expect(small.candidate).toEqual(large.candidate);
    expect(small.current).toEqual(large.current);
  });

  it('reports progress up to every point and refuses to go past the cap', async () => {
    const seen: BacktestProgress[] = [];
    const result = await replay({ pageSize: 500, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.pointsDone).toBeGreaterThan(seen[i - 1]!.pointsDone);
    for (const p of seen) expect(p.pointsTotal).toBeGreaterThanOrEqual(p.pointsDone);
    expect(seen.at(-1)!.pointsDone).toBe(result.points);

    await expect(replay({ maxPoints: 1000, pageSize: 500 })).rejects.toBeInstanceOf(BacktestTooLargeError);
  });
});
