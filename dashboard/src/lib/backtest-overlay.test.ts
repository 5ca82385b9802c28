import { describe, expect, it } from 'vitest';
import type { BacktestAnomalyView, BacktestResultView, BacktestRuleSetView, DeviceEffectiveRulesView } from '../../../server/http/api-types';
import { alertBands, candidateLimits, defaultWindow, devicesForRule, overlayBands, signed, summaryRows } from './backtest-overlay';

const anomaly = (over: Partial<BacktestAnomalyView>): BacktestAnomalyView => ({
  deviceId: 'P-104',
  metric: 'vibration',
  ruleId: 'pump.vibration',
  ruleVersion: 1,
  failureMode: 'vibration-high',
  startedAt: 900,
  raisedAt: 1000,
  raisedValue: 5,
  raisedLimit: 4.5,
  severity: 'warn',
  escalatedAt: null,
  escalatedValue: null,
  clearedAt: 2000,
  clearedValue: 3,
  ...over,
});

const set = (over: Partial<BacktestRuleSetView['summary']>, anomalies: BacktestAnomalyView[] = []): BacktestRuleSetView => ({
  rules: 3,
  summary: { anomalies: anomalies.length, orders: 1, faultsKnown: 2, faultsCaught: 1, medianLeadTimeMs: 3_600_000, falseAlarms: 0, related: 0, ...over },
  perDevice: [],
  anomalies,
  anomaliesTruncated: false,
  orders: [],
  ordersTruncated: false,
  faults: [],
});

const result = (current: BacktestRuleSetView, candidate: BacktestRuleSetView): BacktestResultView => ({
  from: 0,
  to: 10_000,
  deviceIds: ['P-104'],
  timeToCloseMs: 0,
  points: 100,
  changedRuleIds: ['pump.vibration'],
  knownFaults: { simulator: 2, confirmedOrders: 0 },
  warnings: [],
  current,
  candidate,
  diff: { counts: { onlyCandidate: 0, onlyCurrent: 0, both: 0 }, onlyCandidate: [], onlyCurrent: [], both: [] },
});

describe('alert bands', () => {
  it('keeps one device and metric, oldest first, open alerts run to the end of the range', () => {
    const s = set({}, [
      anomaly({ raisedAt: 5000, clearedAt: null, severity: 'alarm' }),
      anomaly({}),
      anomaly({ deviceId: 'P-105' }),
      anomaly({ metric: 'temperature', ruleId: 'pump.temperature' }),
    ]);
    expect(alertBands(s, 'P-104', 'vibration', 9000)).toEqual([
      { from: 1000, to: 2000, severity: 'warn', ruleId: 'pump.vibration', open: false },
      { from: 5000, to: 9000, severity: 'alarm', ruleId: 'pump.vibration', open: true },
    ]);
  });

  it('gives both rows from one result', () => {
    const r = result(set({}, [anomaly({})]), set({}, [anomaly({}), anomaly({ raisedAt: 3000, clearedAt: 4000 })]));
    const rows = overlayBands(r, 'P-104', 'vibration');
    expect(rows.current).toHaveLength(1);
    expect(rows.candidate.map((b) => b.from)).toEqual([1000, 3000]);
  });
});

describe('candidate limits on a device', () => {
  it('maps through the same basis as the current limits', () => {
    const cur = { warn: 4.5, alarm: 7.1, clear: 3.5 };
    // Flexible foundation: × 1.6.
    expect(candidateLimits({ warn: 7.2, alarm: 11.36, clear: 5.6 }, { basis: 'iso-10816-rigid', ...cur }, { basis: 'iso-10816-rigid', warn: 4, alarm: 7.1, clear: 3 })).toEqual({
      warn: 6.4,
      alarm: 11.36,
      clear: 4.8,
    });
    // Class F insulation: 155 °C − margin.
    expect(candidateLimits({ warn: 135, alarm: 145, clear: 130 }, { basis: 'insulation-margin', warn: 20, alarm: 10, clear: 25 }, { basis: 'insulation-margin', warn: 15, alarm: 10, clear: 25 })).toEqual({
      warn: 140,
      alarm: 145,
      clear: 130,
    });
    expect(candidateLimits(cur, { basis: 'absolute', ...cur }, { basis: 'absolute', warn: 5, alarm: 8, clear: 4 })).toEqual({ warn: 5, alarm: 8, clear: 4 });
    expect(candidateLimits(cur, { basis: 'absolute', ...cur }, { basis: 'rated-current', ...cur })).toBeNull();
  });
});

describe('devices and window', () => {
  const effective = [
    { deviceId: 'P-104', equipmentClass: 'pump', rules: [{ ruleId: 'pump.vibration' }], disabled: [], conflict: null },
    { deviceId: 'P-105', equipmentClass: 'pump', rules: [{ ruleId: 'device.P-105.vibration' }], disabled: [], conflict: null },
  ] as unknown as DeviceEffectiveRulesView[];
  const devices = [
    { id: 'P-104', class: 'pump' as const },
    { id: 'P-105', class: 'pump' as const },
    { id: 'F-1', class: 'fan' as const },
  ];
  it('lists the devices the rule is in force on, else those in its scope', () => {
    expect(devicesForRule({ id: 'pump.vibration', scope: { kind: 'class', equipmentClass: 'pump' } }, effective, devices)).toEqual(['P-104']);
    expect(devicesForRule({ id: 'pump.current', scope: { kind: 'class', equipmentClass: 'pump' } }, effective, devices)).toEqual(['P-104', 'P-105']);
  });
  it('defaults to the 24 h ending at the newest sample', () => {
    expect(defaultWindow(100 * 86_400_000, 5)).toEqual({ from: 99 * 86_400_000, to: 100 * 86_400_000 });
    expect(defaultWindow(null, 2 * 86_400_000)).toEqual({ from: 86_400_000, to: 2 * 86_400_000 });
  });
});

describe('summary rows', () => {
  it('compares current and candidate line by line', () => {
    const r = result(
      set({ anomalies: 2, orders: 2, faultsCaught: 1, falseAlarms: 1, medianLeadTimeMs: 3_600_000 }),
      set({ anomalies: 5, orders: 3, faultsCaught: 2, falseAlarms: 1, medianLeadTimeMs: 7_200_000 }),
    );
    expect(summaryRows(r).map((row) => [row.key, row.current, row.candidate, row.diff, row.better])).toEqual([
      ['alerts', '2', '5', '+3', null],
      ['orders', '2', '3', '+1', null],
      ['faults', '1 of 2', '2 of 2', '+1', true],
      ['lead', '1 h', '2 h', '1 h earlier', true],
      ['false-alarms', '1', '1', '±0', null],
    ]);
    expect(signed(-2)).toBe('−2');
  });
});
