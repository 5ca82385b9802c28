/**
 * `npm run nab`: run a detector over the NAB corpus (or score an existing
 * results folder) and print the report. Output streams are passed in so the
 * command can be tested in-process; cli.ts is the process entry point.
 */
import { Command, CommanderError } from 'commander';
import path from 'node:path';
import { DEFAULT_NAB_DIR, loadNabCorpus, REPO_ROOT } from './corpus-loader';
import { leaveOneCategoryOut } from './cross-validation';
import { DEFAULT_DETECTOR, NAB_DETECTORS } from './detectors';
import { REFERENCE_SCORES } from './reference-scores';
import { formatReport } from './report';
import { readResults } from './results-files';
import { runDetector, scoreProfiles } from './runner';

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Base for relative paths given on the command line. */
  cwd: string;
}

export const DEFAULT_OUT_DIR = path.join(REPO_ROOT, 'data/nab-results');

interface Options {
  detector: string;
  nabDir?: string;
  out?: string;
  scoreOnly?: string;
  progress: boolean;
  loco: boolean;
}

/** Runs the command; resolves to the process exit code. */
export async function runNabCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const program = new Command('nab')
    .description('Run a streaming detector over the NAB corpus and score it with the NAB scorer.')
    .option('-d, --detector <name>', `detector to run: ${Object.keys(NAB_DETECTORS).join(', ')}`, DEFAULT_DETECTOR)
    .option('--nab-dir <dir>', 'NAB corpus folder (default: $NAB_DIR or ../shared/nab beside the repo)')
    .option('-o, --out <dir>', 'results folder; files go to <out>/<detector>/<category>/', undefined)
    .option('--score-only <dir>', 'score an existing results folder (<dir>/<category>/<detector>_<file>.csv) instead of running')
    .option('--no-progress', 'no per-file progress on stderr')
    .option('--loco', 'also print a leave-one-category-out check of the threshold', false)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
  const opts = program.opts<Options>();
  const nabDir = path.resolve(io.cwd, opts.nabDir ?? io.env.NAB_DIR ?? DEFAULT_NAB_DIR);

  try {
    const started = performance.now();
    const corpus = await loadNabCorpus(nabDir);
    let detector = opts.detector;
    let series;
    if (opts.scoreOnly !== undefined) {
      const dir = path.resolve(io.cwd, opts.scoreOnly);
      // NAB names results files after the detector folder; --detector overrides.
      if (program.getOptionValueSource('detector') === 'default') detector = path.basename(dir);
      series = await readResults(dir, detector, corpus.series);
      io.err(`scored ${series.length} results files from ${dir}\n`);
    } else {
      const entry = NAB_DETECTORS[detector];
      if (entry === undefined) {
        io.err(`unknown detector "${detector}"; known: ${Object.keys(NAB_DETECTORS).join(', ')}\n`);
        return 2;
      }
      const detectorDir = path.join(path.resolve(io.cwd, opts.out ?? DEFAULT_OUT_DIR), detector);
      let rows = 0;
      series = await runDetector({
        corpus,
        detector,
        create: entry.create,
        detectorDir,
        onProgress: (p) => {
          rows += p.rows;
          if (opts.progress) io.err(`[${String(p.index).padStart(2)}/${p.total}] ${p.key} ${p.rows} rows ${p.elapsedMs.toFixed(0)} ms\n`);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      io.err(`ran ${detector} over ${rows} rows in ${seconds.toFixed(1)} s; results in ${detectorDir}\n`);
    }
    const profiles = scoreProfiles(series, corpus.profiles);
    const scored = series;
    const heldOut = opts.loco ? profiles.map((p) => ({ profile: p.profile, result: leaveOneCategoryOut(scored, p.cost) })) : undefined;
    io.out(`${formatReport({ detector, files: series.length, profiles, references: REFERENCE_SCORES, heldOut })}\n`);
    return 0;
  } catch (err) {
    io.err(`nab: ${(err as Error).message}\n`);
    return 1;
  }
}
