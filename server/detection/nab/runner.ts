/**
 * Runs a streaming detector over every corpus file (one fresh detector per
 * file, rows fed in time order, so row i's score can only depend on rows
 * <= i), writes NAB-layout results and scores them under every profile.
 */
import type { NabCorpus, NabSeries } from './corpus-loader';
import { writeResultsFile } from './results-files';
import { scoreByCategory, scoreCorpus, type CategoryScore, type CorpusScore, type CostMatrix, type ScoredSeries } from './scorer';

/** What the runner needs from a detector: one score in [0, 1] per point, in order. */
export interface StreamingDetector {
  score(ts: number, value: number): number;
}

export type DetectorFactory = () => StreamingDetector;

/** Feeds one file through a fresh detector (pure). Scores are clamped to [0, 1]; NaN becomes 0. */
export function runSeries(series: Pick<NabSeries, 'timestamps' | 'values'>, create: DetectorFactory): Float64Array {
  const detector = create();
  const n = series.values.length;
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = detector.score(series.timestamps[i]!, series.values[i]!);
    scores[i] = s > 1 ? 1 : s >= 0 ? s : 0;
  }
  return scores;
}

export interface FileProgress {
  /** 1-based. */
  index: number;
  total: number;
  key: string;
  rows: number;
  elapsedMs: number;
}

export interface RunOptions {
  corpus: NabCorpus;
  detector: string;
  create: DetectorFactory;
  /** `<out>/<detector>` receives the results; omit to keep them in memory only. */
  detectorDir?: string;
  onProgress?: (progress: FileProgress) => void;
  /** Clock for progress reports (defaults to performance.now). */
  now?: () => number;
}

/** Runs the detector over the corpus; writes results when detectorDir is given. */
export async function runDetector(options: RunOptions): Promise<ScoredSeries[]> {
  const now = options.now ?? (() => performance.now());
  const out: ScoredSeries[] = [];
  const total = options.corpus.series.length;
  for (const [i, series] of options.corpus.series.entries()) {
    const started = now();
    const scores = runSeries(series, options.create);
    if (options.detectorDir !== undefined) await writeResultsFile(options.detectorDir, options.detector, series, scores);
    out.push({ key: series.key, category: series.category, windows: series.windows, scores });
    options.onProgress?.({ index: i + 1, total, key: series.key, rows: series.values.length, elapsedMs: now() - started });
  }
  return out;
}

export interface ProfileScore {
  profile: string;
  cost: CostMatrix;
  score: CorpusScore;
  categories: CategoryScore[];
}

/** Scores results under each profile (pure). */
export function scoreProfiles(series: readonly ScoredSeries[], profiles: Record<string, CostMatrix>): ProfileScore[] {
  return Object.entries(profiles).map(([profile, cost]) => {
    const score = scoreCorpus(series, cost);
    return { profile, cost, score, categories: scoreByCategory(score, cost) };
  });
}
