import { describe, expect, it } from 'vitest';
import { dueState } from './due-date';

const now = 1_000_000_000;
const min = 60_000;

describe('dueState', () => {
  it('says nothing without a due date or for finished work', () => {
    expect(dueState(null, 'open', now)).toBeNull();
    expect(dueState(undefined, 'open', now)).toBeNull();
    expect(dueState(now - min, 'resolved', now)).toBeNull();
  });
  it('flags overdue, soon and later', () => {
    expect(dueState(now - 35 * min, 'in-progress', now)).toEqual({ tone: 'overdue', text: 'overdue 35 min' });
    expect(dueState(now + 90 * min, 'open', now)).toEqual({ tone: 'soon', text: 'due in 1 h 30 min' });
    expect(dueState(now + 2 * 24 * 60 * min, 'assigned', now)).toEqual({ tone: 'later', text: 'due in 2 d' });
  });
});
