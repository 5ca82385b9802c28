/**
 * Shapes telemetry and evidence into what uPlot draws: aligned arrays with
 * time in seconds, a sliding window for live data, gaps where a device went
 * quiet, reference lines (warn / alarm limits) and a y range that keeps those
 * lines in view. Pure; no uPlot import.
 */
import type { Metric } from '../../../contract/metrics';
import type { EffectiveLimitView, EvidenceView } from '../../../server/http/api-types';

export const CHART_METRICS = ['temperature', 'vibration', 'current'] as const satisfies readonly Metric[];

export interface Sample {
  ts: number;
  temperature: number;
  vibration: number;
  current: number;
}

/** Samples of one device, oldest first, times in epoch ms. Column-wise for cheap uPlot hand-over. */
export interface TelemetrySeries {
  ts: number[];
  temperature: number[];
  vibration: number[];
  current: number[];
}

export function emptySeries(): TelemetrySeries {
  return { ts: [], temperature: [], vibration: [], current: [] };
}

/** Builds a series from REST points in any order; duplicate timestamps keep the last one. */
export function seriesFromSamples(points: readonly Sample[]): TelemetrySeries {
  return appendSamples(emptySeries(), points, Number.POSITIVE_INFINITY, 0);
}

/**
 * Adds live samples and drops those older than `now - windowMs`. Samples not
 * newer than the last one held are ignored (replays, reconnect overlap).
 */
export function appendSamples(series: TelemetrySeries, samples: readonly Sample[], windowMs: number, now: number): TelemetrySeries {
  const sorted = samples.filter((s) => Number.isFinite(s.ts)).sort((a, b) => a.ts - b.ts);
  const next: TelemetrySeries = {
    ts: series.ts.slice(),
    temperature: series.temperature.slice(),
    vibration: series.vibration.slice(),
    current: series.current.slice(),
  };
  for (const s of sorted) {
    const last = next.ts[next.ts.length - 1];
    if (last !== undefined && s.ts < last) continue;
    if (last !== undefined && s.ts === last) {
      const i = next.ts.length - 1;
      next.temperature[i] = s.temperature;
      next.vibration[i] = s.vibration;
      next.current[i] = s.current;
      continue;
    }
    next.ts.push(s.ts);
    next.temperature.push(s.temperature);
    next.vibration.push(s.vibration);
    next.current.push(s.current);
  }
  return trimWindow(next, windowMs, now);
}

/** Drops samples older than `now - windowMs` (no-op for an infinite window). */
export function trimWindow(series: TelemetrySeries, windowMs: number, now: number): TelemetrySeries {
  if (!Number.isFinite(windowMs)) return series;
  const cutoff = now - windowMs;
  let drop = 0;
  while (drop < series.ts.length && series.ts[drop]! < cutoff) drop++;
  if (drop === 0) return series;
  return {
    ts: series.ts.slice(drop),
    temperature: series.temperature.slice(drop),
    vibration: series.vibration.slice(drop),
    current: series.current.slice(drop),
  };
}

/**
 * [xs in seconds, values] for uPlot, with a null inserted wherever two samples
 * are further apart than `gapFactor` × the local spacing (at least
 * `minGapMs`), so a silent device shows as a break, not a straight line.
 * The local spacing is judged from the few intervals on either side of the
 * gap: live samples arrive about once a second of wall-clock time, which is a
 * minute apart in data time for a plant simulated at 60×, right after a
 * dense history, and neither is a gap. The newest sample always joins the line
 * (its cadence is unknown until the next one arrives).
 */
export function toPlotData(
  ts: readonly number[],
  values: readonly number[],
  options: { gapFactor?: number; minGapMs?: number; neighbours?: number } = {},
): [number[], Array<number | null>] {
  const [xs, ...ys] = toPlotColumns(ts, [values], options);
  return [xs, ys[0]!];
}

/**
 * toPlotData for several value columns over the same timestamps: the gaps are
 * found once. Allocation-free per sample, so 100,000-sample histories stay fast.
 */
export function toPlotColumns(
  ts: readonly number[],
  columns: ReadonlyArray<readonly number[]>,
  options: { gapFactor?: number; minGapMs?: number; neighbours?: number } = {},
): [number[], ...Array<Array<number | null>>] {
  const { gapFactor = 5, minGapMs = 10_000, neighbours = 3 } = options;
  const n = ts.length;
  const intervals = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) intervals[i - 1] = ts[i]! - ts[i - 1]!;
  const buffer = new Float64Array(Math.max(1, neighbours));
  /** Median of intervals[from, to), or -1 when empty (intervals are never negative here). */
  const median = (from: number, to: number): number => {
    const a = Math.max(0, from);
    const b = Math.min(intervals.length, to);
    if (b <= a) return -1;
    const m = b - a;
    for (let k = 0; k < m; k++) buffer[k] = intervals[a + k]!;
    const view = buffer.subarray(0, m).sort();
    return view[Math.floor(m / 2)]!;
  };
  const xs: number[] = [];
  const ys: Array<Array<number | null>> = columns.map(() => []);
  for (let i = 0; i < n; i++) {
    const t = ts[i]!;
    if (i > 0) {
      // intervals[i - 1] is the step from sample i-1 to i.
      const step = intervals[i - 1]!;
      // Cheap pre-check: a step under the minimum gap is never a break.
      if (step > minGapMs) {
        const before = median(i - 1 - neighbours, i - 1);
        const after = median(i, i + neighbours);
        const local = Math.max(before, after, 0);
        // The newest sample has nothing after it to judge the cadence by: never break before it.
        if (after >= 0 && step > Math.max(minGapMs, local * gapFactor)) {
          xs.push((ts[i - 1]! + t) / 2 / 1000);
          for (const y of ys) y.push(null);
        }
      }
    }
    xs.push(t / 1000);
    for (let c = 0; c < columns.length; c++) ys[c]!.push(columns[c]![i] ?? null);
  }
  return [xs, ...ys];
}

