import { describe, expect, it } from 'vitest';
import { MAX_GAP_MS, RunningHoursAccumulator } from './running-hours';

const T = Date.UTC(2026, 2, 10, 8);
const rated: Record<string, number> = { 'P-101': 28, 'CV-C1': 15 };
const accumulator = () => new RunningHoursAccumulator({ ratedCurrentOf: (id) => rated[id] });
const at = (s: number) => T + s * 1000;

describe('running hours accumulator', () => {
  it('counts the interval after a running sample, per device, and drains once', () => {
    const acc = accumulator();
    acc.observe({ deviceId: 'P-101', ts: at(0), current: 22 });
    acc.observe({ deviceId: 'CV-C1', ts: at(0), current: 12 });
    acc.observe({ deviceId: 'P-101', ts: at(6), current: 22 });
    acc.observe({ deviceId: 'P-101', ts: at(12), current: 22 });
    acc.observe({ deviceId: 'CV-C1', ts: at(10), current: 12 });
    expect(acc.drain()).toEqual(new Map([['P-101', 12_000], ['CV-C1', 10_000]]));
    expect(acc.drain()).toEqual(new Map());
    // The last sample's interval counts once the next one arrives (no look-ahead).
    acc.observe({ deviceId: 'P-101', ts: at(18), current: 0.1 });
    expect(acc.drain()).toEqual(new Map([['P-101', 6_000]]));
  });

  it('does not count time below 10 % of the rated current, and counts from the sample that starts running', () => {
    const acc = accumulator();
    acc.observe({ deviceId: 'P-101', ts: at(0), current: 2.8 }); // exactly 10 %: not above, stopped
    acc.observe({ deviceId: 'P-101', ts: at(6), current: 0.2 });
    acc.observe({ deviceId: 'P-101', ts: at(12), current: 2.81 }); // running from here
    acc.observe({ deviceId: 'P-101', ts: at(18), current: 0 });
    acc.observe({ deviceId: 'P-101', ts: at(24), current: 0 });
    expect(acc.drain().get('P-101')).toBe(6_000);
  });

  it('does not count a gap longer than the cap (an outage), but resumes after it', () => {
    const acc = accumulator();
    acc.observe({ deviceId: 'P-101', ts: at(0), current: 20 });
    acc.observe({ deviceId: 'P-101', ts: at(0) + MAX_GAP_MS, current: 20 }); // exactly the cap: counts
    acc.observe({ deviceId: 'P-101', ts: at(0) + 2 * MAX_GAP_MS + 1, current: 20 }); // over the cap: not counted
    acc.observe({ deviceId: 'P-101', ts: at(0) + 2 * MAX_GAP_MS + 6_001, current: 20 });
    expect(acc.drain().get('P-101')).toBe(MAX_GAP_MS + 6_000);
  });

  it('ignores a sample that is not newer than the last one, and devices without a rated current', () => {
    const acc = accumulator();
    acc.observe({ deviceId: 'P-101', ts: at(10), current: 20 });
    acc.observe({ deviceId: 'P-101', ts: at(4), current: 0 }); // out of order: ignored, the state stays running
    acc.observe({ deviceId: 'P-101', ts: at(10), current: 0 }); // same time: ignored
    acc.observe({ deviceId: 'P-101', ts: at(16), current: 20 });
    acc.observe({ deviceId: 'X-9', ts: at(0), current: 50 });
    acc.observe({ deviceId: 'X-9', ts: at(6), current: 50 });
    expect(acc.drain()).toEqual(new Map([['P-101', 6_000]]));
  });
});
