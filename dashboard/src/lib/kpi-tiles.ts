/**
 * GET /api/kpis as the KPI page shows it, pure: headline tiles with their
 * detail lines, the backlog trend as chart data, rule precision rows, and the
 * window a period filter asks for.
 */
import type { KpiSlaTargetView, KpiView, RulePrecisionView } from '../../../server/http/api-types';
import type { KpiPeriod } from './route';
import { formatDuration } from './time-format';

const DAY_MS = 86_400_000;

export interface KpiTile {
  key: 'mtta' | 'mttr' | 'mtbf' | 'sla-response' | 'sla-resolution' | 'backlog';
  label: string;
  value: string;
  detail: string;
  tone: 'ok' | 'warn' | 'alarm' | 'neutral';
}

export function periodWindow(period: KpiPeriod, now: number): { from: number; to: number } {
  return { from: now - Number.parseInt(period, 10) * DAY_MS, to: now };
}

/** A ratio as a percentage with one decimal, or '–'. */
export function percent(ratio: number | null): string {
  return ratio === null ? '–' : `${(Math.round(ratio * 1000) / 10).toFixed(1)} %`;
}

function slaTile(key: 'sla-response' | 'sla-resolution', label: string, t: KpiSlaTargetView): KpiTile {
  const stopped = t.met + t.missed;
  const tone = t.ratio === null ? 'neutral' : t.ratio >= 0.95 ? 'ok' : t.ratio >= 0.8 ? 'warn' : 'alarm';
  return { key, label, value: percent(t.ratio), detail: stopped ? `${t.met} met · ${t.missed} missed` : 'No orders reached the target yet', tone };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function kpiTiles(view: KpiView): KpiTile[] {
  const mean = (ms: number | null) => (ms === null ? '–' : formatDuration(ms));
  const b = view.backlog;
  const urgent = (b.byPriority.P0 ?? 0) + (b.byPriority.P1 ?? 0);
  return [
    { key: 'mtta', label: 'MTTA', value: mean(view.mtta.ms), detail: view.mtta.count ? `Mean time to acknowledge · ${plural(view.mtta.count, 'order')}` : 'No acknowledged orders in the period', tone: 'neutral' },
    { key: 'mttr', label: 'MTTR', value: mean(view.mttr.ms), detail: view.mttr.count ? `Mean time to repair · ${plural(view.mttr.count, 'order')}` : 'No repaired orders in the period', tone: 'neutral' },
    {
      key: 'mtbf',
      label: 'MTBF',
      value: mean(view.mtbf.ms),
      detail: view.mtbf.failures ? `${plural(view.mtbf.failures, 'failure')} over ${plural(view.mtbf.devices, 'device')}` : `No confirmed failures on ${plural(view.mtbf.devices, 'device')}`,
      tone: 'neutral',
    },
    slaTile('sla-response', 'SLA response', view.slaAttainment.response),
    slaTile('sla-resolution', 'SLA resolution', view.slaAttainment.resolution),
    { key: 'backlog', label: 'Backlog', value: String(b.open), detail: b.open ? `${urgent} at P0/P1` : 'Nothing open', tone: urgent > 0 ? 'warn' : 'neutral' },
  ];
}

/** The backlog trend as [xs in seconds, open orders], oldest first. */
export function backlogTrend(view: KpiView): [number[], number[]] {
  const points = view.backlog.trend.slice().sort((a, b) => a.at - b.at);
  return [points.map((p) => p.at / 1000), points.map((p) => p.open)];
}

/** The trend's change over the period: '+3', '−2', '±0', or null without two points. */
export function backlogChange(view: KpiView): number | null {
  const t = view.backlog.trend;
  if (t.length < 2) return null;
  const sorted = t.slice().sort((a, b) => a.at - b.at);
  return sorted[sorted.length - 1]!.open - sorted[0]!.open;
}

/** Rules with at least one outcome first (by precision, lowest first: the ones to tune), then the rest by id. */
export function precisionRows(rows: readonly RulePrecisionView[]): RulePrecisionView[] {
  return rows.slice().sort((a, b) => {
    if (a.precision === null || b.precision === null) return a.precision === null && b.precision === null ? a.ruleId.localeCompare(b.ruleId) : a.precision === null ? 1 : -1;
    return a.precision - b.precision || a.ruleId.localeCompare(b.ruleId);
  });
}
