/**
 * Working time by binary search instead of a walk. Reading an order's SLA
 * asks "working ms between a and b" and "the instant n working ms after a";
 * the walk in working-calendar.ts answers by stepping through every local day
 * in between (an order closed two years ago costs 700+ day steps per read,
 * which dominated the work-order list). Here each calendar gets, once, the
 * merged working intervals of a range of local days with their running
 * total, so
 *
 *   W(t) = working ms before t    (binary search over interval starts)
 *   workingMsBetween(a, b) = W(b) - W(a)
 *   addWorkingMs(a, n)     = the first instant where W reaches W(a) + n
 *
 * Exactly the walk's answers, not an approximation:
 * - The intervals come from the same `dayIntervals` and are merged the same
 *   way (a cursor; overlapping time counts once), so the merged pieces cover
 *   exactly the time the walk yields.
 * - Only integer instants and amounts are answered here (sums of integers
 *   below 2^53 are exact in any order); anything else goes to the walk.
 * - The walk throws when it finds no working time for 400 local days in a
 *   row. A calendar whose index holds a run of IDLE_LIMIT_DAYS empty days is
 *   left to the walk entirely; for every other calendar the index reaches
 *   far enough past a query (SAFE_TAIL_DAYS) that the walk would have found
 *   working time before giving up.
 * - Queries outside the indexed range grow it (rebuilt once, with slack);
 *   past MAX_INDEX_DAYS the walk answers.
 *
 * working-time-index.test.ts checks with fast-check that both agree on
 * random calendars (overnight shifts, holidays, DST zones) and intervals.
 */
import { compile, dayIntervals, type CompiledCalendar } from './calendar-days';
import type { WorkingCalendar } from './working-calendar-schema';
import { DAY_MS } from './zoned-time';

/** A calendar with this many empty local days in a row anywhere in its index is left to the walk. */
const IDLE_LIMIT_DAYS = 300;
/** Days indexed beyond the last instant a query may end at: more than IDLE_LIMIT_DAYS plus the walk's start slack. */
const SAFE_TAIL_DAYS = 320;
/** Extra days indexed on each side when the range grows, so neighbouring queries do not rebuild. */
const SLACK_DAYS = 366;
/** Largest index per calendar (about 55 years; 2-4 intervals a day is a few MB at most). */
const MAX_INDEX_DAYS = 20_000;

export interface WorkingTimeIndex {
  /** Local day numbers (UTC days of the local date) whose shifts are indexed. */
  firstDay: number;
  lastDay: number;
  /** Real instants between which W(t) is exact (no shift of an unindexed day reaches in). */
  validFrom: number;
  validTo: number;
  /** Merged pieces, disjoint, ordered; cum[i] = working ms before piece i (cum has n + 1 entries). */
  starts: Float64Array;
  ends: Float64Array;
  cum: Float64Array;
  n: number;
  /** Longest run of local days without any shift in the index: at IDLE_LIMIT_DAYS the walk answers. */
  longestIdleRun: number;
}

/** Instants answered here: whole ms from 1900 to 2200 (the walk handles, or rejects, anything else). */
const MIN_INSTANT = Date.UTC(1900, 0, 1);
const MAX_INSTANT = Date.UTC(2200, 0, 1);
const isInstant = (t: number): boolean => Number.isSafeInteger(t) && t >= MIN_INSTANT && t <= MAX_INSTANT;

function build(c: CompiledCalendar, firstDay: number, lastDay: number): WorkingTimeIndex {
  const starts: number[] = [];
  const ends: number[] = [];
  let cursor = -Infinity;
  let idle = 0;
  let longestIdleRun = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    const d = new Date(day * DAY_MS);
    const intervals = dayIntervals(c, { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
    idle = intervals.length === 0 ? idle + 1 : 0;
    if (idle > longestIdleRun) longestIdleRun = idle;
    // The walk's merge: clip each interval to the cursor, keep what is left.
    for (const [s, e] of intervals) {
      const start = Math.max(s, cursor);
      if (e > start) {
        starts.push(start);
        ends.push(e);
        cursor = e;
      }
    }
  }
  const n = starts.length;
  const cum = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) cum[i + 1] = cum[i]! + (ends[i]! - starts[i]!);
  return {
    firstDay,
    lastDay,
    // A shift ends before the second local midnight after its start day, and a local midnight is
    // within a day of the same date's UTC midnight: whole-day margins make these bounds safe.
    validFrom: (firstDay + 2) * DAY_MS,
    validTo: lastDay * DAY_MS,
    starts: Float64Array.from(starts),
    ends: Float64Array.from(ends),
    cum,
    n,
    longestIdleRun,
  };
}