/**
 * Where a live window ends: now, or the newest sample if that is later (a
 * simulated plant running ahead of the wall clock).
 */
export function windowEnd(series: TelemetrySeries, now: number): number {
  const last = series.ts[series.ts.length - 1];
  return last !== undefined && last > now ? last : now;
}

export type RefLineKind = 'warn' | 'alarm' | 'clear';

/** A horizontal line on a chart. */
export interface RefLine {
  value: number;
  kind: RefLineKind;
  label: string;
  /** The limit this evidence crossed (drawn emphasised). */
  crossed?: boolean;
}

/** Warn and alarm lines for one metric from a device's effective limits (both directions if there are rules for both). */
export function limitLines(limits: readonly EffectiveLimitView[], metric: Metric, unit: string): RefLine[] {
  const lines: RefLine[] = [];
  for (const l of limits) {
    if (l.metric !== metric) continue;
    const arrow = l.direction === 'above' ? '≥' : '≤';
    lines.push({ value: l.warn, kind: 'warn', label: `warn ${arrow} ${formatValue(l.warn)} ${unit}` });
    lines.push({ value: l.alarm, kind: 'alarm', label: `alarm ${arrow} ${formatValue(l.alarm)} ${unit}` });
  }
  return dedupeLines(lines);
}

/** The rule's warn and alarm lines with the crossed one marked; the crossed limit is added if it is neither. */
export function evidenceLines(evidence: EvidenceView): RefLine[] {
  const { rule, unit, limit } = evidence;
  const arrow = rule.direction === 'above' ? '≥' : '≤';
  const lines: RefLine[] = [
    { value: rule.warn, kind: 'warn', label: `warn ${arrow} ${formatValue(rule.warn)} ${unit}` },
    { value: rule.alarm, kind: 'alarm', label: `alarm ${arrow} ${formatValue(rule.alarm)} ${unit}` },
  ];
  const crossed = lines.find((l) => l.value === limit);
  if (crossed) crossed.crossed = true;
  else lines.push({ value: limit, kind: evidence.severity, label: `limit ${formatValue(limit)} ${unit}`, crossed: true });
  return lines;
}

/** [xs in seconds, values] of the evidence leading up to detection, oldest first. */
export function evidenceData(evidence: EvidenceView): [number[], number[]] {
  const pairs = evidence.recent.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v)).sort((a, b) => a[0] - b[0]);
  return [pairs.map(([t]) => t / 1000), pairs.map(([, v]) => v)];
}

/**
 * A y range covering the data and every reference line, padded so lines do
 * not sit on the frame. Flat or empty data still gets a non-zero span.
 */
export function yRange(values: ReadonlyArray<number | null>, lines: readonly RefLine[], pad = 0.08): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (const l of lines) {
    if (l.value < min) min = l.value;
    if (l.value > max) max = l.value;
  }
  if (!Number.isFinite(min)) return [0, 1];
  let span = max - min;
  if (span === 0) span = Math.abs(max) || 1;
  const lo = min - span * pad;
  const hi = max + span * pad;
  // Physical quantities here (vibration, current) are rarely negative: do not pad below zero needlessly.
  return [min >= 0 && lo < 0 ? 0 : lo, hi];
}

/** Numbers as a technician reads them: 3 significant-ish digits, no trailing zeros. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return String(Number(v.toFixed(digits)));
}

function dedupeLines(lines: RefLine[]): RefLine[] {
  const seen = new Set<string>();
  return lines.filter((l) => {
    const key = `${l.kind}:${l.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Latest value of each metric in a series, or null when empty. */
export function latestSample(series: TelemetrySeries): Sample | null {
  const i = series.ts.length - 1;
  if (i < 0) return null;
  return { ts: series.ts[i]!, temperature: series.temperature[i]!, vibration: series.vibration[i]!, current: series.current[i]! };
}

/** Where a value sits against a metric's limits (either direction): ok, warn or alarm. */
export function limitState(value: number, limits: readonly EffectiveLimitView[], metric: Metric): 'ok' | 'warn' | 'alarm' {
  let state: 'ok' | 'warn' | 'alarm' = 'ok';
  for (const l of limits) {
    if (l.metric !== metric) continue;
    const beyond = (limit: number) => (l.direction === 'above' ? value >= limit : value <= limit);
    if (beyond(l.alarm)) return 'alarm';
    if (beyond(l.warn)) state = 'warn';
  }
  return state;
}
