/**
 * The prefix-sum index must give exactly the walk's answers (working-time-
 * index.ts explains why it can). Random calendars: shifts that overlap, run
 * overnight or end at 24:00, holidays, 24/7 with holidays, time zones with
 * DST at 02:00, at midnight (Havana, Santiago), half-hour DST (Lord Howe) or
 * odd offsets; random spans from minutes to years, often starting or ending
 * on a shift boundary. Several queries per calendar object, far apart, so the
 * index also grows and rebuilds between them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingMs, walkAddWorkingMs, walkWorkingMsBetween, workingCalendarSchema, workingMsBetween, type WorkingCalendar, type WorkingCalendarInput } from './working-calendar';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './zoned-time';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'America/Havana', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const BASE = Date.UTC(2024, 0, 1);
const SPAN = 4 * 365 * DAY_MS;

const hhmm = (minute: number): string => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** Minutes of the day on a 15-minute grid (so queries land on boundaries), or any minute. */
const minuteOfDay = fc.oneof(
  fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
  fc.integer({ min: 0, max: 1439 }),
);

const shift = fc
  .record({
    days: fc.subarray([...DAYS], { minLength: 1 }),
    start: minuteOfDay,
    end: fc.oneof(minuteOfDay, fc.constant(1440)),
  })
  .filter((s) => s.start !== s.end)
  .map((s) => ({ days: s.days, start: hhmm(s.start), end: s.end === 1440 ? '24:00' : hhmm(s.end) }));

const holiday = fc.integer({ min: -30, max: 4 * 365 + 30 }).map((d) => new Date(BASE + d * DAY_MS).toISOString().slice(0, 10));

const calendarInput: fc.Arbitrary<WorkingCalendarInput> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ timeZone: fc.constantFrom(...ZONES), mode: fc.constant('shifts' as const), shifts: fc.array(shift, { minLength: 1, maxLength: 4 }), holidays: fc.array(holiday, { maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ timeZone: fc.constantFrom(...ZONES), mode: fc.constant('24/7' as const), shifts: fc.constant<WorkingCalendarInput['shifts']>([]), holidays: fc.array(holiday, { minLength: 1, maxLength: 12 }) }) },
);

/** Instants on a 15-minute grid in the zone's offsets of most zones, or any ms. */
const instant = fc.oneof(
  fc.integer({ min: 0, max: SPAN / (15 * MINUTE_MS) }).map((q) => BASE + q * 15 * MINUTE_MS),
  fc.integer({ min: 0, max: SPAN }).map((ms) => BASE + ms),
);

/** Lengths from a minute to three years, short ones more often; whole hours hit shift ends exactly. */
const length = fc.oneof(
  fc.integer({ min: 1, max: 3 * DAY_MS }),
  fc.integer({ min: 1, max: 24 * 40 }).map((hours) => hours * HOUR_MS),
  fc.integer({ min: 1, max: 3 * 365 * DAY_MS }),
);

/** Working time to add: up to 60 days' worth (a sparse calendar needs years of walking for that). */
const amount = fc.oneof(fc.integer({ min: 1, max: 3 * DAY_MS }), fc.integer({ min: 1, max: 24 * 60 }).map((hours) => hours * HOUR_MS));

const query = fc.record({ from: instant, length, ms: amount });

/** The walk's answer or its error message, so a throw must be matched by the same throw. */
function outcome<T>(f: () => T): T | string {
  try {
    return f();
  } catch (err) {
    return `throws: ${(err as Error).message}`;
  }
}

describe('working-time index equals the walk', () => {
  it('for workingMsBetween and addWorkingMs on random calendars and spans', () => {
    fc.assert(
      fc.property(calendarInput, fc.array(query, { minLength: 1, maxLength: 4 }), (input, queries) => {
        // Two parses of the same input: separate calendar objects, so the walk never sees the index's state.
        const indexed: WorkingCalendar = workingCalendarSchema.parse(input);
        const walked: WorkingCalendar = workingCalendarSchema.parse(input);
        for (const { from, length: len, ms } of queries) {
          expect(outcome(() => workingMsBetween(indexed, from, from + len))).toBe(outcome(() => walkWorkingMsBetween(walked, from, from + len)));
          expect(outcome(() => addWorkingMs(indexed, from, ms))).toBe(outcome(() => walkAddWorkingMs(walked, from, ms)));
        }
      }),
      { numRuns: 150 },
    );
  }, 180_000);

  it('around every DST change of a zone, to the minute', () => {
    const cal = (tz: string) => workingCalendarSchema.parse({ timeZone: tz, shifts: [{ days: [...DAYS], start: '22:00', end: '02:30' }, { days: ['sun', 'sat'], start: '00:00', end: '03:00' }] });
    for (const tz of ['Europe/Berlin', 'America/Havana', 'America/Santiago', 'Australia/Lord_Howe']) {
      const indexed = cal(tz);
      const walked = cal(tz);
      for (let t = BASE; t < BASE + 2 * 365 * DAY_MS; t += 6 * HOUR_MS + 7 * MINUTE_MS) {
        expect(workingMsBetween(indexed, t, t + 29 * HOUR_MS)).toBe(walkWorkingMsBetween(walked, t, t + 29 * HOUR_MS));
        expect(addWorkingMs(indexed, t, 3 * HOUR_MS)).toBe(walkAddWorkingMs(walked, t, 3 * HOUR_MS));
      }
    }
  });

  it('leaves a calendar with more than a year of holidays to the walk, which throws as before', () => {
    const holidays = Array.from({ length: 450 }, (_, d) => new Date(Date.UTC(2026, 0, 1) + d * DAY_MS).toISOString().slice(0, 10));
    const idle = workingCalendarSchema.parse({ timeZone: 'UTC', mode: '24/7', holidays });
    const before = Date.UTC(2025, 11, 1);
    expect(workingMsBetween(idle, before, Date.UTC(2025, 11, 2))).toBe(DAY_MS);
    expect(() => workingMsBetween(idle, before, Date.UTC(2026, 5, 1))).toThrow(/no working time/);
    expect(() => addWorkingMs(idle, before, 40 * DAY_MS)).toThrow(/no working time/);
  });

  it('gives the walk non-integer instants and amounts', () => {
    const c = workingCalendarSchema.parse({ timeZone: 'Europe/Berlin', shifts: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '06:00', end: '14:00' }] });
    const from = Date.UTC(2026, 2, 2, 7) + 0.25;
    expect(workingMsBetween(c, from, from + DAY_MS + 0.5)).toBe(walkWorkingMsBetween(c, from, from + DAY_MS + 0.5));
    expect(addWorkingMs(c, from, HOUR_MS + 0.75)).toBe(walkAddWorkingMs(c, from, HOUR_MS + 0.75));
  });
});