/**
 * The calendar's index covering real instants [from, to] with SAFE_TAIL_DAYS
 * after `to`, built or grown as needed; null when the walk must answer.
 */
function indexFor(c: CompiledCalendar, from: number, to: number): WorkingTimeIndex | null {
  let index = c.index;
  if (index && index.longestIdleRun >= IDLE_LIMIT_DAYS) return null;
  if (index && from >= index.validFrom && to <= index.validTo - SAFE_TAIL_DAYS * DAY_MS) return index;
  const needFirst = Math.floor(from / DAY_MS) - 2;
  const needLast = Math.ceil(to / DAY_MS) + SAFE_TAIL_DAYS;
  if (needLast - needFirst > MAX_INDEX_DAYS) return null;
  let firstDay = needFirst - SLACK_DAYS;
  let lastDay = needLast + SLACK_DAYS;
  if (index && Math.max(lastDay, index.lastDay) - Math.min(firstDay, index.firstDay) <= MAX_INDEX_DAYS) {
    // Keep what is indexed: queries reach back and forth over the same years.
    firstDay = Math.min(firstDay, index.firstDay);
    lastDay = Math.max(lastDay, index.lastDay);
  } else if (lastDay - firstDay > MAX_INDEX_DAYS) {
    firstDay = needFirst;
    lastDay = needLast;
  }
  index = build(c, firstDay, lastDay);
  c.index = index;
  return index.longestIdleRun >= IDLE_LIMIT_DAYS ? null : index;
}

/** Index of the last piece starting before t, or -1. */
function lastStartBefore(ix: WorkingTimeIndex, t: number): number {
  let lo = 0;
  let hi = ix.n; // answer in [lo - 1, hi - 1]
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ix.starts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Working ms in the index before t (t within validFrom..validTo). */
function workedBefore(ix: WorkingTimeIndex, t: number): number {
  const k = lastStartBefore(ix, t);
  if (k < 0) return 0;
  return ix.cum[k]! + (Math.min(ix.ends[k]!, t) - ix.starts[k]!);
}

/** Working ms in [from, to) (to > from), or undefined when the walk must answer. */
export function indexedWorkingMsBetween(calendar: WorkingCalendar, from: number, to: number): number | undefined {
  if (!isInstant(from) || !isInstant(to)) return undefined;
  const ix = indexFor(compile(calendar), from, to);
  if (!ix) return undefined;
  return workedBefore(ix, to) - workedBefore(ix, from);
}

/** The instant `ms` (> 0) of working time after `from`, or undefined when the walk must answer. */
export function indexedAddWorkingMs(calendar: WorkingCalendar, from: number, ms: number): number | undefined {
  if (!isInstant(from) || !Number.isSafeInteger(ms)) return undefined;
  const c = compile(calendar);
  let ix = indexFor(c, from, from);
  // Grow towards the answer while it lies beyond what is indexed (long targets on sparse calendars).
  for (let attempt = 0; ix && attempt < 8; attempt++) {
    const target = workedBefore(ix, from) + ms;
    // First piece whose end reaches the target: cum[k + 1] >= target.
    let lo = 0;
    let hi = ix.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ix.cum[mid + 1]! < target) lo = mid + 1;
      else hi = mid;
    }
    if (lo < ix.n) {
      const at = ix.starts[lo]! + (target - ix.cum[lo]!);
      if (at <= ix.validTo) return at;
    }
    const span = ix.lastDay - ix.firstDay;
    ix = indexFor(c, from, ix.validTo + span * DAY_MS);
  }
  return undefined;
}
