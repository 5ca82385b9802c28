/**
 * The device page's history ranges, pure: preset windows ending at the newest
 * sample, a custom window from two `datetime-local` inputs, and what to say
 * when a range holds more samples than one request returns.
 */
import type { TelemetryDownsampledView, TelemetryMetricValues } from '../../../server/http/api-types';

export const HISTORY_PRESETS = ['hour', 'day', 'week'] as const;
export type HistoryPreset = (typeof HISTORY_PRESETS)[number];
export type HistoryChoice = 'live' | HistoryPreset | 'custom';

/** Most samples per metric the page asks for (the API's cap). */
export const HISTORY_POINT_LIMIT = 100_000;

const SPAN_MS: Record<HistoryPreset, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };

/** Short labels (they fit a phone); the title says it in full. */
export const HISTORY_LABEL: Record<HistoryChoice, string> = { live: 'Live', hour: 'Hour', day: 'Day', week: 'Week', custom: 'Custom' };
export const HISTORY_TITLE: Record<HistoryChoice, string> = { live: 'Live: the last hour, updating', hour: 'The last hour', day: 'The last 24 hours', week: 'The last 7 days', custom: 'Pick a start and end' };

/** A preset window ending at `end` (the newest sample, or now). */
export function presetWindow(preset: HistoryPreset, end: number): { from: number; to: number } {
  return { from: end - SPAN_MS[preset], to: end };
}

/**
 * A custom window from `datetime-local` values (local time, as the browser
 * gives them; `parse` turns one into epoch ms). Errors name the input.
 */
export function customWindow(fromText: string, toText: string, parse: (text: string) => number = (t) => new Date(t).getTime()): { from: number; to: number } | { error: string; field: 'from' | 'to' } {
  const from = fromText ? parse(fromText) : Number.NaN;
  const to = toText ? parse(toText) : Number.NaN;
  if (!Number.isFinite(from)) return { error: 'Pick a start time', field: 'from' };
  if (!Number.isFinite(to)) return { error: 'Pick an end time', field: 'to' };
  if (to <= from) return { error: 'The end must be after the start', field: 'to' };
  return { from, to };
}

/** `2026-11-22T07:30` for an epoch ms in local time (the value a datetime-local input takes). */
export function toLocalInput(ts: number, offsetMinutes = new Date(ts).getTimezoneOffset()): string {
  return new Date(ts - offsetMinutes * 60_000).toISOString().slice(0, 16);
}

/**
 * The note under the charts: how many samples, and whether the range holds
 * more than were returned (`truncated`: the API stopped at its cap before
 * the end of the range).
 */
export function historyNote(points: number, lastTs: number | null, truncated: boolean): string {
  const n = points.toLocaleString('en');
  if (points === 0) return 'No samples in this range.';
  if (truncated && lastTs !== null) {
    return `${n} samples: the first ${n} of the range (up to ${new Date(lastTs).toISOString().slice(0, 16).replace('T', ' ')} UTC). Pick a shorter range for the rest.`;
  }
  return `${n} samples · drag across a chart to zoom, double-click to reset`;
}

/** Buckets asked for when a range holds more samples than the raw cap (about two per pixel of a wide chart). */
export const ENVELOPE_BUCKETS = 4000;

/**
 * A downsampled answer as samples a line chart can draw: each bucket gives
 * its lowest values at its start and its highest half a bucket later, so the
 * line sweeps the bucket's whole range and a short spike still shows.
 */
export function envelopeSamples(d: Pick<TelemetryDownsampledView, 'bucketMs' | 'buckets'>): Array<{ ts: number } & TelemetryMetricValues> {
  const half = Math.max(1, Math.floor(d.bucketMs / 2));
  return d.buckets.flatMap((b) => [
    { ts: b.ts, ...b.min },
    { ts: b.ts + half, ...b.max },
  ]);
}

/** The note under an envelope: what one bucket covers and how to see every sample. */
export function envelopeNote(d: Pick<TelemetryDownsampledView, 'bucketMs' | 'samples' | 'buckets'>): string {
  const minutes = d.bucketMs / 60_000;
  const width = minutes >= 1 ? `${Math.round(minutes * 10) / 10} min` : `${Math.round(d.bucketMs / 1000)} s`;
  return `${d.samples.toLocaleString('en')} samples, shown as the lowest and highest value of each ${width} (${d.buckets.length.toLocaleString('en')} slices). Pick a shorter range to see every sample.`;
}
