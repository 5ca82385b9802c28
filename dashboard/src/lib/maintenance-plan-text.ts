/**
 * How a maintenance plan reads on a device page: "Every 90 days" /
 * "Every 2,000 running hours", and where it stands: "Due 1 Mar 2027 · order
 * opens 22 Feb", "Due at 2,000 h · 50 h to go", "Overdue by 12 h of running",
 * "Order WO-… open". Pure; the caller passes `now` and the zone.
 */
import type { MaintenancePlanView } from '../../../server/http/api-types';
import { formatDuration } from './time-format';

const num = (n: number) => Math.round(n).toLocaleString('en');
const day = (ts: number, timeZone?: string) => new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(ts);

export function planInterval(plan: Pick<MaintenancePlanView, 'trigger'>): string {
  const t = plan.trigger;
  return t.kind === 'calendar' ? `Every ${num(t.everyDays)} day${t.everyDays === 1 ? '' : 's'}` : `Every ${num(t.everyHours)} running hours`;
}

export type PlanStanding = { text: string; tone: 'ok' | 'soon' | 'overdue' | 'open' | 'off' };

/** Where the plan stands now: its order being worked, or when the next one is due. */
export function planStanding(plan: Pick<MaintenancePlanView, 'enabled' | 'next' | 'lastOrder' | 'trigger'>, now: number, timeZone?: string): PlanStanding {
  if (!plan.enabled) return { text: 'Disabled: opens no orders', tone: 'off' };
  const next = plan.next;
  if (!next) return { text: plan.lastOrder ? `Order ${plan.lastOrder.number} is being worked` : 'Order open', tone: 'open' };
  if (next.dueAt !== null) {
    if (next.dueAt <= now) return { text: `Overdue by ${formatDuration(now - next.dueAt)}`, tone: 'overdue' };
    const opens = next.opensAt !== null && next.opensAt > now ? ` · order opens ${day(next.opensAt, timeZone)}` : '';
    return { text: `Due ${day(next.dueAt, timeZone)}${opens}`, tone: next.opensAt !== null && next.opensAt <= now ? 'soon' : 'ok' };
  }
  const left = next.runningHoursLeft ?? 0;
  const due = next.dueRunningHours === null ? '' : `Due at ${num(next.dueRunningHours)} h · `;
  if (left <= 0) return { text: `${due}overdue by ${num(-left)} h of running`, tone: 'overdue' };
  const lead = plan.trigger.kind === 'running-hours' ? plan.trigger.leadHours : 0;
  return { text: `${due}${num(left)} h to go`, tone: left <= lead ? 'soon' : 'ok' };
}
