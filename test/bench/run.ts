/**
 * `npm run bench`: plant-scale benchmarks of the running system. Prints a
 * table on stdout (progress on stderr) and writes the same figures as JSON.
 *
 *   npm run bench                       full run, under ~10 minutes
 *   npm run bench -- --quick            ~1.5-minute smoke version (short windows, smaller data, scales 100 and 10,000)
 *   npm run bench -- --only http        one benchmark: ingest (with memory), edge, latency, http, replay
 *   npm run bench -- --profile          also CPU-profile the server over the measured windows
 *   npm run bench -- --out file.json    where the JSON goes (default data/bench/results-<date>.json)
 *
 * Everything runs one benchmark at a time: servers are child processes on
 * loopback ports this run opened, stopped at the end of each benchmark.
 * See test/bench/README.md for what each figure means.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { runEdgeAgentsBench } from './edge-agents-bench';
import { runHttpBench } from './http-bench';
import { runIngestBench } from './ingest-bench';
import { runLatencyBench } from './latency-bench';
import { loadSample, machineInfo, type LoadSample } from './machine';
import { goalsOf, renderReport, type BenchResults } from './report';
import { runBacktestBench } from './backtest-bench';
import { runReplayBench } from './replay-bench';
import { progress } from './stats';

const BENCHMARKS = ['ingest', 'edge', 'latency', 'http', 'replay'] as const;
type BenchName = (typeof BENCHMARKS)[number];
const ALIASES: Record<string, BenchName> = { memory: 'ingest', detection: 'latency', backtest: 'replay', 'edge-agents': 'edge' };

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${v}" is not a positive whole number`);
  return n;
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

const program = new Command()
  .name('npm run bench --')
  .description('Plant-scale benchmarks: ingest throughput and memory, ingest with real edge agents, detection latency, HTTP latency, detector and backtest replay.')
  .option('--quick', 'short windows, smaller data, scales 100 and 10,000: a smoke test of the benchmarks, about 75 s', false)
  .option('--only <names>', `run only these (comma-separated): ${BENCHMARKS.join(', ')} (memory = ingest)`, (v) =>
    list(v).map((n) => {
      const name = (ALIASES[n] ?? n) as BenchName;
      if (!BENCHMARKS.includes(name)) throw new InvalidArgumentError(`unknown benchmark "${n}"; choose from ${BENCHMARKS.join(', ')}`);
      return name;
    }),
  )
  .option('--out <file>', 'JSON results file (default data/bench/results-<date>.json)')
  .option('--profile', 'CPU-profile the server over each measured window (ingest per scale, HTTP per endpoint) and summarise', false)
  .option('--rounds <n>', 'ingest: alternating rounds per target (default 3, --quick 1)', (v) => positive(v))
  .option('--window-s <s>', 'ingest: measured seconds per round (default 5, --quick 3)', (v) => positive(v))
  .option('--scales <devices>', 'ingest scales, comma-separated device counts', (v) =>
    list(v).map((x) => {
      const n = Number(x.replace(/_/g, ''));
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${x}" is not a device count`);
      return n;
    }),
  );

program.parse();
const opts = program.opts<{ quick: boolean; only?: BenchName[]; out?: string; profile: boolean; scales?: number[]; rounds?: number; windowS?: number }>();
const quick = opts.quick;
const selected = new Set<BenchName>(opts.only ?? BENCHMARKS);
const stamp = new Date().toISOString().slice(0, 16).replace(':', '-');
const outFile = resolve(opts.out ?? join('data', 'bench', `results-${stamp}${quick ? '-quick' : ''}.json`));
const profileDir = opts.profile ? join(dirname(outFile), `profiles-${stamp}`) : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

async function main(): Promise<void> {
  const startedAt = new Date();
  const machine = machineInfo();
  const loads: LoadSample[] = [loadSample('start')];
  const results: BenchResults = {};
  const errors: Record<string, string> = {};
  const run = async <T>(name: BenchName, fn: () => Promise<T> | T, store: (r: T) => void) => {
    if (!selected.has(name)) return;
    const t0 = performance.now();
    progress(`=== ${name} ===`);
    try {
      store(await fn());
    } catch (err) {
      errors[name] = err instanceof Error ? (err.stack ?? err.message) : String(err);
      progress(`${name} FAILED: ${errors[name]}`);
    }
    loads.push(loadSample(`after ${name}`));
    progress(`${name} took ${Math.round((performance.now() - t0) / 1000)} s`);
  };

  await run(
    'ingest',
    () =>
      runIngestBench({
        scales: opts.scales ?? (quick ? [100, 10_000] : [100, 1_000, 10_000]),
        rounds: opts.rounds ?? (quick ? 1 : 3),
        firstWarmupS: quick ? 2 : 3,
        warmupS: 2,
        measureS: opts.windowS ?? (quick ? 3 : 5),
        samplesPerMessage: 100,
        window: 64,
        // One MQTT connection per 100..500 devices: 1 client at 100 devices, 10 at 1,000, 20 at 10,000.
        devicesPerClient: (n) => Math.min(500, Math.max(100, Math.ceil(n / 20))),
        profileDir,
      }),
    (r) => (results.ingest = r),
  );
  await run('edge', () => runEdgeAgentsBench({ devices: 1_000, speed: 20, warmupS: quick ? 1 : 3, measureS: quick ? 2 : 6 }), (r) => (results.edge = r));
  await run('latency', () => runLatencyBench({ profileFile: profileDir && join(profileDir, 'latency.cpuprofile'), trials: quick ? 20 : 100, backgroundDevices: 1_000, backgroundRate: 10_000, warmupS: quick ? 2 : 3 }), (r) => (results.latency = r));
  await run(
    'http',
    () =>
      runHttpBench({
        workOrders: quick ? 10_000 : 100_000,
        telemetryPoints: quick ? 86_400 : 604_800,
        lines: 200,
        devices: 1_000,
        requests: quick ? 30 : 200,
        warmup: quick ? 5 : 20,
        budgetMs: quick ? 1_000 : 5_000,
        profileDir,
      }),
    (r) => (results.http = r),
  );
  await run('replay', () => runReplayBench({ devices: 1_000, pointsPerDevice: quick ? 600 : 3_600 }), (r) => (results.replay = r));
  await run('replay', () => runBacktestBench({ devices: quick ? 20 : 50, pointsPerDevice: quick ? 21_600 : 86_400 }), (r) => (results.backtest = r));

  const finishedAt = new Date();
  const json = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationS: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    quick,
    benchmarks: [...selected],
    machine,
    load: loads,
    publishers: 'MQTT.js clients without outboxes (test/bench/load-publisher.ts), not EdgeAgents: the figures are the gateway and server, not the edge',
    results,
    goals: goalsOf(results),
    errors,
  };
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, JSON.stringify(json, null, 2) + '\n');
  process.stdout.write(renderReport(results, loads, { quick, machine }));
  for (const [name, message] of Object.entries(errors)) process.stdout.write(`\n${name} FAILED: ${message.split('\n')[0]}\n`);
  process.stdout.write(`\nJSON: ${outFile}${profileDir ? `\nprofiles: ${profileDir}` : ''}\ntook ${json.durationS} s\n`);
  if (Object.keys(errors).length) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
