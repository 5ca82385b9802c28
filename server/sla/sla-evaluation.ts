/**
 * Where an order stands against its SLA at `now`: for the response and the
 * resolution target, how much (working) time is used, when it is due, and
 * whether it is ok, in warning, breached, met or met late; plus whether the
 * order has stalled. Pure: the order's facts and `now` are passed in.
 *
 * How a target's clock is read:
 * - `dueAt` is the instant the clock reaches the target. Once reached it is
 *   fixed (a later pause does not undo a breach). While the clock runs and
 *   has not reached it, it is projected from now; while paused it is null
 *   (unknown until work resumes).
 * - Breached once `now` is past `dueAt`; finishing at `dueAt` exactly is on
 *   time. Finishing after it is 'met-late' even if no working time passed in
 *   between (due Friday 22:00, fixed on Saturday's overtime: late).
 * - `remainingWorkingMs` goes negative once the target is overrun.
 * - A cancelled order's clocks stop where they were ('ok', 'warning' or
 *   'breached', clock 'stopped'); leave cancelled orders out of SLA KPIs.
 */
import type { WorkOrderStatus } from '../http/api-types';
import type { Priority } from '../priority/priority-scoring';
import { pausesResolution, type SlaPolicy, type SlaTarget } from './sla-policy';
import { addWorkingMs, workingMsBetween } from './working-calendar';
import { ALWAYS_WORKING, type WorkingCalendar } from './working-calendar-schema';

/** One entry of the order's status history. */
export interface StatusChange {
  at: number;
  status: WorkOrderStatus;
  /** Why it is on hold (for 'on-hold'), e.g. 'waiting-for-parts'. */
  holdReason?: string | null;
}

export interface SlaOrder {
  priority: Priority;
  createdAt: number;
  /** First acknowledgement; when null, the first move out of 'open' (e.g. straight to assigned) counts. */
  acknowledgedAt: number | null;
  /** Status changes after creation, any order; the order is 'open' until the first. */
  history: readonly StatusChange[];
  /** Instants of real activity by people (comments, time booked, parts ordered); status changes count too. */
  activityAt?: readonly number[];
}

export type SlaState = 'ok' | 'warning' | 'breached' | 'met' | 'met-late';

export interface TargetEvaluation {
  targetMs: number;
  calendar: SlaTarget['calendar'];
  clock: 'running' | 'paused' | 'stopped';
  state: SlaState;
  dueAt: number | null;
  elapsedWorkingMs: number;
  remainingWorkingMs: number;
  /** elapsed / target; 1 or more once the target is used up. */
  usedRatio: number;
  /** The due instant that was missed. */
  breachedAt?: number;
  /** When the clock stopped for good: responded, resolved or cancelled. */
  stoppedAt?: number;
}

export interface StallEvaluation {
  stalled: boolean;
  lastActivityAt: number;
  idleWorkingMs: number;
  stalledAfterMs: number;
  /** When it became stalled. */
  stalledAt?: number;
}

export interface SlaEvaluation {
  priority: Priority;
  now: number;
  status: WorkOrderStatus;
  response: TargetEvaluation;
  resolution: TargetEvaluation;
  stall: StallEvaluation;
}

interface Segment {
  from: number;
  to: number;
  status: WorkOrderStatus;
  holdReason: string | null;
}

interface Stop {
  at: number;
  outcome: 'completed' | 'cancelled';
}

const FINISHED: readonly WorkOrderStatus[] = ['resolved', 'closed', 'cancelled'];
const WORKED_ON: readonly WorkOrderStatus[] = ['acknowledged', 'assigned', 'in-progress', 'on-hold'];

/** The order's statuses as back-to-back segments from creation to now (the last may be empty). */
function segmentsOf(order: SlaOrder, now: number): Segment[] {
  const end = Math.max(now, order.createdAt);
  const changes = order.history.filter((c) => c.at <= end).sort((a, b) => a.at - b.at);
  const out: Segment[] = [];
  let cur: Omit<Segment, 'to'> = { from: order.createdAt, status: 'open', holdReason: null };
  for (const c of changes) {
    const at = Math.max(c.at, order.createdAt);
    if (at > cur.from) out.push({ ...cur, to: at });
    cur = { from: at, status: c.status, holdReason: c.holdReason ?? null };
  }
  out.push({ ...cur, to: end });
  return out;
}

/** Start of the trailing run of resolved / closed / cancelled, if the order ends in one. */
function finishOf(segments: Segment[]): Stop | null {
  const last = segments.at(-1);
  if (!last || !FINISHED.includes(last.status)) return null;
  let at = last.from;
  for (let i = segments.length - 1; i >= 0 && FINISHED.includes(segments[i]!.status); i--) at = segments[i]!.from;
  return { at, outcome: last.status === 'cancelled' ? 'cancelled' : 'completed' };
}

