import { describe, expect, it } from 'vitest';
import { SeqDeduper } from './seq-deduper';

describe('SeqDeduper', () => {
  it('accepts each (device, seq) once', () => {
    const d = new SeqDeduper(64);
    expect([0, 1, 2].map((s) => d.accept('A', s))).toEqual([true, true, true]);
    expect([1, 2, 3].map((s) => d.accept('A', s))).toEqual([false, false, true]);
    expect(d.accept('B', 1)).toBe(true);
    expect(d.highest('A')).toBe(3);
  });

  it('admits a late sample inside the window that was never seen', () => {
    const d = new SeqDeduper(64);
    expect(d.accept('A', 0)).toBe(true);
    expect(d.accept('A', 5)).toBe(true);
    expect(d.accept('A', 3)).toBe(true);
    expect(d.accept('A', 3)).toBe(false);
    expect(d.accept('A', 4)).toBe(true);
  });

  it('treats anything older than the window as already seen', () => {
    const d = new SeqDeduper(64);
    d.accept('A', 1000);
    expect(d.accept('A', 1000 - 64)).toBe(false);
    expect(d.accept('A', 1000 - 63)).toBe(true);
  });

  it('forgets bits when the window slides, so wrapped slots are not mistaken for seen', () => {
    const d = new SeqDeduper(8);
    for (let s = 0; s < 8; s++) d.accept('A', s);
    expect(d.accept('A', 12)).toBe(true); // clears slots of 8..11
    expect(d.accept('A', 9)).toBe(true); // slot of 1, never seen as 9
    expect(d.accept('A', 9)).toBe(false);
    expect(d.accept('A', 100)).toBe(true); // jump beyond the window
    expect(d.accept('A', 99)).toBe(true);
  });

  it('warm-starts from the store: everything up to lastSeq counts as seen', () => {
    const d = new SeqDeduper(64);
    d.seed('A', 41);
    expect(d.accept('A', 41)).toBe(false);
    expect(d.accept('A', 30)).toBe(false);
    expect(d.accept('A', 42)).toBe(true);
  });
});
