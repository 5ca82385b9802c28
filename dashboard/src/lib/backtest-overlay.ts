/**
 * Shapes a backtest result (POST /api/backtests) for the tuning page, pure:
 * the would-be alerts of each rule set as bands on one device's chart, the
 * candidate's limits resolved for a device, the default replay window, the
 * devices a rule is in force on, and the summary table (current vs candidate
 * and the difference).
 */
import type {
  BacktestResultView,
  BacktestRuleSetView,
  DeviceEffectiveRulesView,
  DeviceView,
  RuleView,
} from '../../../server/http/api-types';
import type { Severity } from '../../../server/detection/types';
import { formatDuration } from './time-format';

export const DAY_MS = 86_400_000;

/** One would-be alert: raised until cleared (or the end of the range). */
export interface AlertBand {
  from: number;
  to: number;
  severity: Severity;
  ruleId: string;
  /** Still active at the end of the replayed range. */
  open: boolean;
}

/** Alerts of one rule set on one device and metric, oldest first. */
export function alertBands(set: BacktestRuleSetView, deviceId: string, metric: string, rangeEnd: number): AlertBand[] {
  return set.anomalies
    .filter((a) => a.deviceId === deviceId && a.metric === metric)
    .map((a) => ({ from: a.raisedAt, to: a.clearedAt ?? rangeEnd, severity: a.severity, ruleId: a.ruleId, open: a.clearedAt === null }))
    .sort((x, y) => x.from - y.from);
}

/** Both rows of markers for one device's chart. */
export function overlayBands(result: BacktestResultView, deviceId: string, metric: string): { current: AlertBand[]; candidate: AlertBand[] } {
  return {
    current: alertBands(result.current, deviceId, metric, result.to),
    candidate: alertBands(result.candidate, deviceId, metric, result.to),
  };
}

export interface Limits {
  warn: number;
  alarm: number;
  clear: number;
}

/**
 * The candidate's limits in absolute units on one device. Every basis maps a
 * template number to a device limit affinely (absolute: as is; rated-current
 * and ISO 10816: × a device factor; insulation margin: device limit − margin),
 * so the device's current resolved limits and the current template fix the
 * mapping; the candidate's numbers go through the same one. null when the
 * basis changed or the mapping cannot be recovered.
 */
export function candidateLimits(resolved: Limits, current: Pick<RuleView, 'basis' | 'warn' | 'alarm' | 'clear'>, candidate: Pick<RuleView, 'basis' | 'warn' | 'alarm' | 'clear'>): Limits | null {
  if (current.basis !== candidate.basis) return null;
  const keys = ['warn', 'alarm', 'clear'] as const;
  let map: ((v: number) => number) | null = null;
  if (current.basis === 'absolute') map = (v) => v;
  else if (current.basis === 'insulation-margin') {
    const top = resolved.warn + current.warn;
    map = (v) => tidy(top - v);
  } else {
    const k = keys.find((key) => current[key] !== 0);
    if (k === undefined) return null;
    const factor = resolved[k] / current[k];
    map = (v) => tidy(v * factor);
  }
  return { warn: map(candidate.warn), alarm: map(candidate.alarm), clear: map(candidate.clear) };
}

const tidy = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The devices a rule is in force on (from GET /api/rules/effective), else those its scope names. */
export function devicesForRule(rule: Pick<RuleView, 'id' | 'scope'>, effective: readonly DeviceEffectiveRulesView[], devices: readonly Pick<DeviceView, 'id' | 'class'>[]): string[] {
  const using = effective.filter((d) => d.rules.some((r) => r.ruleId === rule.id)).map((d) => d.deviceId);
  if (using.length) return using;
  const { scope } = rule;
  return devices.filter((d) => (scope.kind === 'class' ? d.class === scope.equipmentClass : d.id === scope.deviceId)).map((d) => d.id);
}

/** The last 24 h of data: ending at the newest sample (or now when none is newer). */
export function defaultWindow(newestSample: number | null, now: number): { from: number; to: number } {
  const to = newestSample !== null && newestSample > 0 ? newestSample : now;
  return { from: to - DAY_MS, to };
}

export interface SummaryRow {
  key: 'alerts' | 'orders' | 'faults' | 'lead' | 'false-alarms';
  label: string;
  current: string;
  candidate: string;
  /** Candidate − current, as text ('+2', '−1', '±0', '3 min earlier'). */
  diff: string;
  /** Whether the candidate is better (true), worse (false) or neither (null) on this line. */
  better: boolean | null;
}

export function summaryRows(result: BacktestResultView): SummaryRow[] {
  const c = result.current.summary;
  const k = result.candidate.summary;
  const count = (key: SummaryRow['key'], label: string, cur: number, cand: number, moreIsBetter: boolean | null): SummaryRow => ({
    key,
    label,
    current: String(cur),
    candidate: String(cand),
    diff: signed(cand - cur),
    better: cand === cur || moreIsBetter === null ? null : cand > cur === moreIsBetter,
  });
  const lead = (ms: number | null) => (ms === null ? '–' : formatDuration(ms));
  let leadDiff = '–';
  let leadBetter: boolean | null = null;
  if (c.medianLeadTimeMs !== null && k.medianLeadTimeMs !== null) {
    const d = k.medianLeadTimeMs - c.medianLeadTimeMs;
    leadDiff = d === 0 ? '±0' : `${formatDuration(Math.abs(d))} ${d > 0 ? 'earlier' : 'later'}`;
    leadBetter = d === 0 ? null : d > 0;
  }
  return [
    count('alerts', 'Alerts (anomalies)', c.anomalies, k.anomalies, null),
    count('orders', 'Work orders', c.orders, k.orders, null),
    {
      ...count('faults', 'Faults caught', c.faultsCaught, k.faultsCaught, true),
      current: `${c.faultsCaught} of ${c.faultsKnown}`,
      candidate: `${k.faultsCaught} of ${k.faultsKnown}`,
    },
    { key: 'lead', label: 'Median lead time', current: lead(c.medianLeadTimeMs), candidate: lead(k.medianLeadTimeMs), diff: leadDiff, better: leadBetter },
    count('false-alarms', 'False alarms', c.falseAlarms, k.falseAlarms, false),
  ];
}

/** '+2', '−1', '±0' (a real minus sign). */
export function signed(n: number): string {
  if (n === 0) return '±0';
  return n > 0 ? `+${n}` : `−${Math.abs(n)}`;
}
