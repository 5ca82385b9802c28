/** Plain-text tables for `npm run backtest`: a backtest side by side, and the fault benchmark. Pure. */
import type { BacktestFaultView, BacktestOrderRefView, BacktestResultView } from '../http/api-types';
import type { FaultBenchmarkResult, ScenarioResult } from './fault-benchmark';

/** 2026-11-03 04:12Z */
export const formatTime = (t: number): string => `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')}Z`;

/** 45 s, 12 min, 3.5 h, 2.1 d; negative for later than the reference. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < 60_000) return `${sign}${Math.round(a / 1000)} s`;
  if (a < 3_600_000) return `${sign}${Math.round(a / 60_000)} min`;
  if (a < 48 * 3_600_000) return `${sign}${(a / 3_600_000).toFixed(1)} h`;
  return `${sign}${(a / 86_400_000).toFixed(1)} d`;
}

/** The first `textColumns` columns left-aligned, the others right-aligned, two spaces apart. */
export function table(rows: ReadonlyArray<readonly string[]>, textColumns = 1): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row) => row.map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

const n = (x: number) => x.toLocaleString('en-US');

function orderLine(o: BacktestOrderRefView): string {
  return `  ${o.deviceId.padEnd(8)} ${o.failureMode.padEnd(15)} opened ${formatTime(o.openedAt)}  ${o.severity.padEnd(5)}  ${o.verdict}`;
}

function faultRows(current: readonly BacktestFaultView[], candidate: readonly BacktestFaultView[]): string[][] {
  const verdict = (f: BacktestFaultView | undefined) => (f?.caught ? `caught ${formatDuration(f.leadTimeMs)}` : 'missed');
  return current.map((f, i) => [f.faultId, f.deviceId, f.kind, formatTime(f.startAt), verdict(f), verdict(candidate[i])]);
}

export function formatBacktest(r: BacktestResultView): string {
  const c = r.current.summary;
  const k = r.candidate.summary;
  const out: string[] = [];
  out.push(`Backtest ${formatTime(r.from)} .. ${formatTime(r.to)}: ${r.deviceIds.length} devices, ${n(r.points)} points, orders close ${formatDuration(r.timeToCloseMs)} after their anomaly clears`);
  out.push(`Candidate = current rules with ${r.changedRuleIds.length ? r.changedRuleIds.join(', ') : 'no changes'}`);
  out.push(`Known faults: ${r.knownFaults.simulator} from simulator ground truth, ${r.knownFaults.confirmedOrders} confirmed work orders`);
  out.push('');
  out.push(
    table([
      ['', 'current', 'candidate'],
      ['rules', n(r.current.rules), n(r.candidate.rules)],
      ['anomalies', n(c.anomalies), n(k.anomalies)],
      ['work orders', n(c.orders), n(k.orders)],
      ['known faults caught', `${c.faultsCaught}/${c.faultsKnown}`, `${k.faultsCaught}/${k.faultsKnown}`],
      ['median lead time', formatDuration(c.medianLeadTimeMs), formatDuration(k.medianLeadTimeMs)],
      ['false alarms', n(c.falseAlarms), n(k.falseAlarms)],
      ['related (other fault)', n(c.related), n(k.related)],
    ]),
  );
  out.push('');
  out.push(
    table([
      ['device', 'points', 'orders cur/cand', 'false alarms cur/cand', 'faults caught cur/cand'],
      ...r.current.perDevice.map((d, i) => {
        const e = r.candidate.perDevice[i]!;
        return [d.deviceId, n(d.points), `${d.orders}/${e.orders}`, `${d.falseAlarms}/${e.falseAlarms}`, `${d.faultsCaught}/${e.faultsCaught} of ${d.faultsKnown}`];
      }),
    ]),
  );
  const { diff } = r;
  out.push('');
  out.push(`Orders only the candidate raises: ${diff.counts.onlyCandidate}`);
  out.push(...diff.onlyCandidate.map(orderLine));
  out.push(`Orders only the current rules raise: ${diff.counts.onlyCurrent}`);
  out.push(...diff.onlyCurrent.map(orderLine));
  const earlier = diff.both.filter((b) => b.openedEarlierByMs > 0).length;
  const later = diff.both.filter((b) => b.openedEarlierByMs < 0).length;
  out.push(`Orders both raise: ${diff.counts.both} (candidate earlier on ${earlier}, later on ${later})`);
  if (r.current.faults.length) {
    out.push('');
    out.push(table([['fault', 'device', 'kind', 'started', 'current', 'candidate'], ...faultRows(r.current.faults, r.candidate.faults)], 4));
  }
  if (r.warnings.length) out.push('', ...r.warnings.map((w) => `warning: ${w}`));
  return `${out.join('\n')}\n`;
}

const share = (s: ScenarioResult) => (s.caughtShare === null ? 'n/a' : `${Math.round(s.caughtShare * 100)}%`);

export function formatFaultBenchmark(r: FaultBenchmarkResult, rulesLabel: string): string {
  const row = (s: ScenarioResult) => [
    s.scenario,
    n(s.injected),
    s.scored ? `${s.caught}/${s.scored}` : 'n/a',
    share(s),
    formatDuration(s.medianLeadTimeMs),
    formatDuration(s.medianDetectionDelayMs),
    s.falseAlarmsPerDeviceDay.toFixed(3),
    n(s.related),
  ];
  return [
    `Fault benchmark: ${r.devices.length} devices x ${r.days} days per scenario from ${formatTime(r.startAt)}, seed ${r.seed}, one sample every ${r.sampleSeconds} s of simulated time, ${rulesLabel}`,
    '',
    table([
      ['scenario', 'injected', 'caught', 'share', 'median lead', 'median delay', 'false alarms/device-day', 'related'],
      ...r.scenarios.map(row),
      row(r.overall),
    ]),
    '',
    'lead: before the simulated failure (a jam has no failure instant); delay: after the fault started; related: orders of another failure mode during a fault.',
    'sensor-dropout: the device is silent for 1-30 min; the default deadman (no-data) warns after 5 min, so shorter dropouts are not reported, by design.',
    '',
  ].join('\n');
}
