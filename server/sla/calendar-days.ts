/**
 * A working calendar compiled for arithmetic: shifts per weekday in minutes,
 * holidays as a set, and the real intervals of the shifts that start on one
 * local date (cached per calendar). Shared by the interval walk
 * (working-calendar.ts) and the prefix-sum index (working-time-index.ts), so
 * both see exactly the same intervals.
 */
import { WEEKDAYS, type WorkingCalendar } from './working-calendar-schema';
import type { WorkingTimeIndex } from './working-time-index';
import { addDays, dateKey, instantsOf, weekdayOf, type LocalDate } from './zoned-time';

/** A half-open real interval [start, end) in epoch ms. */
export type Interval = readonly [start: number, end: number];

/** Local days of intervals kept per calendar (about 14 years); the cache starts over beyond it. */
const MAX_CACHED_DAYS = 5000;

interface CompiledShift {
  startMinute: number;
  /** Minutes after the start day's midnight; above 1440 for a shift that runs past midnight. */
  endMinute: number;
}

export interface CompiledCalendar {
  timeZone: string;
  /** Shifts starting on each weekday (index = Date#getDay). */
  byWeekday: CompiledShift[][];
  holidays: ReadonlySet<string>;
  /** 24/7 without holidays: working time is plain elapsed time. */
  continuous: boolean;
  /** dayIntervals results by date key; calendars live as long as the site config, so repeats are free. */
  days: Map<string, Interval[]>;
  /** Prefix sums of working time (working-time-index.ts), built on first use. */
  index?: WorkingTimeIndex;
}

const compiled = new WeakMap<WorkingCalendar, CompiledCalendar>();

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function compile(calendar: WorkingCalendar): CompiledCalendar {
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
export function dayIntervals(c: CompiledCalendar, date: LocalDate): Interval[] {
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
