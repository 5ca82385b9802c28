import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadNabCorpus } from './corpus-loader';
import { spikySeries, writeMiniCorpus } from './nab-test-fixtures';
import { runDetector, runSeries, scoreProfiles, type FileProgress } from './runner';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

/** Flags a value above 50; remembers how many points it has seen. */
const spikeDetector = () => {
  let seen = 0;
  return { score: (_ts: number, v: number) => (seen++, v > 50 ? 1 : 0), seen: () => seen };
};

describe('runSeries', () => {
  it('feeds every row in order to one fresh detector and clamps its output to [0, 1]', () => {
    const calls: Array<[number, number]> = [];
    const scores = runSeries({ timestamps: Float64Array.from([10, 20, 30]), values: Float64Array.from([1, 2, 3]) }, () => ({
      score: (ts, v) => (calls.push([ts, v]), [-0.5, Number.NaN, 7][calls.length - 1]!),
    }));
    expect(calls).toEqual([[10, 1], [20, 2], [30, 3]]);
    expect(Array.from(scores)).toEqual([0, 0, 1]);
  });
});

describe('runDetector', () => {
  it('uses a fresh detector per file, writes one results file per data file, reports progress, and scores', async () => {
    const mini = writeMiniCorpus([
      { key: 'catA/one.csv', values: spikySeries(200, 120), windows: [[110, 129]] },
      { key: 'catB/two.csv', values: spikySeries(200, 150), windows: [[140, 159]] },
    ]);
    cleanups.push(mini.cleanup);
    const out = await mkdtemp(path.join(os.tmpdir(), 'nab-run-'));
    cleanups.push(() => rm(out, { recursive: true, force: true }));

    const made: Array<ReturnType<typeof spikeDetector>> = [];
    const progress: FileProgress[] = [];
    const corpus = await loadNabCorpus(mini.dir);
    const series = await runDetector({
      corpus,
      detector: 'spike',
      create: () => {
        const d = spikeDetector();
        made.push(d);
        return d;
      },
      detectorDir: path.join(out, 'spike'),
      onProgress: (p) => progress.push(p),
      now: () => 0,
    });

    expect(made.map((d) => d.seen())).toEqual([200, 200]);
    expect(progress.map((p) => [p.index, p.total, p.key, p.rows])).toEqual([
      [1, 2, 'catA/one.csv', 200],
      [2, 2, 'catB/two.csv', 200],
    ]);
    expect(await readdir(path.join(out, 'spike', 'catA'))).toEqual(['spike_one.csv']);
    const standard = scoreProfiles(series, corpus.profiles).find((p) => p.profile === 'standard')!;
    // Each spike sits at the middle of its window: caught, about 0.86 of a perfect score each.
    expect(standard.score.files.map((f) => f.detectedWindows)).toEqual([1, 1]);
    expect(standard.score.normalised).toBeGreaterThan(90);
  });
});
