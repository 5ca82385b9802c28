import { describe, expect, it } from 'vitest';
import type { RuleView } from '../../../server/http/api-types';
import { candidateRule, editableFields, initialDraft, placeIssues, readDraft, ruleKind, type RuleLike } from './rule-editor';

const rule = {
  id: 'pump.vibration',
  version: 3,
  scope: { kind: 'class', equipmentClass: 'pump' },
  metric: 'vibration',
  direction: 'above',
  basis: 'iso-10816-rigid',
  warn: 4.5,
  alarm: 7.1,
  clear: 3.5,
  minDurationMs: 30_000,
  clearDurationMs: 60_000,
  failureMode: 'vibration-high',
  enabled: true,
  updatedAt: 1,
  updatedBy: 'defaults',
} as RuleView as RuleLike;

describe('threshold rule fields', () => {
  it('offers limits with the basis unit and durations in seconds', () => {
    const fields = editableFields(rule);
    expect(fields.map((f) => f.key)).toEqual(['warn', 'alarm', 'clear', 'minDurationMs', 'clearDurationMs']);
    expect(fields[0]!.unit).toBe('mm/s (rigid foundation)');
    expect(editableFields({ ...rule, basis: 'absolute', metric: 'temperature' })[0]!.unit).toBe('°C');
    expect(initialDraft(rule, fields)).toEqual({ warn: '4.5', alarm: '7.1', clear: '3.5', minDurationMs: '30', clearDurationMs: '60' });
  });

  it('sends only what changed, durations in milliseconds', () => {
    const fields = editableFields(rule);
    const draft = { ...initialDraft(rule, fields), warn: '4', minDurationMs: '12.5' };
    expect(readDraft(rule, fields, draft)).toEqual({ changes: { warn: 4, minDurationMs: 12_500 }, errors: {} });
    expect(readDraft(rule, fields, initialDraft(rule, fields)).changes).toEqual({});
  });

  it('names fields that are empty, not numbers, or negative durations', () => {
    const fields = editableFields(rule);
    const draft = { ...initialDraft(rule, fields), warn: '', alarm: 'high', clearDurationMs: '-1' };
    expect(readDraft(rule, fields, draft).errors).toEqual({ warn: 'is required', alarm: 'must be a number', clearDurationMs: 'must not be negative' });
  });

  it('builds the candidate without bookkeeping fields', () => {
    const c = candidateRule(rule, { warn: 4 });
    expect(c).toMatchObject({ id: 'pump.vibration', version: 3, warn: 4, alarm: 7.1 });
    expect(c).not.toHaveProperty('updatedAt');
    expect(c).not.toHaveProperty('updatedBy');
  });
});

describe('other rule kinds', () => {
  it('shows the kind and edits every number of the rule and of its parameters', () => {
    const roc = { ...rule, kind: 'rate-of-change', params: { windowMs: 300_000, label: 'x' } } as RuleLike;
    expect(ruleKind(roc)).toBe('rate-of-change');
    expect(ruleKind(rule)).toBe('threshold');
    const fields = editableFields(roc);
    expect(fields.map((f) => [f.key, f.label, f.kind])).toEqual([
      ['warn', 'Warn', 'number'],
      ['alarm', 'Alarm', 'number'],
      ['clear', 'Clear', 'number'],
      ['minDurationMs', 'Min duration', 'duration'],
      ['clearDurationMs', 'Clear duration', 'duration'],
      ['params.windowMs', 'Window', 'duration'],
    ]);
    const draft: Record<string, string> = { ...initialDraft(roc, fields), 'params.windowMs': '600', warn: '5' };
    expect(readDraft(roc, fields, draft).changes).toEqual({ warn: 5, params: { windowMs: 600_000, label: 'x' } });
  });

  it('reads parameters it has never heard of', () => {
    const baseline = { ...rule, kind: 'adaptive-baseline', params: { windowPoints: 500, minSigma: 0.05 }, flapping: { maxRaises: 3, windowMs: 3_600_000, quietMs: 600_000 } } as RuleLike;
    const keys = editableFields(baseline).map((f) => f.key);
    expect(keys).toContain('params.windowPoints');
    expect(keys).toContain('params.minSigma');
    expect(keys).toEqual(expect.arrayContaining(['flapping.maxRaises', 'flapping.windowMs', 'flapping.quietMs']));
  });
});

describe('placeIssues', () => {
  it('puts API field errors on their fields and keeps the rest as general messages', () => {
    const fields = editableFields(rule);
    expect(
      placeIssues(
        [
          { path: 'alarm', message: 'alarm must be above warn (4.5)' },
          { path: 'changes.0.clear', message: 'clear must be below warn' },
          { path: 'deviceIds.1', message: 'no such device' },
          { path: '', message: 'conflict' },
        ],
        fields,
      ),
    ).toEqual({
      byField: { alarm: 'alarm must be above warn (4.5)', clear: 'clear must be below warn' },
      general: ['deviceIds.1: no such device', 'conflict'],
    });
  });
});
