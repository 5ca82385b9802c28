/** The human table (stdout) and the goals, from the results the benchmarks returned. */
import type { EdgeResult } from './edge-agents-bench';
import type { HttpResult } from './http-bench';
import type { IngestCaseResult } from './ingest-bench';
import type { LatencyResult } from './latency-bench';
import type { LoadSample } from './machine';
import { formatProfile, type ProfileSummary } from './profile-summary';
import type { BacktestBenchResult } from './backtest-bench';
import type { ReplayResult } from './replay-bench';
import { fmt } from './stats';

export interface BenchResults {
  ingest?: IngestCaseResult[];
  edge?: EdgeResult;
  latency?: LatencyResult;
  http?: HttpResult;
  replay?: ReplayResult;
  backtest?: BacktestBenchResult;
}

export interface Goal {
  benchmark: string;
  goal: string;
  value: string;
  met: boolean;
}

export const GOALS = {
  ingestSamplesPerSec: 100_000,
  ingestRatio: 0.5,
  detectionP99Ms: 100,
  httpP99Ms: 20,
};

type Row = [string, string, string, string];

export function goalsOf(r: BenchResults): Goal[] {
  const goals: Goal[] = [];
  for (const c of r.ingest ?? []) {
    goals.push({ benchmark: `ingest e2e, ${fmt(c.devices)} devices`, goal: `>= ${fmt(GOALS.ingestSamplesPerSec)} samples/s`, value: `${fmt(c.e2e.samplesPerSec)} samples/s`, met: c.e2e.samplesPerSec >= GOALS.ingestSamplesPerSec });
    goals.push({ benchmark: `ingest e2e / pass-through, ${fmt(c.devices)} devices`, goal: `>= ${GOALS.ingestRatio}`, value: fmt(c.ratio, 2), met: c.ratio >= GOALS.ingestRatio });
  }
  if (r.latency) {
    for (const [k, s] of [['HTTP', r.latency.http], ['SSE', r.latency.sse]] as const) {
      goals.push({ benchmark: `detection latency (${k})`, goal: `p99 < ${GOALS.detectionP99Ms} ms`, value: `p99 ${fmt(s.p99, 1)} ms`, met: s.n > 0 && s.p99 < GOALS.detectionP99Ms && r.latency.timeouts === 0 });
    }
  }
  for (const e of r.http?.endpoints ?? []) {
    if (!e.latency) continue;
    goals.push({ benchmark: `HTTP ${e.name}`, goal: `p99 < ${GOALS.httpP99Ms} ms`, value: `p99 ${fmt(e.latency.p99, 1)} ms`, met: e.latency.p99 < GOALS.httpP99Ms });
  }
  return goals;
}

