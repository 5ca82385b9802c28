/**
 * The plant file: sites, lines (and which line feeds which), devices with
 * equipment class and criticality, and the edge agent each device reports
 * through. Read by the simulator (what to simulate), the server (device and
 * line records) and the gateway (which devices exist).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ID_PATTERN } from './topics';
import { formatIssues } from './telemetry';

export const EQUIPMENT_CLASSES = ['pump', 'motor', 'fan', 'compressor', 'conveyor', 'gearbox', 'press', 'injection-molder'] as const;
export type EquipmentClass = (typeof EQUIPMENT_CLASSES)[number];

/** A: failure stops production or is a safety risk; B: degrades output; C: little impact. */
export const CRITICALITIES = ['A', 'B', 'C'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** Motor insulation class bounds the winding temperature (°C). */
export const INSULATION_LIMIT_C = { B: 130, F: 155, H: 180 } as const;

const id = z.string().regex(ID_PATTERN, 'must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit');

const planName = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * A preventive maintenance plan of a device (server/maintenance-plans):
 * every `everyDays` days (the first on `firstDueOn`, a local date of the
 * site, else `everyDays` after it is first loaded) or every `everyHours`
 * running hours. Seeded at start when its id is not stored yet; after that
 * the API owns it (edits are never overwritten by the file).
 */
export const maintenancePlanSpecSchema = z.strictObject({
  id,
  title: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  trigger: z.discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('calendar'),
        everyDays: z.number().int().min(1).max(3650),
        leadDays: z.number().min(0).max(365).default(0),
        // Called at parse time, when isRealDate (defined below) exists.
        firstDueOn: z.string().refine((t) => isRealDate(t), 'must be a real local date "YYYY-MM-DD"').optional(),
      })
      .refine((t) => t.leadDays < t.everyDays, { path: ['leadDays'], message: 'must be less than everyDays' }),
    z
      .strictObject({
        kind: z.literal('running-hours'),
        everyHours: z.number().min(1).max(100_000),
        leadHours: z.number().min(0).max(100_000).default(0),
        firstDueHours: z.number().min(0).max(1_000_000).optional(),
      })
      .refine((t) => t.leadHours < t.everyHours, { path: ['leadHours'], message: 'must be less than everyHours' }),
  ]),
  requiredSkills: z.array(z.string().regex(planName, 'must be a kebab-case skill name')).default([]),
  requiredCertifications: z.array(z.string().regex(planName, 'must be a kebab-case certification name')).default([]),
  priority: z.enum(['P0', 'P1', 'P2', 'P3', 'P4']).optional(),
});
export type MaintenancePlanSpec = z.infer<typeof maintenancePlanSpecSchema>;

export const deviceSpecSchema = z.strictObject({
  id,
  name: z.string().min(1).max(120),
  class: z.enum(EQUIPMENT_CLASSES),
  criticality: z.enum(CRITICALITIES),
  /** Nameplate full-load current, A. */
  ratedCurrent: z.number().positive().max(5000),
  /** Winding insulation class; bounds temperature limits. */
  insulationClass: z.enum(['B', 'F', 'H']).default('F'),
  /** Mounting, for ISO 10816-3 vibration zones. */
  foundation: z.enum(['rigid', 'flexible']).default('rigid'),
  /** Edge agent the device reports through; defaults to `edge-{line}`. */
  agent: id.optional(),
  /** Preventive maintenance plans, seeded like technicians (optional). */
  maintenancePlans: z.array(maintenancePlanSpecSchema).optional(),
});
export type DeviceSpec = z.infer<typeof deviceSpecSchema>;

export const lineSpecSchema = z.strictObject({
  id,
  name: z.string().min(1).max(120),
  /** Lines that take this line's output (downstream). */
  feeds: z.array(id).default([]),
  devices: z.array(deviceSpecSchema).default([]),
});
export type LineSpec = z.infer<typeof lineSpecSchema>;

