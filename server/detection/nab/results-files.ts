/**
 * Results in NAB's own layout (I/O edge):
 * `<out>/<detector>/<category>/<detector>_<file>.csv` with columns
 * `timestamp,value,anomaly_score,label` (label 1 inside a window), so the
 * official NAB tools can score them too.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NabSeries } from './corpus-loader';
import { NabFormatError, parseResultsCsv } from './nab-csv';
import { formatNabTimestamp } from './nab-time';
import type { ScoredSeries } from './scorer';

export function resultsFilePath(detectorDir: string, detector: string, series: Pick<NabSeries, 'category' | 'name'>): string {
  return path.join(detectorDir, series.category, `${detector}_${series.name}.csv`);
}

/** The CSV text of one results file (pure). */
export function formatResultsCsv(series: NabSeries, scores: ArrayLike<number>): string {
  const label = new Uint8Array(series.values.length);
  for (const w of series.windows) label.fill(1, w.start, w.end + 1);
  const lines = ['timestamp,value,anomaly_score,label'];
  for (let i = 0; i < series.values.length; i++) {
    lines.push(`${formatNabTimestamp(series.timestamps[i]!)},${series.values[i]},${scores[i]},${label[i]}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes one file's results; returns its path. */
export async function writeResultsFile(detectorDir: string, detector: string, series: NabSeries, scores: ArrayLike<number>): Promise<string> {
  const file = resultsFilePath(detectorDir, detector, series);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, formatResultsCsv(series, scores));
  return file;
}

/** Reads a detector's results folder for every corpus file, checking rows against the corpus. */
export async function readResults(detectorDir: string, detector: string, corpus: readonly NabSeries[]): Promise<ScoredSeries[]> {
  return Promise.all(
    corpus.map(async (series): Promise<ScoredSeries> => {
      const file = resultsFilePath(detectorDir, detector, series);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new NabFormatError(file, `results file for ${series.key} not found`);
      }
      const result = parseResultsCsv(text, file);
      if (result.timestamps.length !== series.timestamps.length) {
        throw new NabFormatError(file, `has ${result.timestamps.length} rows, the data file ${series.key} has ${series.timestamps.length}`);
      }
      for (let i = 0; i < result.timestamps.length; i++) {
        if (result.timestamps[i] !== series.timestamps[i]) {
          throw new NabFormatError(file, `row ${i + 1} is at ${formatNabTimestamp(result.timestamps[i]!)}, the data file has ${formatNabTimestamp(series.timestamps[i]!)}`);
        }
      }
      return { key: series.key, category: series.category, windows: series.windows, scores: result.scores };
    }),
  );
}
