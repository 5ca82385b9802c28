/**
 * The crews of the plant file at plant sync: each technician whose id is not
 * stored yet is added; stored ones are never overwritten, so edits made
 * through the API win (as with rule templates). Technicians no longer in the
 * file are kept: orders refer to them (deactivate them through the API).
 */
import type { Plant, TechnicianSpec } from '../../contract/plant';
import type { Database } from '../db/database';
import { addDays, instantOf, isValidTimeZone, parseDateKey } from '../sla/zoned-time';
import type { Certification } from './certifications';
import { insertMissingTechnicians, type TechnicianFields } from './technician-repository';

/** `expiresOn` is the last valid local date: the certification stops counting at the following local midnight. */
export function certificationFromSpec(spec: TechnicianSpec['certifications'][number], timeZone: string): Certification {
  const date = spec.expiresOn === undefined ? null : parseDateKey(spec.expiresOn);
  const zone = isValidTimeZone(timeZone) ? timeZone : 'UTC';
  return { name: spec.name, expiresAt: date === null ? null : instantOf(zone, addDays(date, 1), 0) };
}

export function technicianFromSpec(spec: TechnicianSpec, site: { id: string; timezone: string }): { id: string } & TechnicianFields {
  return {
    id: spec.id,
    name: spec.name,
    siteId: site.id,
    skills: spec.skills,
    certifications: spec.certifications.map((c) => certificationFromSpec(c, site.timezone)),
    shifts: spec.shifts.map((s) => ({ ...s })),
    supervisor: spec.supervisor ?? null,
    tokenName: spec.tokenName ?? null,
    active: true,
  };
}

/** Returns how many technicians were added. Run inside the plant-sync transaction, after the sites. */
export function seedTechnicians(database: Database, plant: Plant, at: number): number {
  const list = plant.sites.flatMap((site) => (site.technicians ?? []).map((t) => technicianFromSpec(t, site)));
  return insertMissingTechnicians(database, list, at);
}