function readClock(
  calendar: WorkingCalendar,
  target: { ms: number; calendar: SlaTarget['calendar'] },
  counting: Array<{ from: number; to: number }>,
  runningNow: boolean,
  stop: Stop | null,
  warningRatio: number,
  now: number,
): TargetEvaluation {
  let elapsed = 0;
  let reachedAt: number | undefined;
  for (const { from, to } of counting) {
    const worked = workingMsBetween(calendar, from, to);
    if (reachedAt === undefined && elapsed + worked >= target.ms) reachedAt = addWorkingMs(calendar, from, target.ms - elapsed);
    elapsed += worked;
  }
  const remaining = target.ms - elapsed;
  const usedRatio = elapsed / target.ms;
  const late = reachedAt !== undefined && (stop ? stop.at : now) > reachedAt;
  const running = !stop && runningNow;
  const open: SlaState = late ? 'breached' : usedRatio >= warningRatio ? 'warning' : 'ok';
  const state: SlaState = stop?.outcome === 'completed' ? (late ? 'met-late' : 'met') : open;
  const dueAt = reachedAt ?? (stop ? addWorkingMs(calendar, stop.at, remaining) : running ? addWorkingMs(calendar, now, remaining) : null);
  return {
    targetMs: target.ms,
    calendar: target.calendar,
    clock: stop ? 'stopped' : running ? 'running' : 'paused',
    state,
    dueAt,
    elapsedWorkingMs: elapsed,
    remainingWorkingMs: remaining,
    usedRatio,
    ...(late ? { breachedAt: reachedAt } : {}),
    ...(stop ? { stoppedAt: stop.at } : {}),
  };
}

/** Whether the resolution clock runs in a segment: open and not paused. (Module level: tsx names every closure made per call.) */
function countsForResolution(policy: SlaPolicy, s: Segment): boolean {
  return !FINISHED.includes(s.status) && !pausesResolution(policy, s.status, s.holdReason);
}

/**
 * Evaluates an order against `policy`, with targets on the 'working'
 * calendar measured in `siteCalendar`.
 */
export function evaluateSla(policy: SlaPolicy, siteCalendar: WorkingCalendar, order: SlaOrder, now: number): SlaEvaluation {
  const target = policy.targets[order.priority];
  const calendar = target.calendar === 'always' ? ALWAYS_WORKING : siteCalendar;
  const segments = segmentsOf(order, now);
  const status = segments.at(-1)?.status ?? 'open';
  const finish = finishOf(segments);

  // Response: creation until the first response; never pauses.
  const firstMove = order.history.filter((c) => c.at <= now && c.status !== 'open' && c.status !== 'cancelled').sort((a, b) => a.at - b.at)[0];
  const respondedAt = order.acknowledgedAt ?? firstMove?.at ?? null;
  const responseStop: Stop | null = respondedAt !== null && respondedAt <= now ? { at: Math.max(respondedAt, order.createdAt), outcome: 'completed' } : finish;
  const response = readClock(
    calendar,
    { ms: target.responseMs, calendar: target.calendar },
    [{ from: order.createdAt, to: responseStop?.at ?? now }],
    true,
    responseStop,
    policy.warningRatio,
    now,
  );

  // Resolution: every open status that is not paused counts.
  const last = segments.at(-1);
  const resolution = readClock(
    calendar,
    { ms: target.resolutionMs, calendar: target.calendar },
    segments.filter((s) => countsForResolution(policy, s)),
    last !== undefined && countsForResolution(policy, last),
    finish,
    policy.warningRatio,
    now,
  );

  // Stalled: acknowledged, clock running, nothing happening.
  let lastActivityAt = order.createdAt;
  for (const t of [...order.history.map((c) => c.at), ...(order.activityAt ?? [])]) if (t <= now && t > lastActivityAt) lastActivityAt = t;
  const idle = workingMsBetween(calendar, lastActivityAt, now);
  const stalled = WORKED_ON.includes(status) && resolution.clock === 'running' && idle >= target.stalledAfterMs;
  const stall: StallEvaluation = {
    stalled,
    lastActivityAt,
    idleWorkingMs: idle,
    stalledAfterMs: target.stalledAfterMs,
    ...(stalled ? { stalledAt: addWorkingMs(calendar, lastActivityAt, target.stalledAfterMs) } : {}),
  };

  return { priority: order.priority, now, status, response, resolution, stall };
}
