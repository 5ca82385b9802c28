import { describe, expect, it } from 'vitest';
import type { PlantDevice } from '../../contract/plant';
import { defaultRuleTemplates } from './default-rules';

/** The default threshold templates only (the other kinds have tests of their own below). */
const defaultThresholds = () => defaultRuleTemplates().filter((t) => t.kind === 'threshold');
import { resolveLimit, resolveRules, RuleConflictError } from './resolve-rules';
import type { RuleTemplate, ThresholdRule } from './types';

const device = (over: Partial<PlantDevice> = {}): PlantDevice => ({
  id: 'P-104',
  name: 'Cooling water pump 2',
  class: 'pump',
  criticality: 'A',
  ratedCurrent: 28,
  insulationClass: 'F',
  foundation: 'rigid',
  siteId: 'plant-1',
  lineId: 'utilities',
  agentId: 'edge-utilities',
  ...over,
});

const limits = (rules: ThresholdRule[], metric: ThresholdRule['metric']) => {
  const r = rules.find((x) => x.metric === metric);
  return r && [r.warn, r.alarm, r.clear];
};

const override = (over: Partial<RuleTemplate> = {}): RuleTemplate => ({
  kind: 'threshold',
  id: 'dev.P-104.vibration',
  version: 3,
  scope: { kind: 'device', deviceId: 'P-104' },
  metric: 'vibration',
  direction: 'above',
  basis: 'absolute',
  warn: 6,
  alarm: 9,
  clear: 5,
  minDurationMs: 60_000,
  clearDurationMs: 60_000,
  failureMode: 'vibration-high',
  enabled: true,
  ...over,
});

describe('resolveRules with the default templates', () => {
  const defaults = defaultThresholds();

  it('gives a class F pump on a rigid foundation ISO zones, 95/110/90 °C and 1.10/1.25/1.05 × rated', () => {
    const rules = resolveRules(defaults, device());
    expect(rules).toHaveLength(3);
    expect(limits(rules, 'vibration')).toEqual([2.8, 4.5, 2.3]);
    expect(limits(rules, 'temperature')).toEqual([95, 110, 90]);
    expect(limits(rules, 'current')).toEqual([30.8, 35, 29.4]);
    expect(rules.every((r) => r.deviceId === 'P-104' && r.direction === 'above' && r.version === 1)).toBe(true);
    expect(rules.find((r) => r.metric === 'temperature')).toMatchObject({ id: 'class.pump.temperature', failureMode: 'overheating' });
  });

  it('converts insulation margins per class: B 70/85/65, H 120/135/115 °C', () => {
    expect(limits(resolveRules(defaults, device({ insulationClass: 'B' })), 'temperature')).toEqual([70, 85, 65]);
    expect(limits(resolveRules(defaults, device({ insulationClass: 'H' })), 'temperature')).toEqual([120, 135, 115]);
  });

  it('widens vibration zones by 1.6 on a flexible foundation: 4.48/7.2/3.68 mm/s', () => {
    expect(limits(resolveRules(defaults, device({ foundation: 'flexible' })), 'vibration')).toEqual([4.48, 7.2, 3.68]);
  });

  it('scales current limits with the nameplate current', () => {
    expect(limits(resolveRules(defaults, device({ class: 'compressor', ratedCurrent: 95 })), 'current')).toEqual([104.5, 118.75, 99.75]);
  });

  it('only applies templates of the device class', () => {
    const rules = resolveRules(defaults, device({ class: 'gearbox' }));
    expect(rules.map((r) => r.id)).toEqual(['class.gearbox.vibration', 'class.gearbox.temperature', 'class.gearbox.current']);
  });
});

describe('resolveLimit', () => {
  it.each([
    ['absolute', 7.5, device(), 7.5],
    ['rated-current', 1.1, device({ ratedCurrent: 12 }), 13.2],
    ['insulation-margin', 60, device({ insulationClass: 'F' }), 95],
    ['iso-10816-rigid', 4.5, device({ foundation: 'rigid' }), 4.5],
    ['iso-10816-rigid', 4.5, device({ foundation: 'flexible' }), 7.2],
  ] as const)('%s %d -> %d', (basis, value, d, expected) => {
    expect(resolveLimit(basis, value, d)).toBe(expected);
  });
});

