import { msToHours } from '../devices/device-views';
import type { MaintenancePlanNextView, MaintenancePlanView } from '../http/api-types';
import { nextDue, type NextDue } from './plan-schedule';
import { planFacts, type PlanRecord } from './plan-repository';

export function toNextView(next: NextDue | null, runningMs: number): MaintenancePlanNextView | null {
  if (!next) return null;
  if (next.kind === 'calendar') return { basis: next.basis, dueAt: next.dueAt, opensAt: next.opensAt, dueRunningHours: null, opensAtRunningHours: null, runningHoursLeft: null };
  return {
    basis: next.basis,
    dueAt: null,
    opensAt: null,
    dueRunningHours: msToHours(next.dueRunningMs),
    opensAtRunningHours: msToHours(next.opensAtRunningMs),
    runningHoursLeft: msToHours(next.dueRunningMs - runningMs),
  };
}

export function toPlanView(record: PlanRecord): MaintenancePlanView {
  const { plan, lastOrder, runningMs } = record;
  const recorded = plan.lastDoneAt !== null;
  return {
    id: plan.id,
    deviceId: plan.deviceId,
    lineId: record.lineId,
    title: plan.title,
    description: plan.description,
    trigger: plan.trigger,
    requiredSkills: JSON.parse(plan.requiredSkills) as string[],
    requiredCertifications: JSON.parse(plan.requiredCertifications) as string[],
    priority: plan.priority,
    enabled: plan.enabled,
    runningHours: msToHours(runningMs),
    next: toNextView(nextDue(planFacts(record), runningMs), runningMs),
    lastOrder: lastOrder && { id: lastOrder.id, number: lastOrder.number, status: lastOrder.status, dueAt: lastOrder.dueAt, createdAt: lastOrder.createdAt },
    lastDoneAt: plan.lastDoneAt,
    lastDoneRunningHours: recorded && plan.lastDoneRunningMs !== null ? msToHours(plan.lastDoneRunningMs) : null,
    createdAt: plan.createdAt,
    createdBy: plan.createdBy,
    updatedAt: plan.updatedAt,
    updatedBy: plan.updatedBy,
  };
}
