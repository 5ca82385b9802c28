import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICY, DEFAULT_SLA_TARGETS, pausesResolution, slaPolicySchema, WORKING_DAY_MS } from './sla-policy';
import { HOUR_MS, MINUTE_MS } from './zoned-time';

const issues = (input: unknown): string[] => {
  const r = slaPolicySchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('SLA policy', () => {
  it('defaults to P0 15 min / 4 h around the clock down to P4 5 / 30 working days', () => {
    expect(DEFAULT_SLA_POLICY.targets.P0).toMatchObject({ responseMs: 15 * MINUTE_MS, resolutionMs: 4 * HOUR_MS, calendar: 'always' });
    expect(DEFAULT_SLA_POLICY.targets.P4).toMatchObject({ responseMs: 5 * WORKING_DAY_MS, resolutionMs: 30 * WORKING_DAY_MS, calendar: 'working' });
    expect(DEFAULT_SLA_POLICY.warningRatio).toBe(0.75);
    // Each priority is at least as urgent as the next on both targets.
    const order = ['P0', 'P1', 'P2', 'P3', 'P4'] as const;
    for (let i = 1; i < order.length; i++) {
      expect(DEFAULT_SLA_TARGETS[order[i]!].responseMs).toBeGreaterThan(DEFAULT_SLA_TARGETS[order[i - 1]!].responseMs);
      expect(DEFAULT_SLA_TARGETS[order[i]!].resolutionMs).toBeGreaterThan(DEFAULT_SLA_TARGETS[order[i - 1]!].resolutionMs);
    }
  });

  it('lets a site change one priority and keep the defaults for the rest', () => {
    const p = slaPolicySchema.parse({ targets: { P1: { responseMs: 30 * MINUTE_MS, resolutionMs: 4 * HOUR_MS, stalledAfterMs: HOUR_MS, calendar: 'always' } } });
    expect(p.targets.P1.calendar).toBe('always');
    expect(p.targets.P2).toEqual(DEFAULT_SLA_TARGETS.P2);
  });

  it('pauses for waiting-for-parts on hold by default, not for any hold', () => {
    expect(pausesResolution(DEFAULT_SLA_POLICY, 'on-hold', 'waiting-for-parts')).toBe(true);
    expect(pausesResolution(DEFAULT_SLA_POLICY, 'on-hold', 'waiting-for-approval')).toBe(false);
    expect(pausesResolution(DEFAULT_SLA_POLICY, 'on-hold', null)).toBe(false);
    expect(pausesResolution(DEFAULT_SLA_POLICY, 'in-progress', 'waiting-for-parts')).toBe(false);
  });

  it('names the field of every mistake', () => {
    expect(issues({ targets: { P1: { responseMs: 9 * HOUR_MS, resolutionMs: 8 * HOUR_MS, stalledAfterMs: HOUR_MS, calendar: 'working' } } })).toEqual([
      `targets.P1.responseMs: must not be longer than resolutionMs (${8 * HOUR_MS} ms)`,
    ]);
    expect(issues({ targets: { P2: { responseMs: 0, resolutionMs: 1.5, stalledAfterMs: HOUR_MS, calendar: 'shifts' } } })).toEqual([
      'targets.P2.responseMs: must be more than 0',
      'targets.P2.resolutionMs: must be a whole number of milliseconds',
      'targets.P2.calendar: must be "working" (the site\'s shifts) or "always" (24/7)',
    ]);
    expect(issues({ warningRatio: 1 })).toEqual(['warningRatio: must be less than 1 (a breach is the whole target)']);
    expect(issues({ pauseResolutionWhen: [{ status: 'paused' }, { status: 'on-hold', holdReasons: ['Waiting For Parts'] }] })).toEqual([
      'pauseResolutionWhen.0.status: must be one of open, acknowledged, assigned, in-progress, on-hold, resolved, closed, cancelled',
      'pauseResolutionWhen.1.holdReasons.0: must be a kebab-case reason such as "waiting-for-parts"',
    ]);
    expect(issues({ targets: { P5: {} } })[0]).toMatch(/P5/);
  });
});
