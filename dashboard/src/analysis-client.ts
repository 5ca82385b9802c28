/**
 * The API calls of the rules, tuning, KPI and history views: rules and their
 * precision, saves with optimistic locking, backtests, KPIs (JSON and the CSV
 * as a download), and long telemetry ranges. Errors are ApiRequestErrors with
 * the server's field issues (see api-client.ts).
 */
import type {
  BacktestRequest,
  BacktestResultView,
  DeviceEffectiveRulesView,
  KpiView,
  RulePrecisionView,
  TelemetryView,
  UpdateRuleRequest,
} from '../../server/http/api-types';
import { ApiRequestError, query, request } from './api-client';
import { getToken } from './auth-store';
import { errorMessage } from './lib/api-response';
import { authHeaders } from './lib/auth-token';
import { HISTORY_POINT_LIMIT } from './lib/history-range';
import type { RuleLike } from './lib/rule-editor';

export function listRules(signal?: AbortSignal): Promise<RuleLike[]> {
  return request<RuleLike[]>('/rules', { signal });
}

export function getRule(id: string, signal?: AbortSignal): Promise<RuleLike> {
  return request<RuleLike>(`/rules/${encodeURIComponent(id)}`, { signal });
}

export function listRulePrecision(signal?: AbortSignal): Promise<RulePrecisionView[]> {
  return request<RulePrecisionView[]>('/rules/precision', { signal });
}

export function listEffectiveRules(signal?: AbortSignal): Promise<DeviceEffectiveRulesView[]> {
  return request<DeviceEffectiveRulesView[]>('/rules/effective', { signal });
}

/**
 * Saves an edit. `expectedVersion` is the version the edit started from: a
 * 409 'version-conflict' means someone saved in between.
 */
export function saveRule(id: string, body: UpdateRuleRequest): Promise<RuleLike> {
  return request<RuleLike>(`/rules/${encodeURIComponent(id)}`, { method: 'PUT', body: JSON.stringify(body) });
}

export function runBacktest(body: BacktestRequest, signal?: AbortSignal): Promise<BacktestResultView> {
  return request<BacktestResultView>('/backtests', { method: 'POST', body: JSON.stringify(body), signal });
}

export interface KpiQuery {
  from: number;
  to: number;
  siteId?: string | null;
  lineId?: string | null;
  deviceId?: string | null;
}

export function getKpis(q: KpiQuery, signal?: AbortSignal): Promise<KpiView> {
  return request<KpiView>(`/kpis${query({ ...q })}`, { signal });
}

/**
 * The KPI CSV, fetched with the token (a plain link could not send it) and
 * handed to the browser as a download named by the server.
 */
export async function downloadKpiCsv(q: KpiQuery): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/kpis.csv${query({ ...q })}`, { headers: { accept: 'text/csv', ...authHeaders(getToken()) } });
  } catch {
    throw new ApiRequestError(0, 'network', 'Cannot reach the server. Check the network connection.');
  }
  if (!res.ok) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: show the text
    }
    throw new ApiRequestError(res.status, null, errorMessage(res.status, body));
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'kpis.csv';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** Samples of a fixed window, up to the API's cap (oldest first). */
export function getTelemetryRange(id: string, window: { from: number; to: number }, signal?: AbortSignal, limit = HISTORY_POINT_LIMIT, maxPoints?: number): Promise<TelemetryView> {
  return request<TelemetryView>(`/devices/${encodeURIComponent(id)}/telemetry${query({ from: window.from, to: window.to, limit, maxPoints })}`, { signal }).then((t) => ({
    ...t,
    points: t.points ?? [],
    limits: t.limits ?? [],
  }));
}

/** The newest sample time of a device (the window the server picks ends there when it is ahead of now). */
export async function newestSampleAt(id: string, signal?: AbortSignal): Promise<number> {
  const t = await request<TelemetryView>(`/devices/${encodeURIComponent(id)}/telemetry${query({ limit: 1 })}`, { signal });
  return t.to;
}