export const CALENDAR_WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const isRealDate = (text: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() + 1 === Number(m[2]) && d.getUTCDate() === Number(m[3]);
};

export const siteShiftSpecSchema = z
  .strictObject({
    name: z.string().min(1).max(60).optional(),
    days: z
      .array(z.enum(CALENDAR_WEEKDAYS, { error: `must be one of ${CALENDAR_WEEKDAYS.join(', ')}` }))
      .min(1, 'must list at least one weekday')
      .refine((days) => new Set(days).size === days.length, 'must not list a weekday twice'),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time "HH:MM" from 00:00 to 23:59'),
    end: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a local time "HH:MM" from 00:00 to 24:00'),
  })
  .refine((s) => s.start !== s.end, { path: ['end'], message: 'must differ from start (an end before the start means the shift runs past midnight)' });

/**
 * A site's working calendar, for SLA targets measured in working time. Times
 * are local wall-clock times in the site's `timezone`; a shift's `days` are
 * the days it starts on, and an `end` not after `start` runs past midnight.
 * Holidays are local dates without working time. Mode "24/7" ignores shifts.
 *
 * The shape is defined here so the contract depends on nothing in server/;
 * the server turns it into its WorkingCalendar (server/sla) by adding the
 * site's time zone, and a test there checks both accept the same calendars.
 * Without a calendar a site works two shifts Mon-Fri, 06:00-14:00 and 14:00-22:00.
 */
export const siteCalendarSpecSchema = z
  .strictObject({
    mode: z.enum(['shifts', '24/7'], { error: 'must be "shifts" or "24/7"' }).default('shifts'),
    shifts: z.array(siteShiftSpecSchema).default([]),
    holidays: z.array(z.string().refine(isRealDate, 'must be a real local date "YYYY-MM-DD"')).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.mode === 'shifts' && c.shifts.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['shifts'], message: 'must list at least one shift (or set mode to "24/7")' });
    }
  });
export type SiteCalendarSpec = z.infer<typeof siteCalendarSpecSchema>;

const qualification = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a kebab-case name such as "high-voltage" (lower-case letters, digits, "-")');
const distinct = <T>(key: (item: T) => string, what: string) => (items: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(key(item))) ctx.addIssue({ code: 'custom', path: [i], message: `${what} "${key(item)}" is listed twice` });
    seen.add(key(item));
  });
};

/**
 * A certification a technician holds. `expiresOn` is the last local date
 * (site time zone) it is valid; absent = it does not expire.
 */
export const certificationSpecSchema = z.strictObject({
  name: qualification,
  expiresOn: z.string().refine(isRealDate, 'must be a real local date "YYYY-MM-DD" (the last day it is valid)').optional(),
});

/**
 * A member of the site's maintenance crew. Seeded into the database at start
 * when their id is not stored yet; after that the API owns the record (edits
 * through it are never overwritten by the file).
 */
export const technicianSpecSchema = z.strictObject({
  id,
  name: z.string().min(1).max(120),
  skills: z.array(qualification).default([]).superRefine(distinct((s: string) => s, 'skill')),
  certifications: z
    .array(certificationSpecSchema)
    .default([])
    .superRefine(distinct((c: { name: string }) => c.name, 'certification')),
  /** Their shifts, in the site's time zone; same shape as the calendar's shifts. */
  shifts: z.array(siteShiftSpecSchema).default([]),
  /** Who escalations on their orders go to; default: the site's supervisor. */
  supervisor: z.string().min(1).max(200).optional(),
  /** The API token name they sign in with. */
  tokenName: z.string().min(1).max(200).optional(),
});
export type TechnicianSpec = z.infer<typeof technicianSpecSchema>;

