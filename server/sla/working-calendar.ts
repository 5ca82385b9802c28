/**
 * Working-time arithmetic on a site's calendar (see working-calendar-schema.ts
 * for what a calendar means). Pure: instants are epoch ms passed in.
 *
 * Shifts are turned into real intervals one local day at a time, each end
 * converted through the site's time zone, so a shift that spans a DST change
 * is an hour shorter (spring) or longer (autumn) in real time, exactly as the
 * people on it experience it. The walk costs a few conversions per local
 * day, never a step per minute; the two sums SLA reading needs
 * (workingMsBetween, addWorkingMs) are answered from a per-calendar index
 * of the same intervals in O(log n) (working-time-index.ts).
 */
import { compile, dayIntervals, type Interval } from './calendar-days';
import type { WorkingCalendar } from './working-calendar-schema';
import { indexedAddWorkingMs, indexedWorkingMsBetween } from './working-time-index';
import { addDays, localDateAt } from './zoned-time';

export type { Interval } from './calendar-days';
export type { Shift, Weekday, WorkingCalendar, WorkingCalendarInput } from './working-calendar-schema';
export { ALWAYS_WORKING, shiftSchema, WEEKDAYS, workingCalendarSchema } from './working-calendar-schema';

/** If this many local days in a row have no working time, the calendar is taken to have none left. */
const MAX_IDLE_DAYS = 400;

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

/**
 * Working time in [from, to), in ms; 0 when `to` is not after `from`.
 * Answered from the calendar's prefix-sum index (working-time-index.ts);
 * the walk below is the definition and the fallback.
 */
export function workingMsBetween(calendar: WorkingCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  if (compile(calendar).continuous) return to - from;
  return indexedWorkingMsBetween(calendar, from, to) ?? walkWorkingMsBetween(calendar, from, to);
}

/** workingMsBetween by walking the intervals one by one (the reference the index is tested against). */
export function walkWorkingMsBetween(calendar: WorkingCalendar, from: number, to: number): number {
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
 * shift's end, not when the next one starts). Answered from the index like
 * workingMsBetween.
 */
export function addWorkingMs(calendar: WorkingCalendar, from: number, ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time to add must be a finite number of ms >= 0 (got ${ms})`);
  if (ms === 0) return from;
  if (compile(calendar).continuous) return from + ms;
  return indexedAddWorkingMs(calendar, from, ms) ?? walkAddWorkingMs(calendar, from, ms);
}

/** addWorkingMs by walking the intervals one by one (the reference the index is tested against). */
export function walkAddWorkingMs(calendar: WorkingCalendar, from: number, ms: number): number {
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
