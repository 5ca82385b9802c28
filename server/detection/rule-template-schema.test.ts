import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../contract/telemetry';
import { ruleTemplateSchema } from './rule-template-schema';

const vibration = (over: Record<string, unknown> = {}) => ({
  id: 'class.pump.vibration',
  version: 1,
  scope: { kind: 'class', equipmentClass: 'pump' },
  metric: 'vibration',
  direction: 'above',
  basis: 'iso-10816-rigid',
  warn: 2.8,
  alarm: 4.5,
  clear: 2.3,
  minDurationMs: 300_000,
  clearDurationMs: 600_000,
  failureMode: 'vibration-high',
  enabled: true,
  ...over,
});

const temperature = (over: Record<string, unknown> = {}) =>
  vibration({ id: 'class.pump.temperature', metric: 'temperature', basis: 'insulation-margin', warn: 60, alarm: 45, clear: 65, failureMode: 'overheating', ...over });

/** The issues of a rejected template as `path: message` lines. */
function issues(input: unknown): string[] {
  const result = ruleTemplateSchema.safeParse(input);
  if (result.success) return [];
  return formatIssues(result.error).map((i) => `${i.path}: ${i.message}`);
}

describe('rule template schema', () => {
  it('accepts a valid template and defaults enabled to true', () => {
    const { enabled: _, ...withoutEnabled } = vibration();
    expect(ruleTemplateSchema.parse(withoutEnabled)).toEqual(vibration());
    expect(issues(temperature())).toEqual([]);
    expect(issues(vibration({ scope: { kind: 'device', deviceId: 'P-104' } }))).toEqual([]);
  });

  it("says clear must be below warn for an 'above' rule", () => {
    expect(issues(vibration({ clear: 3.0 }))).toEqual(["clear: clear must be below warn (2.8) for an 'above' rule"]);
  });

  it("says alarm must be above warn for an 'above' rule, and rejects equal levels", () => {
    expect(issues(vibration({ alarm: 2.0 }))).toEqual(["alarm: alarm must be above warn (2.8) for an 'above' rule"]);
    expect(issues(vibration({ alarm: 2.8 }))).toEqual(["alarm: alarm must be above warn (2.8) for an 'above' rule"]);
  });

  it("mirrors the order for a 'below' rule", () => {
    const undercurrent = { metric: 'current', basis: 'rated-current', direction: 'below', failureMode: 'undercurrent' };
    expect(issues(vibration({ ...undercurrent, warn: 0.5, alarm: 0.3, clear: 0.6 }))).toEqual([]);
    expect(issues(vibration({ ...undercurrent, warn: 0.5, alarm: 0.7, clear: 0.4 }))).toEqual([
      "clear: clear must be above warn (0.5) for a 'below' rule",
      "alarm: alarm must be below warn (0.5) for a 'below' rule",
    ]);
  });

  it('on the insulation-margin basis expects margins to shrink from clear to warn to alarm', () => {
    // Written as temperatures out of habit (warn 95, alarm 110, clear 90): wrong on a margin basis.
    const [clear, alarm] = issues(temperature({ warn: 95, alarm: 110, clear: 90 }));
    expect(clear).toMatch(/^clear: clear must be a larger margin than warn \(95 °C\) for an 'above' rule: .*larger margin means a lower temperature/);
    expect(alarm).toMatch(/^alarm: alarm must be a smaller margin than warn \(95 °C\)/);
  });

  it('rejects a basis that does not fit the metric, naming basis', () => {
    expect(issues(vibration({ basis: 'rated-current' }))).toEqual(["basis: basis 'rated-current' only applies to current, not vibration"]);
    expect(issues(temperature({ metric: 'current' }))).toEqual(["basis: basis 'insulation-margin' only applies to temperature, not current"]);
  });

  it('rejects limits outside what the basis can mean, naming the field', () => {
    expect(issues(vibration({ basis: 'absolute', warn: 250 }))).toEqual(['warn: warn must be within 0..200 mm/s (the plausible range of vibration) (got 250)']);
    expect(issues(temperature({ alarm: -5 }))).toEqual(['alarm: alarm must be within 0..180 °C below the insulation-class limit (got -5)']);
    expect(issues(vibration({ metric: 'current', basis: 'rated-current', warn: 11, alarm: 12, clear: 1 }))[0]).toMatch(/^warn: .*× rated current/);
  });

  it.each([
    [{ minDurationMs: -1 }, 'minDurationMs: must not be negative'],
    [{ clearDurationMs: 86_400_001 }, 'clearDurationMs: must be at most one day (86400000 ms)'],
    [{ minDurationMs: 1.5 }, 'minDurationMs: must be a whole number of milliseconds'],
    [{ metric: 'pressure' }, 'metric: must be one of temperature, vibration, current'],
    [{ direction: 'up' }, "direction: must be 'above' or 'below'"],
    [{ failureMode: 'gremlins' }, 'failureMode: must be one of'],
    [{ id: 'pump/vibration' }, 'id: must be 1-64 letters'],
    [{ version: 0 }, 'version: must be 1 or more'],
    [{ scope: { kind: 'class', equipmentClass: 'toaster' } }, 'scope.equipmentClass: must be one of pump'],
    [{ scope: { kind: 'device', deviceId: '#1' } }, 'scope.deviceId: must be 1-64 letters'],
    [{ warn: '2.8' }, 'warn: must be a number'],
    [{ enabled: 'yes' }, 'enabled: must be true or false'],
  ])('rejects %j with "%s"', (over, expected) => {
    const found = issues(vibration(over));
    expect(found.some((line) => line.startsWith(expected)), found.join('\n')).toBe(true);
  });

  it('rejects unknown fields', () => {
    expect(issues(vibration({ hysteresis: 0.5 }))[0]).toMatch(/^\(root\): .*hysteresis/);
  });
});
