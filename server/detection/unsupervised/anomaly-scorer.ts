/**
 * The default unsupervised streaming anomaly scorer: one instance per series,
 * fed points in time order; score(ts, value) uses only the points seen so far
 * (no look-ahead) and returns a score in [0, 1).
 *
 * Each point is judged by five features, each against a sliding window of
 * its own past values (tail-surprise.ts: empirical rank inside the range, a
 * Gaussian-like tail beyond a record):
 *   value       the value itself (a level never seen before),
 *   local       value - median of the previous `localWindow` values (a spike or step),
 *   daily       value - median of the same time-of-day slot on previous days
 *               (a broken daily pattern); used only while the daily profile
 *               predicts better than the local median,
 *   mean<m>     mean of the last m values (a sustained shift too small for one point).
 * The point's surprise is the largest feature surprise, in decades
 * (-log10 p). An alarm is reported only when that surprise beats every
 * surprise of the previous `refractory` points: one score per episode
 * instead of one per point, unless the episode gets worse.
 *
 * score = surprise / (surprise + halfScoreSurprise), so 0.5 means p = 10^-4
 * with the defaults. Memory per instance is fixed: 16 bytes x historySize
 * per feature (5 features: about 650 KB with the defaults) plus small rings.
 */
import { DailyProfile } from './daily-profile';
import { RecentValues } from './recent-values';
import { RollingRankWindow } from './rolling-rank-window';
import { SlidingMax } from './sliding-max';
import { tailSurprise } from './tail-surprise';

export interface AnomalyScorerOptions {
  /** Past values each feature is ranked against (sliding window). */
  historySize?: number;
  /** Values a feature must have seen before it may score. */
  warmup?: number;
  /** Points in the local median the `local` feature compares with. */
  localWindow?: number;
  /** Moving-mean lengths (points) for the sustained-shift features. */
  meanWindows?: readonly number[];
  /** Use the daily-pattern feature (needs meaningful timestamps). */
  dailyProfile?: boolean;
  /** Previous days the daily profile consults (at least 3 must have data). */
  seasonDays?: number;
  /** Daily profile slot width, minutes. */
  slotMinutes?: number;
  /** Points an alarm must out-surprise before another is reported. */
  refractory?: number;
  /** Surprise (decades) that maps to a score of 0.5. */
  halfScoreSurprise?: number;
}

export const DEFAULT_ANOMALY_SCORER_OPTIONS: Readonly<Required<AnomalyScorerOptions>> = Object.freeze({
  historySize: 8192,
  warmup: 200,
  localWindow: 10,
  meanWindows: Object.freeze([24, 96]),
  dailyProfile: true,
  seasonDays: 7,
  slotMinutes: 15,
  refractory: 100,
  halfScoreSurprise: 4,
});

export type AnomalyFeature = 'value' | 'local' | 'daily' | `mean${number}`;

/** Why the last point scored what it did. */
export interface AnomalyEvidence {
  /** Largest feature surprise, decades (-log10 p). */
  surprise: number;
  /** The feature that gave it (null when nothing scored yet). */
  feature: AnomalyFeature | null;
  /** True when the surprise did not beat the refractory window, so the score is 0. */
  suppressed: boolean;
  score: number;
}

export interface AnomalyScorer {
  /** Scores the next point (ts in epoch ms, increasing); 0 for a non-finite value, which is not learned. */
  score(ts: number, value: number): number;
  /** Evidence behind the last score. */
  lastEvidence(): AnomalyEvidence;
}

/**
 * EWMA weight of the error race between the daily profile and the local
 * median: about 1000 points (3.5 days at 5-minute sampling), longer than a
 * daily cycle, so a quiet night (where the local median is as good as the
 * profile) does not switch the daily feature off before the next peak.
 */
const GATE_ALPHA = 0.001;

class Feature {
  readonly window: RollingRankWindow;
  constructor(
    readonly name: AnomalyFeature,
    historySize: number,
    private readonly warmup: number,
  ) {
    this.window = new RollingRankWindow(historySize);
  }

