/**
 * Maintenance plans: people with read access list and read them (with when
 * the next order is due and the latest order); planners and admins manage
 * them. The monitor (plan-monitor.ts) opens the orders.
 *
 * DELETE disables a plan instead of deleting it: its orders' timelines name
 * the plan, its completion record is what the next due date is counted from
 * when it is enabled again, and an order it opened may still be worked.
 */
import { randomBytes } from 'node:crypto';
import { inTransaction } from '../db/transaction';
import { findDeviceRow } from '../devices/device-repository';
import type { MaintenancePlanView, MaintenanceTrigger, Paged } from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import type { ServiceDeps } from '../service-deps';
import { findPlanRecord, insertPlan, listPlanRecords, updatePlan, type NewPlanRow, type PlanFilter, type PlanRecord } from './plan-repository';
import type { CreatePlanInput, UpdatePlanInput } from './plan-schemas';
import { toPlanView } from './plan-views';

export type MaintenancePlanService = ReturnType<typeof createMaintenancePlanService>;

const invalidField = (path: string, message: string) =>
  new HttpError(400, 'invalid-body', `request body is invalid: ${path}: ${message}`, [{ path, message }]);

/** The trigger as stored: absent optional fields left out. */
export function toTrigger(t: CreatePlanInput['trigger']): MaintenanceTrigger {
  if (t.kind === 'calendar') return { kind: 'calendar', everyDays: t.everyDays, leadDays: t.leadDays, ...(t.firstDueAt != null && { firstDueAt: t.firstDueAt }) };
  return { kind: 'running-hours', everyHours: t.everyHours, leadHours: t.leadHours, ...(t.firstDueHours != null && { firstDueHours: t.firstDueHours }) };
}

export const newPlanId = () => `mp-${randomBytes(4).toString('hex')}`;

export function createMaintenancePlanService(deps: Pick<ServiceDeps, 'database' | 'now'>) {
  const { database, now } = deps;

  function load(id: string): PlanRecord {
    const record = findPlanRecord(database, id);
    if (!record) throw notFound(`maintenance plan ${id}`);
    return record;
  }

  return {
    list(filter: PlanFilter & { limit: number; offset: number }): Paged<MaintenancePlanView> {
      const all = listPlanRecords(database, filter);
      return { items: all.slice(filter.offset, filter.offset + filter.limit).map(toPlanView), total: all.length };
    },

    get: (id: string): MaintenancePlanView => toPlanView(load(id)),

    /** 400 naming deviceId for an unknown device; 409 'maintenance-plan-exists' for a taken id. Counting starts now. */
    create(input: CreatePlanInput, actor: string): MaintenancePlanView {
      const id = inTransaction(database, () => {
        const device = findDeviceRow(database, input.deviceId);
        if (!device) throw invalidField('deviceId', `no device ${input.deviceId} in the plant`);
        const id = input.id ?? newPlanId();
        if (findPlanRecord(database, id)) throw new HttpError(409, 'maintenance-plan-exists', `maintenance plan ${id} exists already; change it with PATCH /api/maintenance-plans/${id}`);
        const at = now();
        const row: NewPlanRow = {
          id,
          deviceId: device.id,
          title: input.title,
          description: input.description ?? '',
          trigger: toTrigger(input.trigger),
          requiredSkills: JSON.stringify(input.requiredSkills ?? []),
          requiredCertifications: JSON.stringify(input.requiredCertifications ?? []),
          priority: input.priority ?? null,
          enabled: input.enabled ?? true,
          baselineAt: at,
          baselineRunningMs: device.runningMs,
          createdAt: at,
          createdBy: actor,
          updatedAt: at,
          updatedBy: actor,
        };
        return insertPlan(database, row).id;
      });
      return toPlanView(load(id));
    },

    /** The fields given replace the stored ones; a new trigger applies from the plan's next order on. */
    update(id: string, input: UpdatePlanInput, actor: string): MaintenancePlanView {
      inTransaction(database, () => {
        load(id);
        const { trigger, requiredSkills, requiredCertifications, actor: _actor, ...rest } = input;
        updatePlan(database, id, {
          ...rest,
          ...(trigger && { trigger: toTrigger(trigger) }),
          ...(requiredSkills && { requiredSkills: JSON.stringify(requiredSkills) }),
          ...(requiredCertifications && { requiredCertifications: JSON.stringify(requiredCertifications) }),
          updatedAt: now(),
          updatedBy: actor,
        });
      });
      return toPlanView(load(id));
    },

    /** Stops opening orders; an order it opened stays as it is (cancel it through the order if the work is off). */
    disable(id: string, actor: string): MaintenancePlanView {
      inTransaction(database, () => {
        if (load(id).plan.enabled) updatePlan(database, id, { enabled: false, updatedAt: now(), updatedBy: actor });
      });
      return toPlanView(load(id));
    },
  };
}