export const siteSpecSchema = z.strictObject({
  id,
  name: z.string().min(1).max(120),
  timezone: z.string().default('UTC'),
  /** Working time for SLA targets; default two shifts Mon-Fri 06:00-22:00 in `timezone`. */
  calendar: siteCalendarSpecSchema.optional(),
  lines: z.array(lineSpecSchema).min(1),
  /** The site's maintenance crew (optional). */
  technicians: z.array(technicianSpecSchema).optional(),
});

export const plantSchema = z.strictObject({
  name: z.string().min(1).max(120),
  sites: z.array(siteSpecSchema).min(1),
});
export type Plant = z.infer<typeof plantSchema>;

/** A device with the site, line and agent it belongs to resolved. */
export interface PlantDevice extends DeviceSpec {
  siteId: string;
  lineId: string;
  agentId: string;
}

export class PlantFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`plant file ${source} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PlantFileError';
  }
}

/** Validates a parsed plant; throws PlantFileError listing every problem. */
export function parsePlant(raw: unknown, source = '(inline)'): Plant {
  const result = plantSchema.safeParse(raw);
  if (!result.success) {
    throw new PlantFileError(source, formatIssues(result.error).map((i) => `${i.path}: ${i.message}`));
  }
  const problems = checkPlantGraph(result.data);
  if (problems.length) throw new PlantFileError(source, problems);
  return result.data;
}

export function loadPlantFile(path: string): Plant {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PlantFileError(path, [`cannot read it: ${(err as Error).message}. Set PLANT_FILE to an existing file.`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new PlantFileError(path, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parsePlant(raw, path);
}

/** Unique ids, known feed targets, no self-feeds, no cycles. */
export function checkPlantGraph(plant: Plant): string[] {
  const problems: string[] = [];
  const lines = plant.sites.flatMap((s) => s.lines);
  const lineIds = new Set<string>();
  const deviceIds = new Set<string>();
  const technicianSites = new Map<string, string>();
  const planDevices = new Map<string, string>();
  for (const site of plant.sites) {
    for (const t of site.technicians ?? []) {
      const other = technicianSites.get(t.id);
      if (other !== undefined) problems.push(`technician "${t.id}" is defined twice (sites "${other}" and "${site.id}")`);
      technicianSites.set(t.id, site.id);
    }
    for (const line of site.lines) {
      if (lineIds.has(line.id)) problems.push(`line "${line.id}" is defined twice`);
      lineIds.add(line.id);
      for (const d of line.devices) {
        if (deviceIds.has(d.id)) problems.push(`device "${d.id}" is defined twice`);
        deviceIds.add(d.id);
        for (const plan of d.maintenancePlans ?? []) {
          const other = planDevices.get(plan.id);
          if (other !== undefined) problems.push(`maintenance plan "${plan.id}" is defined twice (devices "${other}" and "${d.id}")`);
          planDevices.set(plan.id, d.id);
        }
      }
    }
  }
  for (const line of lines) {
    for (const target of line.feeds) {
      if (target === line.id) problems.push(`line "${line.id}" feeds itself`);
      else if (!lineIds.has(target)) problems.push(`line "${line.id}" feeds unknown line "${target}"`);
    }
  }
  const cycle = findCycle(lines);
  if (cycle) problems.push(`lines form a cycle: ${cycle.join(' -> ')}`);
  return problems;
}

function findCycle(lines: LineSpec[]): string[] | null {
  const next = new Map(lines.map((l) => [l.id, l.feeds.filter((f) => f !== l.id)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | null => {
    if (state.get(id) === 'done') return null;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const n of next.get(id) ?? []) {
      const found = visit(n);
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return null;
  };
  for (const l of lines) {
    const found = visit(l.id);
    if (found) return found;
  }
  return null;
}

/** Every device with its site, line and agent resolved. */
export function plantDevices(plant: Plant): PlantDevice[] {
  return plant.sites.flatMap((site) =>
    site.lines.flatMap((line) =>
      line.devices.map((d) => ({ ...d, siteId: site.id, lineId: line.id, agentId: d.agent ?? `edge-${line.id}` })),
    ),
  );
}
