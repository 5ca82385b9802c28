/**
 * Wiring, not pure: each site's working calendar, from the plant file into
 * the `sites.calendar` column and back out for SLA evaluation.
 *
 * - A site with a `calendar` in the plant file gets that calendar in its
 *   `timezone` (contract/plant.ts defines the shape without a time zone).
 * - A site without one works DEFAULT_SHIFTS: two shifts Monday to Friday,
 *   06:00-14:00 and 14:00-22:00 local time, no holidays. That is the common
 *   two-shift pattern of discrete manufacturing and keeps nights and weekends
 *   out of working-time targets; P0 targets run on real time anyway.
 * - A stored time zone Intl does not know (the plant file does not check it)
 *   falls back to UTC rather than failing every read.
 */
import { eq } from 'drizzle-orm';
import type { Plant, SiteCalendarSpec } from '../../contract/plant';
import type { Database } from '../db/database';
import { sites } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { workingCalendarSchema, type Shift, type WorkingCalendar, type WorkingCalendarInput } from './working-calendar-schema';
import { isValidTimeZone } from './zoned-time';

const WEEKDAYS_MON_FRI: Shift['days'] = ['mon', 'tue', 'wed', 'thu', 'fri'];

export const DEFAULT_SHIFTS: readonly Shift[] = [
  { name: 'early', days: WEEKDAYS_MON_FRI, start: '06:00', end: '14:00' },
  { name: 'late', days: WEEKDAYS_MON_FRI, start: '14:00', end: '22:00' },
];

const zoneOrUtc = (timeZone: string): string => (isValidTimeZone(timeZone) ? timeZone : 'UTC');

/** The calendar of a site without one in the plant file. */
export function defaultSiteCalendar(timeZone: string): WorkingCalendar {
  return { timeZone: zoneOrUtc(timeZone), mode: 'shifts', shifts: DEFAULT_SHIFTS.map((s) => ({ ...s, days: [...s.days] })), holidays: [] };
}

/**
 * The plant file's calendar in the site's time zone, validated by the SLA
 * schema; throws naming the site when they disagree (an unknown time zone).
 */
export function siteCalendarFromSpec(siteId: string, timeZone: string, spec: SiteCalendarSpec): WorkingCalendar {
  const input: WorkingCalendarInput = { timeZone, ...spec };
  const result = workingCalendarSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(calendar)'}: ${i.message}`).join('; ');
  throw new Error(`site ${siteId}: calendar is invalid: ${problems}`);
}

/**
 * Stores each site's calendar (null for the default). Call after syncPlant;
 * sites missing from the plant keep what they had. Returns how many sites
 * have their own calendar.
 */
export function syncSiteCalendars(database: Database, plant: Plant): number {
  const rows = plant.sites.map((site) => ({
    id: site.id,
    calendar: site.calendar ? JSON.stringify(siteCalendarFromSpec(site.id, site.timezone, site.calendar)) : null,
  }));
  inTransaction(database, () => {
    for (const row of rows) database.db.update(sites).set({ calendar: row.calendar }).where(eq(sites.id, row.id)).run();
  });
  return rows.filter((r) => r.calendar !== null).length;
}

export type SiteCalendarLookup = (siteId: string) => WorkingCalendar;

/**
 * Reads each site's calendar from the database. The `sites` rows are read
 * at most once per `maxAgeMs` (1 s by default; calendars change only with a
 * plant sync), not once per order. Parsed calendars are kept while the
 * stored text is the same, so the working-time caches (keyed by calendar
 * object) stay warm across requests and monitor ticks.
 */
export function createSiteCalendars(database: Database, options: { now?: () => number; maxAgeMs?: number } = {}): SiteCalendarLookup {
  const now = options.now ?? Date.now;
  const maxAgeMs = options.maxAgeMs ?? 1000;
  const cache = new Map<string, { stored: string; calendar: WorkingCalendar }>();
  let rows: { at: number; byId: Map<string, { timezone: string; calendar: string | null }> } | undefined;
  const readRows = () => {
    const at = now();
    if (!rows || at - rows.at >= maxAgeMs || at < rows.at) {
      const all = database.db.select({ id: sites.id, timezone: sites.timezone, calendar: sites.calendar }).from(sites).all();
      rows = { at, byId: new Map(all.map((r) => [r.id, r])) };
    }
    return rows.byId;
  };
  return (siteId) => {
    const row = readRows().get(siteId);
    const stored = `${row?.timezone ?? 'UTC'}\n${row?.calendar ?? ''}`;
    const hit = cache.get(siteId);
    if (hit?.stored === stored) return hit.calendar;
    const parsed = row?.calendar ? workingCalendarSchema.safeParse(JSON.parse(row.calendar)) : null;
    const calendar = parsed?.success ? parsed.data : defaultSiteCalendar(row?.timezone ?? 'UTC');
    cache.set(siteId, { stored, calendar });
    return calendar;
  };
}
