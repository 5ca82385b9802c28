import { describe, expect, it } from 'vitest';
import { createAnomalyScorer, type AnomalyScorerOptions } from './anomaly-scorer';

const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;
const STEP = 5 * MIN;

/** Deterministic noise in [-1, 1]. */
function noise(n: number, seed = 1): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return (s / 2147483647) * 2 - 1;
  });
}

/** Scores a series sampled every `step` ms from T0. */
function scoreAll(values: number[], options?: AnomalyScorerOptions, step = STEP): number[] {
  const scorer = createAnomalyScorer(options);
  return values.map((v, i) => scorer.score(T0 + i * step, v));
}

const maxOf = (xs: number[], from = 0, to = xs.length) => Math.max(...xs.slice(from, to));

describe('createAnomalyScorer', () => {
  it('stays quiet on stationary noise and scores an unprecedented spike near the top of the scale', () => {
    const values = noise(3000).map((e) => 50 + 2 * e);
    values[2500] = 80;
    const scores = scoreAll(values);
    expect(scores.every((s) => s >= 0 && s < 1)).toBe(true);
    expect(scores[2500]).toBeGreaterThan(0.8);
    // Nothing else comes close: the spike is the only alarm-worthy point after warm-up.
    expect(maxOf(scores, 300, 2500)).toBeLessThan(scores[2500]! * 0.6);
  });

  it('flags a step change at its onset, not for every point of the new level', () => {
    const values = noise(3000, 3).map((e, i) => (i < 2000 ? 10 : 16) + e);
    const scores = scoreAll(values);
    const onset = scores.slice(2000, 2010);
    expect(maxOf(onset)).toBeGreaterThan(0.6);
    const alarms = scores.slice(2000).filter((s) => s > 0.5).length;
    expect(alarms).toBeLessThanOrEqual(3);
  });

  it('catches a missing daily peak that stays inside the normal range (daily feature)', () => {
    // 10 days of a daily cycle sampled every 5 minutes; on day 9 the afternoon peak never comes.
    const perDay = 288;
    const values = noise(10 * perDay, 5).map((e, i) => {
      const hour = ((i % perDay) / perDay) * 24;
      const peak = hour >= 12 && hour < 16 ? 40 : 0;
      const day = Math.floor(i / perDay);
      return 20 + (day === 8 ? 0 : peak) + e;
    });
    const scorer = createAnomalyScorer();
    let best = { score: 0, i: -1, feature: '' as string | null };
    values.forEach((v, i) => {
      const s = scorer.score(T0 + i * STEP, v);
      if (i >= 8 * perDay && i < 9 * perDay && s > best.score) best = { score: s, i, feature: scorer.lastEvidence().feature };
    });
    expect(best.score).toBeGreaterThan(0.5);
    expect(best.feature).toBe('daily');
    // It fires when the peak should have started (12:00 = point 144 of the day), within the first hour.
    expect(best.i - 8 * perDay).toBeGreaterThanOrEqual(144);
    expect(best.i - 8 * perDay).toBeLessThan(144 + 12);
  });

  it('reports one alarm per episode: a second, smaller spike inside the refractory window scores 0, a much bigger one does not', () => {
    const base = noise(3000, 7).map((e) => 100 + e);
    const smaller = [...base];
    smaller[2500] = 200;
    smaller[2530] = 180;
    const s1 = scoreAll(smaller);
    expect(s1[2500]).toBeGreaterThan(0.8);
    expect(s1[2530]).toBe(0);

    const bigger = [...base];
    bigger[2500] = 200;
    bigger[2530] = 400; // twice the first spike's excess over everything before it
    expect(scoreAll(bigger)[2530]).toBeGreaterThan(0.8);

    // Well after the episode (the spike has left the 96-point mean and the 100-point
    // refractory window) a repeat is reported again, though a spike the series has
    // already shown once is less surprising than the first.
    const later = [...base];
    later[2500] = 200;
    later[2900] = 180;
    const s3 = scoreAll(later);
    expect(s3[2900]).toBeGreaterThan(0.3);
    expect(s3[2900]).toBeLessThan(s3[2500]!);
  });

  it('has no look-ahead: scores for a prefix do not change when more data follows', () => {
    const values = noise(1500, 11).map((e, i) => 5 + e + (i > 1200 ? 3 : 0));
    const full = scoreAll(values);
    const prefix = scoreAll(values.slice(0, 1250));
    expect(full.slice(0, 1250)).toEqual(prefix);
  });

  it('says nothing during warm-up and does not learn from non-finite values', () => {
    const values = noise(600, 13).map((e) => 10 + e);
    const scorer = createAnomalyScorer({ warmup: 200 });
    const early = values.slice(0, 200).map((v, i) => scorer.score(T0 + i * STEP, v));
    expect(Math.max(...early)).toBe(0);
    expect(scorer.score(T0 + 200 * STEP, Number.NaN)).toBe(0);
    expect(scorer.lastEvidence()).toMatchObject({ score: 0, feature: null });

    const clean = createAnomalyScorer({ warmup: 200 });
    const withGap = createAnomalyScorer({ warmup: 200 });
    values.forEach((v, i) => {
      clean.score(T0 + i * STEP, v);
      if (i === 300) withGap.score(T0 + i * STEP, Number.POSITIVE_INFINITY);
      withGap.score(T0 + i * STEP, v);
    });
    expect(withGap.score(T0 + 600 * STEP, 25)).toBe(clean.score(T0 + 600 * STEP, 25));
  });

  it('explains its score: surprise in decades, the feature behind it, and whether it was suppressed', () => {
    const values = noise(2000, 17).map((e) => 3 + 0.1 * e);
    const scorer = createAnomalyScorer();
    values.forEach((v, i) => scorer.score(T0 + i * STEP, v));
    const score = scorer.score(T0 + 2000 * STEP, 9);
    const evidence = scorer.lastEvidence();
    expect(evidence.score).toBe(score);
    expect(evidence.suppressed).toBe(false);
    expect(['value', 'local']).toContain(evidence.feature);
    // score = surprise / (surprise + 4)
    expect(score).toBeCloseTo(evidence.surprise / (evidence.surprise + 4), 12);
  });

  it('rejects options that cannot work', () => {
    expect(() => createAnomalyScorer({ historySize: 0 })).toThrow(RangeError);
    expect(() => createAnomalyScorer({ refractory: 1.5 })).toThrow(RangeError);
    expect(() => createAnomalyScorer({ meanWindows: [1] })).toThrow(RangeError);
    expect(() => createAnomalyScorer({ halfScoreSurprise: 0 })).toThrow(RangeError);
  });
});
