import { describe, expect, it } from 'vitest';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from '../http/api-types';
import { allowedTransitions, checkTransition, isTerminal, OPEN_STATUSES } from './work-order-state';

/** Every legal move; everything else must be refused. */
const LEGAL: Array<[WorkOrderStatus, WorkOrderStatus]> = [
  ['open', 'acknowledged'],
  ['open', 'assigned'],
  ['open', 'cancelled'],
  ['acknowledged', 'assigned'],
  ['acknowledged', 'in-progress'],
  ['acknowledged', 'cancelled'],
  ['assigned', 'in-progress'],
  ['assigned', 'cancelled'],
  ['in-progress', 'on-hold'],
  ['in-progress', 'resolved'],
  ['in-progress', 'cancelled'],
  ['on-hold', 'in-progress'],
  ['on-hold', 'cancelled'],
  ['resolved', 'closed'],
  ['resolved', 'in-progress'],
  ['resolved', 'cancelled'],
];

describe('work-order state machine', () => {
  const pairs = WORK_ORDER_STATUSES.flatMap((from) => WORK_ORDER_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s -> %s is legal exactly when listed', (from, to) => {
    const legal = LEGAL.some(([f, t]) => f === from && t === to);
    expect(checkTransition(from, to).ok).toBe(legal);
    expect(allowedTransitions(from).includes(to)).toBe(legal);
  });

  it('explains a refused move and lists the allowed ones', () => {
    expect(checkTransition('open', 'closed')).toEqual({
      ok: false,
      allowed: ['acknowledged', 'assigned', 'cancelled'],
      message: 'cannot go from open to closed; allowed: acknowledged, assigned, cancelled',
    });
    const fromClosed = checkTransition('closed', 'in-progress');
    expect(fromClosed.ok).toBe(false);
    if (!fromClosed.ok) expect(fromClosed.message).toBe('cannot go from closed to in-progress; closed is final');
  });

  it('treats only closed and cancelled as terminal, and counts everything before resolved as open', () => {
    expect(WORK_ORDER_STATUSES.filter(isTerminal)).toEqual(['closed', 'cancelled']);
    expect(OPEN_STATUSES).toEqual(['open', 'acknowledged', 'assigned', 'in-progress', 'on-hold']);
  });

  it('allows cancelling from every state that is not terminal', () => {
    for (const from of WORK_ORDER_STATUSES.filter((s) => !isTerminal(s))) {
      expect(checkTransition(from, 'cancelled').ok).toBe(true);
    }
  });
});
