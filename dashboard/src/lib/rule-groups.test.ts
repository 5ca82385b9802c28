import { describe, expect, it } from 'vitest';
import type { RuleLike } from './rule-editor';
import { groupRules, precisionText } from './rule-groups';

const rule = (id: string, scope: RuleLike['scope'], metric: RuleLike['metric'], direction: RuleLike['direction'] = 'above') =>
  ({ id, scope, metric, direction }) as RuleLike;

describe('groupRules', () => {
  it('groups class rules by class (metrics in order), device overrides last, with precision', () => {
    const groups = groupRules(
      [
        rule('device.P-1.current', { kind: 'device', deviceId: 'P-1' }, 'current'),
        rule('pump.current.below', { kind: 'class', equipmentClass: 'pump' }, 'current', 'below'),
        rule('pump.current', { kind: 'class', equipmentClass: 'pump' }, 'current'),
        rule('pump.vibration', { kind: 'class', equipmentClass: 'pump' }, 'vibration'),
        rule('fan.temperature', { kind: 'class', equipmentClass: 'fan' }, 'temperature'),
      ],
      [{ ruleId: 'pump.vibration', confirmed: 3, noFaultFound: 1, open: 0, precision: 0.75 }],
    );
    expect(groups.map((g) => [g.title, g.rules.map((r) => r.rule.id)])).toEqual([
      ['Fan', ['fan.temperature']],
      ['Pump', ['pump.vibration', 'pump.current', 'pump.current.below']],
      ['Device overrides', ['device.P-1.current']],
    ]);
    expect(groups[1]!.rules[0]!.precision?.precision).toBe(0.75);
    expect(groups[1]!.rules[1]!.precision).toBeNull();
  });

  it('says precision in words', () => {
    expect(precisionText({ ruleId: 'x', confirmed: 3, noFaultFound: 1, open: 2, precision: 0.75 })).toEqual({ value: '75 %', detail: '3 confirmed · 1 no fault · 2 open' });
    expect(precisionText({ ruleId: 'x', confirmed: 0, noFaultFound: 0, open: 2, precision: null })).toEqual({ value: '–', detail: '2 open, no outcome yet' });
    expect(precisionText(null).detail).toBe('No outcomes yet');
  });
});
