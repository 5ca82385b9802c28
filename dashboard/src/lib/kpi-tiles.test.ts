import { describe, expect, it } from 'vitest';
import type { KpiView } from '../../../server/http/api-types';
import { backlogChange, backlogTrend, kpiTiles, percent, periodWindow, precisionRows } from './kpi-tiles';

const view: KpiView = {
  from: 0,
  to: 30 * 86_400_000,
  filter: { siteId: null, lineId: null, deviceId: null },
  mtta: { ms: 12 * 60_000, count: 4 },
  mttr: { ms: null, count: 0 },
  mtbf: { ms: 5 * 86_400_000, failures: 2, devices: 13, observedMs: 30 * 86_400_000 },
  slaAttainment: { response: { met: 9, missed: 1, ratio: 0.9 }, resolution: { met: 0, missed: 0, ratio: null } },
  backlog: { open: 5, byPriority: { P0: 1, P1: 1, P2: 2, P3: 1, P4: 0 } as KpiView['backlog']['byPriority'], trend: [{ at: 2000, open: 5 }, { at: 1000, open: 2 }] },
  rulePrecision: [
    { ruleId: 'b', confirmed: 1, noFaultFound: 1, open: 0, precision: 0.5 },
    { ruleId: 'a', confirmed: 0, noFaultFound: 0, open: 2, precision: null },
    { ruleId: 'c', confirmed: 3, noFaultFound: 1, open: 0, precision: 0.75 },
  ],
};

describe('KPI tiles', () => {
  it('formats each figure with its detail and tone', () => {
    const tiles = kpiTiles(view);
    expect(tiles.map((t) => [t.key, t.value, t.tone])).toEqual([
      ['mtta', '12 min', 'neutral'],
      ['mttr', '–', 'neutral'],
      ['mtbf', '5 d', 'neutral'],
      ['sla-response', '90.0 %', 'warn'],
      ['sla-resolution', '–', 'neutral'],
      ['backlog', '5', 'warn'],
    ]);
    expect(tiles[0]!.detail).toBe('Mean time to acknowledge · 4 orders');
    expect(tiles[1]!.detail).toBe('No repaired orders in the period');
    expect(tiles[2]!.detail).toBe('2 failures over 13 devices');
    expect(tiles[3]!.detail).toBe('9 met · 1 missed');
    expect(tiles[5]!.detail).toBe('2 at P0/P1');
  });

  it('sorts the trend and tells its change', () => {
    expect(backlogTrend(view)).toEqual([[1, 2], [2, 5]]);
    expect(backlogChange(view)).toBe(3);
    expect(backlogChange({ ...view, backlog: { ...view.backlog, trend: [] } })).toBeNull();
  });

  it('puts the least precise rules with outcomes first', () => {
    expect(precisionRows(view.rulePrecision).map((r) => r.ruleId)).toEqual(['b', 'c', 'a']);
  });

  it('turns a period into a window ending now', () => {
    expect(periodWindow('7d', 10 * 86_400_000)).toEqual({ from: 3 * 86_400_000, to: 10 * 86_400_000 });
    expect(percent(1)).toBe('100.0 %');
    expect(percent(0.9876)).toBe('98.8 %');
  });
});
