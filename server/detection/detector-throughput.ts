/**
 * Throughput of the detector over the default rule set (every kind the
 * defaults use), on one core: healthy simulated telemetry for the demo
 * plant's devices is generated first, then fed through createDetector with
 * a tick every 10 s of data time, as a backtest replays it; only detection is
 * timed. The best of a few runs counts (less disturbed by other work).
 *
 *   npx tsx server/detection/detector-throughput.ts [--days 2] [--sample-seconds 10] [--runs 3]
 *
 * measureDetectorThroughput() is the function a benchmark suite calls.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { loadPlantFile, plantDevices, type Plant } from '../../contract/plant';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createSimulator } from '../../simulators/simulator';
import { defaultRuleTemplates } from './default-rules';
import { createDetector } from './detector';
import { resolveRules } from './resolve-rules';

export const DEMO_PLANT_FILE = 'simulators/plants/demo-plant.json';
const START = Date.UTC(2026, 0, 5);
const TICK_MS = 10_000;

export interface ThroughputOptions {
  plant: Plant;
  days?: number;
  sampleSeconds?: number;
  runs?: number;
}

export interface ThroughputResult {
  devices: number;
  rules: number;
  points: number;
  events: number;
  /** Best run. */
  seconds: number;
  pointsPerSecond: number;
}

export function measureDetectorThroughput(o: ThroughputOptions): ThroughputResult {
  const devices = plantDevices(o.plant);
  const templates = defaultRuleTemplates();
  const rules = devices.flatMap((d) => resolveRules(templates, d));
  const sim = createSimulator({ plant: o.plant, seed: 1, startAt: START });
  const step = (o.sampleSeconds ?? 10) * 1000;
  const end = START + (o.days ?? 2) * 86_400_000;
  const points: TelemetryPoint[] = [];
  let seq = 0;
  for (let t = START; t <= end; t += step) {
    for (const d of devices) {
      const s = sim.read(d.id, t);
      if (s) points.push({ deviceId: d.id, seq: ++seq, ...s });
    }
  }
  let best = Infinity;
  let events = 0;
  for (let run = 0; run < (o.runs ?? 3); run++) {
    const detector = createDetector(rules);
    let nextTick = START;
    let count = 0;
    const t0 = performance.now();
    for (let i = 0; i < points.length; i++) {
      const p = points[i]!;
      if (p.ts >= nextTick) {
        count += detector.tick(p.ts).length;
        nextTick = p.ts + TICK_MS;
      }
      count += detector.observe(p).length;
    }
    best = Math.min(best, (performance.now() - t0) / 1000);
    events = count;
  }
  return { devices: devices.length, rules: rules.length, points: points.length, events, seconds: best, pointsPerSecond: points.length / best };
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!(value > 0)) throw new RangeError(`--${name} must be a positive number (got ${args[i + 1]})`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const r = measureDetectorThroughput({
    plant: loadPlantFile(DEMO_PLANT_FILE),
    days: option(args, 'days', 2),
    sampleSeconds: option(args, 'sample-seconds', 10),
    runs: option(args, 'runs', 3),
  });
  process.stdout.write(
    `detector over the default rule set: ${r.devices} devices, ${r.rules} rules, ${r.points.toLocaleString('en-US')} points, ${r.events} events\n` +
      `best run ${r.seconds.toFixed(3)} s: ${Math.round(r.pointsPerSecond).toLocaleString('en-US')} points/s on one core\n`,
  );
}
