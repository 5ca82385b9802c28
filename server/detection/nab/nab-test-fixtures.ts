/**
 * Test fixtures: where the real corpus is (../shared/nab, or $NAB_DIR), and
 * a tiny synthetic corpus written to a temporary folder.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_NAB_DIR } from './corpus-loader';

export const NAB_TEST_DIR = path.resolve(process.env.NAB_DIR ?? DEFAULT_NAB_DIR);
export const NAB_CORPUS_PRESENT = existsSync(path.join(NAB_TEST_DIR, 'windows.json'));
if (!NAB_CORPUS_PRESENT) console.warn(`NAB corpus not found at ${NAB_TEST_DIR}: tests that need the real corpus are skipped`);

export const PROFILES_JSON = JSON.stringify({
  standard: { CostMatrix: { tpWeight: 1, fnWeight: 1, fpWeight: 0.11, tnWeight: 1 } },
  reward_low_FP_rate: { CostMatrix: { tpWeight: 1, fnWeight: 1, fpWeight: 0.22, tnWeight: 1 } },
  reward_low_FN_rate: { CostMatrix: { tpWeight: 1, fnWeight: 2, fpWeight: 0.11, tnWeight: 1 } },
});

const T0 = Date.UTC(2014, 3, 1);
const STEP = 5 * 60_000;

/** `YYYY-MM-DD HH:MM:SS` of row i (5-minute steps from 2014-04-01). */
export const rowTime = (i: number): string => new Date(T0 + i * STEP).toISOString().slice(0, 19).replace('T', ' ');

export interface MiniFile {
  key: string;
  values: number[];
  /** Row-index windows, written to windows.json with microseconds. */
  windows: Array<[number, number]>;
}

/** Noise around 10 with one spike of 100 at `spikeAt` (deterministic). */
export function spikySeries(n: number, spikeAt: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === spikeAt ? 100 : 10 + Math.sin(i * 1.7) + Math.cos(i * 0.31)));
}

/** Writes a corpus folder; returns its path and a cleanup function. */
export function writeMiniCorpus(files: MiniFile[], extra: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nab-mini-'));
  const windows: Record<string, string[][]> = {};
  for (const f of files) {
    mkdirSync(path.join(dir, path.dirname(f.key)), { recursive: true });
    writeFileSync(path.join(dir, f.key), ['timestamp,value', ...f.values.map((v, i) => `${rowTime(i)},${v}`)].join('\n') + '\n');
    windows[f.key] = f.windows.map(([a, b]) => [`${rowTime(a)}.000000`, `${rowTime(b)}.000000`]);
  }
  writeFileSync(path.join(dir, 'windows.json'), JSON.stringify(windows, null, 1));
  writeFileSync(path.join(dir, 'profiles.json'), PROFILES_JSON);
  for (const [name, text] of Object.entries(extra)) writeFileSync(path.join(dir, name), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
