import { describe, expect, it } from 'vitest';
import {
  clearPriorityOverride,
  comparePriority,
  overridePriority,
  priorityOverrideRequestSchema,
  priorityScoringSchema,
  recomputePriority,
  scorePriority,
  type Priority,
  type PriorityFactors,
} from './index';

const factors = (f: Partial<PriorityFactors>): PriorityFactors => ({
  severity: 'warn',
  orderType: 'potential-fault',
  criticality: 'C',
  lineDown: false,
  starvedLines: 0,
  ...f,
});

describe('priority scoring table', () => {
  const examples: Array<[string, Partial<PriorityFactors>, Priority, number]> = [
    ['alarm on an A device whose line is down and starves two lines', { severity: 'alarm', criticality: 'A', lineDown: true, starvedLines: 2 }, 'P0', 11],
    ['alarm on an A device whose line is down', { severity: 'alarm', criticality: 'A', lineDown: true }, 'P0', 9],
    ['alarm on an A device, line running', { severity: 'alarm', criticality: 'A' }, 'P1', 6],
    ['emergency (line stopped) on a C device', { severity: null, orderType: 'emergency', criticality: 'C' }, 'P1', 7],
    ['emergency on a B device starving one line', { severity: 'alarm', orderType: 'emergency', criticality: 'B', starvedLines: 1 }, 'P0', 9],
    ['warn on an A device', { severity: 'warn', criticality: 'A' }, 'P2', 4],
    ['alarm on a B device', { severity: 'alarm', criticality: 'B' }, 'P2', 4],
    ['alarm on a C device', { severity: 'alarm', criticality: 'C' }, 'P3', 3],
    ['warn on a B device', { severity: 'warn', criticality: 'B' }, 'P3', 2],
    ['preventive order on an A device', { severity: null, orderType: 'preventive', criticality: 'A' }, 'P3', 3],
    ['warn on a C device with no line impact', { severity: 'warn', criticality: 'C' }, 'P4', 1],
  ];

  it.each(examples)('%s -> %s', (_, f, priority, score) => {
    expect(scorePriority(factors(f))).toMatchObject({ priority, score });
  });

  it('counts an emergency as a stopped line even when the line graph has not caught up', () => {
    const s = scorePriority(factors({ orderType: 'emergency', lineDown: false }));
    expect(s.lines.find((l) => l.factor === 'line-down')).toEqual({ factor: 'line-down', points: 3, text: 'its line is down (+3)' });
  });

  it('caps the points for starved lines at three', () => {
    const five = scorePriority(factors({ severity: 'warn', criticality: 'C', starvedLines: 5 }));
    expect(five.score).toBe(1 + 3);
    expect(five.lines.at(-1)?.text).toBe('starves 5 downstream lines (+3)');
  });

  it('explains the score factor by factor', () => {
    expect(scorePriority(factors({ severity: 'alarm', criticality: 'A', lineDown: true, starvedLines: 2 })).lines.map((l) => l.text)).toEqual([
      'alarm severity (+3)',
      'criticality A device (+3)',
      'its line is down (+3)',
      'starves 2 downstream lines (+2)',
    ]);
  });

  it('sorts P0 first', () => {
    expect((['P3', 'P0', 'P4', 'P1'] as Priority[]).sort(comparePriority)).toEqual(['P0', 'P1', 'P3', 'P4']);
  });

  it('accepts a tuned table and rejects thresholds out of order, naming the field', () => {
    const strict = priorityScoringSchema.parse({ minScore: { P0: 12, P1: 8, P2: 5, P3: 2 } });
    expect(scorePriority(factors({ severity: 'alarm', criticality: 'A', lineDown: true, starvedLines: 2 }), strict).priority).toBe('P1');
    const bad = priorityScoringSchema.safeParse({ minScore: { P0: 5, P1: 6, P2: 4, P3: 2 } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['minScore', 'must decrease from P0 to P3 (got P0 5, P1 6, P2 4, P3 2)']]);
    expect(priorityScoringSchema.safeParse({ lineDown: -1 }).error?.issues[0]?.path).toEqual(['lineDown']);
  });
});

