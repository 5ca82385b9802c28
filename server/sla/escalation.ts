/**
 * What to tell whom about an order's SLA, now. Pure and idempotent: the
 * caller passes the keys of notifications already sent for this order and
 * gets only the actions still due; it records each action's `key` once the
 * action is carried out (so a crash between deciding and sending repeats
 * rather than loses a notification).
 *
 * - warn-assignee: a target is in warning (see the policy's warningRatio);
 *   goes to the assignee, or to the planner while nobody is assigned. Once per
 *   target and priority; skipped when the target is already breached.
 * - escalate-supervisor: a target is breached; to the supervisor, with the
 *   assignee (or planner) in copy. Once per target and priority, so a
 *   priority change that breaches the new target escalates again.
 * - flag-stalled: an acknowledged order has had no activity for the stall
 *   time; to the planner, assignee in copy. Once per quiet spell: after new
 *   activity, a new spell can be flagged again.
 *
 * Stopped clocks (responded, resolved, cancelled) never notify.
 */
import type { SlaEvaluation, TargetEvaluation } from './sla-evaluation';
import { formatLocal } from './zoned-time';

export type EscalationKind = 'warn-assignee' | 'escalate-supervisor' | 'flag-stalled';

/** The people around the order, as user ids or addresses; whatever the notifier understands. */
export interface EscalationContacts {
  assignee: string | null;
  planner: string;
  supervisor: string;
}

export interface EscalationInput {
  workOrder: { number: string };
  evaluation: SlaEvaluation;
  contacts: EscalationContacts;
  /** Keys of the actions already carried out for this order. */
  alreadyNotified: Iterable<string>;
  /** The site's time zone, to show due times as the plant's clocks do. */
  timeZone: string;
}

export interface EscalationAction {
  kind: EscalationKind;
  target: 'response' | 'resolution' | null;
  /** Record this once the action is done; it is unique per order. */
  key: string;
  to: string[];
  cc: string[];
  message: string;
  /** What triggered it: the missed due instant, the moment it stalled, or now for a warning. */
  at: number;
}

/** "45 min", "6 h", "6 h 30 min" */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.round(Math.abs(ms) / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours === 0) return `${minutes} min`;
  return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`;
}

const uniqueWithout = (list: Array<string | null>, exclude: string[]): string[] =>
  [...new Set(list.filter((x): x is string => x !== null && !exclude.includes(x)))];

/** An action with its recipients settled: no one twice, nobody in copy who is already addressed. */
function withRecipients(a: Omit<EscalationAction, 'to' | 'cc'> & { to: Array<string | null>; cc: Array<string | null> }): EscalationAction {
  const to = uniqueWithout(a.to, []);
  return { ...a, to, cc: uniqueWithout(a.cc, to) };
}

function localTime(timeZone: string, at: number): string {
  return `${formatLocal(timeZone, at)} (${timeZone})`;
}

/*
 * Each action's key is checked before its message is written, and there are
 * no closures made per call (tsx wraps each in a name helper): the monitor
 * asks for every open order every minute, nearly always to hear "nothing
 * new", and formatting local times for messages nobody sends cost more than
 * the decision itself.
 */
export function decideEscalations(input: EscalationInput): EscalationAction[] {
  const { evaluation: e, contacts, workOrder, timeZone } = input;
  const done = new Set(input.alreadyNotified);
  const head = `${workOrder.number} (${e.priority})`;
  const handler = contacts.assignee ?? contacts.planner;
  const actions: EscalationAction[] = [];

  for (const target of ['response', 'resolution'] as const) {
    const t: TargetEvaluation = e[target];
    if (t.clock === 'stopped') continue;
    const time = t.calendar === 'working' ? 'working time' : 'time';
    if (t.state === 'breached' && t.breachedAt !== undefined) {
      const key = `escalate-supervisor:${target}:${e.priority}`;
      if (done.has(key)) continue;
      const who = contacts.assignee ? `assigned to ${contacts.assignee}` : 'not assigned yet';
      actions.push(
        withRecipients({
          kind: 'escalate-supervisor',
          target,
          key,
          to: [contacts.supervisor],
          cc: [handler],
          at: t.breachedAt,
          message: `${head}: ${target} target of ${formatDuration(t.targetMs)} ${time} missed at ${localTime(timeZone, t.breachedAt)}; ${who}`,
        }),
      );
    } else if (t.state === 'warning') {
      const key = `warn-assignee:${target}:${e.priority}`;
      if (done.has(key)) continue;
      const due = t.dueAt === null ? `clock paused, ${formatDuration(t.remainingWorkingMs)} left` : `due ${localTime(timeZone, t.dueAt)}`;
      actions.push(
        withRecipients({
          kind: 'warn-assignee',
          target,
          key,
          to: [handler],
          cc: [],
          at: e.now,
          message: `${head}: ${formatDuration(t.elapsedWorkingMs)} of the ${formatDuration(t.targetMs)} ${target} target used (${time}); ${due}`,
        }),
      );
    }
  }

  const stallKey = `flag-stalled:${e.stall.lastActivityAt}`;
  if (e.stall.stalled && e.stall.stalledAt !== undefined && !done.has(stallKey)) {
    actions.push(
      withRecipients({
        kind: 'flag-stalled',
        target: null,
        key: stallKey,
        to: [contacts.planner],
        cc: [contacts.assignee],
        at: e.stall.stalledAt,
        message: `${head}: no activity since ${localTime(timeZone, e.stall.lastActivityAt)} (${formatDuration(e.stall.idleWorkingMs)} of ${e.resolution.calendar === 'working' ? 'working ' : ''}time)`,
      }),
    );
  }
  return actions;
}
