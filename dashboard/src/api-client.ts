/**
 * The HTTP API as typed functions. Every failure becomes an ApiRequestError
 * carrying the server's message, so views can show it as it is.
 */
import type {
  DeadLetterView,
  DeviceView,
  LineView,
  OutcomeInput,
  TelemetryView,
  TimelineEntryView,
  TransitionRequest,
  WorkOrderStatus,
  WorkOrderView,
} from '../../server/http/api-types';
import { getActor } from './actor-store';
import { errorCode, errorMessage, toList, type ListBody } from './lib/api-response';
import type { StatusFilter } from './lib/route';
import { ACTIVE_STATUSES } from './lib/work-order-status';
import { compareNewestFirst } from './lib/work-order-list-state';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

export type WorkOrderDetail = WorkOrderView & {
  timeline: TimelineEntryView[];
  /** The server's own list of next statuses, when it sends one. */
  allowedTransitions?: WorkOrderStatus[];
};

async function request<T>(path: string, init: RequestInit & { signal?: AbortSignal } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'network', 'Cannot reach the server. Check the network connection.');
  }
  const text = await res.text();
  let body: unknown = text;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!res.ok) throw new ApiRequestError(res.status, errorCode(body), errorMessage(res.status, body));
  return body as T;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export interface WorkOrderQuery {
  filter: StatusFilter;
  deviceId?: string;
  limit?: number;
  offset?: number;
  signal?: AbortSignal;
}

/**
 * Work orders newest first. The API takes a comma-separated status list, so
 * "active" is one request for every active status.
 */
export async function listWorkOrders(q: WorkOrderQuery): Promise<ListBody<WorkOrderView>> {
  const { filter, deviceId, limit = 100, offset = 0, signal } = q;
  const status = filter === 'all' ? undefined : filter === 'active' ? ACTIVE_STATUSES.join(',') : filter;
  const page = toList<WorkOrderView>(await request(`/work-orders${query({ status, deviceId, limit, offset })}`, { signal }));
  return { items: page.items.slice().sort(compareNewestFirst), total: page.total };
}

export function getWorkOrder(id: number, signal?: AbortSignal): Promise<WorkOrderDetail> {
  return request<WorkOrderDetail>(`/work-orders/${id}`, { signal }).then((wo) => ({ ...wo, timeline: wo.timeline ?? [] }));
}

export function transitionWorkOrder(id: number, to: WorkOrderStatus, note?: string, outcome?: OutcomeInput): Promise<unknown> {
  const actor = getActor();
  const body: TransitionRequest = { to, ...(note ? { note } : {}), ...(outcome ? { outcome } : {}), ...(actor ? { actor } : {}) };
  return request(`/work-orders/${id}/transition`, { method: 'POST', body: JSON.stringify(body) });
}

export function commentOnWorkOrder(id: number, text: string): Promise<unknown> {
  const actor = getActor();
  return request(`/work-orders/${id}/comments`, { method: 'POST', body: JSON.stringify(actor ? { text, actor } : { text }) });
}

export async function listDevices(signal?: AbortSignal): Promise<DeviceView[]> {
  return toList<DeviceView>(await request('/devices', { signal })).items;
}

export function getDevice(id: string, signal?: AbortSignal): Promise<DeviceView> {
  return request<DeviceView>(`/devices/${encodeURIComponent(id)}`, { signal });
}

/**
 * The last hour of a device's samples. Without from/to the server picks the
 * window, ending at the newest sample when a simulated plant runs ahead of the
 * wall clock; pass them only for a fixed window.
 */
export function getTelemetry(id: string, signal?: AbortSignal, window?: { from: number; to: number }): Promise<TelemetryView> {
  return request<TelemetryView>(`/devices/${encodeURIComponent(id)}/telemetry${query({ from: window?.from, to: window?.to })}`, { signal }).then((t) => ({
    ...t,
    points: t.points ?? [],
    limits: t.limits ?? [],
  }));
}

export async function listLines(signal?: AbortSignal): Promise<LineView[]> {
  return toList<LineView>(await request('/lines', { signal })).items;
}

export interface DeadLetterPage extends ListBody<DeadLetterView> {
  /** Counts over all stored dead letters, when the server sends them. */
  countsByReason: Record<string, number> | null;
}

export async function listDeadLetters(limit: number, signal?: AbortSignal): Promise<DeadLetterPage> {
  const body: unknown = await request(`/dead-letters${query({ limit })}`, { signal });
  const counts = (body as { countsByReason?: unknown } | null)?.countsByReason;
  const countsByReason =
    counts && typeof counts === 'object' && Object.values(counts).every((n) => typeof n === 'number') ? (counts as Record<string, number>) : null;
  return { ...toList<DeadLetterView>(body), countsByReason };
}

export function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
