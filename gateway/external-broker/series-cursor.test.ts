import { describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../../contract/telemetry';
import { advanceCursor, initialCursor } from './series-cursor';

const pt = (seq: number): TelemetryPoint => ({ deviceId: 'P-101', seq, ts: 1_000_000 + seq * 1000, temperature: 40, vibration: 2, current: 20 });
const pts = (...seqs: number[]) => seqs.map(pt);

describe('advanceCursor', () => {
  it('feeds a contiguous run in order and moves the cursor to its end', () => {
    const step = advanceCursor(initialCursor(), pts(0, 1, 2, 3), 0, 5000);
    expect(step.feed.map((p) => p.seq)).toEqual([0, 1, 2, 3]);
    expect(step.state).toEqual({ seq: 3, ts: pt(3).ts, waitingSince: null });
  });

  it('expects seq 0 first on a fresh series (waiting for it like for any gap), and lastSeq + 1 after a warm start', () => {
    const fresh = advanceCursor(initialCursor(), pts(1, 2), 0, 5000);
    expect(fresh.feed).toEqual([]);
    expect(advanceCursor(fresh.state, pts(0, 1, 2), 100, 5000).feed.map((p) => p.seq)).toEqual([0, 1, 2]);
    expect(advanceCursor(initialCursor(39, pt(39).ts), pts(39, 40, 41), 0, 5000).feed.map((p) => p.seq)).toEqual([40, 41]);
  });

  it('does not feed a point twice when the next read starts at the last fed timestamp', () => {
    const first = advanceCursor(initialCursor(), pts(0, 1), 0, 5000);
    const second = advanceCursor(first.state, pts(1, 2), 10, 5000);
    expect(second.feed.map((p) => p.seq)).toEqual([2]);
  });

  it('waits at a gap, then feeds the filled run in order', () => {
    const waiting = advanceCursor(initialCursor(4, pt(4).ts), pts(4, 7, 8), 1000, 5000);
    expect(waiting.feed).toEqual([]);
    expect(waiting.state).toMatchObject({ seq: 4, waitingSince: 1000 });
    const filled = advanceCursor(waiting.state, pts(4, 5, 6, 7, 8), 3000, 5000);
    expect(filled.feed.map((p) => p.seq)).toEqual([5, 6, 7, 8]);
    expect(filled).toMatchObject({ skipped: 0, state: { seq: 8, waitingSince: null } });
  });

  it('skips a gap that stays open past the grace period, counting the missing seqs', () => {
    const waiting = advanceCursor(initialCursor(4, pt(4).ts), pts(7, 8), 1000, 5000);
    expect(advanceCursor(waiting.state, pts(7, 8), 5999, 5000).feed).toEqual([]);
    const skipped = advanceCursor(waiting.state, pts(7, 8), 6000, 5000);
    expect(skipped.feed.map((p) => p.seq)).toEqual([7, 8]);
    expect(skipped.skipped).toBe(2);
  });

  it('never feeds a point at or below the cursor (one that arrived after its gap was skipped)', () => {
    const past = advanceCursor(initialCursor(8, pt(8).ts), [pt(8), { ...pt(6), ts: pt(8).ts + 1 }, pt(9)], 0, 5000);
    expect(past.feed.map((p) => p.seq)).toEqual([9]);
  });
});
