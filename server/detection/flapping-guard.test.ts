import { describe, expect, it } from 'vitest';
import { FlappingGuard } from './flapping-guard';
import { MIN, T0 } from './kind-test-rules';
import { ThresholdDetector } from './threshold-detector';
import type { AnomalyEvent, ThresholdRule } from './types';

const rule: ThresholdRule = {
  id: 'class.pump.vibration',
  version: 1,
  deviceId: 'P-101',
  metric: 'vibration',
  direction: 'above',
  warn: 2.8,
  alarm: 4.5,
  clear: 2.3,
  minDurationMs: 0,
  clearDurationMs: 0,
  failureMode: 'vibration-high',
  flapping: { maxRaises: 3, windowMs: 60 * MIN, quietMs: 30 * MIN },
};

const guard = () => new FlappingGuard(new ThresholdDetector(rule), rule.flapping!);

/** One point a minute; returns [type, flapping] of the events. */
function feed(g: FlappingGuard, from: number, values: number[]): Array<[string, boolean]> {
  const out: AnomalyEvent[] = [];
  values.forEach((v, i) => {
    const e = g.observe(T0 + (from + i) * MIN, v);
    if (e) out.push(e);
  });
  return out.map((e) => [e.type, e.flapping ?? false]);
}

describe('flapping suppression', () => {
  it('passes the first raise/clear pairs, holds the rule raised on the one too many, and marks it once', () => {
    const g = guard();
    const flap = [3, 2, 3, 2, 3, 2];
    expect(feed(g, 0, flap)).toEqual([
      ['raised', false],
      ['cleared', false],
      ['raised', false],
      ['cleared', false],
      ['raised', false],
      ['cleared', false],
    ]);
    // The fourth raise within an hour: held, marked flapping; further pairs are swallowed.
    expect(feed(g, 6, [3, 2, 3, 2, 3])).toEqual([['raised', true]]);
    expect(g.flapping).toBe(true);
    expect(g.active).toMatchObject({ severity: 'warn' });
  });

  it('lets a rise in severity through while held', () => {
    const g = guard();
    feed(g, 0, [3, 2, 3, 2, 3, 2, 3, 2]);
    expect(feed(g, 8, [5, 2])).toEqual([['escalated', true]]);
  });

  it('releases after the quiet period: cleared if the condition is gone, then re-arms', () => {
    const g = guard();
    feed(g, 0, [3, 2, 3, 2, 3, 2, 3, 2]);
    expect(feed(g, 8, new Array(29).fill(2))).toEqual([]);
    expect(g.tick(T0 + 37 * MIN)).toMatchObject({ type: 'cleared', startedAt: T0 + 6 * MIN, detail: 'flapping ended' });
    expect(g.flapping).toBe(false);
    expect(g.active).toBeNull();
    // Much later a single raise is an ordinary raise again.
    expect(feed(g, 200, [3])).toEqual([['raised', false]]);
  });

  it('on release with the condition still there, stays raised and goes on as usual', () => {
    const g = guard();
    feed(g, 0, [3, 2, 3, 2, 3, 2, 3]);
    expect(feed(g, 7, new Array(40).fill(3.2))).toEqual([]);
    expect(g.flapping).toBe(false);
    expect(feed(g, 47, [2])).toEqual([['cleared', false]]);
  });

  it('does not count raises spread wider than the window', () => {
    const g = guard();
    const events = [0, 30, 60, 90, 120].flatMap((m) => feed(g, m, [3, 2]));
    expect(events.every(([, flapping]) => !flapping)).toBe(true);
    expect(events).toHaveLength(10);
  });
});
