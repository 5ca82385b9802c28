/**
 * When a maintenance plan's next order is due, and whether to open it now.
 * Pure: the plan's stored facts, the device's running ms and `now` in, a
 * decision out; the monitor (plan-monitor.ts) carries it out.
 *
 * The next due is counted from the last fact there is:
 * - no order yet: `firstDue*` when given, else one interval after the plan
 *   was created (its time, or the device's running hours then);
 * - the last order was completed (resolved, else closed): one interval after
 *   the completion, at the completion time or the hours the device had then;
 * - the last order was cancelled: one interval after what that order was
 *   due at, so skipping a service keeps the rhythm instead of restarting it
 *   from the day someone cancelled;
 * - the last order is still being worked: nothing is due (one open order per plan).
 *
 * A due date already past opens one overdue order, never one per missed
 * interval. The order opens `lead` before it is due: days of calendar time,
 * or hours of running for running-hours plans.
 */
import type { MaintenancePlanNextView, MaintenanceTrigger, WorkOrderStatus } from '../http/api-types';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Statuses in which the plan's order is finished: the next one may be scheduled. */
const DONE: readonly WorkOrderStatus[] = ['resolved', 'closed'];

export interface PlanFacts {
  trigger: MaintenanceTrigger;
  enabled: boolean;
  baselineAt: number;
  baselineRunningMs: number;
  /** The plan's latest order, with what it was due at and when it was completed; null before the first. */
  lastOrder: {
    status: WorkOrderStatus;
    dueAt: number | null;
    dueRunningMs: number | null;
    doneAt: number | null;
    doneRunningMs: number | null;
  } | null;
}

export type NextDue =
  | { kind: 'calendar'; basis: MaintenancePlanNextView['basis']; from: number; dueAt: number; opensAt: number }
  | { kind: 'running-hours'; basis: MaintenancePlanNextView['basis']; fromRunningMs: number; dueRunningMs: number; opensAtRunningMs: number };

export type PlanDecision =
  | { action: 'none'; reason: 'disabled' | 'order-open' | 'not-yet'; next: NextDue | null }
  | { action: 'create'; next: NextDue };

export const isDone = (status: WorkOrderStatus) => DONE.includes(status);
const isFinished = (status: WorkOrderStatus) => isDone(status) || status === 'cancelled';

/** When the next order is due, or null while the plan's order is still being worked. `runningMs`: the device's counter now. */
export function nextDue(plan: PlanFacts, runningMs: number): NextDue | null {
  const last = plan.lastOrder;
  if (last && !isFinished(last.status)) return null;
  const t = plan.trigger;
  if (t.kind === 'calendar') {
    const every = t.everyDays * DAY_MS;
    const lead = t.leadDays * DAY_MS;
    const at = (basis: MaintenancePlanNextView['basis'], from: number, dueAt = from + every) => ({ kind: 'calendar' as const, basis, from, dueAt, opensAt: dueAt - lead });
    if (!last) return t.firstDueAt != null ? at('first-due', plan.baselineAt, t.firstDueAt) : at('plan-start', plan.baselineAt);
    if (last.status === 'cancelled') return at('cancelled', last.dueAt ?? plan.baselineAt);
    return at('completion', last.doneAt ?? plan.baselineAt);
  }
  const every = t.everyHours * HOUR_MS;
  const lead = t.leadHours * HOUR_MS;
  const at = (basis: MaintenancePlanNextView['basis'], fromRunningMs: number, dueRunningMs = fromRunningMs + every) => ({
    kind: 'running-hours' as const,
    basis,
    fromRunningMs,
    dueRunningMs,
    opensAtRunningMs: dueRunningMs - lead,
  });
  if (!last) return t.firstDueHours != null ? at('first-due', plan.baselineRunningMs, t.firstDueHours * HOUR_MS) : at('plan-start', plan.baselineRunningMs);
  if (last.status === 'cancelled') return at('cancelled', last.dueRunningMs ?? plan.baselineRunningMs);
  // Completion not recorded yet (the monitor records it first): the hours now are the best known.
  return at('completion', last.doneRunningMs ?? runningMs);
}

/** Whether to open the plan's next order at `now`, the device having run `runningMs`. */
export function decide(plan: PlanFacts, now: number, runningMs: number): PlanDecision {
  const next = nextDue(plan, runningMs);
  if (!plan.enabled) return { action: 'none', reason: 'disabled', next };
  if (!next) return { action: 'none', reason: 'order-open', next };
  const open = next.kind === 'calendar' ? now >= next.opensAt : runningMs >= next.opensAtRunningMs;
  return open ? { action: 'create', next } : { action: 'none', reason: 'not-yet', next };
}

const dateOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const hours = (ms: number) => Math.floor(ms / HOUR_MS).toLocaleString('en-US');
const plural = (n: number, unit: string) => `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;

/**
 * Why the order was opened, for its timeline: "every 90 days, last done
 * 2026-03-02", "every 2,000 running hours: 1,950 h now, due at 2,000 h".
 * Dates are UTC days.
 */
export function scheduleNote(trigger: MaintenanceTrigger, next: NextDue, runningMs: number): string {
  if (trigger.kind === 'calendar' && next.kind === 'calendar') {
    const every = `every ${plural(trigger.everyDays, 'day')}`;
    const why = {
      'plan-start': `plan started ${dateOf(next.from)}`,
      'first-due': `first due ${dateOf(next.dueAt)}`,
      completion: `last done ${dateOf(next.from)}`,
      cancelled: `previous order was cancelled, counted from its due date ${dateOf(next.from)}`,
    }[next.basis];
    return `${every}, ${why}`;
  }
  if (trigger.kind === 'running-hours' && next.kind === 'running-hours') {
    const every = `every ${trigger.everyHours.toLocaleString('en-US')} running hours: ${hours(runningMs)} h now, due at ${hours(next.dueRunningMs)} h`;
    const why = {
      'plan-start': `counted from ${hours(next.fromRunningMs)} h when the plan started`,
      'first-due': 'first due',
      completion: `last done at ${hours(next.fromRunningMs)} h`,
      cancelled: `previous order was cancelled, counted from its due at ${hours(next.fromRunningMs)} h`,
    }[next.basis];
    return `${every} (${why})`;
  }
  return '';
}
