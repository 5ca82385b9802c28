import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlant, siteCalendarSpecSchema, type SiteCalendarSpec } from '../../contract/plant';
import { syncPlant } from '../plant-sync';
import { openTestDatabase, testPlant, type TestDatabase } from '../testing/test-database';
import { createSiteCalendars, defaultSiteCalendar, siteCalendarFromSpec, syncSiteCalendars } from './site-calendars';
import { workingCalendarSchema, type WorkingCalendarInput } from './working-calendar-schema';
import { workingMsBetween } from './working-calendar';

const HOUR = 3_600_000;
const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

// The plant file's shape (contract) is the SLA calendar without its time zone.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Same<SiteCalendarSpec, Omit<Required<WorkingCalendarInput>, 'timeZone'>> = true;
void sameShape;

describe('site calendars', () => {
  it('defaults to two shifts Monday to Friday, 06:00-22:00 local time', () => {
    const calendar = defaultSiteCalendar('Europe/Berlin');
    expect(calendar).toEqual({
      timeZone: 'Europe/Berlin',
      mode: 'shifts',
      shifts: [
        { name: 'early', days: [...weekdays], start: '06:00', end: '14:00' },
        { name: 'late', days: [...weekdays], start: '14:00', end: '22:00' },
      ],
      holidays: [],
    });
    expect(workingCalendarSchema.parse(calendar)).toEqual(calendar);
    // A week in March (CET): 5 x 16 h.
    expect(workingMsBetween(calendar, Date.UTC(2026, 2, 9, 0), Date.UTC(2026, 2, 16, 0))).toBe(80 * HOUR);
  });

  it('falls back to UTC for a time zone Intl does not know', () => {
    expect(defaultSiteCalendar('Mars/Olympus').timeZone).toBe('UTC');
  });

  it('adds the site time zone to the plant file calendar, and names the site when they do not fit', () => {
    const spec = siteCalendarSpecSchema.parse({ mode: '24/7', holidays: ['2026-12-25'] });
    expect(siteCalendarFromSpec('plant-1', 'America/Chicago', spec)).toEqual({ timeZone: 'America/Chicago', mode: '24/7', shifts: [], holidays: ['2026-12-25'] });
    expect(() => siteCalendarFromSpec('plant-9', 'Mars/Olympus', spec)).toThrowError(/^site plant-9: calendar is invalid: timeZone: must be an IANA time zone/);
  });

  it('the plant file refuses what the SLA schema refuses, naming the field', () => {
    const problems = (calendar: unknown) => {
      try {
        parsePlant({ name: 'P', sites: [{ id: 's', name: 'S', calendar, lines: [{ id: 'l', name: 'L' }] }] });
        return [];
      } catch (err) {
        return (err as { problems: string[] }).problems;
      }
    };
    const bad = [
      { shifts: [] },
      { shifts: [{ days: ['mon'], start: '06:00', end: '06:00' }] },
      { shifts: [{ days: ['monday'], start: '06:00', end: '14:00' }] },
      { shifts: [{ days: ['mon'], start: '24:00', end: '06:00' }] },
      { mode: '24/7', holidays: ['2026-02-30'] },
    ];
    expect(bad.map((c) => problems(c)[0])).toEqual([
      'sites.0.calendar.shifts: must list at least one shift (or set mode to "24/7")',
      'sites.0.calendar.shifts.0.end: must differ from start (an end before the start means the shift runs past midnight)',
      'sites.0.calendar.shifts.0.days.0: must be one of sun, mon, tue, wed, thu, fri, sat',
      'sites.0.calendar.shifts.0.start: must be a local time "HH:MM" from 00:00 to 23:59',
      'sites.0.calendar.holidays.0: must be a real local date "YYYY-MM-DD"',
    ]);
    for (const calendar of bad) expect(workingCalendarSchema.safeParse({ timeZone: 'UTC', ...calendar }).success).toBe(false);
    const good = { shifts: [{ name: 'night', days: ['fri'], start: '22:00', end: '06:00' }], holidays: ['2028-02-29'] };
    expect(problems(good)).toEqual([]);
    expect(workingCalendarSchema.safeParse({ timeZone: 'UTC', ...good }).success).toBe(true);
  });

  describe('stored per site', () => {
    let test: TestDatabase;
    beforeEach(() => {
      test = openTestDatabase();
    });
    afterEach(() => test.cleanup());

    it('syncs the plant file calendars and reads them back, the default for a site without one', () => {
      const saturday = { shifts: [{ days: ['sat'], start: '06:00', end: '12:00' }] };
      syncPlant(test.database, testPlant(saturday));
      expect(syncSiteCalendars(test.database, testPlant(saturday))).toBe(1);
      let clock = 1_000_000;
      const calendarOf = createSiteCalendars(test.database, { now: () => clock, maxAgeMs: 1000 });
      const stored = calendarOf('plant-1');
      expect(stored).toEqual({ timeZone: 'Europe/Berlin', mode: 'shifts', shifts: saturday.shifts, holidays: [] });
      clock += 5000;
      expect(calendarOf('plant-1')).toBe(stored); // unchanged text: the same object, so working-time caches stay warm

      expect(syncSiteCalendars(test.database, testPlant())).toBe(0);
      clock += 999;
      expect(calendarOf('plant-1')).toBe(stored); // the rows are re-read at most once a second
      clock += 1;
      expect(calendarOf('plant-1')).toEqual(defaultSiteCalendar('Europe/Berlin'));
      expect(calendarOf('no-such-site')).toEqual(defaultSiteCalendar('UTC'));
    });
  });
});
