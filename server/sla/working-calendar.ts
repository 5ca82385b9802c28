/**
 * Working-time arithmetic on a site's calendar (see working-calendar-schema.ts
 * for what a calendar means). Pure: instants are epoch ms passed in.
 *
 * Shifts are turned into real intervals one local day at a time, each end
 * converted through the site's time zone, so a shift that spans a DST change
 * is an hour shorter (spring) or longer (autumn) in real time, exactly as the
 * people on it experience it. Long spans cost a few conversions per local
 * day, never a step per minute.
 */
import { WEEKDAYS, type WorkingCalendar } from './working-calendar-schema';
import { addDays, dateKey, instantsOf, localDateAt, weekdayOf, type LocalDate } from './zoned-time';

export type { Shift, Weekday, WorkingCalendar, WorkingCalendarInput } from './working-calendar-schema';
export { ALWAYS_WORKING, shiftSchema, WEEKDAYS, workingCalendarSchema } from './working-calendar-schema';

/** A half-open real interval [start, end) in epoch ms. */
export type Interval = readonly [start: number, end: number];

/** Local days of intervals kept per calendar (about 14 years); the cache starts over beyond it. */
const MAX_CACHED_DAYS = 5000;

/** If this many local days in a row have no working time, the calendar is taken to have none left. */
const MAX_IDLE_DAYS = 400;

interface CompiledShift {
  startMinute: number;
  /** Minutes after the start day's midnight; above 1440 for a shift that runs past midnight. */
  endMinute: number;
}

interface CompiledCalendar {
  timeZone: string;
  /** Shifts starting on each weekday (index = Date#getDay). */
  byWeekday: CompiledShift[][];
  holidays: ReadonlySet<string>;
  /** 24/7 without holidays: working time is plain elapsed time. */
  continuous: boolean;
  /** dayIntervals results by date key; calendars live as long as the site config, so repeats are free. */
  days: Map<string, Interval[]>;
}

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function compile(calendar: WorkingCalendar): CompiledCalendar {
  const cached = compiled.get(calendar);
  if (cached) return cached;
  const allDay: CompiledShift = { startMinute: 0, endMinute: 1440 };
  const byWeekday = WEEKDAYS.map((day) => {
    if (calendar.mode === '24/7') return [allDay];
    return calendar.shifts
      .filter((s) => s.days.includes(day))
      .map((s) => {
        const startMinute = minutes(s.start);
        const end = minutes(s.end);
        return { startMinute, endMinute: end > startMinute ? end : end + 1440 };
      });
  });
  const result: CompiledCalendar = {
    timeZone: calendar.timeZone,
    byWeekday,
    holidays: new Set(calendar.holidays),
    continuous: calendar.mode === '24/7' && calendar.holidays.length === 0,
    days: new Map(),
  };
  compiled.set(calendar, result);
  return result;
}

/** Real intervals of the shifts that start on one local date, ordered by start. */
function dayIntervals(c: CompiledCalendar, date: LocalDate): Interval[] {
  const key = dateKey(date);
  const cached = c.days.get(key);
  if (cached) return cached;
  const out: Interval[] = [];
  const shifts = c.holidays.has(key) ? [] : (c.byWeekday[weekdayOf(date)] ?? []);
  if (shifts.length > 0) {
    // An overnight shift running into a holiday stops at midnight.
    const cap = c.holidays.has(dateKey(addDays(date, 1))) ? 1440 : Infinity;
    const bounds = instantsOf(c.timeZone, date, shifts.flatMap((s) => [s.startMinute, Math.min(s.endMinute, cap)]));
    for (let i = 0; i + 1 < bounds.length; i += 2) {
      const start = bounds[i]!;
      const end = bounds[i + 1]!;
      if (end > start) out.push([start, end]);
    }
    out.sort((a, b) => a[0] - b[0]);
  }
  if (c.days.size >= MAX_CACHED_DAYS) c.days.clear();
  c.days.set(key, out);
  return out;
}

/**
 * Working intervals from `from` on, in order, disjoint (overlapping shifts
 * count once), the first one clipped to start no earlier than `from`.
 * Endless for any calendar with working time; throws when a calendar has
 * none for MAX_IDLE_DAYS local days in a row.
 */
export function* workingIntervalsFrom(calendar: WorkingCalendar, from: number): Generator<Interval, never> {
  const c = compile(calendar);
  // Start a day early: yesterday's night shift may still be running.
  let day = addDays(localDateAt(c.timeZone, from), -1);
  let cursor = from;
  let idleDays = 0;
  for (;;) {
    let worked = false;
    for (const [s, e] of dayIntervals(c, day)) {
      const start = Math.max(s, cursor);
      if (e > start) {
        worked = true;
        yield [start, e];
        cursor = e;
      }
    }
    idleDays = worked ? 0 : idleDays + 1;
    if (idleDays > MAX_IDLE_DAYS) {
      throw new Error(`working calendar (${c.timeZone}) has no working time in ${MAX_IDLE_DAYS} days after ${new Date(from).toISOString()}`);
    }
    day = addDays(day, 1);
  }
}

/** Working intervals within [from, to), clipped to it. */
export function workingIntervals(calendar: WorkingCalendar, from: number, to: number): Interval[] {
  const out: Interval[] = [];
  if (!(to > from)) return out;
  if (compile(calendar).continuous) return [[from, to]];
  for (const [s, e] of workingIntervalsFrom(calendar, from)) {
    if (s >= to) break;
    out.push([s, Math.min(e, to)]);
  }
  return out;
}

/** Working time in [from, to), in ms; 0 when `to` is not after `from`. */
export function workingMsBetween(calendar: WorkingCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  if (compile(calendar).continuous) return to - from;
  let total = 0;
  for (const [s, e] of workingIntervalsFrom(calendar, from)) {
    if (s >= to) break;
    total += Math.min(e, to) - s;
  }
  return total;
}

/**
 * The instant at which `ms` of working time has elapsed since `from`. With
 * `ms` = 0 that is `from` itself; otherwise it always lies inside or at the
 * end of a working interval (work that fills a shift exactly is done at the
 * shift's end, not when the next one starts).
 */
export function addWorkingMs(calendar: WorkingCalendar, from: number, ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time to add must be a finite number of ms >= 0 (got ${ms})`);
  if (ms === 0) return from;
  if (compile(calendar).continuous) return from + ms;
  let remaining = ms;
  for (const [s, e] of workingIntervalsFrom(calendar, from)) {
    if (remaining <= e - s) return s + remaining;
    remaining -= e - s;
  }
  throw new Error('unreachable: working intervals never run out');
}

/** Whether `at` falls in working time (a shift's start counts as working, its end does not). */
export function isWorking(calendar: WorkingCalendar, at: number): boolean {
  return nextWorkingStart(calendar, at) === at;
}

/** `at` itself when it is working time, otherwise the instant the next working period starts. */
export function nextWorkingStart(calendar: WorkingCalendar, at: number): number {
  if (compile(calendar).continuous) return at;
  const first = workingIntervalsFrom(calendar, at).next();
  return first.value[0];
}
