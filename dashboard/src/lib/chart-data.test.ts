import { describe, expect, it } from 'vitest';
import type { EffectiveLimitView, EvidenceView } from '../../../server/http/api-types';
import {
  appendSamples,
  emptySeries,
  evidenceData,
  evidenceLines,
  formatValue,
  latestSample,
  limitState,
  limitLines,
  seriesFromSamples,
  toPlotColumns,
  toPlotData,
  windowEnd,
  yRange,
} from './chart-data';

const sample = (ts: number, v = ts / 1000) => ({ ts, temperature: v, vibration: v / 10, current: v * 2 });

describe('seriesFromSamples', () => {
  it('sorts and keeps the last sample of a duplicate timestamp', () => {
    const s = seriesFromSamples([sample(3000), sample(1000), sample(2000), { ...sample(3000), temperature: 99 }]);
    expect(s.ts).toEqual([1000, 2000, 3000]);
    expect(s.temperature).toEqual([1, 2, 99]);
    expect(s.current).toEqual([2, 4, 6]);
  });
});

describe('appendSamples (sliding window)', () => {
  it('appends newer samples and drops ones older than the window', () => {
    const s0 = seriesFromSamples([sample(1000), sample(2000), sample(3000)]);
    const s1 = appendSamples(s0, [sample(4000), sample(5000)], 2500, 5000);
    expect(s1.ts).toEqual([3000, 4000, 5000]);
    expect(s1.vibration).toEqual([0.3, 0.4, 0.5]);
    expect(s0.ts).toEqual([1000, 2000, 3000]);
  });
  it('ignores replayed samples older than the last one held', () => {
    const s0 = seriesFromSamples([sample(1000), sample(5000)]);
    expect(appendSamples(s0, [sample(3000)], 60_000, 5000).ts).toEqual([1000, 5000]);
  });
  it('slides even without new samples', () => {
    const s0 = seriesFromSamples([sample(1000), sample(2000)]);
    expect(appendSamples(s0, [], 1000, 10_000).ts).toEqual([]);
    expect(appendSamples(emptySeries(), [sample(1)], 1000, 1).ts).toEqual([1]);
  });
});

describe('toPlotData', () => {
  it('converts to seconds', () => {
    expect(toPlotData([1000, 2000], [5, 6])).toEqual([[1, 2], [5, 6]]);
  });
  it('inserts a null in a gap much longer than the usual interval', () => {
    const ts = [0, 1000, 2000, 3000, 60_000, 61_000];
    const [xs, ys] = toPlotData(ts, [1, 2, 3, 4, 5, 6]);
    expect(ys).toEqual([1, 2, 3, 4, null, 5, 6]);
    expect(xs[4]).toBe(31.5);
  });
  it('breaks a live stream where it went quiet', () => {
    const ts = [0, 60_000, 120_000, 180_000, 900_000, 960_000, 1_020_000];
    const [, ys] = toPlotData(ts, ts.map(() => 1));
    expect(ys.filter((v) => v === null)).toHaveLength(1);
    expect(ys.indexOf(null)).toBe(4);
  });
  it('always joins the newest sample', () => {
    const ts = [0, 1000, 2000, 3000, 60_000];
    expect(toPlotData(ts, ts.map(() => 1))[1]).not.toContain(null);
  });
  it('does not break sparse live samples that follow dense history', () => {
    const history = Array.from({ length: 100 }, (_, i) => i * 1000);
    const live = Array.from({ length: 30 }, (_, i) => 100_000 + i * 60_000);
    const ts = [...history, ...live];
    const [, ys] = toPlotData(ts, ts.map(() => 1));
    expect(ys.filter((v) => v === null)).toHaveLength(0);
  });
});

describe('reference lines', () => {
  const limits: EffectiveLimitView[] = [
    { metric: 'vibration', ruleId: 'vib', direction: 'above', warn: 4.5, alarm: 7.1, clear: 4 },
    { metric: 'current', ruleId: 'oc', direction: 'above', warn: 23, alarm: 27.6, clear: 22 },
    { metric: 'current', ruleId: 'uc', direction: 'below', warn: 4, alarm: 2, clear: 5 },
  ];
  it('picks the metric limits with labels', () => {
    expect(limitLines(limits, 'vibration', 'mm/s')).toEqual([
      { value: 4.5, kind: 'warn', label: 'warn ≥ 4.5 mm/s' },
      { value: 7.1, kind: 'alarm', label: 'alarm ≥ 7.1 mm/s' },
    ]);
    expect(limitLines(limits, 'current', 'A').map((l) => l.value)).toEqual([23, 27.6, 4, 2]);
    expect(limitLines(limits, 'temperature', '°C')).toEqual([]);
  });

  const evidence: EvidenceView = {
    metric: 'vibration',
    unit: 'mm/s',
    severity: 'warn',
    value: 4.8,
    limit: 4.5,
    ruleId: 'vib',
    ruleVersion: 1,
    rule: { direction: 'above', warn: 4.5, alarm: 7.1, clear: 4, minDurationMs: 60_000 },
    startedAt: 10_000,
    detectedAt: 70_000,
    recent: [
      [70_000, 4.8],
      [10_000, 4.6],
      [40_000, Number.NaN],
    ],
  };
  it('marks the crossed rule line', () => {
    const lines = evidenceLines(evidence);
    expect(lines.filter((l) => l.crossed).map((l) => l.kind)).toEqual(['warn']);
    expect(lines).toHaveLength(2);
  });
  it('adds the crossed limit when it is not a rule line', () => {
    const lines = evidenceLines({ ...evidence, limit: 5, severity: 'alarm' });
    expect(lines).toHaveLength(3);
    expect(lines[2]).toEqual({ value: 5, kind: 'alarm', label: 'limit 5 mm/s', crossed: true });
  });
  it('shapes evidence points oldest first in seconds, skipping non-finite values', () => {
    expect(evidenceData(evidence)).toEqual([[10, 70], [4.6, 4.8]]);
  });
});

