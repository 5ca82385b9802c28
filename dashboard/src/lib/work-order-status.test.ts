import { describe, expect, it } from 'vitest';
import { WORK_ORDER_STATUSES } from '../../../server/http/api-types';
import { STATUSES, canTransition, isActiveStatus, isStatus, nextStatuses, transitionActions } from './work-order-status';

describe('work-order statuses', () => {
  it('lists the same statuses as the server, in the same order', () => {
    expect([...STATUSES]).toEqual([...WORK_ORDER_STATUSES]);
  });
  it('recognises statuses', () => {
    expect(isStatus('on-hold')).toBe(true);
    expect(isStatus('done')).toBe(false);
  });
  it('treats open..on-hold as active work', () => {
    expect(STATUSES.filter(isActiveStatus)).toEqual(['open', 'acknowledged', 'assigned', 'in-progress', 'on-hold']);
  });
});

describe('transition table', () => {
  it('mirrors the server state machine', () => {
    expect(nextStatuses('open')).toEqual(['acknowledged', 'assigned', 'cancelled']);
    expect(nextStatuses('acknowledged')).toEqual(['assigned', 'in-progress', 'cancelled']);
    expect(nextStatuses('assigned')).toEqual(['in-progress', 'cancelled']);
    expect(nextStatuses('in-progress')).toEqual(['on-hold', 'resolved', 'cancelled']);
    expect(nextStatuses('on-hold')).toEqual(['in-progress', 'cancelled']);
    expect(nextStatuses('resolved')).toEqual(['closed', 'in-progress', 'cancelled']);
    expect(nextStatuses('closed')).toEqual([]);
    expect(nextStatuses('cancelled')).toEqual([]);
  });
  it('never allows staying in place or leaving a terminal status', () => {
    for (const s of STATUSES) expect(canTransition(s, s)).toBe(false);
    for (const to of STATUSES) {
      expect(canTransition('closed', to)).toBe(false);
      expect(canTransition('cancelled', to)).toBe(false);
    }
  });
});

describe('transitionActions', () => {
  it('puts the usual next step first and cancel last', () => {
    expect(transitionActions('open')).toEqual([
      { to: 'acknowledged', label: 'Acknowledge', tone: 'primary' },
      { to: 'assigned', label: 'Assign', tone: 'secondary' },
      { to: 'cancelled', label: 'Cancel order', tone: 'danger' },
    ]);
  });
  it('names in-progress by where it comes from', () => {
    expect(transitionActions('acknowledged').find((a) => a.to === 'in-progress')?.label).toBe('Start work');
    expect(transitionActions('on-hold')[0]).toEqual({ to: 'in-progress', label: 'Resume work', tone: 'primary' });
    expect(transitionActions('resolved').map((a) => a.label)).toEqual(['Close', 'Reopen', 'Cancel order']);
  });
  it("follows the server's allowed list when it sends one", () => {
    expect(transitionActions('open', ['cancelled', 'acknowledged']).map((a) => a.to)).toEqual(['acknowledged', 'cancelled']);
    expect(transitionActions('open', ['acknowledged', 'open', 'bogus']).map((a) => a.to)).toEqual(['acknowledged']);
    expect(transitionActions('closed', ['open'])).toEqual([{ to: 'open', label: 'Reopen', tone: 'primary' }]);
    expect(transitionActions('open', []).length).toBe(0);
    expect(transitionActions('open', null).length).toBe(3);
  });
  it('offers nothing on closed orders', () => {
    expect(transitionActions('closed')).toEqual([]);
  });
});
