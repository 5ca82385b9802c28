import { describe, expect, it } from 'vitest';
import { OUTCOME_KINDS, WORK_ORDER_TYPES } from '../../../server/http/api-types';
import { outcomeKindsOf } from '../../../server/work-orders/outcome-kinds';
import { checkOutcome, formatLabour, needsOutcome, OUTCOME_KINDS_BY_TYPE, OUTCOME_LABEL, parseLabourMinutes, parseParts, type OutcomeForm } from './work-order-outcome';

const form = (patch: Partial<OutcomeForm> = {}): OutcomeForm => ({
  kind: 'confirmed',
  failureMode: 'vibration-high',
  cause: ' worn drive-end bearing ',
  action: 'Replaced the bearing',
  parts: '',
  labour: '1:30',
  note: '',
  ...patch,
});

describe('needsOutcome', () => {
  it('asks for an outcome when resolving or closing without one', () => {
    expect(needsOutcome('resolved', null)).toBe(true);
    expect(needsOutcome('closed', undefined)).toBe(true);
    expect(needsOutcome('in-progress', null)).toBe(false);
    expect(needsOutcome('closed', { kind: 'no-fault-found', note: 'x', recordedAt: 1, recordedBy: 'a' })).toBe(false);
  });
  it('labels every outcome kind', () => {
    for (const k of OUTCOME_KINDS) expect(OUTCOME_LABEL[k]).toBeTruthy();
  });
});

describe('checkOutcome', () => {
  it('builds a confirmed outcome', () => {
    expect(checkOutcome(form({ parts: '6205-2RS x2 deep groove ball bearing' }))).toEqual({
      ok: true,
      outcome: {
        kind: 'confirmed',
        failureMode: 'vibration-high',
        cause: 'worn drive-end bearing',
        action: 'Replaced the bearing',
        labourMinutes: 90,
        parts: [{ partNumber: '6205-2RS', quantity: 2, description: 'deep groove ball bearing' }],
      },
    });
  });
  it('omits parts when none are listed', () => {
    const r = checkOutcome(form());
    expect(r.ok && 'parts' in r.outcome).toBe(false);
  });
  it('reports every missing field', () => {
    const r = checkOutcome(form({ failureMode: '', cause: ' ', action: '', labour: 'soon' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.problems).sort()).toEqual(['action', 'cause', 'failureMode', 'labour']);
  });
  it('builds a no-fault-found outcome from the note alone', () => {
    expect(checkOutcome(form({ kind: 'no-fault-found', cause: '', note: ' Bearings fine; sensor loose. ' }))).toEqual({
      ok: true,
      outcome: { kind: 'no-fault-found', note: 'Bearings fine; sensor loose.' },
    });
    expect(checkOutcome(form({ kind: 'no-fault-found', note: '' })).ok).toBe(false);
  });
  it('builds a work-done outcome for planned work: action and labour required, findings from the note', () => {
    expect(checkOutcome(form({ kind: 'completed', failureMode: '', cause: '', action: ' Greased bearings ', parts: 'LGHP2 x0.4', labour: '20', note: ' Seal worn ' }))).toEqual({
      ok: true,
      outcome: { kind: 'completed', action: 'Greased bearings', labourMinutes: 20, parts: [{ partNumber: 'LGHP2', quantity: 0.4 }], findings: 'Seal worn' },
    });
    const r = checkOutcome(form({ kind: 'completed', action: '', labour: '' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.problems).sort()).toEqual(['action', 'labour']);
  });
  it('offers per order type the outcomes the server accepts, in its order', () => {
    for (const type of WORK_ORDER_TYPES) expect(OUTCOME_KINDS_BY_TYPE[type]).toEqual(outcomeKindsOf(type));
  });
});

describe('parseLabourMinutes / formatLabour', () => {
  it('reads the ways people write durations', () => {
    expect(parseLabourMinutes('90')).toBe(90);
    expect(parseLabourMinutes('45 min')).toBe(45);
    expect(parseLabourMinutes('1:30')).toBe(90);
    expect(parseLabourMinutes('1h30')).toBe(90);
    expect(parseLabourMinutes('1 h 30 min')).toBe(90);
    expect(parseLabourMinutes('2h')).toBe(120);
    expect(parseLabourMinutes('0')).toBe(0);
    expect(parseLabourMinutes('')).toBeNull();
    expect(parseLabourMinutes('-5')).toBeNull();
    expect(parseLabourMinutes('1.5')).toBeNull();
  });
  it('formats labour', () => {
    expect(formatLabour(45)).toBe('45 min');
    expect(formatLabour(90)).toBe('1 h 30 min');
    expect(formatLabour(120)).toBe('2 h');
  });
});

describe('parseParts', () => {
  it('reads one part per line with optional quantity and description', () => {
    expect(parseParts('6205-2RS x2 bearing\n\nSEAL-40 ×1\nGREASE-EP2')).toEqual({
      ok: true,
      parts: [
        { partNumber: '6205-2RS', quantity: 2, description: 'bearing' },
        { partNumber: 'SEAL-40', quantity: 1 },
        { partNumber: 'GREASE-EP2', quantity: 1 },
      ],
    });
    expect(parseParts('BOLT-M12 x4')).toEqual({ ok: true, parts: [{ partNumber: 'BOLT-M12', quantity: 4 }] });
  });
  it('rejects a zero quantity', () => {
    expect(parseParts('A x0').ok).toBe(false);
  });
});
