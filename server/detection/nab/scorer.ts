/**
 * The NAB scorer (pure), as in numenta/NAB's nab/sweeper.py and the corpus
 * README:
 *
 * - The first min(floor(0.15 n), 0.15 * 5000) rows of a file are probation:
 *   not scored at all (a window lying wholly inside it does not count).
 * - Row weights: inside a window [L, R] (width W) row i weighs
 *   S(-(R - i + 1) / W) * tpWeight / S(-1); outside, after a window that
 *   ended at R' with width W', S(|R' - i| / (W' - 1)) * fpWeight; before the
 *   first window -fpWeight. S(p) = 2 sigmoid(-5p) - 1, and -1 for p >= 3.
 * - At a threshold t, rows with score >= t are detections. A window is worth
 *   its best detection's weight, or -fnWeight without one; every detection
 *   outside windows adds its (negative) weight.
 * - One threshold for the whole corpus: sweep down through every distinct
 *   score, starting above all of them (nothing detected); keep the best
 *   total. Ties go to the higher threshold (the first one reached), as NAB's
 *   stable sort of the sweep does.
 * - Normalised = 100 (raw - null) / (perfect - null), null = every window
 *   missed, perfect = every window caught at its first row.
 */

export interface CostMatrix {
  tpWeight: number;
  fnWeight: number;
  fpWeight: number;
}

/** A labelled anomaly window as inclusive row indices of its file. */
export interface WindowSpan {
  start: number;
  end: number;
}

/** One file's detector output, ready to score. */
export interface ScoredSeries {
  /** `category/name.csv` */
  key: string;
  category: string;
  /** Sorted, non-overlapping, inside the file. */
  windows: readonly WindowSpan[];
  /** Anomaly score per row, in [0, 1]. */
  scores: ArrayLike<number>;
}

export interface FileScore {
  key: string;
  category: string;
  /** Windows that count (at least one row after probation). */
  windows: number;
  detectedWindows: number;
  /** Detections outside every window (rows). */
  falsePositives: number;
  raw: number;
}

export interface CorpusScore {
  /** Rows with score >= threshold are detections; Infinity when detecting nothing is best. */
  threshold: number;
  raw: number;
  nullRaw: number;
  perfectRaw: number;
  /** 100 = perfect, 0 = never fires; NaN when the corpus has no window. */
  normalised: number;
  files: FileScore[];
}

export interface ScorerOptions {
  probationPercent?: number;
}

export const DEFAULT_PROBATION_PERCENT = 0.15;

/** Rows at the start of a file that are not scored. */
export function probationLength(rowCount: number, probationPercent = DEFAULT_PROBATION_PERCENT): number {
  return Math.min(Math.floor(probationPercent * rowCount), probationPercent * 5000);
}

/** NAB's scaled sigmoid: 2 sigmoid(-5p) - 1, clamped to -1 from p = 3 on. */
export function scaledSigmoid(p: number): number {
  if (p >= 3) return -1;
  return 2 / (1 + Math.exp(5 * p)) - 1;
}

const MAX_TP = scaledSigmoid(-1);

/** Marker in RowWeights.window for a scored row outside every window. */
export const OUTSIDE = -1;
/** Marker in RowWeights.window for a probation row (never scored). */
export const PROBATION = -2;

export interface RowWeights {
  /** What detecting this row is worth (positive inside windows, <= 0 outside). */
  weight: Float64Array;
  /** Index into the file's windows, OUTSIDE or PROBATION. */
  window: Int32Array;
}

export function checkWindows(rowCount: number, windows: readonly WindowSpan[], key: string): void {
  let prevEnd = -1;
  for (const w of windows) {
    if (!Number.isInteger(w.start) || !Number.isInteger(w.end) || w.start > w.end || w.start <= prevEnd || w.end >= rowCount) {
      throw new Error(`${key}: window rows [${w.start}, ${w.end}] must be sorted, non-overlapping and inside the file's ${rowCount} rows`);
    }
    prevEnd = w.end;
  }
}