function table(header: Row, rows: Row[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: Row) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const mark = (met: boolean) => (met ? 'met' : 'MISSED');

export function renderReport(r: BenchResults, loads: LoadSample[], meta: { quick: boolean; machine: { cpus: number; cpuModel: string; node: string } }): string {
  const rows: Row[] = [];
  for (const c of r.ingest ?? []) {
    const e = c.e2e;
    const p = c.passthrough;
    const topo = `${fmt(c.devices)} devices, ${c.clients} client${c.clients === 1 ? '' : 's'} x ${c.window} in flight, ${c.samplesPerMessage}/msg`;
    rows.push([
      '1 ingest e2e (detection on)',
      topo,
      `${fmt(e.samplesPerSec, 0)} samples/s`,
      `rounds ${e.perRound.map((x) => fmt(x)).join(' / ')}; server CPU ${fmt(e.serverCpuPct)} % = ${fmt(e.cpuMicrosPerSample, 1)} µs/sample, PUBACK p50 ${fmt(e.ackP50Ms)} ms; goal >= ${fmt(GOALS.ingestSamplesPerSec)}: ${mark(e.samplesPerSec >= GOALS.ingestSamplesPerSec)}${e.storedVerified === false ? '; STORE COUNT MISMATCH' : ''}`,
    ]);
    rows.push([
      '1 ingest pass-through (baseline)',
      topo,
      `${fmt(p.samplesPerSec)} samples/s`,
      `rounds ${p.perRound.map((x) => fmt(x)).join(' / ')}; server CPU ${fmt(p.serverCpuPct)} % = ${fmt(p.cpuMicrosPerSample, 2)} µs/sample, publisher CPU ${fmt(p.publisherCpuPct)} %`,
    ]);
    rows.push(['1 ingest ratio e2e / pass-through', topo, fmt(c.ratio, 2), `median of per-round ratios; goal >= ${GOALS.ingestRatio}: ${mark(c.ratio >= GOALS.ingestRatio)}`]);
    rows.push([
      '4 memory, server process (e2e)',
      `${fmt(c.devices)} devices`,
      `peak RSS ${fmt(e.peakRssMb)} MB`,
      `peak heap used ${fmt(e.peakHeapUsedMb)} MB (heap total ${fmt(e.peakHeapTotalMb)} MB); pass-through broker: RSS ${fmt(p.peakRssMb)} MB, heap ${fmt(p.peakHeapUsedMb)} MB; start-up ${fmt(e.startupMs)} ms`,
    ]);
  }
  if (r.edge) {
    const g = r.edge;
    rows.push([
      '1 ingest e2e, real EdgeAgents',
      `${fmt(g.devices)} devices, ${g.agents} agents (outboxes), offered ${fmt(g.offeredPerSec)}/s`,
      `${fmt(g.storedPerSec, 0)} samples/s`,
      `agents sampled ${fmt(g.sampledPerSec)}/s, outbox backlog ${fmt(g.backlogStart)} -> ${fmt(g.backlogEnd)}; agents' process CPU ${fmt(g.benchCpuPct)} %, server CPU ${fmt(g.serverCpuPct)} %`,
    ]);
  }
  if (r.latency) {
    const l = r.latency;
    const d = `${l.trials} trials (${l.timeouts} timed out), background ${fmt(l.backgroundRateMeasured)} samples/s over ${fmt(l.backgroundDevices)} devices`;
    rows.push(['2 detection latency, PUBACK', 'completing sample -> PUBACK', `p50 ${fmt(l.puback.p50, 1)} / p99 ${fmt(l.puback.p99, 1)} ms`, 'ingest acknowledges after store + detection + work-order intake']);
    rows.push(['2 detection latency, HTTP', 'completing sample -> order in GET /api/work-orders?deviceId=', `p50 ${fmt(l.http.p50, 1)} / p99 ${fmt(l.http.p99, 1)} ms`, `${d}; goal p99 < ${GOALS.detectionP99Ms}: ${mark(l.http.p99 < GOALS.detectionP99Ms && l.timeouts === 0)}`]);
    rows.push(['2 detection latency, SSE', 'completing sample -> event: work-order on /api/events', `p50 ${fmt(l.sse.p50, 1)} / p99 ${fmt(l.sse.p99, 1)} ms`, `server event-loop delay p99 ${fmt(l.serverLoopDelayP99Ms, 1)} / max ${fmt(l.serverLoopDelayMaxMs, 0)} ms; goal p99 < ${GOALS.detectionP99Ms}: ${mark(l.sse.p99 < GOALS.detectionP99Ms && l.timeouts === 0)}`]);
  }
  if (r.http) {
    const h = r.http;
    const sd = h.seeded;
    rows.push(['3 HTTP (seed)', `${fmt(sd.workOrders)} orders, ${fmt(sd.telemetryPoints)} points`, `${fmt(h.seedMs / 1000, 1)} s seed`, `${fmt(sd.timelineEntries)} timeline entries; incl. the product's priority backfill of ${fmt(sd.priorityBackfill)} unfinished orders (${fmt(sd.priorityBackfillMs)} ms, one transaction)`]);
    rows.push(['3 SLA monitor tick (seed)', `${fmt(sd.slaOrdersEvaluated)} unfinished orders`, `first ${fmt(sd.firstSlaTickMs)} ms`, `records ${fmt(sd.slaNotifications)} escalations in one synchronous pass (the server's timer runs the same work in slices of 250 orders, the event loop free in between); steady-state tick ${fmt(sd.steadySlaTickMs)} ms of work every minute`]);
    for (const e of h.endpoints) {
      if (!e.latency) {
        rows.push(['3 HTTP', e.name, e.note ?? 'not available', e.path]);
        continue;
      }
      const size = e.bytes !== undefined ? `${fmt(e.bytes / 1024, 0)} KiB` : '';
      rows.push([
        '3 HTTP',
        e.name,
        `p50 ${fmt(e.latency.p50, 1)} / p99 ${fmt(e.latency.p99, 1)} ms`,
        `${e.latency.n} req, ${size}${e.items !== undefined ? `, ${fmt(e.items, 0)} items` : ''}${e.serverLoopDelayMaxMs !== undefined ? `, server stall max ${fmt(e.serverLoopDelayMaxMs)} ms` : ''}; goal p99 < ${GOALS.httpP99Ms}: ${mark(e.latency.p99 < GOALS.httpP99Ms)}`,
      ]);
    }
  }
  if (r.replay) {
    const p = r.replay;
    rows.push(['5 detector, default rule set', `${fmt(p.devices)} devices, ${fmt(p.rules)} default rules`, `${fmt(p.pointsPerSec)} points/s`, `one core; ${fmt(p.ruleEvaluationsPerSec)} rule evaluations/s; ${fmt(p.points)} points in ${p.seconds} s, ${p.events} events`]);
  }
  if (r.backtest) {
    const b = r.backtest;
    rows.push(['5 backtest engine (replayTelemetry)', `${fmt(b.devices)} devices, ${fmt(b.rules)} default rules`, `${fmt(b.pointsPerSec)} points/s`, `points read from the SQLite store, each through current and candidate set; ${fmt(b.points)} points in ${b.seconds} s, ${b.orders} would-be orders`]);
  }
  const out = [
    `PdM benchmarks${meta.quick ? ' (--quick: short windows, smaller data; a smoke test, not the figures)' : ''}`,
    `machine: ${meta.machine.cpus} x ${meta.machine.cpuModel}, node ${meta.machine.node}`,
    `load (1-min load average / CPU pressure 10 s): ${loads.map((l) => `${l.label} ${l.load1}${l.cpuPressure10s !== null ? ` / ${l.cpuPressure10s} %` : ''}`).join(', ')}`,
    '',
    table(['Benchmark', 'Case', 'Result', 'Detail'], rows),
  ];
  const goals = goalsOf(r);
  if (goals.length) {
    out.push('', `Goals: ${goals.filter((g) => g.met).length} of ${goals.length} met`);
    for (const g of goals.filter((x) => !x.met)) out.push(`  MISSED  ${g.benchmark}: ${g.value} (goal ${g.goal})`);
  }
  const profiles: [string, ProfileSummary][] = [];
  for (const c of r.ingest ?? []) if (c.profile) profiles.push([`ingest e2e server, ${fmt(c.devices)} devices (${c.profile.file})`, c.profile]);
  if (r.latency?.profile) profiles.push([`detection latency: server during the trials (${r.latency.profile.file})`, r.latency.profile]);
  for (const e of r.http?.endpoints ?? []) if (e.profile) profiles.push([`HTTP ${e.name} (${e.profile.file})`, e.profile]);
  if (profiles.length) {
    out.push('', 'CPU profiles of the server process over the measured windows:');
    for (const [title, p] of profiles) out.push('', formatProfile(title, { ...p, functions: p.functions.slice(0, 10), packages: p.packages.slice(0, 6), projectCallers: p.projectCallers.slice(0, 10) }));
  }
  return out.join('\n') + '\n';
}
