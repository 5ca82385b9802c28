/**
 * Leave-one-category-out check of how well a corpus-wide threshold travels
 * (pure): for each category, the threshold is chosen on all other
 * categories and applied to the held-out one. A detector whose score drops
 * a lot here is tuned to particular files, not to anomalies.
 */
import { scoreAtThreshold, scoreCorpus, type CostMatrix, type ScoredSeries } from './scorer';

export interface HeldOutCategory {
  category: string;
  /** Threshold chosen on the other categories. */
  threshold: number;
  windows: number;
  detectedWindows: number;
  falsePositives: number;
  raw: number;
  /** NaN for a category without windows. */
  normalised: number;
}

export interface LeaveOneCategoryOut {
  categories: HeldOutCategory[];
  /** Every category scored out-of-sample, pooled: 100 (raw - null) / (perfect - null). */
  pooledNormalised: number;
}

export function leaveOneCategoryOut(series: readonly ScoredSeries[], cost: CostMatrix): LeaveOneCategoryOut {
  const names = [...new Set(series.map((s) => s.category))].sort();
  let raw = 0;
  let nullRaw = 0;
  let perfectRaw = 0;
  const categories = names.map((category): HeldOutCategory => {
    const train = series.filter((s) => s.category !== category);
    const test = series.filter((s) => s.category === category);
    const { threshold } = scoreCorpus(train, cost);
    const held = scoreAtThreshold(test, cost, threshold);
    raw += held.raw;
    nullRaw += held.nullRaw;
    perfectRaw += held.perfectRaw;
    return {
      category,
      threshold,
      windows: held.files.reduce((n, f) => n + f.windows, 0),
      detectedWindows: held.files.reduce((n, f) => n + f.detectedWindows, 0),
      falsePositives: held.files.reduce((n, f) => n + f.falsePositives, 0),
      raw: held.raw,
      normalised: held.normalised,
    };
  });
  const pooledNormalised = perfectRaw === nullRaw ? NaN : (100 * (raw - nullRaw)) / (perfectRaw - nullRaw);
  return { categories, pooledNormalised };
}
