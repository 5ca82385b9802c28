import { describe, expect, it } from 'vitest';
import { ambientAt, DevicePhysics, type DeviceTraits } from './device-physics';
import { fixedTimeline, GeneratedTimeline, loadFraction } from './load-profile';
import { mulberry32 } from './random';

const MIN = 60_000;
const T0 = Date.UTC(2025, 0, 6, 6);
const traits: DeviceTraits = {
  ratedCurrent: 28,
  baseVibration: 1.0,
  ambientC: 25,
  riseFullC: 40,
  tauMs: 15 * MIN,
  warnC: 95,
  alarmC: 110,
  insulationLimitC: 155,
};
const steadyAt = (level: number) => ({ running: true, level, wobble: null, cycle: null });
const stopped = { running: false, level: 0, wobble: null, cycle: null };
/** Runs at 80 % for 3 h, then stops. */
const stepDown = () => fixedTimeline([{ start: T0, ...steadyAt(0.8) }, { start: T0 + 180 * MIN, ...stopped }]);
const rise = (ts: number, temperature: number) => temperature - ambientAt(traits.ambientC, ts);

describe('device physics (healthy signal model)', () => {
  it('current follows load: ~80 % of rated at 80 % load, near zero when stopped', () => {
    const p = new DevicePhysics(traits, stepDown(), 1, T0);
    const running = p.at(T0 + 60 * MIN);
    expect(running.current / traits.ratedCurrent).toBeGreaterThan(0.74);
    expect(running.current / traits.ratedCurrent).toBeLessThan(0.86);
    const off = p.at(T0 + 200 * MIN);
    expect(off.current).toBeLessThan(0.01 * traits.ratedCurrent);
    expect(off.vibration).toBeLessThan(0.25);
  });

  it('temperature lags a load step with the thermal time constant', () => {
    const p = new DevicePhysics(traits, stepDown(), 1, T0);
    const stepAt = T0 + 180 * MIN;
    const before = rise(stepAt - 1000, p.at(stepAt - 1000).temperature);
    // steady state at 80 %: 40 * (0.2 + 0.8 * 0.64) = 28.5 °C over ambient
    expect(before).toBeCloseTo(28.5, 0);
    const oneMinuteLater = rise(stepAt + MIN, p.at(stepAt + MIN).temperature);
    expect(oneMinuteLater).toBeGreaterThan(0.9 * before); // no jump: the frame is still hot
    const oneTau = rise(stepAt + 15 * MIN, p.at(stepAt + 15 * MIN).temperature);
    expect(oneTau / before).toBeGreaterThan(0.33);
    expect(oneTau / before).toBeLessThan(0.41); // e^-1 = 0.37
    const fiveTau = rise(stepAt + 75 * MIN, p.at(stepAt + 75 * MIN).temperature);
    expect(fiveTau).toBeLessThan(0.5);
  });

  it('integrates exactly across gaps: one read after 5 h equals sampling every second', () => {
    const fine = new DevicePhysics(traits, new GeneratedTimeline('compressor', mulberry32(5), T0), 9, T0);
    const coarse = new DevicePhysics(traits, new GeneratedTimeline('compressor', mulberry32(5), T0), 9, T0);
    const end = T0 + 5 * 60 * MIN;
    for (let t = T0; t < end; t += 1000) fine.at(t);
    const a = fine.at(end);
    const b = coarse.at(end);
    expect(b.temperature).toBeCloseTo(a.temperature, 6);
    expect(b.current).toBe(a.current);
    expect(b.vibration).toBe(a.vibration);
  });

  it('vibration rises a little with load, staying in the healthy zone', () => {
    const timeline = fixedTimeline([{ start: T0, ...steadyAt(0.4) }, { start: T0 + 60 * MIN, ...steadyAt(0.85) }]);
    const p = new DevicePhysics(traits, timeline, 3, T0);
    const mean = (from: number) => {
      let sum = 0;
      for (let i = 0; i < 600; i++) sum += p.at(from + i * 1000).vibration;
      return sum / 600;
    };
    const low = mean(T0 + 30 * MIN);
    const high = mean(T0 + 90 * MIN);
    expect(high).toBeGreaterThan(low * 1.1);
    expect(high).toBeLessThan(1.4);
  });

  it('injection molders run shot cycles of 30-60 s between 35 and 90 % of rated current', () => {
    const timeline = new GeneratedTimeline('injection-molder', mulberry32(11), T0);
    const seg = timeline.at(T0);
    expect(seg.cycle).not.toBeNull();
    expect(seg.cycle!.periodMs).toBeGreaterThanOrEqual(30_000);
    expect(seg.cycle!.periodMs).toBeLessThanOrEqual(60_000);
    const fractions = Array.from({ length: 600 }, (_, i) => loadFraction(seg, T0 + i * 100));
    expect(Math.min(...fractions)).toBeGreaterThanOrEqual(0.35);
    expect(Math.max(...fractions)).toBeLessThanOrEqual(0.9);
    expect(Math.max(...fractions) - Math.min(...fractions)).toBeGreaterThan(0.3);
  });

  it('compressors alternate load and unload every few minutes', () => {
    const timeline = new GeneratedTimeline('compressor', mulberry32(2), T0);
    const levels: number[] = [];
    let t = T0;
    for (let i = 0; i < 10; i++) {
      const seg = timeline.at(t);
      levels.push(seg.level);
      expect(seg.end - seg.start).toBeGreaterThanOrEqual(MIN);
      expect(seg.end - seg.start).toBeLessThanOrEqual(4 * MIN);
      t = seg.end;
    }
    for (let i = 1; i < levels.length; i++) expect(levels[i]! > 0.6).not.toBe(levels[i - 1]! > 0.6);
  });
});