describe('yRange', () => {
  it('covers data and lines with padding', () => {
    const [lo, hi] = yRange([2, 3], [{ value: 7, kind: 'alarm', label: '' }]);
    expect(lo).toBeCloseTo(1.6);
    expect(hi).toBeCloseTo(7.4);
  });
  it('does not pad non-negative data below zero', () => {
    expect(yRange([0.1, 5], [])[0]).toBe(0);
  });
  it('handles flat, empty and null data', () => {
    expect(yRange([], [])).toEqual([0, 1]);
    const [lo, hi] = yRange([null, 50, 50], []);
    expect(lo).toBeLessThan(50);
    expect(hi).toBeGreaterThan(50);
  });
});

describe('windowEnd', () => {
  it('follows samples ahead of the wall clock', () => {
    expect(windowEnd(seriesFromSamples([sample(5000)]), 1000)).toBe(5000);
    expect(windowEnd(seriesFromSamples([sample(5000)]), 9000)).toBe(9000);
    expect(windowEnd(emptySeries(), 9000)).toBe(9000);
  });
});

describe('formatValue / latestSample', () => {
  it('rounds to readable precision', () => {
    expect(formatValue(4.567)).toBe('4.57');
    expect(formatValue(23.456)).toBe('23.5');
    expect(formatValue(145.2)).toBe('145');
    expect(formatValue(Number.NaN)).toBe('–');
  });
  it('returns the last sample', () => {
    expect(latestSample(emptySeries())).toBeNull();
    expect(latestSample(seriesFromSamples([sample(1000), sample(2000)]))?.ts).toBe(2000);
  });
});

describe('limitState', () => {
  const limits: EffectiveLimitView[] = [
    { metric: 'current', ruleId: 'oc', direction: 'above', warn: 23, alarm: 27.6, clear: 22 },
    { metric: 'current', ruleId: 'uc', direction: 'below', warn: 4, alarm: 2, clear: 5 },
  ];
  it('checks both directions', () => {
    expect(limitState(10, limits, 'current')).toBe('ok');
    expect(limitState(23, limits, 'current')).toBe('warn');
    expect(limitState(30, limits, 'current')).toBe('alarm');
    expect(limitState(3, limits, 'current')).toBe('warn');
    expect(limitState(1, limits, 'current')).toBe('alarm');
    expect(limitState(100, limits, 'vibration')).toBe('ok');
  });
});

describe('toPlotColumns', () => {
  it('breaks every column at the same gap, as toPlotData does one', () => {
    const ts = [0, 1000, 2000, 3000, 60_000, 61_000, 62_000];
    const a = [1, 2, 3, 4, 5, 6, 7];
    const b = [10, 20, 30, 40, 50, 60, 70];
    const [xs, ya, yb] = toPlotColumns(ts, [a, b]);
    expect([xs, ya]).toEqual(toPlotData(ts, a));
    expect(yb).toEqual([10, 20, 30, 40, null, 50, 60, 70]);
    expect(xs[4]).toBe(31.5);
  });

  it('handles 100,000 samples in one pass', () => {
    const ts = Array.from({ length: 100_000 }, (_, i) => i * 1000 + (i >= 50_000 ? 600_000 : 0));
    const v = ts.map((_, i) => i % 7);
    const [xs, y1, y2, y3] = toPlotColumns(ts, [v, v, v]);
    expect(xs).toHaveLength(100_001);
    expect(y1!.filter((x) => x === null)).toHaveLength(1);
    expect(y2).toHaveLength(100_001);
    expect([y2![49_999], y2![50_000], y2![50_001]]).toEqual([49_999 % 7, null, 50_000 % 7]);
    expect(y3![50_000]).toBeNull();
  });
});
