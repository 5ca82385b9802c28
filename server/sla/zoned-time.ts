/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Node's Intl:
 * the local date and time of an instant, and the instant of a local date and
 * time. Pure (the formatter cache holds no state that changes an answer).
 *
 * Local times that do not exist or exist twice follow Temporal's
 * 'compatible' rule, the one calendars and cron use:
 * - in a spring-forward gap (Berlin 2026-03-29 02:30) the time is moved on by
 *   the length of the gap (03:30 CEST);
 * - in a fall-back overlap (Berlin 2026-10-25 02:30) the earlier of the two
 *   instants is taken (02:30 CEST, not 02:30 CET).
 */

/** A calendar date as printed on a wall calendar; month is 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone (an IANA name such as "Europe/Berlin", or "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local date and time (to the second) of an instant in a zone. */
export function localDateTimeAt(timeZone: string, at: number): LocalDateTime {
  const out: LocalDateTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatter(timeZone).formatToParts(new Date(at))) {
    if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute' || part.type === 'second') {
      out[part.type] = Number(part.value);
    }
  }
  return out;
}

export function localDateAt(timeZone: string, at: number): LocalDate {
  const { year, month, day } = localDateTimeAt(timeZone, at);
  return { year, month, day };
}

/** Offset of local time from UTC at an instant, in ms (Berlin in summer: +7,200,000). */
export function offsetAt(timeZone: string, at: number): number {
  const whole = Math.floor(at / 1000) * 1000;
  const p = localDateTimeAt(timeZone, whole);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/**
 * The instant at which the wall clock in `timeZone` shows `minuteOfDay`
 * minutes after local midnight starting `date`. Minutes may run past 1440
 * (1440 is the next local midnight; 1800 is 06:00 the next day).
 */
export function instantOf(timeZone: string, date: LocalDate, minuteOfDay: number): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay);
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  const valid = [...new Set([before, after])].filter((o) => offsetAt(timeZone, wall - o) === o);
  // Two valid offsets: the time exists twice; the larger offset is the earlier instant.
  if (valid.length > 0) return wall - Math.max(...valid);
  // No valid offset: the time falls in a gap; read it with the offset from before the gap.
  return wall - before;
}

/**
 * `instantOf` for several times of one local date at once. Days far from a
 * time-zone transition (all but a few a year) need two offset look-ups in
 * all instead of four per time; this assumes, as holds for every real zone,
 * that no two transitions cancel out within five days.
 */
export function instantsOf(timeZone: string, date: LocalDate, minutesOfDay: readonly number[]): number[] {
  const midnight = Date.UTC(date.year, date.month - 1, date.day);
  const early = offsetAt(timeZone, midnight - 2 * DAY_MS);
  const late = offsetAt(timeZone, midnight + 3 * DAY_MS);
  if (early === late) return minutesOfDay.map((m) => midnight + m * MINUTE_MS - early);
  return minutesOfDay.map((m) => instantOf(timeZone, date, m));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Sunday .. 6 = Saturday, as Date#getDay. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "2026-03-29" */
export function dateKey(date: LocalDate): string {
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/** Parses "YYYY-MM-DD"; null when it is not a real date. */
export function parseDateKey(text: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return dateKey(addDays(date, 0)) === text ? date : null;
}

/** "2026-03-29 14:30" in the zone, for messages people read. */
export function formatLocal(timeZone: string, at: number): string {
  const p = localDateTimeAt(timeZone, at);
  return `${dateKey(p)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
