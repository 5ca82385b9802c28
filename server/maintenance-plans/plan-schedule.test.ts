import { describe, expect, it } from 'vitest';
import type { MaintenanceTrigger } from '../http/api-types';
import { DAY_MS, decide, HOUR_MS, nextDue, scheduleNote, type PlanFacts } from './plan-schedule';

const T0 = Date.UTC(2026, 2, 10, 8);
const calendar: MaintenanceTrigger = { kind: 'calendar', everyDays: 90, leadDays: 7 };
const hoursPlan: MaintenanceTrigger = { kind: 'running-hours', everyHours: 2000, leadHours: 50 };

const plan = (trigger: MaintenanceTrigger, over: Partial<PlanFacts> = {}): PlanFacts => ({
  trigger,
  enabled: true,
  baselineAt: T0,
  baselineRunningMs: 100 * HOUR_MS,
  lastOrder: null,
  ...over,
});
type LastOrder = NonNullable<PlanFacts['lastOrder']>;
const order = (status: LastOrder['status'], over: Partial<LastOrder> = {}): LastOrder => ({
  status,
  dueAt: null,
  dueRunningMs: null,
  doneAt: null,
  doneRunningMs: null,
  ...over,
});

describe('maintenance plan schedule: calendar', () => {
  it('is due one interval after the plan starts, and opens the order the lead time before', () => {
    const p = plan(calendar);
    expect(nextDue(p, 0)).toEqual({ kind: 'calendar', basis: 'plan-start', from: T0, dueAt: T0 + 90 * DAY_MS, opensAt: T0 + 83 * DAY_MS });
    expect(decide(p, T0 + 83 * DAY_MS - 1, 0)).toMatchObject({ action: 'none', reason: 'not-yet' });
    expect(decide(p, T0 + 83 * DAY_MS, 0)).toMatchObject({ action: 'create', next: { dueAt: T0 + 90 * DAY_MS } });
  });

  it('uses firstDueAt for the first order; a date long past opens one overdue order', () => {
    const first = T0 + 10 * DAY_MS;
    expect(decide(plan({ ...calendar, firstDueAt: first }), T0 + 3 * DAY_MS, 0)).toMatchObject({ action: 'create', next: { basis: 'first-due', dueAt: first } });
    const late = decide(plan(calendar, { lastOrder: order('closed', { doneAt: T0 - 400 * DAY_MS }) }), T0, 0);
    expect(late).toMatchObject({ action: 'create', next: { basis: 'completion', dueAt: T0 - 310 * DAY_MS } });
  });

  it('never opens a second order while the plan’s order is being worked, in any open status', () => {
    for (const status of ['open', 'acknowledged', 'assigned', 'in-progress', 'on-hold'] as const) {
      const d = decide(plan(calendar, { lastOrder: order(status, { dueAt: T0 }) }), T0 + 500 * DAY_MS, 0);
      expect(d, status).toEqual({ action: 'none', reason: 'order-open', next: null });
    }
  });

  it('reschedules from the completion, and after a cancel from the cancelled order’s due date', () => {
    const done = T0 + 95 * DAY_MS;
    expect(nextDue(plan(calendar, { lastOrder: order('resolved', { dueAt: T0 + 90 * DAY_MS, doneAt: done }) }), 0)).toMatchObject({ basis: 'completion', dueAt: done + 90 * DAY_MS });
    expect(nextDue(plan(calendar, { lastOrder: order('closed', { dueAt: T0 + 90 * DAY_MS, doneAt: done }) }), 0)).toMatchObject({ dueAt: done + 90 * DAY_MS });
    const cancelled = plan(calendar, { lastOrder: order('cancelled', { dueAt: T0 + 90 * DAY_MS }) });
    expect(nextDue(cancelled, 0)).toMatchObject({ basis: 'cancelled', dueAt: T0 + 180 * DAY_MS, opensAt: T0 + 173 * DAY_MS });
  });

  it('opens nothing for a disabled plan, but still says when it would be due', () => {
    const d = decide(plan(calendar, { enabled: false }), T0 + 365 * DAY_MS, 0);
    expect(d).toMatchObject({ action: 'none', reason: 'disabled', next: { dueAt: T0 + 90 * DAY_MS } });
  });

  it('says in the note which interval and what it was counted from', () => {
    const next = nextDue(plan(calendar, { lastOrder: order('closed', { doneAt: Date.UTC(2026, 2, 2, 14) }) }), 0)!;
    expect(scheduleNote(calendar, next, 0)).toBe('every 90 days, last done 2026-03-02');
    const cancelled = nextDue(plan(calendar, { lastOrder: order('cancelled', { dueAt: Date.UTC(2026, 2, 2) }) }), 0)!;
    expect(scheduleNote(calendar, cancelled, 0)).toBe('every 90 days, previous order was cancelled, counted from its due date 2026-03-02');
  });
});

describe('maintenance plan schedule: running hours', () => {
  it('is due every N running hours after the hours at plan start, opening the lead hours before', () => {
    const p = plan(hoursPlan);
    expect(nextDue(p, 0)).toEqual({ kind: 'running-hours', basis: 'plan-start', fromRunningMs: 100 * HOUR_MS, dueRunningMs: 2100 * HOUR_MS, opensAtRunningMs: 2050 * HOUR_MS });
    expect(decide(p, T0 + 900 * DAY_MS, 2050 * HOUR_MS - 1)).toMatchObject({ action: 'none', reason: 'not-yet' });
    expect(decide(p, T0, 2050 * HOUR_MS)).toMatchObject({ action: 'create', next: { dueRunningMs: 2100 * HOUR_MS } });
  });

  it('uses firstDueHours on the device counter for the first order', () => {
    expect(nextDue(plan({ ...hoursPlan, firstDueHours: 500 }), 0)).toMatchObject({ basis: 'first-due', dueRunningMs: 500 * HOUR_MS, opensAtRunningMs: 450 * HOUR_MS });
  });

  it('reschedules from the hours at completion, or after a cancel from the hours it was due at', () => {
    const done = plan(hoursPlan, { lastOrder: order('resolved', { dueRunningMs: 2100 * HOUR_MS, doneRunningMs: 2130 * HOUR_MS }) });
    expect(nextDue(done, 2200 * HOUR_MS)).toMatchObject({ basis: 'completion', dueRunningMs: 4130 * HOUR_MS });
    // Completion not yet recorded: counted from the hours now.
    expect(nextDue(plan(hoursPlan, { lastOrder: order('closed') }), 2200 * HOUR_MS)).toMatchObject({ dueRunningMs: 4200 * HOUR_MS });
    const cancelled = plan(hoursPlan, { lastOrder: order('cancelled', { dueRunningMs: 2100 * HOUR_MS }) });
    expect(nextDue(cancelled, 2300 * HOUR_MS)).toMatchObject({ basis: 'cancelled', dueRunningMs: 4100 * HOUR_MS });
    expect(decide(cancelled, T0, 2300 * HOUR_MS)).toMatchObject({ action: 'none', reason: 'not-yet' });
  });

  it('writes the hours in the note', () => {
    const next = nextDue(plan(hoursPlan, { baselineRunningMs: 0 }), 0)!;
    expect(scheduleNote(hoursPlan, next, 1950 * HOUR_MS + 59 * 60_000)).toBe('every 2,000 running hours: 1,950 h now, due at 2,000 h (counted from 0 h when the plan started)');
  });
});
