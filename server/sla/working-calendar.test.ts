import { describe, expect, it } from 'vitest';
import {
  addWorkingMs,
  isWorking,
  nextWorkingStart,
  workingCalendarSchema,
  workingIntervals,
  workingMsBetween,
  type WorkingCalendarInput,
} from './working-calendar';
import { HOUR_MS } from './zoned-time';

/** Instants are written with their UTC offset, so the expectations do not lean on the code under test. */
const at = (iso: string): number => {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new Error(`bad test instant ${iso}`);
  return t;
};
const h = (n: number): number => n * HOUR_MS;
const calendar = (input: WorkingCalendarInput) => workingCalendarSchema.parse(input);

const WEEKDAYS_MON_FRI = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Three shifts Monday to Friday (Friday's night shift ends Saturday 06:00), Saturday morning, Sunday off. */
const berlinPlant = calendar({
  timeZone: 'Europe/Berlin',
  shifts: [
    { name: 'early', days: [...WEEKDAYS_MON_FRI], start: '06:00', end: '14:00' },
    { name: 'late', days: [...WEEKDAYS_MON_FRI], start: '14:00', end: '22:00' },
    { name: 'night', days: [...WEEKDAYS_MON_FRI], start: '22:00', end: '06:00' },
    { name: 'saturday', days: ['sat'], start: '06:00', end: '12:00' },
  ],
});

/** Three shifts every day, so the Sunday-morning DST changes fall inside the Saturday night shift. */
const continuousShifts = (timeZone: string) =>
  calendar({
    timeZone,
    shifts: [
      { days: [...EVERY_DAY], start: '06:00', end: '14:00' },
      { days: [...EVERY_DAY], start: '14:00', end: '22:00' },
      { days: [...EVERY_DAY], start: '22:00', end: '06:00' },
    ],
  });

describe('working calendar: shifts, boundaries and weekends', () => {
  it('counts a shift start as working time and its end as not', () => {
    expect(isWorking(berlinPlant, at('2026-03-02T06:00:00+01:00'))).toBe(true); // Monday early shift starts
    expect(isWorking(berlinPlant, at('2026-03-02T05:59:59.999+01:00'))).toBe(false); // no Sunday night shift
    expect(isWorking(berlinPlant, at('2026-03-07T11:59:59.999+01:00'))).toBe(true); // Saturday, last instant
    expect(isWorking(berlinPlant, at('2026-03-07T12:00:00+01:00'))).toBe(false); // Saturday shift is over
  });

  it("runs Friday's night shift into Saturday morning, then nothing until Monday 06:00", () => {
    expect(isWorking(berlinPlant, at('2026-03-07T03:00:00+01:00'))).toBe(true);
    expect(isWorking(berlinPlant, at('2026-03-07T13:00:00+01:00'))).toBe(false);
    expect(isWorking(berlinPlant, at('2026-03-08T23:00:00+01:00'))).toBe(false);
    expect(nextWorkingStart(berlinPlant, at('2026-03-07T12:00:00+01:00'))).toBe(at('2026-03-09T06:00:00+01:00'));
    expect(nextWorkingStart(berlinPlant, at('2026-03-08T23:00:00+01:00'))).toBe(at('2026-03-09T06:00:00+01:00'));
  });

  it('gives back the instant itself when it is already working time', () => {
    const t = at('2026-03-04T15:17:00+01:00');
    expect(nextWorkingStart(berlinPlant, t)).toBe(t);
  });

  it('has 126 working hours from Monday to Monday (Mon 06:00 to Sat 12:00 without a break)', () => {
    expect(workingMsBetween(berlinPlant, at('2026-03-02T00:00:00+01:00'), at('2026-03-09T00:00:00+01:00'))).toBe(h(126));
    expect(workingIntervals(berlinPlant, at('2026-03-02T00:00:00+01:00'), at('2026-03-09T00:00:00+01:00')).at(-1)?.[1]).toBe(
      at('2026-03-07T12:00:00+01:00'),
    );
  });

  it('counts Friday 20:00 to Monday 08:00 as 18 h: 16 h up to Saturday noon plus 2 h on Monday', () => {
    expect(workingMsBetween(berlinPlant, at('2026-03-06T20:00:00+01:00'), at('2026-03-09T08:00:00+01:00'))).toBe(h(18));
  });

  it('carries work over the weekend: 4 h from Saturday 10:00 is done Monday 08:00', () => {
    expect(addWorkingMs(berlinPlant, at('2026-03-07T10:00:00+01:00'), h(4))).toBe(at('2026-03-09T08:00:00+01:00'));
  });

  it('finishes work that fills a shift exactly at the shift end, not at the next start', () => {
    expect(addWorkingMs(berlinPlant, at('2026-03-07T10:00:00+01:00'), h(2))).toBe(at('2026-03-07T12:00:00+01:00'));
  });

  it('adds nothing for zero working time, even off shift', () => {
    const sunday = at('2026-03-08T10:00:00+01:00');
    expect(addWorkingMs(berlinPlant, sunday, 0)).toBe(sunday);
    expect(() => addWorkingMs(berlinPlant, sunday, -1)).toThrow(RangeError);
  });

  it('returns 0 working time for an empty or reversed span', () => {
    const t = at('2026-03-04T10:00:00+01:00');
    expect(workingMsBetween(berlinPlant, t, t)).toBe(0);
    expect(workingMsBetween(berlinPlant, t + h(1), t)).toBe(0);
  });

  it('counts overlapping shifts once', () => {
    const overlapping = calendar({
      timeZone: 'UTC',
      shifts: [
        { days: ['mon'], start: '06:00', end: '14:30' },
        { days: ['mon'], start: '14:00', end: '22:00' },
      ],
    });
    expect(workingMsBetween(overlapping, at('2026-03-02T00:00:00Z'), at('2026-03-03T00:00:00Z'))).toBe(h(16));
    expect(addWorkingMs(overlapping, at('2026-03-02T06:00:00Z'), h(16))).toBe(at('2026-03-02T22:00:00Z'));
  });
});

describe('working calendar: holidays', () => {
  // Good Friday 2026-04-03 and Easter Monday 2026-04-06 (Sunday is off anyway).
  const easter = calendar({ ...berlinPlant, holidays: ['2026-04-03', '2026-04-06'] });

  it("stops Thursday's night shift at midnight and runs nothing on the holiday", () => {
    expect(isWorking(easter, at('2026-04-02T23:30:00+02:00'))).toBe(true);
    expect(isWorking(easter, at('2026-04-03T00:00:00+02:00'))).toBe(false);
    expect(isWorking(easter, at('2026-04-03T10:00:00+02:00'))).toBe(false);
  });

  it("does not run the night shift that would start on the holiday, even after midnight", () => {
    expect(isWorking(easter, at('2026-04-04T03:00:00+02:00'))).toBe(false);
    expect(nextWorkingStart(easter, at('2026-04-03T12:00:00+02:00'))).toBe(at('2026-04-04T06:00:00+02:00'));
  });

  it('counts the Easter week from Thursday to Tuesday as 30 h', () => {
    // Thu: 6 h of Wednesday's night shift + 16 h + 2 h of its own night shift; Sat 6 h; Fri, Sun, Mon nothing.
    expect(workingMsBetween(easter, at('2026-04-02T00:00:00+02:00'), at('2026-04-07T00:00:00+02:00'))).toBe(h(30));
    expect(nextWorkingStart(easter, at('2026-04-04T12:00:00+02:00'))).toBe(at('2026-04-07T06:00:00+02:00'));
  });

  it('in 24/7 mode works every minute except the holidays', () => {
    const always = calendar({ timeZone: 'Europe/Berlin', mode: '24/7', holidays: ['2026-12-25'] });
    expect(isWorking(always, at('2026-12-24T23:59:00+01:00'))).toBe(true);
    expect(isWorking(always, at('2026-12-25T12:00:00+01:00'))).toBe(false);
    expect(workingMsBetween(always, at('2026-12-24T00:00:00+01:00'), at('2026-12-27T00:00:00+01:00'))).toBe(h(48));
    expect(addWorkingMs(always, at('2026-12-24T20:00:00+01:00'), h(5))).toBe(at('2026-12-26T01:00:00+01:00'));
  });
});

describe('working calendar: daylight-saving changes', () => {
  const berlin = continuousShifts('Europe/Berlin');
  const newYork = continuousShifts('America/New_York');

  it('makes the Berlin night shift into 2026-03-29 seven real hours long (02:00 -> 03:00)', () => {
    const start = at('2026-03-28T22:00:00+01:00');
    const end = at('2026-03-29T06:00:00+02:00');
    expect(end - start).toBe(h(7));
    expect(workingIntervals(berlin, start, end)).toEqual([[start, end]]);
    expect(workingMsBetween(berlin, at('2026-03-28T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(h(47));
    expect(addWorkingMs(berlin, start, h(7))).toBe(end);
    expect(isWorking(berlin, at('2026-03-29T03:30:00+02:00'))).toBe(true);
  });

  it('makes the Berlin night shift into 2026-10-25 nine real hours long (03:00 -> 02:00)', () => {
    const start = at('2026-10-24T22:00:00+02:00');
    const end = at('2026-10-25T06:00:00+01:00');
    expect(workingMsBetween(berlin, start, end)).toBe(h(9));
    expect(addWorkingMs(berlin, start, h(8))).toBe(at('2026-10-25T05:00:00+01:00'));
    // A plant without weekend shifts comes back on Monday at 06:00, now CET.
    expect(nextWorkingStart(berlinPlant, at('2026-10-24T12:00:00+02:00'))).toBe(at('2026-10-26T06:00:00+01:00'));
  });

  it('makes the New York night shift into 2026-03-08 seven hours and into 2026-11-01 nine hours long', () => {
    expect(workingMsBetween(newYork, at('2026-03-07T22:00:00-05:00'), at('2026-03-08T06:00:00-04:00'))).toBe(h(7));
    expect(workingMsBetween(newYork, at('2026-10-31T22:00:00-04:00'), at('2026-11-01T06:00:00-05:00'))).toBe(h(9));
    expect(addWorkingMs(newYork, at('2026-03-07T22:00:00-05:00'), h(8))).toBe(at('2026-03-08T07:00:00-04:00'));
  });

  it('starts a shift whose start falls in the spring gap at the end of the gap', () => {
    const sundayNight = calendar({ timeZone: 'Europe/Berlin', shifts: [{ days: ['sun'], start: '02:30', end: '10:30' }] });
    expect(nextWorkingStart(sundayNight, at('2026-03-29T00:00:00+01:00'))).toBe(at('2026-03-29T03:30:00+02:00'));
    expect(workingMsBetween(sundayNight, at('2026-03-29T00:00:00+01:00'), at('2026-03-30T00:00:00+02:00'))).toBe(h(7));
  });

  it('starts a shift whose start falls in the autumn overlap at its first occurrence', () => {
    const sundayNight = calendar({ timeZone: 'America/New_York', shifts: [{ days: ['sun'], start: '01:30', end: '09:30' }] });
    expect(nextWorkingStart(sundayNight, at('2026-11-01T00:00:00-04:00'))).toBe(at('2026-11-01T01:30:00-04:00'));
    expect(workingMsBetween(sundayNight, at('2026-11-01T00:00:00-04:00'), at('2026-11-02T00:00:00-05:00'))).toBe(h(9));
  });

  it('loses an hour in March and gets it back in October over a whole year of continuous shifts', () => {
    expect(workingMsBetween(berlin, at('2026-03-01T00:00:00+01:00'), at('2026-04-01T00:00:00+02:00'))).toBe(h(31 * 24 - 1));
    expect(workingMsBetween(berlin, at('2026-10-01T00:00:00+02:00'), at('2026-11-01T00:00:00+01:00'))).toBe(h(31 * 24 + 1));
    expect(workingMsBetween(berlin, at('2026-01-01T00:00:00+01:00'), at('2027-01-01T00:00:00+01:00'))).toBe(h(365 * 24));
  });
});

describe('working calendar: long spans', () => {
  it('counts 26 weeks of the Berlin plant as 26 x 126 h, and adds them back to the last Saturday noon', () => {
    const from = at('2026-01-05T06:00:00+01:00'); // Monday
    const to = at('2026-07-06T00:00:00+02:00'); // Monday, 26 weeks later
    const started = performance.now();
    const worked = workingMsBetween(berlinPlant, from, to);
    const doneAt = addWorkingMs(berlinPlant, from, worked);
    const elapsedMs = performance.now() - started;
    expect(worked).toBe(h(26 * 126));
    expect(doneAt).toBe(at('2026-07-04T12:00:00+02:00'));
    expect(elapsedMs).toBeLessThan(1000);
  });

  it('keeps addWorkingMs and workingMsBetween inverse of each other at awkward instants', () => {
    const calendars = [berlinPlant, continuousShifts('America/New_York')];
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const base = at('2026-01-01T00:00:00Z');
    for (let i = 0; i < 60; i++) {
      const cal = calendars[i % calendars.length]!;
      const from = base + Math.floor(random() * 360) * 24 * HOUR_MS + Math.floor(random() * 24 * HOUR_MS);
      const ms = Math.floor(random() * h(300)) + 1;
      const due = addWorkingMs(cal, from, ms);
      expect(workingMsBetween(cal, from, due)).toBe(ms);
      expect(isWorking(cal, due - 1)).toBe(true);
    }
  });
});

describe('working calendar without working time', () => {
  it('fails with a clear error instead of searching forever', () => {
    const mondays: string[] = [];
    for (let d = Date.parse('2026-03-02T12:00Z'); d < Date.parse('2028-03-02T12:00Z'); d += 7 * 24 * HOUR_MS) mondays.push(new Date(d).toISOString().slice(0, 10));
    const neverWorks = calendar({ timeZone: 'UTC', shifts: [{ days: ['mon'], start: '06:00', end: '14:00' }], holidays: mondays });
    expect(() => addWorkingMs(neverWorks, at('2026-03-01T00:00:00Z'), h(1))).toThrow(/no working time in 400 days after 2026-03-01/);
  });
});

describe('working calendar schema', () => {
  const issues = (input: unknown) => {
    const r = workingCalendarSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts the Berlin plant and fills in defaults', () => {
    expect(calendar({ timeZone: 'UTC', mode: '24/7' })).toEqual({ timeZone: 'UTC', mode: '24/7', shifts: [], holidays: [] });
  });

  it('names the field of every mistake', () => {
    expect(issues({ timeZone: 'Europe/Berlinn', shifts: [{ days: ['mon'], start: '06:00', end: '14:00' }] })).toEqual([
      'timeZone: must be an IANA time zone such as "Europe/Berlin" or "America/New_York"',
    ]);
    expect(issues({ timeZone: 'UTC', shifts: [{ days: ['mon'], start: '6:00', end: '25:00' }] })).toEqual([
      'shifts.0.start: must be a local time "HH:MM" from 00:00 to 23:59',
      'shifts.0.end: must be a local time "HH:MM" from 00:00 to 24:00',
    ]);
    expect(issues({ timeZone: 'UTC', shifts: [{ days: ['monday'], start: '06:00', end: '06:00' }] })[0]).toMatch(/^shifts\.0\.days\.0: must be one of sun, mon/);
    expect(issues({ timeZone: 'UTC', shifts: [{ days: ['mon'], start: '06:00', end: '06:00' }] })).toEqual([
      'shifts.0.end: must differ from start (an end before the start means the shift runs past midnight)',
    ]);
    expect(issues({ timeZone: 'UTC', mode: '24/7', holidays: ['2026-12-25', '2026-02-30'] })).toEqual([
      'holidays.1: must be a real local date "YYYY-MM-DD"',
    ]);
    expect(issues({ timeZone: 'UTC' })).toEqual(['shifts: must list at least one shift (or set mode to "24/7")']);
    expect(issues({ timeZone: 'UTC', mode: '24/7', weekends: true })[0]).toMatch(/weekends/);
  });

  it('allows a shift to end at 24:00', () => {
    const lateOnly = calendar({ timeZone: 'UTC', shifts: [{ days: ['mon'], start: '16:00', end: '24:00' }] });
    expect(workingMsBetween(lateOnly, at('2026-03-02T00:00:00Z'), at('2026-03-03T12:00:00Z'))).toBe(h(8));
  });
});
