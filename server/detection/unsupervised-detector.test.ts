import { describe, expect, it } from 'vitest';
import { MIN, noise, T0 } from './kind-test-rules';
import type { AnomalyEvent, ThresholdRule } from './types';
import { UnsupervisedDetector } from './unsupervised-detector';

const rule: ThresholdRule = {
  kind: 'unsupervised',
  id: 'class.pump.temperature.unsupervised',
  version: 1,
  deviceId: 'P-101',
  metric: 'temperature',
  direction: 'above',
  warn: 0.5,
  alarm: 0.7,
  clear: 0.2,
  minDurationMs: 0,
  clearDurationMs: 60 * MIN,
  failureMode: 'overheating',
};

/** Five-minute samples of a daily cycle with noise, from `fromDay` for `days`, plus `extra(minute)`. */
function feed(d: UnsupervisedDetector, fromMin: number, toMin: number, extra: (m: number) => number, n: () => number): AnomalyEvent[] {
  const out: AnomalyEvent[] = [];
  for (let m = fromMin; m < toMin; m += 5) {
    const e = d.observe(T0 + m * MIN, 60 + 5 * Math.sin((2 * Math.PI * m) / 1440) + 0.3 * n() + extra(m));
    if (e) out.push(e);
  }
  return out;
}

describe('unsupervised rule kind', () => {
  it('stays quiet on a familiar daily cycle, raises at the start of a level never seen, and clears an hour after its last surprise', () => {
    const d = new UnsupervisedDetector(rule);
    const n = noise(3);
    const days = 4 * 1440;
    expect(feed(d, 0, days, () => 0, n).filter((e) => e.ts > T0 + 2 * 1440 * MIN)).toEqual([]);
    const step = feed(d, days, days + 120, (m) => (m >= days + 30 ? 15 : 0), n);
    expect(step[0]).toMatchObject({ type: 'raised', kind: 'unsupervised', ts: T0 + (days + 30) * MIN });
    expect(step[0]!.detail).toMatch(/^anomaly score 0\.\d+ \(level 0\.\d+; most unusual: \w+/);
    // One score per episode: the level stays high but no further point out-surprises the first, so it clears after clearDuration.
    expect(step.map((e) => e.type)).toEqual(['raised', 'cleared']);
    expect(step[1]!.ts - step[0]!.ts).toBeGreaterThanOrEqual(60 * MIN);
    expect(d.active).toBeNull();
  });
});
