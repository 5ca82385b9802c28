import { describe, expect, it } from 'vitest';
import { Sampler } from './sampler';
import { FakeSource, FastClock, ManualClock, T0 } from './test-fixtures';

const seconds = (ts: number[]) => ts.map((t) => (t - T0) / 1000);

describe('sampler', () => {
  it('reads every device at each instant the clock has passed, on an even grid', () => {
    const clock = new ManualClock(T0 + 400);
    const sampler = new Sampler({ source: new FakeSource(), clock, deviceIds: ['A', 'B'], sampleIntervalMs: 1000 });
    expect(sampler.takeDue().samples).toEqual([]); // first instant is T0+1 s, not yet reached
    clock.advance(3_000); // T0 + 3.4 s
    const batch = sampler.takeDue();
    expect(batch.instants).toBe(3);
    expect(batch.samples.map((s) => s.deviceId)).toEqual(['A', 'B', 'A', 'B', 'A', 'B']);
    expect(seconds(batch.samples.filter((s) => s.deviceId === 'A').map((s) => s.sample.ts))).toEqual([1, 2, 3]);
    expect(sampler.takeDue().instants).toBe(0);
  });

  it('takes several samples per real tick when the clock runs fast', async () => {
    const clock = new FastClock(1000); // 1000 simulated ms per real ms
    const sampler = new Sampler({ source: new FakeSource(), clock, deviceIds: ['A'], sampleIntervalMs: 1000 });
    await new Promise((r) => setTimeout(r, 20));
    const { samples } = sampler.takeDue();
    expect(samples.length).toBeGreaterThanOrEqual(15);
    const ts = samples.map((s) => s.sample.ts);
    expect(ts.slice(1).map((t, i) => t - ts[i]!)).toEqual(Array(ts.length - 1).fill(1000));
  });

  it('catches up a large backlog over several calls without skipping instants', () => {
    const clock = new ManualClock();
    const sampler = new Sampler({ source: new FakeSource(), clock, deviceIds: ['A'], sampleIntervalMs: 1000, maxInstantsPerCall: 4 });
    clock.advance(9_000); // 10 instants due
    const first = sampler.takeDue();
    expect([first.instants, first.lagMs]).toEqual([4, 5_000]);
    expect(sampler.takeDue().instants).toBe(4);
    const last = sampler.takeDue();
    expect([last.instants, last.lagMs]).toEqual([2, 0]);
    expect(seconds(last.samples.map((s) => s.sample.ts))).toEqual([8, 9]);
  });

  it('counts null readings and throwing reads as dropouts and reports the error', () => {
    const clock = new ManualClock();
    const errors: string[] = [];
    const source = {
      read: (deviceId: string, ts: number) => {
        if (deviceId === 'B') throw new Error('modbus timeout');
        return deviceId === 'C' ? null : new FakeSource().read(deviceId, ts);
      },
    };
    const sampler = new Sampler({ source, clock, deviceIds: ['A', 'B', 'C'], sampleIntervalMs: 1000, onReadError: (d, _ts, e) => errors.push(`${d}: ${(e as Error).message}`) });
    const batch = sampler.takeDue();
    expect(batch.samples.map((s) => s.deviceId)).toEqual(['A']);
    expect(batch.dropouts).toBe(2);
    expect(errors).toEqual(['B: modbus timeout']);
  });
});
