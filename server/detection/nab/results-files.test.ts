import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NabSeries } from './corpus-loader';
import { readResults, resultsFilePath, writeResultsFile } from './results-files';

const series: NabSeries = {
  key: 'realThing/pump_1.csv',
  category: 'realThing',
  name: 'pump_1',
  timestamps: Float64Array.from([0, 1, 2, 3].map((i) => Date.UTC(2015, 0, 1, 0, i * 5))),
  values: Float64Array.from([1.5, 2, 30, 2]),
  windows: [{ start: 1, end: 2 }],
};

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('NAB results files', () => {
  it("writes NAB's layout and columns, label 1 inside windows, and reads the scores back exactly", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nab-results-'));
    const scores = [0, 1 / 3, 0.999999999, 0];
    const file = await writeResultsFile(dir, 'myDetector', series, scores);
    expect(file).toBe(path.join(dir, 'realThing', 'myDetector_pump_1.csv'));
    expect(readFileSync(file, 'utf8').split('\n').slice(0, 3)).toEqual([
      'timestamp,value,anomaly_score,label',
      '2015-01-01 00:00:00,1.5,0,0',
      `2015-01-01 00:05:00,2,${1 / 3},1`,
    ]);
    const [back] = await readResults(dir, 'myDetector', [series]);
    expect(Array.from(back!.scores)).toEqual(scores);
    expect(back!.windows).toEqual(series.windows);
  });

  it('refuses results whose rows do not line up with the data file', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'nab-results-'));
    const file = resultsFilePath(dir, 'd', series);
    await writeResultsFile(dir, 'd', series, [0, 0, 0, 0]);
    writeFileSync(file, readFileSync(file, 'utf8').replace('00:10:00', '00:11:00'));
    await expect(readResults(dir, 'd', [series])).rejects.toThrow(/d_pump_1\.csv: row 3 is at 2015-01-01 00:11:00, the data file has 2015-01-01 00:10:00/);
    await expect(readResults(dir, 'other', [series])).rejects.toThrow(/results file for realThing\/pump_1\.csv not found/);
  });
});
