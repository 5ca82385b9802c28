/**
 * Reads a NAB corpus folder (I/O edge): the data CSVs, windows.json and
 * profiles.json, validated, with window edges resolved to row indices.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { NabFormatError, parseSeriesCsv } from './nab-csv';
import { profilesFileSchema, windowsFileSchema } from './nab-schemas';
import { parseNabTimestamp } from './nab-time';
import type { CostMatrix, WindowSpan } from './scorer';

export interface NabSeries {
  /** `category/name.csv`, as in windows.json. */
  key: string;
  category: string;
  /** File name without `.csv`. */
  name: string;
  timestamps: Float64Array;
  values: Float64Array;
  windows: WindowSpan[];
}

export interface NabCorpus {
  dir: string;
  /** In windows.json key order. */
  series: NabSeries[];
  profiles: Record<string, CostMatrix>;
}

/** The repository root (three levels above this folder). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `../shared/nab` beside the repository, as on developer machines and in CI. */
export const DEFAULT_NAB_DIR = path.resolve(REPO_ROOT, '../shared/nab');

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new NabFormatError(file, code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(err)})`);
  }
}

async function readJson<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
  const text = await readText(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new NabFormatError(file, `invalid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new NabFormatError(file, `does not match the expected shape: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/**
 * First row index whose timestamp equals `ms`, or -1 (rows are non-decreasing).
 * The first, because NAB looks edges up with `timestamps.index(...)`.
 */
export function rowAt(timestamps: Float64Array, ms: number): number {
  let lo = 0;
  let hi = timestamps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timestamps[mid]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo < timestamps.length && timestamps[lo] === ms ? lo : -1;
}

/** Window edges (timestamps) → inclusive row indices; each edge must be a row's timestamp. */
export function resolveWindows(timestamps: Float64Array, limits: ReadonlyArray<readonly [string, string]>, source: string): WindowSpan[] {
  const spans: WindowSpan[] = [];
  for (const [startText, endText] of limits) {
    const start = rowAt(timestamps, parseNabTimestamp(startText)!);
    const end = rowAt(timestamps, parseNabTimestamp(endText)!);
    if (start < 0 || end < 0) {
      throw new NabFormatError(source, `window [${startText}, ${endText}]: ${start < 0 ? startText : endText} is not the timestamp of a row`);
    }
    const prev = spans.at(-1);
    if (end < start || (prev !== undefined && start <= prev.end)) {
      throw new NabFormatError(source, `window [${startText}, ${endText}] is reversed, out of order or overlaps the previous one`);
    }
    spans.push({ start, end });
  }
  return spans;
}

/** Loads and validates a corpus folder; errors name the offending file. */
export async function loadNabCorpus(dir: string): Promise<NabCorpus> {
  const windowsFile = path.join(dir, 'windows.json');
  // Both read at once, but a problem is reported in a fixed order (windows.json first), not whichever read failed first.
  const [windowsRead, profilesRead] = await Promise.allSettled([readJson(windowsFile, windowsFileSchema), readJson(path.join(dir, 'profiles.json'), profilesFileSchema)]);
  if (windowsRead.status === 'rejected') throw windowsRead.reason;
  if (profilesRead.status === 'rejected') throw profilesRead.reason;
  const [windows, profilesRaw] = [windowsRead.value, profilesRead.value];

  const keys = Object.keys(windows);
  if (keys.length === 0) throw new NabFormatError(windowsFile, 'lists no data files');
  const listed = new Set(keys);
  for (const category of new Set(keys.map((k) => k.split('/')[0]!))) {
    const entries = await readdir(path.join(dir, category)).catch(() => [] as string[]);
    const stray = entries.filter((f) => f.endsWith('.csv') && !listed.has(`${category}/${f}`));
    if (stray.length > 0) throw new NabFormatError(windowsFile, `has no entry for ${stray.map((f) => `${category}/${f}`).join(', ')}`);
  }

  const series = await Promise.all(
    keys.map(async (key): Promise<NabSeries> => {
      const file = path.join(dir, key);
      const { timestamps, values } = parseSeriesCsv(await readText(file), file);
      const [category, fileName] = key.split('/') as [string, string];
      return { key, category, name: fileName.replace(/\.csv$/, ''), timestamps, values, windows: resolveWindows(timestamps, windows[key]!, `${file} (windows.json)`) };
    }),
  );

  const profiles: Record<string, CostMatrix> = {};
  for (const [name, p] of Object.entries(profilesRaw)) profiles[name] = p.CostMatrix;
  return { dir, series, profiles };
}
