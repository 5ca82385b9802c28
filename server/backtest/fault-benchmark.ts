/**
 * The fault benchmark: how a rule set does on the simulator's fault kinds.
 *
 * One scenario per fault kind: the plant's first `devices` devices are
 * simulated for `days` days (in process: simulator -> points -> the live
 * detector -> would-be orders, no MQTT, no store), with faults of that kind
 * only, injected one after another on every device: each starts 2-18 h into
 * the run or 12-36 h after the previous one ended, with the simulator's own
 * random parameters (randomFaultParameters: bearing wear fails 4-24 h after
 * it starts, overheating 1-3 h, a jam lasts 2-6 min, a dropout 1-30 min).
 * Only faults that reach their failure (or end) inside the run are injected.
 * The healthy signals are the same in every scenario (same seed), so the
 * scenarios differ by their faults alone.
 *
 * Per scenario: share of faults caught (as in a backtest: a detection of the
 * kind's failure mode between start and failure, or start and end for a
 * jam), median lead time before the failure, median delay after the start,
 * and false alarms (orders matching no injected fault) per device-day.
 * A sensor dropout (the device silent for 1-30 min) is caught by a 'no-data'
 * detection while it lasts; the default deadman waits 5 min, so shorter
 * dropouts go unreported by design. Deterministic for a seed.
 */
import { plantDevices, type Plant } from '../../contract/plant';
import type { TelemetryPoint } from '../../contract/telemetry';
import { createSimulator, FAULT_KINDS, type FaultInjection, type FaultKind } from '../../simulators/simulator';
import { randomFaultParameters } from '../../simulators/random-faults';
import { between, hashSeed, mulberry32 } from '../../simulators/random';
import { defaultRuleTemplates } from '../detection/default-rules';
import type { RuleTemplate } from '../detection/types';
import { resolveRuleSets } from './candidate-rules';
import { faultsFromGroundTruth } from './known-faults';
import { DEFAULT_TIME_TO_CLOSE_MS } from './order-replay';
import { createRuleSetReplay } from './rule-set-replay';
import { judgeOrders, medianOrNull, scoreFaults } from './scoring';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Monday 2026-01-05 00:00 UTC. */
export const DEFAULT_BENCHMARK_START = Date.UTC(2026, 0, 5);
export const DEFAULT_SAMPLE_SECONDS = 30;

export interface FaultBenchmarkOptions {
  plant: Plant;
  days: number;
  /** The first this many devices of the plant, in plant order. */
  devices: number;
  seed: number;
  /** Sampling step of simulated time (1-60 s; default 30). */
  sampleSeconds?: number;
  startAt?: number;
  /** Templates replacing (same id) or adding to the default templates. */
  changes?: readonly RuleTemplate[];
  kinds?: readonly FaultKind[];
  timeToCloseMs?: number;
  onProgress?: (progress: { scenario: FaultKind; done: number; total: number }) => void;
}

export interface ScenarioResult {
  scenario: FaultKind | 'overall';
  injected: number;
  /** Injected faults a threshold rule can catch (all but sensor dropouts). */
  scored: number;
  caught: number;
  /** caught / scored; null when nothing is scored. */
  caughtShare: number | null;
  medianLeadTimeMs: number | null;
  medianDetectionDelayMs: number | null;
  orders: number;
  falseAlarms: number;
  /** Orders during a fault of another failure mode on the device (e.g. a jam heating the motor). */
  related: number;
  deviceDays: number;
  falseAlarmsPerDeviceDay: number;
  points: number;
}

export interface FaultBenchmarkResult {
  days: number;
  devices: string[];
  seed: number;
  sampleSeconds: number;
  startAt: number;
  scenarios: ScenarioResult[];
  overall: ScenarioResult;
}

/** Faults of one kind on one device, back to back with healthy gaps, all ending by `end`. */
export function scheduleFaults(kind: FaultKind, deviceId: string, seed: number, start: number, end: number): FaultInjection[] {
  const rng = mulberry32(hashSeed(seed, 'benchmark', kind, deviceId));
  const out: FaultInjection[] = [];
  let at = start + between(rng, 2, 18) * HOUR;
  for (;;) {
    const startAt = Math.round(at);
    const params = randomFaultParameters(kind, rng, startAt);
    const endAt = startAt + params.durationMs!;
    if (Math.max(endAt, params.failureAt ?? endAt) > end) return out;
    out.push({ id: `bench-${kind}-${deviceId}-${out.length + 1}`, deviceId, kind, startAt, ...params });
    at = endAt + between(rng, 12, 36) * HOUR;
  }
}

/** What one scenario counted; scenarios add up to the overall row. */
interface Tally {
  injected: number;
  scored: number;
  caught: number;
  orders: number;
  falseAlarms: number;
  related: number;
  deviceDays: number;
  points: number;
  leads: number[];
  delays: number[];
}

