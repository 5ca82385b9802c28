/**
 * Human time: "just now", "12 min ago", "2 h 5 min", "14:32". Pure; the caller
 * passes `now`, so the same text comes out in tests and in the browser.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A compact duration: "45 s", "12 min", "2 h 5 min", "3 d 4 h". Negative input counts as zero. */
export function formatDuration(ms: number): string {
  const t = Math.max(0, ms);
  if (t < MINUTE) return `${Math.floor(t / SECOND)} s`;
  if (t < HOUR) return `${Math.floor(t / MINUTE)} min`;
  if (t < DAY) {
    const h = Math.floor(t / HOUR);
    const m = Math.floor((t % HOUR) / MINUTE);
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const d = Math.floor(t / DAY);
  const h = Math.floor((t % DAY) / HOUR);
  return h ? `${d} d ${h} h` : `${d} d`;
}

/**
 * How long ago `ts` was, in one unit: "just now", "40 s ago", "12 min ago",
 * "3 h ago", "5 d ago". Future times (clock skew, a simulated plant running
 * ahead of the wall clock) read "just now".
 */
export function formatAgo(ts: number, now: number): string {
  const t = now - ts;
  if (t < 10 * SECOND) return 'just now';
  if (t < MINUTE) return `${Math.floor(t / SECOND)} s ago`;
  if (t < HOUR) return `${Math.floor(t / MINUTE)} min ago`;
  if (t < DAY) return `${Math.floor(t / HOUR)} h ago`;
  return `${Math.floor(t / DAY)} d ago`;
}

/** How soon `ts` should be re-rendered by formatAgo to stay accurate (ms). */
export function agoRefreshInterval(ts: number, now: number): number {
  const t = now - ts;
  if (t < MINUTE) return SECOND;
  if (t < HOUR) return 15 * SECOND;
  return MINUTE;
}

export interface ClockOptions {
  /** IANA zone; the browser's zone when omitted. */
  timeZone?: string;
  locale?: string;
}

/** "14:32:05" when `ts` is on the same day as `now`, else "22 Nov, 14:32". 24-hour clock (shop floors). */
export function formatTimestamp(ts: number, now: number, options: ClockOptions = {}): string {
  const { timeZone, locale = 'en-GB' } = options;
  const day = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const sameDay = day.format(ts) === day.format(now);
  const fmt = sameDay
    ? new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    : new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return fmt.format(ts);
}

/** Full date and time for tooltips: "2026-11-22 14:32:05" in the given zone. */
export function formatFullTimestamp(ts: number, options: ClockOptions = {}): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: options.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ts);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

const axisFormatters = new Map<string, Intl.DateTimeFormat>();

function axisFormatter(kind: 'sec' | 'min' | 'day', timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${kind}:${timeZone ?? ''}`;
  let f = axisFormatters.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { timeZone, day: 'numeric', month: 'short' }
        : { timeZone, hour: '2-digit', minute: '2-digit', second: kind === 'sec' ? '2-digit' : undefined, hourCycle: 'h23' };
    f = new Intl.DateTimeFormat('en-GB', opts);
    axisFormatters.set(key, f);
  }
  return f;
}

/** A time-axis tick label (24-hour clock): seconds shown when ticks are under a minute apart, dates when a day or more. */
export function formatAxisTime(tsMs: number, tickSpacingMs: number, options: ClockOptions = {}): string {
  const kind = tickSpacingMs < MINUTE ? 'sec' : tickSpacingMs < DAY ? 'min' : 'day';
  return axisFormatter(kind, options.timeZone).format(tsMs);
}

/**
 * A due time or ETA to the minute: "14:30" on the same day as `now` (in the
 * given zone), else "23 Nov 14:30". With `showZone` the zone's short name is
 * appended ("14:30 CET"), for a viewer whose own clock is in another zone.
 */
export function formatClock(ts: number, now: number, options: ClockOptions & { showZone?: boolean } = {}): string {
  const { timeZone, locale = 'en-GB', showZone = false } = options;
  const day = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const sameDay = day.format(ts) === day.format(now);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ts);
  const date = sameDay ? '' : `${new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short' }).format(ts)} `;
  return `${date}${time}${showZone ? ` ${zoneName(ts, timeZone)}` : ''}`;
}

/** The zone's short name at `ts` ("CET", "GMT+1"). */
export function zoneName(ts: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(ts).find((p) => p.type === 'timeZoneName')?.value ?? (timeZone ?? '');
}

/** The browser's own IANA zone. */
export function viewerTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