/** Each row's weight if it were a detection, and the window it belongs to. */
export function rowWeights(rowCount: number, windows: readonly WindowSpan[], cost: CostMatrix, probationPercent = DEFAULT_PROBATION_PERCENT): RowWeights {
  const weight = new Float64Array(rowCount);
  const window = new Int32Array(rowCount);
  const probation = probationLength(rowCount, probationPercent);
  let next = 0;
  let current: WindowSpan | null = null;
  let currentIndex = -1;
  let prev: WindowSpan | null = null;
  for (let i = 0; i < rowCount; i++) {
    const upcoming = windows[next];
    if (current === null && upcoming !== undefined && i === upcoming.start) {
      current = upcoming;
      currentIndex = next++;
    }
    if (current !== null) {
      const width = current.end - current.start + 1;
      weight[i] = (scaledSigmoid(-(current.end - i + 1) / width) * cost.tpWeight) / MAX_TP;
    } else if (prev === null) {
      weight[i] = -cost.fpWeight;
    } else {
      // A one-row window would divide by zero in NAB; treat what follows it as far away.
      const span = prev.end - prev.start;
      weight[i] = scaledSigmoid(span === 0 ? Infinity : Math.abs(i - prev.end) / span) * cost.fpWeight;
    }
    window[i] = i < probation ? PROBATION : current !== null ? currentIndex : OUTSIDE;
    if (current !== null && i === current.end) {
      prev = current;
      current = null;
    }
  }
  return { weight, window };
}

interface Flattened {
  score: Float64Array;
  weight: Float64Array;
  /** Corpus-wide window id, or OUTSIDE. */
  window: Int32Array;
  file: Int32Array;
  windowCount: number;
  /** File index of each corpus-wide window id. */
  windowFile: Int32Array;
}

function flatten(series: readonly ScoredSeries[], cost: CostMatrix, probationPercent: number): Flattened {
  let total = 0;
  for (const s of series) total += s.scores.length;
  const score = new Float64Array(total);
  const weight = new Float64Array(total);
  const window = new Int32Array(total);
  const file = new Int32Array(total);
  const windowFile: number[] = [];
  let row = 0;
  series.forEach((s, f) => {
    const n = s.scores.length;
    checkWindows(n, s.windows, s.key);
    const w = rowWeights(n, s.windows, cost, probationPercent);
    const globalId = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const local = w.window[i]!;
      if (local === PROBATION) continue;
      const value = s.scores[i]!;
      if (!(value >= 0 && value <= 1)) throw new Error(`${s.key}: row ${i} has anomaly score ${value}, outside [0, 1]`);
      let id: number = OUTSIDE;
      if (local >= 0) {
        id = globalId.get(local) ?? -1;
        if (id < 0) {
          id = windowFile.length;
          windowFile.push(f);
          globalId.set(local, id);
        }
      }
      score[row] = value;
      weight[row] = w.weight[i]!;
      window[row] = id;
      file[row] = f;
      row++;
    }
  });
  return {
    score: score.subarray(0, row),
    weight: weight.subarray(0, row),
    window: window.subarray(0, row),
    file: file.subarray(0, row),
    windowCount: windowFile.length,
    windowFile: Int32Array.from(windowFile),
  };
}

/**
 * Row indices by descending score. A bucket sort over the distinct scores
 * (found with the native numeric sort) is several times faster than sorting
 * indices with a comparator; rows with equal scores stay in row order.
 */
function descendingOrder(score: Float64Array): Uint32Array {
  const n = score.length;
  const distinct = Float64Array.from(score).sort();
  let d = 0;
  for (let i = 0; i < n; i++) if (i === 0 || distinct[i] !== distinct[d - 1]) distinct[d++] = distinct[i]!;
  const values = distinct.subarray(0, d);
  const bucket = new Uint32Array(n);
  const starts = new Uint32Array(d + 1);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = d - 1;
    const v = score[i]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    // Bucket 0 holds the highest score.
    bucket[i] = d - 1 - lo;
    starts[d - lo]!++;
  }
  for (let b = 1; b <= d; b++) starts[b]! += starts[b - 1]!;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[starts[bucket[i]!]!++] = i;
  return order;
}

/** The best corpus-wide threshold and what it scores (NAB's sweep). */
function sweep(rows: Flattened, cost: CostMatrix): { threshold: number; raw: number } {
  const n = rows.score.length;
  const order = descendingOrder(rows.score);
  const best = new Float64Array(rows.windowCount).fill(-cost.fnWeight);
  let windowSum = -cost.fnWeight * rows.windowCount;
  let fpSum = 0;
  let bestThreshold = Infinity;
  let bestRaw = windowSum;
  let k = 0;
  while (k < n) {
    const threshold = rows.score[order[k]!]!;
    for (; k < n && rows.score[order[k]!] === threshold; k++) {
      const r = order[k]!;
      const w = rows.window[r]!;
      const weight = rows.weight[r]!;
      if (w === OUTSIDE) {
        fpSum += weight;
      } else if (weight > best[w]!) {
        windowSum += weight - best[w]!;
        best[w] = weight;
      }
    }
    const total = windowSum + fpSum;
    if (total > bestRaw) {
      bestRaw = total;
      bestThreshold = threshold;
    }
  }
  return { threshold: bestThreshold, raw: bestRaw };
}