describe('recomputing priority', () => {
  it('says why on the first computation', () => {
    const first = recomputePriority(null, factors({ severity: 'alarm', criticality: 'A' }));
    expect(first.changed).toBe(true);
    expect(first.state.priority).toBe('P1');
    expect(first.reasons).toEqual([
      'set to P1 (score 6)',
      'alarm severity (+3)',
      'criticality A device (+3)',
      'its line is running (+0)',
      'starves no downstream line (+0)',
    ]);
  });

  it('raises the priority when the line goes down and names what changed', () => {
    const before = recomputePriority(null, factors({ severity: 'alarm', criticality: 'B' })).state;
    const after = recomputePriority(before, factors({ severity: 'alarm', criticality: 'B', lineDown: true, starvedLines: 2 }));
    expect(after.changed).toBe(true);
    expect(after.state.priority).toBe('P0');
    expect(after.reasons).toEqual([
      'raised from P2 to P0 (score 4 → 9)',
      'its line is down (+3); before: its line is running (+0)',
      'starves 2 downstream lines (+2); before: starves no downstream line (+0)',
    ]);
  });

  it('lowers it again when the line is back up, and reports no change when nothing moved', () => {
    const down = recomputePriority(null, factors({ severity: 'warn', criticality: 'A', lineDown: true })).state;
    const up = recomputePriority(down, factors({ severity: 'warn', criticality: 'A' }));
    expect(up.reasons[0]).toBe('lowered from P1 to P2 (score 7 → 4)');
    const same = recomputePriority(up.state, factors({ severity: 'warn', criticality: 'A' }));
    expect(same.changed).toBe(false);
    expect(same.reasons).toEqual(['unchanged at P2 (score 4 → 4)']);
  });
});

describe('manual priority override', () => {
  const base = recomputePriority(null, factors({ severity: 'warn', criticality: 'C' })).state; // P4

  it('requires a reason, and the error names the field', () => {
    const missing = priorityOverrideRequestSchema.safeParse({ priority: 'P1' });
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    const blank = priorityOverrideRequestSchema.safeParse({ priority: 'P1', reason: '   ' });
    expect(blank.error?.issues[0]).toMatchObject({ path: ['reason'], message: expect.stringMatching(/^is required/) });
    expect(priorityOverrideRequestSchema.safeParse({ priority: 'P9', reason: 'because' }).error?.issues[0]?.path).toEqual(['priority']);
    expect(() => overridePriority(base, { priority: 'P1', reason: ' ' }, 'anna', 1)).toThrow(/needs a reason/);
  });

  it('wins over every recomputation until cleared', () => {
    const request = priorityOverrideRequestSchema.parse({ priority: 'P1', reason: ' only spare pump for the paint line ' });
    const set = overridePriority(base, request, 'anna', 1_000);
    expect(set.changed).toBe(true);
    expect(set.state).toMatchObject({ priority: 'P1', computed: 'P4', override: { priority: 'P1', reason: 'only spare pump for the paint line', by: 'anna', at: 1_000 } });
    expect(set.reasons).toEqual([
      'raised from P4 to P1 by hand by anna: only spare pump for the paint line',
      'computed priority is P4 (score 1); it applies again once the override is cleared',
    ]);

    // Detection escalates to alarm: the computed priority moves, the override holds.
    const escalated = recomputePriority(set.state, factors({ severity: 'alarm', criticality: 'C' }));
    expect(escalated.changed).toBe(false);
    expect(escalated.state).toMatchObject({ priority: 'P1', computed: 'P3' });
    expect(escalated.reasons[0]).toBe('computed priority raised from P4 to P3 (score 1 → 3), but the manual P1 set by anna stays until cleared');

    const cleared = clearPriorityOverride(escalated.state, 'ben');
    expect(cleared.changed).toBe(true);
    expect(cleared.state).toMatchObject({ priority: 'P3', computed: 'P3', override: null });
    expect(cleared.reasons[0]).toBe('ben cleared manual P1 (set by anna); back to computed P3 (score 3)');
  });

  it('clears against fresh factors when they are given', () => {
    const set = overridePriority(base, { priority: 'P2', reason: 'customer audit tomorrow' }, 'anna', 1);
    const cleared = clearPriorityOverride(set.state, 'anna', factors({ severity: 'alarm', criticality: 'A', lineDown: true }));
    expect(cleared.state.priority).toBe('P0');
  });
});
