/**
 * `npm run backtest`:
 *
 *   npm run backtest -- --from 2026-11-01 --to 2026-11-08 [--device P-104 ...] \
 *     --candidate rules.json [--ground-truth data/ground-truth.jsonl] [--json]
 *     replays DATA_DIR's stored telemetry through the stored rules and the
 *     candidate (templates replacing stored ones by id, or added) and prints
 *     them side by side; progress goes to stderr.
 *
 *   npm run backtest -- faults [--days 7] [--devices 13] [--seed 1] [--sample-seconds 30] [--candidate rules.json]
 *     the fault benchmark (fault-benchmark.ts) over the demo plant.
 *
 * Streams are passed in so the command is tested in-process; cli.ts is the entry point.
 */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadPlantFile } from '../../contract/plant';
import { ConfigError, loadConfig } from '../config';
import { formatBacktest, formatFaultBenchmark } from './backtest-table';
import { runBacktest } from './backtest-service';
import { BacktestInputError } from './candidate-rules';
import { DataDirError, openDataDir, readCandidateFile } from './data-dir';
import { DEFAULT_SAMPLE_SECONDS, runFaultBenchmark } from './fault-benchmark';
import { BacktestTooLargeError, DEFAULT_MAX_POINTS, type BacktestProgress } from './telemetry-replay';

export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Base for relative paths given on the command line. */
  cwd: string;
}

const DEMO_PLANT = 'simulators/plants/demo-plant.json';

const instant = (value: string): number => {
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) throw new InvalidArgumentError('must be a date (2026-11-01, midnight UTC), an ISO 8601 time or epoch ms.');
  return t;
};
const positive = (value: string): number => {
  const x = Number(value);
  if (!(Number.isFinite(x) && x > 0)) throw new InvalidArgumentError('must be a positive number.');
  return x;
};
const integer = (value: string): number => {
  const x = Number(value);
  if (!Number.isInteger(x)) throw new InvalidArgumentError('must be a whole number.');
  return x;
};
const collect = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').filter(Boolean)];

interface BacktestOptions {
  from?: number;
  to?: number;
  device?: string[];
  candidate?: string;
  groundTruth?: string;
  timeToCloseHours?: number;
  maxPoints: number;
  json: boolean;
  progress: boolean;
}

interface FaultsOptions {
  days: number;
  devices?: number;
  seed: number;
  sampleSeconds: number;
  plant: string;
  candidate?: string;
  json: boolean;
}

/** Progress lines on stderr, at most one per 10 % (and per device). */
function progressPrinter(err: (text: string) => void) {
  let lastTenth = -1;
  let lastDevice = '';
  return (p: BacktestProgress) => {
    const tenth = p.pointsTotal ? Math.floor((10 * p.pointsDone) / p.pointsTotal) : 10;
    if (tenth === lastTenth && p.deviceId === lastDevice) return;
    lastTenth = tenth;
    lastDevice = p.deviceId;
    err(`progress: ${p.pointsDone.toLocaleString('en-US')} of about ${p.pointsTotal.toLocaleString('en-US')} points (${p.deviceId})\n`);
  };
}

async function backtestAction(o: BacktestOptions, io: CommandIo): Promise<number> {
  if (o.from === undefined || o.to === undefined) {
    io.err('error: --from and --to are required (or run `npm run backtest -- faults`); see --help\n');
    return 2;
  }
  const config = loadConfig(io.env);
  const changes = o.candidate ? readCandidateFile(path.resolve(io.cwd, o.candidate)) : [];
  const data = await openDataDir(config, (m) => io.err(`warning: ${m}\n`));
  try {
    const result = await runBacktest(
      { database: data.database, telemetryStore: data.store, templates: data.templates, maxPoints: o.maxPoints },
      {
        ...(o.device && { deviceIds: o.device }),
        from: o.from,
        to: o.to,
        changes,
        groundTruthFile: o.groundTruth ? path.resolve(io.cwd, o.groundTruth) : null,
        ...(o.timeToCloseHours !== undefined && { timeToCloseMs: Math.round(o.timeToCloseHours * 3_600_000) }),
        ...(o.progress && { onProgress: progressPrinter(io.err) }),
      },
    );
    io.out(o.json ? `${JSON.stringify(result, null, 2)}\n` : formatBacktest(result));
    return 0;
  } finally {
    await data.close();
  }
}

