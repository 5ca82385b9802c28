import { describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { sampleSchema, type Sample } from '../contract/telemetry';
import { FAILURE_VIBRATION_MM_S } from './faults';
import { PlantSimulator } from './plant-simulator';

const plant = loadPlantFile('simulators/plants/demo-plant.json');
const T0 = Date.UTC(2025, 0, 6, 6);
const MIN = 60_000;
const HOUR = 60 * MIN;

/** A faulty plant and its healthy twin (same seed): the difference is the fault alone. */
function twins() {
  return { sim: new PlantSimulator({ plant, seed: 1, startAt: T0 }), twin: new PlantSimulator({ plant, seed: 1, startAt: T0 }) };
}
function firstCrossing(samples: Sample[], key: keyof Sample, limit: number): number | null {
  return samples.find((s) => s[key] > limit)?.ts ?? null;
}
function read(sim: PlantSimulator, id: string, from: number, to: number, step: number): Sample[] {
  const out: Sample[] = [];
  for (let t = from; t <= to; t += step) out.push(sim.read(id, t)!);
  return out;
}

describe('bearing wear', () => {
  const startAt = T0 + HOUR;
  const failureAt = T0 + 9 * HOUR;

  it('vibration rises hour by hour, accelerating, crossing 2.8 then 4.5 mm/s before failure', () => {
    const { sim, twin } = twins();
    sim.inject({ id: 'bw', deviceId: 'P-104', kind: 'bearing-wear', startAt, failureAt });
    const samples = read(sim, 'P-104', T0, failureAt, 10_000);
    expect(samples.every((s) => sampleSchema.safeParse(s).success)).toBe(true);
    const hourly = Array.from({ length: 9 }, (_, h) => {
      const hour = samples.filter((s) => s.ts >= T0 + h * HOUR && s.ts < T0 + (h + 1) * HOUR);
      return hour.reduce((sum, s) => sum + s.vibration, 0) / hour.length;
    });
    expect(hourly[0]).toBeLessThan(2); // healthy before the fault
    for (let h = 2; h < 9; h++) expect(hourly[h]!).toBeGreaterThan(hourly[h - 1]!);
    expect(hourly[8]! - hourly[7]!).toBeGreaterThan(hourly[3]! - hourly[2]!); // accelerating

    const at28 = firstCrossing(samples, 'vibration', 2.8)!;
    const at45 = firstCrossing(samples, 'vibration', 4.5)!;
    expect(at28).toBeGreaterThan(startAt);
    expect(at45).toBeGreaterThan(at28);
    expect(at45).toBeLessThan(failureAt);
    const last10min = samples.filter((s) => s.ts > failureAt - 10 * MIN);
    expect(last10min.reduce((sum, s) => sum + s.vibration, 0) / last10min.length).toBeGreaterThan(8); // zone D
    expect(sim.read('P-104', failureAt)!.vibration).toBeGreaterThan(0.8 * FAILURE_VIBRATION_MM_S);

    // the bearing runs a few degrees warmer near the end, not at the start
    const dT = (t: number) => sim.read('P-104', t)!.temperature - twin.read('P-104', t)!.temperature;
    expect(dT(failureAt + 1000)).toBeGreaterThan(4);
    expect(dT(failureAt + 1000)).toBeLessThan(10);
  });

  it('repair (clearFault) brings vibration straight back to healthy and the temperature soon after', () => {
    const { sim, twin } = twins();
    sim.inject({ id: 'bw', deviceId: 'P-104', kind: 'bearing-wear', startAt, failureAt });
    const repairAt = failureAt - HOUR;
    read(sim, 'P-104', T0, repairAt, MIN);
    expect(sim.read('P-104', repairAt)!.vibration).toBeGreaterThan(4.5);
    expect(sim.clearFault('bw', repairAt)).toBe(true);
    expect(sim.activeFaults()).toEqual([]);
    const after = sim.read('P-104', repairAt + 1000)!;
    const healthy = twin.read('P-104', repairAt + 1000)!;
    expect(after.vibration).toBe(healthy.vibration);
    expect(after.current).toBe(healthy.current);
    expect(Math.abs(sim.read('P-104', repairAt + HOUR)!.temperature - twin.read('P-104', repairAt + HOUR)!.temperature)).toBeLessThan(0.5);
    expect(sim.groundTruth()).toEqual([{ faultId: 'bw', deviceId: 'P-104', kind: 'bearing-wear', startAt, failureAt, endAt: repairAt }]);
    expect(sim.clearFault('bw', repairAt + MIN)).toBe(false); // already over
  });
});

describe('overheating', () => {
  it.each([
    ['IM-A1', 'F', 95, 110],
    ['F-A1', 'B', 70, 85],
  ])('%s (class %s) crosses warn %i °C, then alarm %i °C about at failureAt', (deviceId, _cls, warnC, alarmC) => {
    const { sim } = twins();
    expect(sim.traits(deviceId)).toMatchObject({ warnC, alarmC });
    const startAt = T0 + HOUR;
    const failureAt = T0 + 3 * HOUR;
    sim.inject({ id: 'oh', deviceId, kind: 'overheating', startAt, failureAt });
    const samples = read(sim, deviceId, T0, failureAt + 10 * MIN, 10_000);
    expect(samples.every((s) => sampleSchema.safeParse(s).success)).toBe(true);
    expect(Math.max(...samples.filter((s) => s.ts < startAt).map((s) => s.temperature))).toBeLessThan(warnC - 5);
    const atWarn = firstCrossing(samples, 'temperature', warnC)!;
    const atAlarm = firstCrossing(samples, 'temperature', alarmC)!;
    expect(atWarn).toBeGreaterThan(startAt + 30 * MIN); // a drift, not a jump
    expect(atAlarm).toBeGreaterThan(atWarn + 10 * MIN);
    expect(atAlarm).toBeLessThanOrEqual(failureAt);
    expect(atAlarm).toBeGreaterThan(failureAt - 15 * MIN);
  });

  it('cools back below warn within the hour after repair', () => {
    const { sim } = twins();
    sim.inject({ id: 'oh', deviceId: 'IM-A1', kind: 'overheating', startAt: T0 + HOUR, failureAt: T0 + 3 * HOUR });
    read(sim, 'IM-A1', T0, T0 + 3 * HOUR, MIN);
    sim.clearFault('oh', T0 + 3 * HOUR);
    const after = read(sim, 'IM-A1', T0 + 3 * HOUR + MIN, T0 + 4 * HOUR, MIN);
    expect(after[0]!.temperature).toBeGreaterThan(100); // it takes time to cool
    expect(after[after.length - 1]!.temperature).toBeLessThan(70);
  });
});

describe('jam', () => {
  it('drives current above 125 % of rated with vibration up for its duration, then back to normal', () => {
    const { sim, twin } = twins();
    const rated = sim.traits('CV-C1').ratedCurrent;
    const startAt = T0 + 30 * MIN;
    const endAt = startAt + 4 * MIN;
    sim.inject({ id: 'jam', deviceId: 'CV-C1', kind: 'jam', startAt, durationMs: 4 * MIN });
    const during = read(sim, 'CV-C1', startAt, endAt - 1000, 1000);
    const healthyDuring = read(twin, 'CV-C1', startAt, endAt - 1000, 1000);
    expect(during.every((s) => s.current > 1.25 * rated && s.current < 2.6 * rated)).toBe(true);
    expect(during.every((s) => sampleSchema.safeParse(s).success)).toBe(true);
    const meanVib = (xs: Sample[]) => xs.reduce((sum, s) => sum + s.vibration, 0) / xs.length;
    expect(meanVib(during)).toBeGreaterThan(meanVib(healthyDuring) + 1.2);
    // the stalled motor heats up
    expect(during[during.length - 1]!.temperature - healthyDuring[healthyDuring.length - 1]!.temperature).toBeGreaterThan(5);

    const after = read(sim, 'CV-C1', endAt, endAt + 10 * MIN, 1000);
    const healthyAfter = read(twin, 'CV-C1', endAt, endAt + 10 * MIN, 1000);
    expect(after.every((s) => s.current <= rated)).toBe(true);
    expect(after.map((s) => s.current)).toEqual(healthyAfter.map((s) => s.current));
    expect(after[after.length - 1]!.temperature).toBeLessThan(after[0]!.temperature); // cooling off
    expect(sim.groundTruth()).toEqual([{ faultId: 'jam', deviceId: 'CV-C1', kind: 'jam', startAt, failureAt: null, endAt }]);
  });
});

describe('sensor dropout', () => {
  it('returns null exactly inside its window and real readings around it', () => {
    const { sim } = twins();
    const startAt = T0 + 10 * MIN;
    const endAt = startAt + 5 * MIN;
    sim.inject({ id: 'do', deviceId: 'M-D2', kind: 'sensor-dropout', startAt, durationMs: 5 * MIN });
    for (let t = T0; t < T0 + 30 * MIN; t += 1000) {
      const inside = t >= startAt && t < endAt;
      const sample = sim.read('M-D2', t);
      if (inside !== (sample === null)) throw new Error(`at +${(t - T0) / 1000} s: inside=${inside}, got ${JSON.stringify(sample)}`);
    }
    expect(sim.read('P-104', startAt + MIN)).not.toBeNull(); // other devices unaffected
  });
});

describe('fault injection', () => {
  it('rejects unknown devices, duplicate ids and impossible times, naming them', () => {
    const { sim } = twins();
    expect(() => sim.inject({ id: 'x', deviceId: 'P-999', kind: 'jam', startAt: T0 })).toThrowError(/unknown device "P-999"/);
    expect(() => sim.inject({ id: 'x', deviceId: 'P-104', kind: 'bearing-wear', startAt: T0, failureAt: T0 - 1 })).toThrowError(/fault "x": failureAt must be after startAt/);
    expect(() => sim.inject({ id: 'x', deviceId: 'P-104', kind: 'jam', startAt: T0, failureAt: T0 + HOUR })).toThrowError(/failureAt applies to bearing-wear and overheating only/);
    expect(() => sim.inject({ id: 'x', deviceId: 'P-104', kind: 'jam', startAt: T0, durationMs: 0 })).toThrowError(/durationMs must be a positive number/);
    sim.inject({ id: 'x', deviceId: 'P-104', kind: 'jam', startAt: T0 });
    expect(() => sim.inject({ id: 'x', deviceId: 'P-101', kind: 'jam', startAt: T0 })).toThrowError(/fault "x" is already injected/);
    expect(() => sim.clearFault('nope')).toThrowError(/unknown fault "nope"/);
  });

  it('uses believable defaults: jam 3 min, dropout 10 min, bearing wear fails 12 h after start', () => {
    const { sim } = twins();
    expect(sim.inject({ id: 'j', deviceId: 'CV-C1', kind: 'jam', startAt: T0 }).endAt).toBe(T0 + 3 * MIN);
    expect(sim.inject({ id: 'd', deviceId: 'M-D2', kind: 'sensor-dropout', startAt: T0 }).endAt).toBe(T0 + 10 * MIN);
    expect(sim.inject({ id: 'b', deviceId: 'P-104', kind: 'bearing-wear', startAt: T0 })).toMatchObject({ failureAt: T0 + 12 * HOUR, endAt: null });
  });

  it('a fault cleared before it starts never happens', () => {
    const { sim, twin } = twins();
    sim.inject({ id: 'later', deviceId: 'P-104', kind: 'bearing-wear', startAt: T0 + HOUR, failureAt: T0 + 2 * HOUR });
    expect(sim.activeFaults(T0 + 90 * MIN).map((f) => f.id)).toEqual(['later']);
    expect(sim.clearFault('later', T0 + 30 * MIN)).toBe(true);
    expect(sim.read('P-104', T0 + 2 * HOUR)).toEqual(twin.read('P-104', T0 + 2 * HOUR));
    expect(sim.groundTruth()).toEqual([]);
    expect(sim.activeFaults(T0 + 90 * MIN)).toEqual([]);
  });
});
