import { describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { createSimulator, DEMO_SCENARIO_FILE } from './simulator';

const plant = loadPlantFile('simulators/plants/demo-plant.json');
const MIN = 60_000;
const HOUR = 60 * MIN;

/** What `npm start` does: 60x real time, every device sampled every 1 s of simulated time. */
describe('demo scenario (npm start)', () => {
  it.each([1, 2, 3, 42])('seed %i: P-104 vibration crosses 2.8 mm/s 15-25 min after the wear starts, 4.5 later, before failure', (seed) => {
    const startAt = Date.UTC(2025, 0, 6, 6) + seed * 7 * HOUR; // different times of day too
    const sim = createSimulator({ plant, seed, startAt, scenario: DEMO_SCENARIO_FILE });
    const wear = sim.activeFaults(startAt + 3 * MIN).find((f) => f.deviceId === 'P-104')!;
    expect(wear).toMatchObject({ kind: 'bearing-wear', startAt: startAt + 2 * MIN });
    let at28: number | null = null;
    let at45: number | null = null;
    for (let t = startAt; t <= wear.failureAt!; t += 1000) {
      const v = sim.read('P-104', t)!.vibration;
      if (at28 === null && v > 2.8) at28 = t;
      if (at45 === null && v > 4.5) at45 = t;
    }
    const minutes = (t: number | null) => (t! - wear.startAt) / MIN;
    expect(minutes(at28)).toBeGreaterThanOrEqual(15);
    expect(minutes(at28)).toBeLessThanOrEqual(25);
    expect(minutes(at45)).toBeGreaterThan(minutes(at28) + 3);
    expect(at45!).toBeLessThan(wear.failureAt!);
  });

  it('spreads the other faults over the first few simulated hours', () => {
    const startAt = Date.UTC(2025, 0, 6, 6);
    const sim = createSimulator({ plant, startAt, scenario: DEMO_SCENARIO_FILE });
    sim.advanceTo(startAt + 4 * HOUR);
    const truth = sim.groundTruth();
    expect(truth.map((r) => `${r.kind}@${r.deviceId}`)).toEqual(['bearing-wear@P-104', 'overheating@IM-A1', 'jam@CV-C1', 'sensor-dropout@M-D2']);
    expect(truth.every((r) => r.startAt < startAt + 3 * HOUR)).toBe(true);
    expect(new Set(truth.map((r) => Math.floor((r.startAt - startAt) / (30 * MIN)))).size).toBe(4); // not all at once
  });
});