function faultsAction(o: FaultsOptions, io: CommandIo): number {
  const plant = loadPlantFile(path.resolve(io.cwd, o.plant));
  const changes = o.candidate ? readCandidateFile(path.resolve(io.cwd, o.candidate)) : [];
  const devices = o.devices ?? plant.sites.flatMap((s) => s.lines.flatMap((l) => l.devices)).length;
  const result = runFaultBenchmark({
    plant,
    days: o.days,
    devices,
    seed: o.seed,
    sampleSeconds: o.sampleSeconds,
    changes,
    onProgress: (p) => {
      if (p.done === 0) io.err(`simulating ${p.scenario}...\n`);
    },
  });
  const label = changes.length ? `default rules with ${changes.map((t) => t.id).join(', ')}` : 'default rules';
  io.out(o.json ? `${JSON.stringify(result, null, 2)}\n` : formatFaultBenchmark(result, label));
  return 0;
}

/** Runs the command; resolves to the process exit code (2: bad usage or input, 1: failure). */
export async function runBacktestCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let action: (() => Promise<number> | number) | null = null;
  const program = new Command('backtest')
    .description('Replay stored telemetry through the current rules and a candidate set, side by side (or: backtest faults)')
    .option('--from <time>', 'start of the range (sample time, inclusive): 2026-11-01, an ISO time or epoch ms', instant)
    .option('--to <time>', 'end of the range (inclusive)', instant)
    .option('--device <id>', 'a device to replay (repeat or comma-separate; default all)', collect)
    .option('--candidate <file>', 'JSON array of rule templates replacing stored ones by id, or added')
    .option('--ground-truth <file>', 'simulator ground-truth log (JSON lines) to score against, e.g. data/ground-truth.jsonl')
    .option('--time-to-close-hours <h>', 'a would-be order closes this long after its anomaly clears (default 24)', positive)
    .option('--max-points <n>', 'refuse runs larger than this', integer, DEFAULT_MAX_POINTS)
    .option('--json', 'print the full result as JSON', false)
    .option('--no-progress', 'no progress lines on stderr')
    // Options after `faults` belong to it (both have --candidate and --json).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .action((o: BacktestOptions) => {
      action = () => backtestAction(o, io);
    });
  program
    .command('faults')
    .description("Benchmark rules over the simulator's fault scenarios (one per fault kind), in process")
    .option('--days <n>', 'simulated days per device and scenario', positive, 7)
    .option('--devices <n>', 'the first n devices of the plant (default all)', integer)
    .option('--seed <n>', 'random seed (same seed, same result)', integer, 1)
    .option('--sample-seconds <n>', 'sampling step of simulated time, 1-60 s', positive, DEFAULT_SAMPLE_SECONDS)
    .option('--plant <file>', 'plant file', DEMO_PLANT)
    .option('--candidate <file>', 'JSON array of rule templates replacing default ones by id, or added')
    .option('--json', 'print the result as JSON', false)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .action((o: FaultsOptions) => {
      action = () => faultsAction(o, io);
    });

  try {
    program.parse(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    throw err;
  }
  if (action === null) return 2;
  try {
    return await (action as () => Promise<number> | number)();
  } catch (err) {
    if (err instanceof BacktestInputError) {
      // Name the command-line option the field came from.
      const field = err.path.replace(/^changes/, 'candidate').replace(/^deviceIds\.\d+/, '--device');
      io.err(`error: ${field}: ${err.message}\n`);
      return 2;
    }
    if (err instanceof BacktestTooLargeError || err instanceof DataDirError || err instanceof ConfigError || err instanceof RangeError) {
      io.err(`error: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
