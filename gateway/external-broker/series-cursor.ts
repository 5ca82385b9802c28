/**
 * Which stored points of one device the detector gets next, in seq order,
 * each once. Pure: the points read from the store and the time in, the
 * points to feed and the new cursor out.
 *
 * With shared subscriptions a device's batches are stored by several
 * workers, so seq n+1 can be stored before seq n (its worker was slower, or
 * died and its session is redelivered later). The cursor waits at such a
 * gap; if the missing seqs do not appear within `graceMs` (they may never:
 * a dead-lettered batch, samples an agent dropped from a full outbox) it
 * skips them, counts them, and goes on. A point that turns up after its gap
 * was skipped is never fed (it would be out of order).
 */
import type { TelemetryPoint } from '../../contract/telemetry';

export interface CursorState {
  /** Highest seq fed so far; -1 before the first (agents number a device's samples from 0). */
  seq: number;
  /** Timestamp of that point: the next read starts there. */
  ts: number;
  /** Since when the cursor has waited at a gap; null while there is none. */
  waitingSince: number | null;
}

export interface CursorStep {
  state: CursorState;
  feed: TelemetryPoint[];
  /** Seqs given up on (missing past the grace period). */
  skipped: number;
}

export const initialCursor = (lastSeq = -1, ts = 0): CursorState => ({ seq: lastSeq, ts, waitingSince: null });

/**
 * `points`: the device's stored points from `state.ts` on, ordered by ts
 * (equal to seq order within one device). Points at `state.ts` that were
 * fed already come back from the store and are ignored.
 */
export function advanceCursor(state: CursorState, points: readonly TelemetryPoint[], now: number, graceMs: number): CursorStep {
  const feed: TelemetryPoint[] = [];
  let { seq, ts, waitingSince } = state;
  let skipped = 0;
  for (const p of points) {
    if (p.seq <= seq) continue;
    if (p.seq > seq + 1) {
      waitingSince ??= now;
      if (now - waitingSince < graceMs) break;
      skipped += p.seq - seq - 1;
    }
    feed.push(p);
    seq = p.seq;
    ts = p.ts;
    waitingSince = null;
  }
  return { state: { seq, ts, waitingSince }, feed, skipped };
}
