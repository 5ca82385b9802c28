import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlantFile } from '../../contract/plant';
import { FAULT_KINDS } from '../../simulators/simulator';
import { DEFAULT_BENCHMARK_START, runFaultBenchmark, scheduleFaults } from './fault-benchmark';

const plant = loadPlantFile(fileURLToPath(new URL('../../simulators/plants/demo-plant.json', import.meta.url)));
const DAY = 86_400_000;

describe('fault benchmark', () => {
  // A tiny run: 3 devices, 2 days per scenario, one sample a minute.
  const tiny = { plant, days: 2, devices: 3, seed: 7, sampleSeconds: 60 };

  it('produces sane shares, lead times and rates for every scenario', () => {
    const result = runFaultBenchmark(tiny);
    expect(result.devices).toEqual(['P-101', 'P-104', 'C-201']);
    expect(result.scenarios.map((s) => s.scenario)).toEqual([...FAULT_KINDS]);
    for (const s of [...result.scenarios, result.overall]) {
      expect(s.deviceDays).toBe(s.scenario === 'overall' ? 4 * 6 : 6);
      expect(s.caught).toBeLessThanOrEqual(s.scored);
      if (s.caughtShare !== null) {
        expect(s.caughtShare).toBeGreaterThanOrEqual(0);
        expect(s.caughtShare).toBeLessThanOrEqual(1);
      }
      expect(s.falseAlarmsPerDeviceDay).toBe(s.falseAlarms / s.deviceDays);
    }
    const byKind = new Map(result.scenarios.map((s) => [s.scenario, s]));
    expect(byKind.get('bearing-wear')!.injected).toBeGreaterThan(0);
    // A worn bearing is caught before it fails; a jam has no failure instant, so no lead time.
    expect(byKind.get('bearing-wear')!.medianLeadTimeMs).toBeGreaterThan(0);
    expect(byKind.get('jam')!.medianLeadTimeMs).toBeNull();
    // A dropout is scored as a no-data fault: the default deadman reports the longer ones.
    const dropout = byKind.get('sensor-dropout')!;
    expect(dropout.scored).toBe(dropout.injected);
    expect(dropout.caught).toBeGreaterThan(0);
    expect(result.overall.injected).toBe(result.scenarios.reduce((n, s) => n + s.injected, 0));
    expect(result.overall.scored).toBe(result.scenarios.reduce((n, s) => n + s.scored, 0));
  });

  it('is deterministic for a seed', () => {
    expect(runFaultBenchmark(tiny)).toEqual(runFaultBenchmark(tiny));
  });

  it('schedules faults one after another, each over by the end of the run', () => {
    const end = DEFAULT_BENCHMARK_START + 7 * DAY;
    for (const kind of FAULT_KINDS) {
      const faults = scheduleFaults(kind, 'P-104', 1, DEFAULT_BENCHMARK_START, end);
      expect(faults.length).toBeGreaterThan(1);
      for (let i = 0; i < faults.length; i++) {
        const f = faults[i]!;
        expect(f.kind).toBe(kind);
        expect(f.startAt + f.durationMs!).toBeLessThanOrEqual(end);
        if (i > 0) expect(f.startAt).toBeGreaterThan(faults[i - 1]!.startAt + faults[i - 1]!.durationMs!);
      }
    }
    expect(scheduleFaults('jam', 'P-104', 1, DEFAULT_BENCHMARK_START, end)).toEqual(scheduleFaults('jam', 'P-104', 1, DEFAULT_BENCHMARK_START, end));
    expect(scheduleFaults('jam', 'P-104', 2, DEFAULT_BENCHMARK_START, end)).not.toEqual(scheduleFaults('jam', 'P-104', 1, DEFAULT_BENCHMARK_START, end));
  });

  it('refuses more devices than the plant has', () => {
    expect(() => runFaultBenchmark({ ...tiny, devices: 14 })).toThrow(/devices must be a whole number from 1 to 13/);
  });
});
