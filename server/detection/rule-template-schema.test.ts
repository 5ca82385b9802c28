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
    expect(ruleTemplateSchema.parse(withoutEnabled)).toEqual({ ...vibration(), kind: 'threshold' });
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

describe('rule template schema: kinds', () => {
  const trend = (over: Record<string, unknown> = {}) =>
    vibration({
      id: 'class.pump.vibration.trend',
      kind: 'trend-to-limit',
      warn: 12,
      alarm: 2,
      clear: 16,
      params: { windowMs: 7_200_000, buckets: 24, minPoints: 12, minR2: 0.6 },
      ...over,
    });
  const adaptive = (over: Record<string, unknown> = {}) =>
    temperature({
      id: 'class.pump.temperature.adaptive',
      kind: 'adaptive-baseline',
      basis: 'absolute',
      warn: 4,
      alarm: 6,
      clear: 2,
      params: { windowPoints: 120, warmupPoints: 60, minSigma: 0.5, anomalousLearningRate: 0 },
      ...over,
    });

  it("loads a stored rule without kind as 'threshold'", () => {
    expect(ruleTemplateSchema.parse(vibration()).kind).toBe('threshold');
  });

  it('accepts one valid rule of every kind', () => {
    expect(issues(trend())).toEqual([]);
    expect(issues(trend({ params: { windowMs: 7_200_000, buckets: 24, minPoints: 12, minR2: 0.6, limit: 4.5 } }))).toEqual([]);
    expect(issues(adaptive())).toEqual([]);
    expect(issues(temperature({ kind: 'rate-of-change', basis: 'absolute', warn: 2, alarm: 5, clear: 1, params: { windowMs: 300_000 } }))).toEqual([]);
    expect(issues(temperature({ kind: 'no-data', failureMode: 'no-data', basis: 'absolute', warn: 300, alarm: 1800, clear: 0, minDurationMs: 0, clearDurationMs: 0 }))).toEqual([]);
    expect(issues(vibration({ flapping: { maxRaises: 3, windowMs: 3_600_000, quietMs: 1_800_000 } }))).toEqual([]);
  });

  it('names the missing, foreign or bad parameter', () => {
    expect(issues(trend({ params: { windowMs: 7_200_000, buckets: 24, minPoints: 12 } }))).toEqual(['params.minR2: is required for a trend-to-limit rule']);
    expect(issues(trend({ params: undefined }))).toEqual(['params: is required for a trend-to-limit rule: windowMs, buckets, minPoints, minR2, limit']);
    expect(issues(adaptive({ params: { windowPoints: 120, warmupPoints: 60, minSigma: 0.5, anomalousLearningRate: 0, buckets: 3 } }))).toEqual([
      'params.buckets: does not apply to an adaptive-baseline rule (its params: windowPoints, warmupPoints, minSigma, anomalousLearningRate)',
    ]);
    expect(issues(trend({ params: { windowMs: 7_200_000, buckets: 24, minPoints: 12, minR2: 1.5 } }))).toEqual(['params.minR2: must be between 0 and 1']);
    expect(issues(trend({ params: { windowMs: 1000, buckets: 24, minPoints: 12, minR2: 0.5 } }))).toEqual(['params.windowMs: must be at least 60000 ms']);
    expect(issues(trend({ params: { windowMs: 7_200_000, buckets: 24, minPoints: 30, minR2: 0.5 } }))).toEqual(['params.minPoints: must be at most buckets (24)']);
    expect(issues(vibration({ params: { windowMs: 60_000 } }))).toEqual(['params: a threshold rule has no params; leave it out']);
    expect(issues(vibration({ flapping: { maxRaises: 0, windowMs: 60_000, quietMs: 60_000 } }))).toEqual(['flapping.maxRaises: must be at least 1']);
  });

  it('checks the levels in the kind’s own sense', () => {
    expect(issues(trend({ warn: 1, alarm: 2 }))).toEqual(['warn: warn must be more than alarm (2) for a trend-to-limit rule']);
    expect(issues(trend({ params: { windowMs: 7_200_000, buckets: 24, minPoints: 12, minR2: 0.6, limit: 300 } }))[0]).toMatch(/^params\.limit: limit must be within 0\.\.125 mm\/s/);
    expect(issues(adaptive({ clear: 5 }))).toEqual(['warn: warn must be more than clear (5) for an adaptive-baseline rule']);
    expect(issues(adaptive({ basis: 'insulation-margin' }))).toEqual(["basis: must be 'absolute' for an adaptive-baseline rule (its levels are not limits of the metric)"]);
    expect(issues(temperature({ kind: 'no-data', failureMode: 'no-data', basis: 'absolute', warn: 300, alarm: 100, clear: 0 }))).toEqual(['alarm: alarm must not be less than warn (300 s)']);
    expect(issues(temperature({ kind: 'no-data', failureMode: 'no-data', basis: 'absolute', warn: 300, alarm: 600, clear: 5 }))).toEqual(['clear: must be 0 for a no-data rule: the next sample clears it']);
    expect(issues(temperature({ kind: 'no-data', basis: 'absolute', warn: 300, alarm: 600, clear: 0 }))).toEqual([
      "failureMode: must be 'no-data' for a no-data rule (got 'overheating')",
    ]);
    expect(issues(vibration({ failureMode: 'no-data' }))).toEqual(["failureMode: 'no-data' is only for no-data rules; a threshold rule reports what the machine does"]);
    expect(issues(vibration({ kind: 'sideways' }))[0]).toMatch(/^kind: must be one of threshold, adaptive-baseline/);
  });
});

describe('rule template schema: unsupervised kind', () => {
  const unsupervised = (over: Record<string, unknown> = {}) =>
    vibration({ id: 'class.pump.vibration.unsupervised', kind: 'unsupervised', basis: 'absolute', warn: 0.5, alarm: 0.7, clear: 0.2, minDurationMs: 0, ...over });

  it('takes anomaly scores between 0 and 1 as levels, and no params', () => {
    expect(issues(unsupervised())).toEqual([]);
    expect(issues(unsupervised({ alarm: 1.5 }))).toEqual(['alarm: alarm must be within 0..0.999 anomaly score (got 1.5)']);
    expect(issues(unsupervised({ params: { windowMs: 60_000 } }))).toEqual(['params: an unsupervised rule has no params; leave it out']);
  });
});
