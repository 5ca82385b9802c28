/**
 * The disturbance map as data: tile order, what a tile says (state word,
 * time in state, root cause), counts per state, and how a live 'line-state'
 * event changes the list. Pure; `now` is passed in.
 */
import type { LineState, LineStateView } from '../../../server/http/api-types';
import { LINE_STATE_LABEL, lineCause, type ChainOptions } from './line-chain';
import type { TileOrder } from './route';
import { formatDuration } from './time-format';

export { LINE_STATE_LABEL };

/** Most urgent first; the server's precedence (down > no-data > starved > blocked > degraded > running). */
export const LINE_STATES_BY_URGENCY: readonly LineState[] = ['down', 'no-data', 'starved', 'blocked', 'degraded', 'running'];

export function stateRank(state: LineState): number {
  const i = LINE_STATES_BY_URGENCY.indexOf(state);
  return i === -1 ? LINE_STATES_BY_URGENCY.length : i;
}

/**
 * 'line': the server's line order, so every tile keeps its place on the wall.
 * 'state': problems first (most urgent state, then longest in it), line order on ties.
 */
export function orderTiles(lines: readonly LineStateView[], order: TileOrder): LineStateView[] {
  if (order === 'line') return lines.slice();
  return lines
    .map((line, index) => ({ line, index }))
    .sort((a, b) => stateRank(a.line.state) - stateRank(b.line.state) || a.line.since - b.line.since || a.index - b.index)
    .map((x) => x.line);
}

/** "12 min", "2 h 5 min"; under a minute "< 1 min" (a wall screen should not flicker seconds). */
export function timeInState(since: number, now: number): string {
  const ms = Math.max(0, now - since);
  return ms < 60_000 ? '< 1 min' : formatDuration(ms);
}

export interface TileText {
  /** "Down". */
  word: string;
  /** "12 min". */
  duration: string;
  /** "down 12 min", for screen readers and the tooltip. */
  status: string;
  /** The primary root cause in one line; '' while running. */
  cause: string;
}

export function tileText(line: LineStateView, o: ChainOptions): TileText {
  const word = LINE_STATE_LABEL[line.state] ?? line.state;
  const duration = timeInState(line.since, o.now);
  return { word, duration, status: `${word.toLowerCase()} ${duration}`, cause: lineCause(line, o) };
}

export type StateCounts = Record<LineState, number>;

export function countByState(lines: readonly LineStateView[]): StateCounts {
  const counts: StateCounts = { running: 0, degraded: 0, down: 0, starved: 0, blocked: 0, 'no-data': 0 };
  for (const l of lines) if (l.state in counts) counts[l.state]++;
  return counts;
}

/** The counts worth saying, most urgent first: [['down', 2], ['starved', 1], ['running', 47]]. */
export function countsInOrder(counts: StateCounts): Array<[LineState, number]> {
  return LINE_STATES_BY_URGENCY.filter((s) => counts[s] > 0).map((s) => [s, counts[s]]);
}

/**
 * A 'line-state' event: the line's new view replaces the old one in place
 * (others keep their identity, so only that tile re-renders); a line the
 * list did not have yet is appended. An event older than what is shown
 * (`since` earlier while the state is the same object) is still applied: the server publishes only changes.
 */
export function applyLineState(lines: readonly LineStateView[], next: LineStateView): LineStateView[] {
  const i = lines.findIndex((l) => l.id === next.id);
  if (i === -1) return [...lines, next];
  const copy = lines.slice();
  copy[i] = next;
  return copy;
}
