/**
 * The maintenance plans of the plant file at plant sync: each plan whose id
 * is not stored yet is added, counting from the sync (its time and the
 * device's running hours then); stored ones are never overwritten, so edits
 * made through the API win (as with technicians). Plans no longer in the file
 * are kept: disable them through the API.
 */
import type { MaintenancePlanSpec, Plant } from '../../contract/plant';
import type { Database } from '../db/database';
import { runningMsOf } from '../devices/device-repository';
import type { MaintenanceTrigger } from '../http/api-types';
import { instantOf, isValidTimeZone, parseDateKey } from '../sla/zoned-time';
import { insertMissingPlans, type NewPlanRow } from './plan-repository';

/** Actor of plans added from the plant file. */
export const PLANT_FILE_ACTOR = 'plant-file';

/** `firstDueOn` is a local date of the site: due at its midnight. */
export function triggerFromSpec(spec: MaintenancePlanSpec['trigger'], timeZone: string): MaintenanceTrigger {
  if (spec.kind === 'running-hours') {
    return { kind: 'running-hours', everyHours: spec.everyHours, leadHours: spec.leadHours, ...(spec.firstDueHours !== undefined && { firstDueHours: spec.firstDueHours }) };
  }
  const date = spec.firstDueOn === undefined ? null : parseDateKey(spec.firstDueOn);
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return { kind: 'calendar', everyDays: spec.everyDays, leadDays: spec.leadDays, ...(date !== null && { firstDueAt: instantOf(zone, date, 0) }) };
}

/** Returns how many plans were added. Run inside the plant-sync transaction, after the devices. */
export function seedMaintenancePlans(database: Database, plant: Plant, at: number): number {
  const rows: NewPlanRow[] = plant.sites.flatMap((site) =>
    site.lines.flatMap((line) =>
      line.devices.flatMap((device) =>
        (device.maintenancePlans ?? []).map((spec) => ({
          id: spec.id,
          deviceId: device.id,
          title: spec.title,
          description: spec.description ?? '',
          trigger: triggerFromSpec(spec.trigger, site.timezone),
          requiredSkills: JSON.stringify(spec.requiredSkills),
          requiredCertifications: JSON.stringify(spec.requiredCertifications),
          priority: spec.priority ?? null,
          enabled: true,
          baselineAt: at,
          baselineRunningMs: runningMsOf(database, device.id),
          createdAt: at,
          createdBy: PLANT_FILE_ACTOR,
          updatedAt: at,
          updatedBy: PLANT_FILE_ACTOR,
        })),
      ),
    ),
  );
  return rows.length ? insertMissingPlans(database, rows) : 0;
}
