import { describe, expect, it } from 'vitest';
import { loadPlantFile } from '../contract/plant';
import { sampleSchema, type Sample } from '../contract/telemetry';
import { PlantSimulator } from './plant-simulator';

const plant = loadPlantFile('simulators/plants/demo-plant.json');
const T0 = Date.UTC(2025, 0, 6, 6);
const MIN = 60_000;
const HOUR = 60 * MIN;
const sim = (seed = 1) => new PlantSimulator({ plant, seed, startAt: T0 });

function series(s: PlantSimulator, deviceId: string, from: number, to: number, stepMs: number): Sample[] {
  const out: Sample[] = [];
  for (let t = from; t <= to; t += stepMs) out.push(s.read(deviceId, t)!);
  return out;
}

describe('plant simulator: healthy plant', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = sim(1);
    const b = sim(1);
    const c = sim(2);
    for (const id of a.deviceIds()) {
      const sa = series(a, id, T0, T0 + 2 * HOUR, 5 * MIN);
      expect(series(b, id, T0, T0 + 2 * HOUR, 5 * MIN)).toEqual(sa);
      expect(series(c, id, T0, T0 + 2 * HOUR, 5 * MIN)).not.toEqual(sa);
    }
  });

  it('gives the same reading at an instant whether sampled every second or every 10 minutes', () => {
    const fine = sim();
    const coarse = sim();
    for (let t = T0; t <= T0 + HOUR; t += 1000) {
      const f = fine.read('C-201', t)!;
      if ((t - T0) % (10 * MIN) === 0) {
        const c = coarse.read('C-201', t)!;
        expect(c.current).toBe(f.current);
        expect(c.vibration).toBe(f.vibration);
        expect(Math.abs(c.temperature - f.temperature)).toBeLessThanOrEqual(0.01);
      }
    }
  });

  it('keeps every healthy device in its healthy bands over a simulated day, every sample valid', () => {
    const s = sim();
    for (const id of s.deviceIds()) {
      const { ratedCurrent, warnC } = s.traits(id);
      let maxVib = 0;
      let maxTemp = -Infinity;
      let maxCurrent = 0;
      let minRunningCurrent = Infinity;
      const invalid: unknown[] = [];
      for (let t = T0; t < T0 + 24 * HOUR; t += 10_000) {
        const sample = s.read(id, t);
        if (!sampleSchema.safeParse(sample).success) invalid.push(sample);
        if (!sample) continue;
        maxVib = Math.max(maxVib, sample!.vibration);
        maxTemp = Math.max(maxTemp, sample!.temperature);
        maxCurrent = Math.max(maxCurrent, sample!.current);
        if (sample!.current > 0.1 * ratedCurrent) minRunningCurrent = Math.min(minRunningCurrent, sample!.current);
      }
      expect(invalid, id).toEqual([]);
      expect(maxVib, id).toBeLessThan(2.8);
      expect(maxVib, id).toBeGreaterThan(0.7);
      expect(maxTemp, id).toBeLessThan(Math.min(95, warnC - 5));
      expect(maxTemp, id).toBeGreaterThan(30);
      expect(maxCurrent, id).toBeLessThanOrEqual(1.05 * ratedCurrent);
      expect(minRunningCurrent / ratedCurrent, id).toBeGreaterThan(0.3);
    }
  });

  it('conveyors stop now and then: current drops to ~0 and the frame cools, lagging', () => {
    const s = sim();
    const samples = series(s, 'CV-C1', T0, T0 + 24 * HOUR, 30_000);
    const rated = s.traits('CV-C1').ratedCurrent;
    const stops: { begin: Sample; end: Sample }[] = [];
    let begin: Sample | null = null;
    let last: Sample | null = null;
    for (const x of samples) {
      const off = x.current < 0.02 * rated;
      if (off && !begin) begin = x;
      if (!off && begin && last) {
        if (last.ts - begin.ts >= 3 * MIN) stops.push({ begin, end: last });
        begin = null;
      }
      last = x;
    }
    expect(stops.length).toBeGreaterThanOrEqual(2);
    for (const { begin: b, end: e } of stops) {
      expect(e.vibration).toBeLessThan(0.3);
      expect(b.temperature - e.temperature).toBeGreaterThan(1); // cooling while stopped
      expect(e.temperature).toBeGreaterThan(28); // ...but not instantly down to ambient
    }
  });

  it('temperature follows load: hourly mean current and temperature move together', () => {
    const s = sim();
    for (const id of ['P-101', 'M-B2', 'GB-C3']) {
      const samples = series(s, id, T0, T0 + 24 * HOUR, MIN);
      const hourly = (key: 'current' | 'temperature') =>
        Array.from({ length: 24 }, (_, h) => samples.slice(h * 60, h * 60 + 60).reduce((sum, x) => sum + x[key], 0) / 60);
      expect(correlation(hourly('current'), hourly('temperature')), id).toBeGreaterThan(0.6);
    }
  });

  it('refuses unknown devices and reads that go back in time, naming the device', () => {
    const s = sim();
    expect(() => s.read('P-999', T0)).toThrowError(/unknown device "P-999"/);
    s.read('P-104', T0 + MIN);
    expect(() => s.read('P-104', T0)).toThrowError(/"P-104".*goes back/);
    expect(s.read('P-104', T0 + MIN)).not.toBeNull(); // same instant again is fine
  });
});

function correlation(xs: number[], ys: number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * (ys[i]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}
