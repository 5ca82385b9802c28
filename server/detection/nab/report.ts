/**
 * The text report a run prints (pure): the run's normalised score per
 * profile beside the published detectors, the threshold and counts behind
 * each, and the per-category breakdown.
 */
import type { LeaveOneCategoryOut } from './cross-validation';
import type { ReferenceRow } from './reference-scores';
import type { ProfileScore } from './runner';

const fmt = (x: number | undefined, digits = 2): string => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(digits));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export interface ReportInput {
  detector: string;
  files: number;
  profiles: readonly ProfileScore[];
  references: readonly ReferenceRow[];
  /** Leave-one-category-out check per profile (optional). */
  heldOut?: ReadonlyArray<{ profile: string; result: LeaveOneCategoryOut }>;
}

export function formatReport(input: ReportInput): string {
  const names = input.profiles.map((p) => p.profile);
  const own = input.profiles.find((p) => p.profile === 'standard') ?? input.profiles[0];
  const windows = own?.categories.reduce((sum, c) => sum + c.windows, 0) ?? 0;
  const out: string[] = [];

  out.push(`NAB normalised score (100 = perfect, 0 = never fires): ${input.files} files, ${windows} windows`);
  const ranked: Array<{ name: string; scores: Array<number | undefined>; standard: number }> = input.references.map((r) => ({
    name: r.detector,
    scores: names.map((n) => r.scores[n]),
    standard: r.scores.standard ?? NaN,
  }));
  ranked.push({ name: `* ${input.detector} (this run)`, scores: input.profiles.map((p) => p.score.normalised), standard: own?.score.normalised ?? NaN });
  ranked.sort((a, b) => b.standard - a.standard);
  out.push(table(['detector', ...names], ranked.map((r) => [r.name, ...r.scores.map((s) => fmt(s))])));

  out.push('', 'Corpus threshold per profile (rows with score >= threshold are detections)');
  out.push(
    table(
      ['profile', 'threshold', 'windows found', 'FP rows', 'raw', 'null', 'perfect'],
      input.profiles.map((p) => {
        const found = p.categories.reduce((s, c) => s + c.detectedWindows, 0);
        const fps = p.categories.reduce((s, c) => s + c.falsePositives, 0);
        const threshold = Number.isFinite(p.score.threshold) ? p.score.threshold.toPrecision(6) : 'none';
        return [p.profile, threshold, `${found}/${windows}`, String(fps), fmt(p.score.raw), fmt(p.score.nullRaw), fmt(p.score.perfectRaw)];
      }),
    ),
  );

  if (own !== undefined) {
    out.push('', `Per category (normalised on the category's own windows, at the corpus threshold; counts for ${own.profile})`);
    out.push(
      table(
        ['category', 'files', ...names, 'windows found', 'FP rows'],
        own.categories.map((c) => [
          c.category,
          String(c.files),
          ...input.profiles.map((p) => fmt(p.categories.find((x) => x.category === c.category)?.normalised)),
          `${c.detectedWindows}/${c.windows}`,
          String(c.falsePositives),
        ]),
      ),
    );
  }
  if (input.heldOut !== undefined && input.heldOut.length > 0) {
    const first = input.heldOut[0]!.result.categories;
    out.push('', 'Leave one category out (threshold chosen on the other categories, normalised score of the held-out one)');
    out.push(
      table(
        ['profile', 'pooled', ...first.map((c) => c.category)],
        input.heldOut.map(({ profile, result }) => [
          profile,
          fmt(result.pooledNormalised),
          ...result.categories.map((c) => (Number.isNaN(c.normalised) ? `${c.falsePositives} FP` : fmt(c.normalised))),
        ]),
      ),
    );
  }
  return out.join('\n');
}
