/**
 * Downtime arithmetic, pure: a line's recorded state changes in, time per
 * state and lost time (down, starved, blocked) per root cause out.
 *
 * Each change holds until the next one; the last holds until `to`. Only the
 * part inside [from, to) counts; time before the first change counts nowhere.
 * Lost time is attributed to the primary reason's root cause of each change.
 */
import { LINE_STATES, type LineLostTimeView, type LineRootCause, type LineState } from '../http/api-types';

export interface RecordedState {
  at: number;
  to: LineState;
  cause: LineRootCause | null;
  causeRef: string | null;
}

export interface DowntimeTotals {
  stateMs: Record<LineState, number>;
  lostMs: number;
  byCauseKind: LineLostTimeView[];
  byCause: LineLostTimeView[];
}

const LOST: Partial<Record<LineState, 'downMs' | 'starvedMs' | 'blockedMs'>> = { down: 'downMs', starved: 'starvedMs', blocked: 'blockedMs' };

/** `changes` oldest first; the one in force at `from` (if any) may come before it. */
export function lineDowntime(changes: readonly RecordedState[], from: number, to: number): DowntimeTotals {
  const stateMs = Object.fromEntries(LINE_STATES.map((s) => [s, 0])) as Record<LineState, number>;
  const kinds = new Map<string, LineLostTimeView>();
  const causes = new Map<string, LineLostTimeView>();
  const add = (map: Map<string, LineLostTimeView>, cause: LineRootCause, ref: string | null, field: 'downMs' | 'starvedMs' | 'blockedMs', ms: number) => {
    const key = `${cause}\u0000${ref ?? ''}`;
    const entry = map.get(key) ?? map.set(key, { cause, ref, downMs: 0, starvedMs: 0, blockedMs: 0, totalMs: 0 }).get(key)!;
    entry[field] += ms;
    entry.totalMs += ms;
  };
  let lostMs = 0;
  changes.forEach((change, i) => {
    const start = Math.max(change.at, from);
    const end = Math.min(changes[i + 1]?.at ?? to, to);
    if (end <= start) return;
    const ms = end - start;
    stateMs[change.to] += ms;
    const field = LOST[change.to];
    if (!field) return;
    lostMs += ms;
    if (change.cause === null) return;
    add(kinds, change.cause, null, field, ms);
    add(causes, change.cause, change.causeRef, field, ms);
  });
  return { stateMs, lostMs, byCauseKind: biggestFirst(kinds), byCause: biggestFirst(causes) };
}

function biggestFirst(map: Map<string, LineLostTimeView>): LineLostTimeView[] {
  return [...map.values()].sort((a, b) => b.totalMs - a.totalMs || a.cause.localeCompare(b.cause) || (a.ref ?? '').localeCompare(b.ref ?? ''));
}
