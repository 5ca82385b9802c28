import { describe, expect, it } from 'vitest';
import type { WorkOrderView } from '../../../server/http/api-types';
import {
  appendPage,
  applyWorkOrderEvent,
  initialListState,
  matchesFilter,
  summarizeQueue,
} from './work-order-list-state';

function order(id: number, patch: Partial<WorkOrderView> = {}): WorkOrderView {
  return {
    id,
    number: `WO-2026-${String(id).padStart(6, '0')}`,
    type: 'potential-fault',
    status: 'open',
    title: `Order ${id}`,
    description: '',
    deviceId: 'P-104',
    deviceName: 'Pump 104',
    lineId: 'line-a',
    siteId: 'site-1',
    failureMode: 'vibration-high',
    severity: 'warn',
    createdAt: 1000 * id,
    updatedAt: 1000 * id,
    occurrences: 1,
    lastOccurrenceAt: 1000 * id,
    evidence: null,
    stopsLine: false,
    dueAt: null,
    resolvedAt: null,
    closedAt: null,
    outcome: null,
    recurrenceOf: null,
    repairEffective: null,
    priority: 'P3',
    priorityReasons: [],
    priorityOverride: null,
    holdReason: null,
    assignee: null,
    requiredCertifications: [],
    requiredSkills: [],
    sla: {
      priority: 'P3',
      timeZone: 'UTC',
      evaluatedAt: 1000 * id,
      response: { state: 'ok', clock: 'running', dueAt: null, targetMs: 1, calendar: 'working', elapsedWorkingMs: 0, remainingWorkingMs: 1, usedRatio: 0, breachedAt: null, stoppedAt: null },
      resolution: { state: 'ok', clock: 'running', dueAt: null, targetMs: 1, calendar: 'working', elapsedWorkingMs: 0, remainingWorkingMs: 1, usedRatio: 0, breachedAt: null, stoppedAt: null },
      stalled: false,
      lastActivityAt: 1000 * id,
      stalledAt: null,
    },
    ...patch,
  };
}

const ids = (items: WorkOrderView[]) => items.map((o) => o.id);

describe('initialListState', () => {
  it('sorts newest first, dedupes, and drops orders outside the filter', () => {
    const s = initialListState('active', [order(1), order(3), order(2, { status: 'closed' }), order(3)], 3);
    expect(ids(s.items)).toEqual([3, 1]);
    expect(s.total).toBe(3);
  });
  it('restricts to a device', () => {
    const s = initialListState('all', [order(1), order(2, { deviceId: 'M-7' })], 2, 'M-7');
    expect(ids(s.items)).toEqual([2]);
  });
});

describe('matchesFilter', () => {
  it('handles active / all / one status', () => {
    expect(matchesFilter(order(1, { status: 'on-hold' }), 'active')).toBe(true);
    expect(matchesFilter(order(1, { status: 'resolved' }), 'active')).toBe(false);
    expect(matchesFilter(order(1, { status: 'cancelled' }), 'all')).toBe(true);
    expect(matchesFilter(order(1, { status: 'assigned' }), 'assigned')).toBe(true);
    expect(matchesFilter(order(1, { status: 'assigned' }), 'open')).toBe(false);
  });
});

