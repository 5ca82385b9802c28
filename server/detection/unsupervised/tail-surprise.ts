/**
 * How surprising a value is against a window of earlier values, in decades
 * of improbability (-log10 p), both tails.
 *
 * - Inside the window's range: the empirical (rank) tail probability,
 *   p = (values at least as extreme + 1) / (n + 1). Distribution-free: a
 *   heavy-tailed stream needs a rarer value to look as surprising.
 * - Beyond the window's extreme (a new record): p = 1 / (n + 1) times a
 *   Gaussian-like tail continuation, exp(-rate * excess) with
 *   rate = sqrt(2 ln(n + 1)) / sigma. For a normal sample, sqrt(2 ln n) is
 *   about where its maximum lies (in sigmas) and the tail's hazard there, so
 *   the excess is priced like the tail just past the record. sigma comes from
 *   the 2nd-98th percentile spread, robust to the spikes being judged.
 */
import type { RollingRankWindow } from './rolling-rank-window';

/** Phi^-1(0.98): the 2nd-98th percentile spread of a normal is 2 x 2.0537 sigma. */
const Z98 = 2.0537489;

/** Robust sigma of the window, never 0 (a flat window makes any change surprising). */
export function robustSigma(window: RollingRankWindow): number {
  const spread = window.quantile(0.98) - window.quantile(0.02);
  if (spread > 0) return spread / (2 * Z98);
  const range = window.max() - window.min();
  return Math.max(range, Math.abs(window.quantile(0.5)) * 1e-3, 1e-9) / (2 * Z98);
}

/** -log10 of the two-sided tail probability of `v` against `window` (0 for an empty window). */
export function tailSurprise(window: RollingRankWindow, v: number): number {
  const n = window.size;
  if (n === 0) return 0;
  const base = Math.log10(n + 1);
  const above = window.countAtLeast(v);
  const below = window.countAtMost(v);
  if (above > 0 && below > 0) return base - Math.log10(Math.min(above, below) + 1);
  const excess = above === 0 ? v - window.max() : window.min() - v;
  const rate = Math.sqrt(2 * Math.log(n + 1)) / robustSigma(window);
  return base + (rate * excess) / Math.LN10;
}
