import { describe, expect, it } from 'vitest';
import { OUTSIDE, PROBATION, probationLength, rowWeights, scaledSigmoid, scoreAtThreshold, scoreByCategory, scoreCorpus, type ScoredSeries } from './scorer';

const standard = { tpWeight: 1, fnWeight: 1, fpWeight: 0.11 };

/** A file of n rows scoring 0 except at the given rows. */
function file(n: number, windows: Array<[number, number]>, hits: Record<number, number> = {}, key = 'cat/file.csv'): ScoredSeries {
  const scores = new Float64Array(n);
  for (const [row, score] of Object.entries(hits)) scores[Number(row)] = score;
  return { key, category: key.split('/')[0]!, windows: windows.map(([start, end]) => ({ start, end })), scores };
}

describe('probation and the scaled sigmoid', () => {
  it('skips 15% of a file, at most 750 rows', () => {
    expect(probationLength(20)).toBe(3);
    expect(probationLength(4032)).toBe(604);
    expect(probationLength(15902)).toBe(750);
  });

  it('weighs the left window edge 0.98661 and anything 3 widths past a window as a full -1', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.9866142981514305, 15);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(3)).toBe(-1);
    expect(scaledSigmoid(10)).toBe(-1);
  });
});

describe('rowWeights', () => {
  // 20 rows, probation 3, one window on rows 10..13 (width 4).
  const w = rowWeights(20, [{ start: 10, end: 13 }], standard);

  it('marks probation rows, window rows and outside rows', () => {
    expect(Array.from(w.window.slice(0, 4))).toEqual([PROBATION, PROBATION, PROBATION, OUTSIDE]);
    expect(Array.from(w.window.slice(9, 15))).toEqual([OUTSIDE, 0, 0, 0, 0, OUTSIDE]);
  });

  it('rewards the earliest detection most: 1.0 at the left edge, falling towards the right edge', () => {
    expect(w.weight[10]).toBeCloseTo(1, 12);
    expect(w.weight[11]).toBeCloseTo(0.9669890878000605, 12);
    expect(w.weight[13]).toBeCloseTo(0.5621241486044827, 12);
  });

  it('charges a full fpWeight before the first window, and less just after a window than later', () => {
    expect(w.weight[5]).toBeCloseTo(-0.11, 12);
    expect(w.weight[14]).toBeCloseTo(-0.07504879692619866, 12); // 1/3 of (width - 1) past the end
    expect(w.weight[15]).toBeCloseTo(-0.10242205695343354, 12);
    expect(w.weight[19]).toBeCloseTo(-0.11, 4); // 6/3 = 2 widths: S(2) ~ -0.9999
  });
});

describe('scoreCorpus', () => {
  const n = 400;
  const windows: Array<[number, number]> = [[200, 239]];

  it('gives a perfect detector 100 and a silent one 0', () => {
    const perfect = scoreCorpus([file(n, windows, { 200: 1 })], standard);
    expect(perfect.normalised).toBeCloseTo(100, 10);
    expect(perfect.threshold).toBe(1);
    const silent = scoreCorpus([file(n, windows)], standard);
    expect(silent.normalised).toBe(0);
    expect(silent.threshold).toBe(Infinity);
    expect(silent.raw).toBe(-1);
  });

  it('counts only the best detection of a window, and sweeps down to the threshold that reaches it', () => {
    // Late hit at 0.9, early hit at 0.8: lowering the threshold to 0.8 gains the earlier, better row.
    const r = scoreCorpus([file(n, windows, { 230: 0.9, 200: 0.8 })], standard);
    expect(r.threshold).toBe(0.8);
    expect(r.raw).toBeCloseTo(1, 12);
    expect(r.files[0]).toMatchObject({ windows: 1, detectedWindows: 1, falsePositives: 0 });
  });

  it('breaks ties towards the higher threshold, as NAB does', () => {
    // Early hit at 0.9; a later hit in the same window at 0.8 changes nothing.
    const r = scoreCorpus([file(n, windows, { 200: 0.9, 230: 0.8 })], standard);
    expect(r.threshold).toBe(0.9);
  });

  it('uses one threshold for all files: a false alarm in one file can cost a detection in another', () => {
    const a = file(n, windows, { 200: 0.5 }, 'a/one.csv');
    const noisy = file(n, [], Object.fromEntries(Array.from({ length: 20 }, (_, i) => [100 + i * 10, 0.6])), 'b/two.csv');
    const r = scoreCorpus([a, noisy], standard);
    // Detecting a's window (+2 vs missing it) would cost 20 false alarms (-2.2): not worth it.
    expect(r.threshold).toBe(Infinity);
    expect(r.normalised).toBe(0);
    // Scored at 0.5 anyway, the corpus loses.
    expect(scoreAtThreshold([a, noisy], standard, 0.5).normalised).toBeLessThan(0);
  });

  it('ignores detections and windows inside probation', () => {
    const early = scoreCorpus([file(n, [[10, 20]], { 10: 1 })], standard);
    expect(early.files[0]!.windows).toBe(0);
    expect(early.nullRaw).toBe(0);
    expect(early.normalised).toBeNaN();
  });

  it('rejects scores outside [0, 1], naming the file', () => {
    expect(() => scoreCorpus([file(n, windows, { 300: 1.5 }, 'x/bad.csv')], standard)).toThrow(/x\/bad\.csv.*row 300/);
    expect(() => scoreCorpus([file(n, [[50, 40]])], standard)).toThrow(/window rows/);
  });

  it('weighs the low-FN profile: a miss costs 2, so the null score is -2 per window', () => {
    const r = scoreCorpus([file(n, windows)], { tpWeight: 1, fnWeight: 2, fpWeight: 0.11 });
    expect(r.nullRaw).toBe(-2);
    expect(r.perfectRaw).toBe(1);
  });
});

describe('scoreByCategory', () => {
  it('adds files up per category and normalises each on its own windows', () => {
    const series = [file(400, [[200, 239]], { 200: 1 }, 'a/1.csv'), file(400, [[200, 239]], {}, 'a/2.csv'), file(400, [], { 300: 1 }, 'b/3.csv')];
    const score = scoreCorpus(series, standard);
    const cats = scoreByCategory(score, standard);
    expect(cats.map((c) => c.category)).toEqual(['a', 'b']);
    expect(cats[0]).toMatchObject({ files: 2, windows: 2, detectedWindows: 1 });
    expect(cats[0]!.normalised).toBeCloseTo(50, 10);
    expect(cats[1]).toMatchObject({ windows: 0, falsePositives: 1 });
    expect(cats[1]!.normalised).toBeNaN();
    expect(cats[0]!.raw + cats[1]!.raw).toBeCloseTo(score.raw, 12);
  });
});