/** Per-file breakdown of the detections at one threshold. */
function breakdown(series: readonly ScoredSeries[], rows: Flattened, cost: CostMatrix, threshold: number): FileScore[] {
  const files: FileScore[] = series.map((s) => ({ key: s.key, category: s.category, windows: 0, detectedWindows: 0, falsePositives: 0, raw: 0 }));
  const best = new Float64Array(rows.windowCount).fill(-cost.fnWeight);
  const detected = new Uint8Array(rows.windowCount);
  for (let r = 0; r < rows.score.length; r++) {
    if (!(rows.score[r]! >= threshold)) continue;
    const w = rows.window[r]!;
    if (w === OUTSIDE) {
      const f = files[rows.file[r]!]!;
      f.falsePositives++;
      f.raw += rows.weight[r]!;
    } else {
      detected[w] = 1;
      if (rows.weight[r]! > best[w]!) best[w] = rows.weight[r]!;
    }
  }
  for (let w = 0; w < rows.windowCount; w++) {
    const f = files[rows.windowFile[w]!]!;
    f.windows++;
    f.detectedWindows += detected[w]!;
    f.raw += best[w]!;
  }
  return files;
}

/** Scores a corpus under one cost profile with NAB's single corpus-wide threshold. */
export function scoreCorpus(series: readonly ScoredSeries[], cost: CostMatrix, options: ScorerOptions = {}): CorpusScore {
  const rows = flatten(series, cost, options.probationPercent ?? DEFAULT_PROBATION_PERCENT);
  const { threshold, raw } = sweep(rows, cost);
  const nullRaw = 0 - cost.fnWeight * rows.windowCount;
  const perfectRaw = cost.tpWeight * rows.windowCount;
  const normalised = rows.windowCount === 0 ? NaN : (100 * (raw - nullRaw)) / (perfectRaw - nullRaw);
  return { threshold, raw, nullRaw, perfectRaw, normalised, files: breakdown(series, rows, cost, threshold) };
}

/** Scores a corpus at a given threshold (e.g. one chosen on other files: an out-of-sample check). */
export function scoreAtThreshold(series: readonly ScoredSeries[], cost: CostMatrix, threshold: number, options: ScorerOptions = {}): CorpusScore {
  const rows = flatten(series, cost, options.probationPercent ?? DEFAULT_PROBATION_PERCENT);
  const files = breakdown(series, rows, cost, threshold);
  const raw = files.reduce((sum, f) => sum + f.raw, 0);
  const nullRaw = 0 - cost.fnWeight * rows.windowCount;
  const perfectRaw = cost.tpWeight * rows.windowCount;
  const normalised = rows.windowCount === 0 ? NaN : (100 * (raw - nullRaw)) / (perfectRaw - nullRaw);
  return { threshold, raw, nullRaw, perfectRaw, normalised, files };
}

export interface CategoryScore {
  category: string;
  files: number;
  windows: number;
  detectedWindows: number;
  falsePositives: number;
  raw: number;
  /** The category's share of the corpus score, normalised on its own windows; NaN without windows. */
  normalised: number;
}

/** Groups a corpus score by category (same corpus-wide threshold). */
export function scoreByCategory(score: CorpusScore, cost: CostMatrix): CategoryScore[] {
  const byName = new Map<string, CategoryScore>();
  for (const f of score.files) {
    let c = byName.get(f.category);
    if (c === undefined) {
      c = { category: f.category, files: 0, windows: 0, detectedWindows: 0, falsePositives: 0, raw: 0, normalised: NaN };
      byName.set(f.category, c);
    }
    c.files++;
    c.windows += f.windows;
    c.detectedWindows += f.detectedWindows;
    c.falsePositives += f.falsePositives;
    c.raw += f.raw;
  }
  const out = [...byName.values()].sort((a, b) => a.category.localeCompare(b.category));
  for (const c of out) {
    const nullRaw = 0 - cost.fnWeight * c.windows;
    const perfectRaw = cost.tpWeight * c.windows;
    c.normalised = c.windows === 0 ? NaN : (100 * (c.raw - nullRaw)) / (perfectRaw - nullRaw);
  }
  return out;
}
