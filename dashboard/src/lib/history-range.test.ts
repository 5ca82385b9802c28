import { describe, expect, it } from 'vitest';
import { customWindow, envelopeNote, envelopeSamples, historyNote, presetWindow, toLocalInput } from './history-range';

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

describe('envelope of a downsampled range', () => {
  const bucket = (ts: number, lo: number, hi: number) => ({
    ts,
    n: 60,
    min: { temperature: lo, vibration: lo / 10, current: lo / 2 },
    max: { temperature: hi, vibration: hi / 10, current: hi / 2 },
    mean: { temperature: (lo + hi) / 2, vibration: (lo + hi) / 20, current: (lo + hi) / 4 },
  });

  it('draws each slice from its lowest to its highest value, so a spike still shows', () => {
    const samples = envelopeSamples({ bucketMs: 60_000, buckets: [bucket(0, 50, 52), bucket(60_000, 51, 90)] });
    expect(samples).toEqual([
      { ts: 0, temperature: 50, vibration: 5, current: 25 },
      { ts: 30_000, temperature: 52, vibration: 5.2, current: 26 },
      { ts: 60_000, temperature: 51, vibration: 5.1, current: 25.5 },
      { ts: 90_000, temperature: 90, vibration: 9, current: 45 },
    ]);
  });

  it('says what a slice covers and how to see every sample', () => {
    expect(envelopeNote({ bucketMs: 151_200, samples: 604_800, buckets: new Array(4000).fill(bucket(0, 1, 2)) })).toBe(
      '604,800 samples, shown as the lowest and highest value of each 2.5 min (4,000 slices). Pick a shorter range to see every sample.',
    );
  });
});
