import { describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { FAULT_KINDS } from './faults';
import { PlantSimulator } from './plant-simulator';

const plant = loadPlantFile('simulators/plants/demo-plant.json');
const T0 = Date.UTC(2025, 0, 6, 6);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('random faults', () => {
  it('occur at about the configured rate over many device-days, all kinds, on every device', () => {
    const sim = new PlantSimulator({ plant, seed: 3, startAt: T0, randomFaults: { perDeviceDay: 0.25 } });
    const days = 200;
    sim.advanceTo(T0 + days * DAY);
    const truth = sim.groundTruth();
    const expected = 0.25 * days * sim.deviceIds().length; // 650
    expect(truth.length).toBeGreaterThan(expected * 0.85);
    expect(truth.length).toBeLessThan(expected * 1.15);
    expect(new Set(truth.map((r) => r.kind))).toEqual(new Set(FAULT_KINDS));
    expect(new Set(truth.map((r) => r.deviceId))).toEqual(new Set(sim.deviceIds()));
    expect(truth.every((r) => r.startAt >= T0 && r.startAt <= T0 + days * DAY)).toBe(true);
  });

  it('have believable parameters and end by themselves (degradations: run to failure, then repaired)', () => {
    const sim = new PlantSimulator({ plant, seed: 4, startAt: T0, randomFaults: { perDeviceDay: 0.5 } });
    sim.advanceTo(T0 + 100 * DAY);
    const ended = sim.groundTruth().filter((r) => r.endAt !== null);
    expect(ended.length).toBeGreaterThan(500);
    for (const r of ended) {
      const lasted = r.endAt! - r.startAt;
      if (r.kind === 'bearing-wear') expect((r.failureAt! - r.startAt) / HOUR).toSatisfy((h: number) => h >= 4 && h <= 24);
      if (r.kind === 'overheating') expect((r.failureAt! - r.startAt) / HOUR).toSatisfy((h: number) => h >= 1 && h <= 3);
      if (r.failureAt !== null) expect(r.endAt!).toBeGreaterThan(r.failureAt);
      if (r.kind === 'jam') expect(lasted / 60_000).toSatisfy((m: number) => m >= 2 && m <= 6);
      if (r.kind === 'sensor-dropout') expect(lasted / 60_000).toSatisfy((m: number) => m >= 1 && m <= 30);
    }
  });

  it('are the same for the same seed, whatever the reading pattern', () => {
    const a = new PlantSimulator({ plant, seed: 9, startAt: T0, randomFaults: { perDeviceDay: 1 } });
    const b = new PlantSimulator({ plant, seed: 9, startAt: T0, randomFaults: { perDeviceDay: 1 } });
    a.advanceTo(T0 + 10 * DAY);
    for (let t = T0; t <= T0 + 10 * DAY; t += HOUR) b.read('P-101', t);
    expect(b.groundTruth()).toEqual(a.groundTruth());
    const c = new PlantSimulator({ plant, seed: 10, startAt: T0, randomFaults: { perDeviceDay: 1 } });
    c.advanceTo(T0 + 10 * DAY);
    expect(c.groundTruth()).not.toEqual(a.groundTruth());
  });

  it('can be limited to some kinds, and rejects a bad rate', () => {
    const sim = new PlantSimulator({ plant, seed: 1, startAt: T0, randomFaults: { perDeviceDay: 1, kinds: ['jam'] } });
    sim.advanceTo(T0 + 5 * DAY);
    expect(new Set(sim.groundTruth().map((r) => r.kind))).toEqual(new Set(['jam']));
    expect(() => new PlantSimulator({ plant, seed: 1, startAt: T0, randomFaults: { perDeviceDay: -1 } })).toThrowError(/perDeviceDay/);
  });
});
