/**
 * Technicians: the crew per site with skills, certifications (with expiry)
 * and shifts. People with read access list and read them (with workload and
 * whether they are on shift now); planners and admins manage them. A
 * technician is never deleted, only deactivated: orders keep referring to them.
 */
import type { Paged, TechnicianView } from '../http/api-types';
import { HttpError, notFound } from '../http/errors';
import { inTransaction } from '../db/transaction';
import type { ServiceDeps } from '../service-deps';
import { createSiteCalendars, type SiteCalendarLookup } from '../sla/site-calendars';
import type { RankedTechnician } from './assignment-ranking';
import {
  emptyWorkload,
  findTechnician,
  insertTechnician,
  listTechnicians,
  siteExists,
  updateTechnician,
  workloads,
  type Technician,
  type TechnicianFields,
  type TechnicianFilter,
} from './technician-repository';
import type { CreateTechnicianInput, UpdateTechnicianInput } from './technician-schemas';
import { shiftStatus, technicianCalendar, type ShiftStatus } from './technician-shifts';
import { toTechnicianView } from './technician-views';

export type TechnicianService = ReturnType<typeof createTechnicianService>;

export interface TechnicianServiceDeps extends ServiceDeps {
  /** Default: the `sites` table (for time zone and holidays). */
  calendarOf?: SiteCalendarLookup;
}

const invalidField = (path: string, message: string) =>
  new HttpError(400, 'invalid-body', `request body is invalid: ${path}: ${message}`, [{ path, message }]);

export function createTechnicianService(deps: TechnicianServiceDeps) {
  const { database, now } = deps;
  const calendarOf = deps.calendarOf ?? createSiteCalendars(database);

  function shiftOf(t: Technician, at: number): ShiftStatus {
    const site = calendarOf(t.siteId);
    return shiftStatus(technicianCalendar(t.shifts, { timeZone: site.timeZone, holidays: site.holidays }), at);
  }

  function load(id: string): Technician {
    const t = findTechnician(database, id);
    if (!t) throw notFound(`technician ${id}`);
    return t;
  }

  function view(t: Technician, at = now()): TechnicianView {
    return toTechnicianView(t, workloads(database, t.id).get(t.id) ?? emptyWorkload(), shiftOf(t, at), at);
  }

  function checkSite(siteId: string): void {
    if (!siteExists(database, siteId)) throw invalidField('siteId', `no site ${siteId} in the plant`);
  }

  return {
    list(filter: TechnicianFilter & { limit: number; offset: number }): Paged<TechnicianView> {
      const at = now();
      const all = listTechnicians(database, filter);
      const loads = workloads(database);
      const items = all.slice(filter.offset, filter.offset + filter.limit).map((t) => toTechnicianView(t, loads.get(t.id) ?? emptyWorkload(), shiftOf(t, at), at));
      return { items, total: all.length };
    },

    get: (id: string): TechnicianView => view(load(id)),

    /** 409 'technician-exists' for a taken id; 400 naming siteId for an unknown site. */
    create(input: CreateTechnicianInput): TechnicianView {
      const t = inTransaction(database, () => {
        if (findTechnician(database, input.id)) throw new HttpError(409, 'technician-exists', `technician ${input.id} exists already; change it with PATCH /api/technicians/${input.id}`);
        checkSite(input.siteId);
        const fields: TechnicianFields = {
          name: input.name,
          siteId: input.siteId,
          skills: input.skills,
          certifications: input.certifications.map((c) => ({ name: c.name, expiresAt: c.expiresAt ?? null })),
          shifts: input.shifts,
          supervisor: input.supervisor ?? null,
          tokenName: input.tokenName ?? null,
          active: true,
        };
        return insertTechnician(database, input.id, fields, now());
      });
      return view(t);
    },

    /** The fields given replace the stored ones. */
    update(id: string, input: UpdateTechnicianInput): TechnicianView {
      const t = inTransaction(database, () => {
        load(id);
        if (input.siteId !== undefined) checkSite(input.siteId);
        const { certifications, ...rest } = input;
        const fields: Partial<TechnicianFields> = {
          ...rest,
          ...(certifications && { certifications: certifications.map((c) => ({ name: c.name, expiresAt: c.expiresAt ?? null })) }),
        };
        return updateTechnician(database, id, fields, now());
      });
      return view(t);
    },

    /** Not offered for new orders any more; orders assigned to them stay assigned until a planner reassigns them. */
    deactivate(id: string): TechnicianView {
      const t = inTransaction(database, () => {
        const current = load(id);
        return current.active ? updateTechnician(database, id, { active: false }, now()) : current;
      });
      return view(t);
    },

    /** Everyone who might take an order at `siteId` (other sites' people are left out), with workload and shift at `at`. */
    rankingInputs(siteId: string, at: number): RankedTechnician[] {
      const loads = workloads(database);
      return listTechnicians(database, { siteId }).map((t) => ({ ...t, workload: loads.get(t.id) ?? emptyWorkload(), shift: shiftOf(t, at) }));
    },

    find: (id: string): Technician | undefined => findTechnician(database, id),
  };
}