describe('applyWorkOrderEvent', () => {
  const base = initialListState('active', [order(1), order(2), order(4)]);

  it('inserts a created order at the top', () => {
    const { state, change } = applyWorkOrderEvent(base, { change: 'created', workOrder: order(5) });
    expect(change).toBe('inserted');
    expect(ids(state.items)).toEqual([5, 4, 2, 1]);
    expect(state.total).toBe(4);
  });
  it('inserts an order created out of order at its place', () => {
    const { state } = applyWorkOrderEvent(base, { change: 'created', workOrder: order(3) });
    expect(ids(state.items)).toEqual([4, 3, 2, 1]);
  });
  it('patches an updated row and keeps the other rows identical', () => {
    const updated = order(2, { occurrences: 3, updatedAt: 9000, severity: 'alarm' });
    const { state, change } = applyWorkOrderEvent(base, { change: 'occurrence', workOrder: updated });
    expect(change).toBe('updated');
    expect(state.items[1]).toBe(updated);
    expect(state.items[0]).toBe(base.items[0]);
    expect(state.items[2]).toBe(base.items[2]);
    expect(state.total).toBe(3);
  });
  it('removes an order that leaves the filter', () => {
    const { state, change } = applyWorkOrderEvent(base, {
      change: 'updated',
      workOrder: order(2, { status: 'closed', updatedAt: 9000 }),
    });
    expect(change).toBe('removed');
    expect(ids(state.items)).toEqual([4, 1]);
    expect(state.total).toBe(2);
  });
  it('inserts an order that starts matching the filter', () => {
    const resolved = initialListState('resolved', []);
    const { state, change } = applyWorkOrderEvent(resolved, {
      change: 'updated',
      workOrder: order(2, { status: 'resolved', updatedAt: 9000 }),
    });
    expect(change).toBe('inserted');
    expect(ids(state.items)).toEqual([2]);
  });
  it('ignores orders outside the filter and stale updates', () => {
    expect(applyWorkOrderEvent(base, { change: 'created', workOrder: order(9, { status: 'closed' }) }).change).toBe('ignored');
    const stale = order(4, { updatedAt: 1, status: 'closed' });
    const r = applyWorkOrderEvent(base, { change: 'updated', workOrder: stale });
    expect(r.change).toBe('ignored');
    expect(r.state).toBe(base);
  });
  it('ignores other devices on a device-restricted list', () => {
    const dev = initialListState('active', [order(1)], 1, 'P-104');
    expect(applyWorkOrderEvent(dev, { change: 'created', workOrder: order(2, { deviceId: 'X' }) }).change).toBe('ignored');
  });
});

describe('priority order and filter', () => {
  it('sorts by priority first, newest first within it', () => {
    const s = initialListState('active', [order(1, { priority: 'P1' }), order(2, { priority: 'P3' }), order(3, { priority: 'P1' }), order(4, { priority: 'P0' })]);
    expect(ids(s.items)).toEqual([4, 3, 1, 2]);
  });
  it('moves a row when its priority changes', () => {
    const s = initialListState('active', [order(1), order(2), order(3)]);
    const { state } = applyWorkOrderEvent(s, { change: 'updated', workOrder: order(1, { priority: 'P0', updatedAt: 9000 }) });
    expect(ids(state.items)).toEqual([1, 3, 2]);
  });
  it('keeps only the chosen priorities, live too', () => {
    const s = initialListState('active', [order(1, { priority: 'P0' }), order(2)], 2, null, ['P0', 'P1']);
    expect(ids(s.items)).toEqual([1]);
    expect(applyWorkOrderEvent(s, { change: 'created', workOrder: order(5, { priority: 'P4' }) }).change).toBe('ignored');
    const dropped = applyWorkOrderEvent(s, { change: 'updated', workOrder: order(1, { priority: 'P2', updatedAt: 9000 }) });
    expect(dropped.change).toBe('removed');
  });
  it('counts urgent and SLA-breached active orders', () => {
    const breachedSla = { ...order(1).sla, response: { ...order(1).sla.response, state: 'breached' as const } };
    const s = summarizeQueue([order(1, { priority: 'P0', sla: breachedSla }), order(2, { priority: 'P1' }), order(3, { priority: 'P0', status: 'closed' })]);
    expect(s).toMatchObject({ urgent: 2, breached: 1 });
  });
});

describe('appendPage', () => {
  it('adds unseen orders and keeps the order', () => {
    const s = appendPage(initialListState('all', [order(9), order(8)], 5), [order(8), order(7), order(6)], 5);
    expect(ids(s.items)).toEqual([9, 8, 7, 6]);
    expect(s.total).toBe(5);
  });
});

describe('summarizeQueue', () => {
  it('counts active work, alarms, unacknowledged and the oldest', () => {
    const s = summarizeQueue([
      order(1, { status: 'in-progress', severity: 'alarm' }),
      order(2),
      order(3, { status: 'closed', severity: 'alarm' }),
    ]);
    expect(s).toEqual({ active: 2, alarms: 1, unacknowledged: 1, urgent: 0, breached: 0, oldestActiveAt: 1000 });
    expect(summarizeQueue([]).oldestActiveAt).toBeNull();
  });
});
