/**
 * KPIs as CSV, pure: one `metric,scope,value,unit` row per figure, then one
 * row per backlog trend point (metric `backlog.trend@<ISO time>`). Empty value =
 * not defined (e.g. MTTA without acknowledged orders).
 */
import type { KpiView } from '../http/api-types';

const HEADER = 'metric,scope,value,unit';

/** RFC 4180 quoting where needed. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The filter as one scope string: "site=plant-1;line=assembly", or "all". */
export function scopeOf(filter: KpiView['filter']): string {
  const parts = [
    filter.siteId === null ? null : `site=${filter.siteId}`,
    filter.lineId === null ? null : `line=${filter.lineId}`,
    filter.deviceId === null ? null : `device=${filter.deviceId}`,
  ].filter((p): p is string => p !== null);
  return parts.length ? parts.join(';') : 'all';
}

export function kpisToCsv(k: KpiView): string {
  const scope = scopeOf(k.filter);
  const rows: Array<[string, string, string | number | null, string]> = [
    ['window.from', scope, new Date(k.from).toISOString(), 'iso8601'],
    ['window.to', scope, new Date(k.to).toISOString(), 'iso8601'],
    ['mtta', scope, k.mtta.ms, 'ms'],
    ['mtta.count', scope, k.mtta.count, 'orders'],
    ['mttr', scope, k.mttr.ms, 'ms'],
    ['mttr.count', scope, k.mttr.count, 'orders'],
    ['mtbf', scope, k.mtbf.ms, 'ms'],
    ['mtbf.failures', scope, k.mtbf.failures, 'orders'],
    ['mtbf.devices', scope, k.mtbf.devices, 'devices'],
  ];
  for (const target of ['response', 'resolution'] as const) {
    const t = k.slaAttainment[target];
    rows.push([`sla.${target}.met`, scope, t.met, 'orders'], [`sla.${target}.missed`, scope, t.missed, 'orders'], [`sla.${target}.ratio`, scope, t.ratio, 'ratio']);
  }
  rows.push(['backlog.open', scope, k.backlog.open, 'orders']);
  for (const [priority, n] of Object.entries(k.backlog.byPriority)) rows.push([`backlog.open.${priority}`, scope, n, 'orders']);
  for (const r of k.rulePrecision) {
    rows.push(
      [`rule.${r.ruleId}.confirmed`, scope, r.confirmed, 'orders'],
      [`rule.${r.ruleId}.noFaultFound`, scope, r.noFaultFound, 'orders'],
      [`rule.${r.ruleId}.precision`, scope, r.precision, 'ratio'],
    );
  }
  for (const p of k.backlog.trend) rows.push([`backlog.trend@${new Date(p.at).toISOString()}`, scope, p.open, 'orders']);
  return [HEADER, ...rows.map((r) => r.map(cell).join(','))].join('\r\n') + '\r\n';
}

/** e.g. kpis_all_2026-02-08_2026-03-10.csv */
export function csvFilename(k: KpiView): string {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  return `kpis_${scopeOf(k.filter).replace(/[^A-Za-z0-9_.-]+/g, '-')}_${day(k.from)}_${day(k.to)}.csv`;
}