  /** Surprise of v against the past (0 during warm-up); then remembers v. */
  observe(v: number): number {
    const s = this.window.size >= this.warmup ? tailSurprise(this.window, v) : 0;
    this.window.push(v);
    return s;
  }
}

export function createAnomalyScorer(options: AnomalyScorerOptions = {}): AnomalyScorer {
  const o = { ...DEFAULT_ANOMALY_SCORER_OPTIONS, ...options };
  for (const [k, v] of Object.entries({ historySize: o.historySize, warmup: o.warmup, localWindow: o.localWindow, refractory: o.refractory })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k} must be a positive integer, got ${v}`);
  }
  if (!(o.halfScoreSurprise > 0)) throw new RangeError(`halfScoreSurprise must be positive, got ${o.halfScoreSurprise}`);
  if (o.meanWindows.some((m) => !Number.isInteger(m) || m < 2)) throw new RangeError(`meanWindows must be integers >= 2, got ${o.meanWindows.join(',')}`);

  const value = new Feature('value', o.historySize, o.warmup);
  const local = new Feature('local', o.historySize, o.warmup);
  const daily = new Feature('daily', o.historySize, o.warmup);
  const means = o.meanWindows.map((m) => ({ m, feature: new Feature(`mean${m}`, o.historySize, o.warmup) }));
  const recent = new RecentValues(Math.max(o.localWindow, ...o.meanWindows));
  const profile = new DailyProfile({ days: o.seasonDays, slotMinutes: o.slotMinutes, minDays: Math.min(3, o.seasonDays) });
  const alarms = new SlidingMax(o.refractory);
  let localError = 0;
  let dailyError = 0;
  // The last point's evidence, kept as plain fields (no allocation per point).
  let lastSurprise = 0;
  let lastFeature: AnomalyFeature | null = null;
  let lastSuppressed = false;
  let lastScore = 0;

  return {
    score(ts, x) {
      if (!Number.isFinite(x) || !Number.isFinite(ts)) {
        lastSurprise = 0;
        lastFeature = null;
        lastSuppressed = false;
        lastScore = 0;
        return 0;
      }
      let surprise = value.observe(x);
      let feature: AnomalyFeature | null = surprise > 0 ? 'value' : null;

      const localPrediction = recent.median(o.localWindow);
      if (!Number.isNaN(localPrediction)) {
        const s = local.observe(x - localPrediction);
        if (s > surprise) {
          surprise = s;
          feature = 'local';
        }
      }

      const dailyPrediction = o.dailyProfile ? profile.predict(ts) : NaN;
      if (!Number.isNaN(dailyPrediction)) {
        if (!Number.isNaN(localPrediction)) {
          localError += GATE_ALPHA * (Math.abs(x - localPrediction) - localError);
          dailyError += GATE_ALPHA * (Math.abs(x - dailyPrediction) - dailyError);
        }
        const s = daily.observe(x - dailyPrediction);
        if (dailyError < localError && s > surprise) {
          surprise = s;
          feature = 'daily';
        }
      }

      recent.push(x);
      if (o.dailyProfile) profile.add(ts, x);
      for (const { m, feature: f } of means) {
        const mean = recent.mean(m);
        if (Number.isNaN(mean)) continue;
        const s = f.observe(mean);
        if (s > surprise) {
          surprise = s;
          feature = f.name;
        }
      }

      const suppressed = surprise > 0 && !(surprise > alarms.max());
      alarms.push(surprise);
      const reported = suppressed ? 0 : surprise;
      const score = reported / (reported + o.halfScoreSurprise);
      lastSurprise = surprise;
      lastFeature = feature;
      lastSuppressed = suppressed;
      lastScore = score;
      return score;
    },
    lastEvidence: () => ({ surprise: lastSurprise, feature: lastFeature, suppressed: lastSuppressed, score: lastScore }),
  };
}
