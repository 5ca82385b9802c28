import { describe, expect, it } from 'vitest';
import { customWindow, historyNote, presetWindow, toLocalInput } from './history-range';

const T = Date.UTC(2026, 10, 22, 8, 0);

describe('history ranges', () => {
  it('ends presets at the given end', () => {
    expect(presetWindow('hour', T)).toEqual({ from: T - 3_600_000, to: T });
    expect(presetWindow('week', T).from).toBe(T - 7 * 86_400_000);
  });

  it('reads a custom window and names the bad input', () => {
    const utc = (t: string) => Date.parse(`${t}Z`);
    expect(customWindow('2026-11-21T08:00', '2026-11-22T08:00', utc)).toEqual({ from: T - 86_400_000, to: T });
    expect(customWindow('', '2026-11-22T08:00', utc)).toEqual({ error: 'Pick a start time', field: 'from' });
    expect(customWindow('2026-11-22T08:00', '2026-11-22T08:00', utc)).toEqual({ error: 'The end must be after the start', field: 'to' });
  });

  it('formats local input values', () => {
    expect(toLocalInput(T, 0)).toBe('2026-11-22T08:00');
    expect(toLocalInput(T, -60)).toBe('2026-11-22T09:00');
  });

  it('says when the range was cut at the cap', () => {
    expect(historyNote(0, null, false)).toBe('No samples in this range.');
    expect(historyNote(500, T - 1, false)).toMatch(/^500 samples · drag/);
    expect(historyNote(100_000, T, false)).toMatch(/^100,000 samples · drag/);
    expect(historyNote(100_000, T - 3_600_000, true)).toBe(
      '100,000 samples: the first 100,000 of the range (up to 2026-11-22 07:00 UTC). Pick a shorter range for the rest.',
    );
  });
});
