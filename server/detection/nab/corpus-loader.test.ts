import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadNabCorpus, rowAt } from './corpus-loader';
import { rowTime, spikySeries, writeMiniCorpus } from './nab-test-fixtures';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function mini(...args: Parameters<typeof writeMiniCorpus>): string {
  const made = writeMiniCorpus(...args);
  cleanup = made.cleanup;
  return made.dir;
}

describe('loadNabCorpus', () => {
  it('loads files in windows.json order, resolving window edges with microseconds to row indices', async () => {
    const dir = mini([
      { key: 'catA/one.csv', values: spikySeries(50, 30), windows: [[25, 34]] },
      { key: 'catB/two.csv', values: spikySeries(40, 5), windows: [] },
    ]);
    const corpus = await loadNabCorpus(dir);
    expect(corpus.series.map((s) => [s.key, s.category, s.name, s.values.length])).toEqual([
      ['catA/one.csv', 'catA', 'one', 50],
      ['catB/two.csv', 'catB', 'two', 40],
    ]);
    expect(corpus.series[0]!.windows).toEqual([{ start: 25, end: 34 }]);
    expect(corpus.profiles.reward_low_FN_rate).toMatchObject({ tpWeight: 1, fnWeight: 2, fpWeight: 0.11 });
  });

  it('names the data file whose window edge is not one of its rows', async () => {
    const dir = mini([{ key: 'catA/one.csv', values: spikySeries(50, 30), windows: [] }]);
    writeFileSync(path.join(dir, 'windows.json'), JSON.stringify({ 'catA/one.csv': [[`${rowTime(3)}.000000`, '2014-04-01 00:17:30.000000']] }));
    await expect(loadNabCorpus(dir)).rejects.toThrow(/one\.csv \(windows\.json\): window .* 00:17:30\.000000 is not the timestamp of a row/);
  });

  it('names a data file listed in windows.json but missing', async () => {
    const dir = mini([{ key: 'catA/one.csv', values: spikySeries(50, 30), windows: [] }]);
    writeFileSync(path.join(dir, 'windows.json'), JSON.stringify({ 'catA/one.csv': [], 'catA/gone.csv': [] }));
    await expect(loadNabCorpus(dir)).rejects.toThrow(/gone\.csv: file not found/);
  });

  it('refuses a CSV that windows.json does not mention (it would silently go unscored)', async () => {
    const dir = mini([{ key: 'catA/one.csv', values: spikySeries(50, 30), windows: [] }]);
    writeFileSync(path.join(dir, 'catA/extra.csv'), 'timestamp,value\n2014-01-01 00:00:00,1\n');
    await expect(loadNabCorpus(dir)).rejects.toThrow(/windows\.json: has no entry for catA\/extra\.csv/);
  });

  it('names profiles.json when a cost matrix is malformed, and windows.json when a key is', async () => {
    const dir = mini([{ key: 'catA/one.csv', values: spikySeries(50, 30), windows: [] }], {
      'profiles.json': JSON.stringify({ standard: { CostMatrix: { tpWeight: 1, fnWeight: 'high', fpWeight: 0.11 } } }),
    });
    await expect(loadNabCorpus(dir)).rejects.toThrow(/profiles\.json: does not match the expected shape: standard\.CostMatrix\.fnWeight/);
    writeFileSync(path.join(dir, 'windows.json'), JSON.stringify({ 'one.csv': [] }));
    await expect(loadNabCorpus(dir)).rejects.toThrow(/windows\.json: does not match/);
  });

  it('says which folder has no corpus', async () => {
    await expect(loadNabCorpus('/nonexistent/nab')).rejects.toThrow(/\/nonexistent\/nab\/windows\.json: file not found/);
  });
});

describe('rowAt', () => {
  it('finds the first row with a timestamp, as NAB does with list.index', () => {
    const ts = Float64Array.from([1, 2, 2, 2, 5]);
    expect(rowAt(ts, 2)).toBe(1);
    expect(rowAt(ts, 5)).toBe(4);
    expect(rowAt(ts, 3)).toBe(-1);
    expect(rowAt(ts, 9)).toBe(-1);
  });
});
