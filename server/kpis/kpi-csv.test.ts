import { describe, expect, it } from 'vitest';
import type { KpiView } from '../http/api-types';
import { csvFilename, kpisToCsv, scopeOf } from './kpi-csv';

const FROM = Date.UTC(2026, 2, 1);
const view: KpiView = {
  from: FROM,
  to: FROM + 86_400_000,
  filter: { siteId: null, lineId: 'assembly', deviceId: null },
  mtta: { ms: 1200, count: 2 },
  mttr: { ms: null, count: 0 },
  mtbf: { ms: null, failures: 0, devices: 1, observedMs: 86_400_000 },
  slaAttainment: { response: { met: 1, missed: 1, ratio: 0.5 }, resolution: { met: 0, missed: 0, ratio: null } },
  backlog: { open: 3, byPriority: { P0: 0, P1: 3, P2: 0, P3: 0, P4: 0 }, trend: [{ at: FROM + 86_400_000, open: 3 }] },
  rulePrecision: [{ ruleId: 'rule,"odd"', confirmed: 1, noFaultFound: 0, open: 0, precision: 1 }],
};

describe('kpisToCsv', () => {
  const lines = kpisToCsv(view).split('\r\n');
  it('starts with the header and has one metric,scope,value,unit row per figure', () => {
    expect(lines[0]).toBe('metric,scope,value,unit');
    expect(lines).toContain('mtta,line=assembly,1200,ms');
    expect(lines).toContain('mttr,line=assembly,,ms');
    expect(lines).toContain('sla.response.ratio,line=assembly,0.5,ratio');
    expect(lines).toContain('backlog.open.P1,line=assembly,3,orders');
    expect(lines).toContain('backlog.trend@2026-03-02T00:00:00.000Z,line=assembly,3,orders');
    expect(lines.every((l) => l === '' || l.split(',').length >= 4)).toBe(true);
  });
  it('quotes cells with commas and quotes', () => {
    expect(lines).toContain('"rule.rule,""odd"".precision",line=assembly,1,ratio');
  });
  it('names the scope and the window in the filename', () => {
    expect(scopeOf({ siteId: null, lineId: null, deviceId: null })).toBe('all');
    expect(csvFilename(view)).toBe('kpis_line-assembly_2026-03-01_2026-03-02.csv');
  });
});