function summarize(scenario: ScenarioResult['scenario'], t: Tally): ScenarioResult {
  return {
    scenario,
    injected: t.injected,
    scored: t.scored,
    caught: t.caught,
    caughtShare: t.scored ? t.caught / t.scored : null,
    medianLeadTimeMs: medianOrNull(t.leads),
    medianDetectionDelayMs: medianOrNull(t.delays),
    orders: t.orders,
    falseAlarms: t.falseAlarms,
    related: t.related,
    deviceDays: t.deviceDays,
    falseAlarmsPerDeviceDay: t.deviceDays ? t.falseAlarms / t.deviceDays : 0,
    points: t.points,
  };
}

export function checkFaultBenchmarkOptions(o: FaultBenchmarkOptions): string[] {
  const all = plantDevices(o.plant).length;
  const problems: string[] = [];
  if (!(o.days > 0 && o.days <= 366)) problems.push(`days must be more than 0 and at most 366 (got ${o.days})`);
  if (!(Number.isInteger(o.devices) && o.devices >= 1 && o.devices <= all)) problems.push(`devices must be a whole number from 1 to ${all}, the devices of the plant (got ${o.devices})`);
  const step = o.sampleSeconds ?? DEFAULT_SAMPLE_SECONDS;
  if (!(step >= 1 && step <= 60)) problems.push(`sample seconds must be from 1 to 60 (got ${step})`);
  if (!Number.isInteger(o.seed)) problems.push(`seed must be a whole number (got ${o.seed})`);
  return problems;
}

function runScenario(kind: FaultKind, o: FaultBenchmarkOptions): Tally {
  const startAt = o.startAt ?? DEFAULT_BENCHMARK_START;
  const end = startAt + Math.round(o.days * DAY);
  const step = Math.round((o.sampleSeconds ?? DEFAULT_SAMPLE_SECONDS) * 1000);
  const devices = plantDevices(o.plant).slice(0, o.devices);
  const sim = createSimulator({ plant: o.plant, seed: o.seed, startAt });
  let injected = 0;
  for (const d of devices) {
    for (const injection of scheduleFaults(kind, d.id, o.seed, startAt, end)) {
      sim.inject(injection);
      injected++;
    }
  }
  const rules = resolveRuleSets(devices, defaultRuleTemplates(), o.changes ?? []).candidate;
  const replay = createRuleSetReplay(rules, { timeToCloseMs: o.timeToCloseMs ?? DEFAULT_TIME_TO_CLOSE_MS });
  const seq = new Map(devices.map((d) => [d.id, 0]));
  let points = 0;
  let nextReport = startAt;
  for (let t = startAt; t <= end; t += step) {
    for (const d of devices) {
      const sample = sim.read(d.id, t);
      if (sample === null) continue;
      const s = seq.get(d.id)! + 1;
      seq.set(d.id, s);
      const point: TelemetryPoint = { deviceId: d.id, seq: s, ...sample };
      replay.observe(point);
      points++;
    }
    if (o.onProgress && t >= nextReport) {
      o.onProgress({ scenario: kind, done: t - startAt, total: end - startAt });
      nextReport = t + 6 * HOUR;
    }
  }
  const result = replay.finish(end);
  const faults = faultsFromGroundTruth(sim.groundTruth(), { from: startAt, to: end });
  const scored = scoreFaults(result.orders, faults);
  const orders = judgeOrders(result.orders, faults);
  const caught = scored.filter((f) => f.caught);
  return {
    injected,
    scored: scored.length,
    caught: caught.length,
    orders: orders.length,
    falseAlarms: orders.filter((x) => x.verdict === 'false-alarm').length,
    related: orders.filter((x) => x.verdict === 'related').length,
    deviceDays: devices.length * o.days,
    points,
    leads: caught.flatMap((f) => (f.leadTimeMs === null ? [] : [f.leadTimeMs])),
    delays: caught.map((f) => f.detectedAt! - f.startAt),
  };
}

export function runFaultBenchmark(o: FaultBenchmarkOptions): FaultBenchmarkResult {
  const problems = checkFaultBenchmarkOptions(o);
  if (problems.length) throw new RangeError(problems.join('; '));
  const kinds = o.kinds ?? FAULT_KINDS;
  const tallies = kinds.map((kind) => runScenario(kind, o));
  const total: Tally = { injected: 0, scored: 0, caught: 0, orders: 0, falseAlarms: 0, related: 0, deviceDays: 0, points: 0, leads: [], delays: [] };
  for (const t of tallies) {
    for (const key of ['injected', 'scored', 'caught', 'orders', 'falseAlarms', 'related', 'deviceDays', 'points'] as const) total[key] += t[key];
    total.leads.push(...t.leads);
    total.delays.push(...t.delays);
  }
  return {
    days: o.days,
    devices: plantDevices(o.plant).slice(0, o.devices).map((d) => d.id),
    seed: o.seed,
    sampleSeconds: o.sampleSeconds ?? DEFAULT_SAMPLE_SECONDS,
    startAt: o.startAt ?? DEFAULT_BENCHMARK_START,
    scenarios: tallies.map((t, i) => summarize(kinds[i]!, t)),
    overall: summarize('overall', total),
  };
}