describe('resolveRules precedence', () => {
  const defaults = defaultThresholds();

  it('a device-scope template overrides the class one for the same metric and direction, only on that device', () => {
    const templates = [...defaults, override()];
    const p104 = resolveRules(templates, device());
    expect(p104.find((r) => r.metric === 'vibration')).toMatchObject({ id: 'dev.P-104.vibration', version: 3, warn: 6, alarm: 9, clear: 5 });
    expect(p104).toHaveLength(3);
    const p101 = resolveRules(templates, device({ id: 'P-101' }));
    expect(p101.find((r) => r.metric === 'vibration')).toMatchObject({ id: 'class.pump.vibration', warn: 2.8 });
  });

  it('wins regardless of the order templates are listed in', () => {
    const rules = resolveRules([override(), ...defaults], device());
    expect(rules.find((r) => r.metric === 'vibration')?.id).toBe('dev.P-104.vibration');
  });

  it('a device template for the other direction adds a rule instead of replacing one', () => {
    const undercurrent = override({
      id: 'dev.P-104.dry-run',
      metric: 'current',
      direction: 'below',
      basis: 'rated-current',
      warn: 0.5,
      alarm: 0.3,
      clear: 0.6,
      failureMode: 'undercurrent',
    });
    const current = resolveRules([...defaults, undercurrent], device()).filter((r) => r.metric === 'current');
    expect(current.map((r) => [r.direction, r.warn, r.alarm, r.clear])).toEqual([
      ['above', 30.8, 35, 29.4],
      ['below', 14, 8.4, 16.8],
    ]);
  });

  it('a disabled class template yields no rule', () => {
    const templates = defaults.map((t) => (t.id === 'class.pump.current' ? { ...t, enabled: false } : t));
    expect(resolveRules(templates, device()).map((r) => r.metric)).toEqual(['vibration', 'temperature']);
  });

  it('a disabled device template switches the class rule off for that device only', () => {
    const templates = [...defaults, override({ enabled: false })];
    expect(resolveRules(templates, device()).map((r) => r.metric)).toEqual(['temperature', 'current']);
    expect(resolveRules(templates, device({ id: 'P-101' })).map((r) => r.metric)).toContain('vibration');
  });

  it('an enabled device template still applies when the class template is disabled', () => {
    const templates = [...defaults.map((t) => ({ ...t, enabled: false })), override()];
    expect(resolveRules(templates, device()).map((r) => r.id)).toEqual(['dev.P-104.vibration']);
  });

  it('throws on two templates of the same scope for the same metric and direction', () => {
    const templates = [...defaults, override(), override({ id: 'dev.P-104.vibration-2' })];
    expect(() => resolveRules(templates, device())).toThrowError(RuleConflictError);
    expect(() => resolveRules(templates, device())).toThrowError(/dev.P-104.vibration and dev.P-104.vibration-2/);
    // Other devices are unaffected by P-104's conflict.
    expect(resolveRules(templates, device({ id: 'P-101' }))).toHaveLength(3);
  });
});

describe('resolveRules with rule kinds', () => {
  const all = defaultRuleTemplates();

  it('gives every kind its own slot: the trend rule does not replace the vibration threshold', () => {
    const rules = resolveRules(all, device());
    expect(rules.map((r) => [r.id, r.kind ?? 'threshold'])).toEqual(
      expect.arrayContaining([
        ['class.pump.vibration', 'threshold'],
        ['class.pump.vibration.trend-to-limit', 'trend-to-limit'],
        ['class.pump.temperature.rate-of-change', 'rate-of-change'],
        ['class.pump.temperature.adaptive-baseline', 'adaptive-baseline'],
        ['class.pump.no-data', 'no-data'],
      ]),
    );
    expect(rules).toHaveLength(7);
  });

  it("predicts the device's own threshold alarm level, converted per basis (flexible foundation: 4.5 × 1.6)", () => {
    const trend = (d: ReturnType<typeof device>) => resolveRules(all, d).find((r) => r.kind === 'trend-to-limit')!;
    expect(trend(device()).params).toMatchObject({ limit: 4.5, windowMs: 3 * 3_600_000 });
    expect(trend(device({ foundation: 'flexible' })).params).toMatchObject({ limit: 7.2 });
    // An override of the threshold moves the trend's limit with it.
    expect(trend(device({ id: 'P-104' })).params).toMatchObject({ limit: 4.5 });
    expect(resolveRules([...all, override({ warn: 6, alarm: 9, clear: 5 })], device({ id: 'P-104' })).find((r) => r.kind === 'trend-to-limit')!.params).toMatchObject({ limit: 9 });
  });

  it('levels of other kinds are used as they are, not converted by basis', () => {
    const rate = resolveRules(all, device({ insulationClass: 'H' })).find((r) => r.kind === 'rate-of-change')!;
    expect([rate.warn, rate.alarm, rate.clear]).toEqual([2, 4, 1]);
  });

  it('a trend rule without its own limit yields no rule when the threshold it predicts is switched off', () => {
    const off = override({ enabled: false });
    expect(resolveRules([...all, off], device({ id: 'P-104' })).some((r) => r.kind === 'trend-to-limit')).toBe(false);
  });
});
