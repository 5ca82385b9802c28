import { describe, expect, it } from 'vitest';
import { WORK_ORDER_TYPES } from '../http/api-types';
import { outcomeKindProblem, outcomeKindsFor, outcomeKindsOf } from './outcome-kinds';

describe('outcome kinds per order type', () => {
  it('lets planned work close as completed, and fault orders only as confirmed or no fault found', () => {
    expect(outcomeKindProblem('preventive', 'completed')).toBeNull();
    expect(outcomeKindProblem('inspection', 'confirmed')).toBeNull();
    expect(outcomeKindProblem('potential-fault', 'completed')).toBe('a potential-fault order closes as confirmed or no-fault-found, not completed');
    expect(outcomeKindProblem('emergency', 'completed')).not.toBeNull();
    expect(outcomeKindsFor('corrective')).toBe('confirmed (failureMode, cause, action, labourMinutes) or no-fault-found (note)');
  });

  it('gives every type at least a confirmed outcome and names the usual one first', () => {
    for (const type of WORK_ORDER_TYPES) expect(outcomeKindsOf(type)).toContain('confirmed');
    expect(outcomeKindsOf('preventive')[0]).toBe('completed');
  });
});
