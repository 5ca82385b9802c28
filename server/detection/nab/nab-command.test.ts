import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runNabCommand } from './nab-command';
import { NAB_CORPUS_PRESENT, NAB_TEST_DIR, spikySeries, writeMiniCorpus } from './nab-test-fixtures';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function run(argv: string[], env: Record<string, string | undefined> = {}) {
  let out = '';
  let err = '';
  const code = await runNabCommand(argv, { out: (t) => (out += t), err: (t) => (err += t), env, cwd: process.cwd() });
  return { code, out, err };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nab-cmd-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('npm run nab', () => {
  it('runs the default detector over the corpus named by NAB_DIR, writes NAB-layout results and prints the report', async () => {
    const mini = writeMiniCorpus([
      { key: 'catA/one.csv', values: spikySeries(600, 400), windows: [[380, 419]] },
      { key: 'catB/two.csv', values: spikySeries(600, 450), windows: [[430, 469]] },
    ]);
    cleanups.push(mini.cleanup);
    const out = await tempDir();
    const r = await run(['--out', out, '--loco'], { NAB_DIR: mini.dir });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Leave one category out');
    expect(await readdir(path.join(out, 'robustSurprise', 'catB'))).toEqual(['robustSurprise_two.csv']);
    expect(r.err).toMatch(/\[ 1\/2\] catA\/one\.csv 600 rows/);
    expect(r.out).toMatch(/\* robustSurprise \(this run\)/);
    expect(r.out).toMatch(/standard\s+\S+\s+2\/2/);
  });

  it('--nab-dir wins over NAB_DIR, and a missing corpus is a clear error with exit code 1', async () => {
    const r = await run(['--nab-dir', '/nonexistent/nab'], { NAB_DIR: '/also/missing' });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/nab: \/nonexistent\/nab\/windows\.json: file not found/);
  });

  it('rejects an unknown detector with the list of known ones', async () => {
    const mini = writeMiniCorpus([{ key: 'catA/one.csv', values: spikySeries(50, 40), windows: [] }]);
    cleanups.push(mini.cleanup);
    const r = await run(['--detector', 'magic', '--nab-dir', mini.dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown detector "magic"; known: robustSurprise, null/);
  });

  it.skipIf(!NAB_CORPUS_PRESENT)('--score-only scores the published numenta results to their published row (needs ../shared/nab)', async () => {
    const r = await run(['--score-only', path.join(NAB_TEST_DIR, 'reference-results', 'numenta'), '--nab-dir', NAB_TEST_DIR]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\* numenta \(this run\)\s+72\.97\s+66\.62\s+76\.82/);
  });
});
