import { describe, expect, it } from 'vitest';
import type { MaintenancePlanView } from '../../../server/http/api-types';
import { planInterval, planStanding } from './maintenance-plan-text';

const NOW = Date.UTC(2026, 11, 5, 12);
const DAY = 86_400_000;
const calendar = (over: Partial<MaintenancePlanView> = {}) =>
  ({
    enabled: true,
    trigger: { kind: 'calendar', everyDays: 90, leadDays: 7 },
    next: { basis: 'completion', dueAt: NOW + 20 * DAY, opensAt: NOW + 13 * DAY, dueRunningHours: null, opensAtRunningHours: null, runningHoursLeft: null },
    lastOrder: null,
    ...over,
  }) as MaintenancePlanView;
const hours = (left: number) =>
  ({
    enabled: true,
    trigger: { kind: 'running-hours', everyHours: 2000, leadHours: 50 },
    next: { basis: 'completion', dueAt: null, opensAt: null, dueRunningHours: 2000, opensAtRunningHours: 1950, runningHoursLeft: left },
    lastOrder: null,
  }) as unknown as MaintenancePlanView;

describe('maintenance plan text', () => {
  it('says the interval', () => {
    expect(planInterval(calendar())).toBe('Every 90 days');
    expect(planInterval(hours(10))).toBe('Every 2,000 running hours');
  });

  it('says when a calendar plan is due and when its order opens, or how long it is overdue', () => {
    expect(planStanding(calendar(), NOW, 'UTC')).toEqual({ text: 'Due 25 Dec 2026 · order opens 18 Dec 2026', tone: 'ok' });
    const overdue = calendar({ next: { basis: 'completion', dueAt: NOW - 3 * 3_600_000, opensAt: NOW - DAY, dueRunningHours: null, opensAtRunningHours: null, runningHoursLeft: null } });
    expect(planStanding(overdue, NOW, 'UTC')).toEqual({ text: 'Overdue by 3 h', tone: 'overdue' });
  });

  it('counts running hours to go, soon inside the lead, overdue past it', () => {
    expect(planStanding(hours(400), NOW)).toEqual({ text: 'Due at 2,000 h · 400 h to go', tone: 'ok' });
    expect(planStanding(hours(30), NOW).tone).toBe('soon');
    expect(planStanding(hours(-12), NOW)).toEqual({ text: 'Due at 2,000 h · overdue by 12 h of running', tone: 'overdue' });
  });

  it('points at the order being worked, and says when a plan is off', () => {
    const open = calendar({ next: null, lastOrder: { id: 7, number: 'WO-2026-000007', status: 'in-progress', dueAt: NOW, createdAt: NOW - DAY } });
    expect(planStanding(open, NOW)).toEqual({ text: 'Order WO-2026-000007 is being worked', tone: 'open' });
    expect(planStanding(calendar({ enabled: false }), NOW).tone).toBe('off');
  });
});
