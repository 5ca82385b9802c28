/** Technician rows (JSON columns parsed) and the workload of their assigned orders. */
import { and, asc, count, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { sites, technicians, workOrders } from '../db/schema';
import type { TechnicianWorkloadView } from '../http/api-types';
import type { Priority } from '../priority';
import type { Shift } from '../sla';
import { WORKLOAD_WEIGHTS } from './assignment-ranking';
import type { Certification } from './certifications';

export type TechnicianRow = typeof technicians.$inferSelect;
export type NewTechnicianRow = typeof technicians.$inferInsert;

/** A technician with the JSON columns parsed. */
export interface Technician {
  id: string;
  name: string;
  siteId: string;
  skills: string[];
  certifications: Certification[];
  shifts: Shift[];
  supervisor: string | null;
  tokenName: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** What is stored: lists as JSON text. */
export interface TechnicianFields {
  name: string;
  siteId: string;
  skills: readonly string[];
  certifications: readonly Certification[];
  shifts: readonly Shift[];
  supervisor: string | null;
  tokenName: string | null;
  active: boolean;
}

export function toTechnician(row: TechnicianRow): Technician {
  return {
    ...row,
    skills: JSON.parse(row.skills) as string[],
    certifications: (JSON.parse(row.certifications) as Array<{ name: string; expiresAt?: number | null }>).map((c) => ({ name: c.name, expiresAt: c.expiresAt ?? null })),
    shifts: JSON.parse(row.shifts) as Shift[],
  };
}

export function toColumns(fields: Partial<TechnicianFields>): Partial<NewTechnicianRow> {
  const { skills, certifications, shifts, ...rest } = fields;
  return {
    ...rest,
    ...(skills && { skills: JSON.stringify(skills) }),
    ...(certifications && { certifications: JSON.stringify(certifications.map((c) => ({ name: c.name, expiresAt: c.expiresAt }))) }),
    ...(shifts && { shifts: JSON.stringify(shifts) }),
  };
}

export function findTechnician(database: Database, id: string): Technician | undefined {
  const row = database.db.select().from(technicians).where(eq(technicians.id, id)).get();
  return row && toTechnician(row);
}

export function siteExists(database: Database, siteId: string): boolean {
  return database.db.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).get() !== undefined;
}

export interface TechnicianFilter {
  siteId?: string | undefined;
  skill?: string | undefined;
  certification?: string | undefined;
  active?: boolean | undefined;
}

/** By name; skill and certification match names held (an expired certification still matches: it is shown as expired). */
export function listTechnicians(database: Database, f: TechnicianFilter = {}): Technician[] {
  const conditions: SQL[] = [];
  if (f.siteId !== undefined) conditions.push(eq(technicians.siteId, f.siteId));
  if (f.active !== undefined) conditions.push(eq(technicians.active, f.active));
  if (f.skill !== undefined) conditions.push(sql`exists (select 1 from json_each(${technicians.skills}) where value = ${f.skill})`);
  if (f.certification !== undefined) {
    conditions.push(sql`exists (select 1 from json_each(${technicians.certifications}) where json_extract(value, '$.name') = ${f.certification})`);
  }
  return database.db.select().from(technicians).where(and(...conditions)).orderBy(asc(technicians.name), asc(technicians.id)).all().map(toTechnician);
}

export function insertTechnician(database: Database, id: string, fields: TechnicianFields, at: number): Technician {
  const row = database.db
    .insert(technicians)
    .values({ id, ...(toColumns(fields) as Omit<NewTechnicianRow, 'id' | 'createdAt' | 'updatedAt'>), createdAt: at, updatedAt: at })
    .returning()
    .get();
  return toTechnician(row);
}

/** Inserts the technicians whose id is not stored yet; returns how many. Stored ones are left as they are. */
export function insertMissingTechnicians(database: Database, list: ReadonlyArray<{ id: string } & TechnicianFields>, at: number): number {
  let added = 0;
  for (const { id, ...fields } of list) {
    const row = database.db
      .insert(technicians)
      .values({ id, ...(toColumns(fields) as Omit<NewTechnicianRow, 'id' | 'createdAt' | 'updatedAt'>), createdAt: at, updatedAt: at })
      .onConflictDoNothing()
      .returning({ id: technicians.id })
      .get();
    if (row) added++;
  }
  return added;
}

export function updateTechnician(database: Database, id: string, fields: Partial<TechnicianFields>, at: number): Technician {
  const row = database.db.update(technicians).set({ ...toColumns(fields), updatedAt: at }).where(eq(technicians.id, id)).returning().get()!;
  return toTechnician(row);
}

/** Statuses in which an assigned order counts towards its technician's workload. */
export const WORKLOAD_STATUSES = ['assigned', 'in-progress', 'on-hold'] as const;

export const emptyWorkload = (): TechnicianWorkloadView => ({ orders: 0, assigned: 0, inProgress: 0, onHold: 0, load: 0 });

/** Workload per technician id (only those with orders); for one technician when `technicianId` is given. */
export function workloads(database: Database, technicianId?: string): Map<string, TechnicianWorkloadView> {
  const conditions = [isNotNull(workOrders.assigneeId), inArray(workOrders.status, WORKLOAD_STATUSES)];
  if (technicianId !== undefined) conditions.push(eq(workOrders.assigneeId, technicianId));
  const rows = database.db
    .select({ assigneeId: workOrders.assigneeId, status: workOrders.status, priority: workOrders.priority, n: count() })
    .from(workOrders)
    .where(and(...conditions))
    .groupBy(workOrders.assigneeId, workOrders.status, workOrders.priority)
    .all();
  const out = new Map<string, TechnicianWorkloadView>();
  for (const r of rows) {
    const w = out.get(r.assigneeId!) ?? emptyWorkload();
    w.orders += r.n;
    if (r.status === 'assigned') w.assigned += r.n;
    else if (r.status === 'in-progress') w.inProgress += r.n;
    else w.onHold += r.n;
    w.load += r.n * WORKLOAD_WEIGHTS[r.priority as Priority];
    out.set(r.assigneeId!, w);
  }
  return out;
}
