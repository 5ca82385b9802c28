/**
 * The HTTP API as typed functions. Every failure becomes an ApiRequestError
 * carrying the server's message, so views can show it as it is.
 */
import type {
  CreateWorkOrderRequest,
  DeadLetterView,
  DeviceView,
  MaintenancePlanView,
  HoldReason,
  LineStateView,
  LineView,
  OutcomeInput,
  Priority,
  SetPriorityRequest,
  TelemetryView,
  TimelineEntryView,
  TransitionRequest,
  WorkOrderNotificationView,
  WorkOrderStatus,
  WorkOrderView,
} from '../../server/http/api-types';
import { getToken, reportUnauthorized } from './auth-store';
import { errorCode, errorIssues, errorMessage, toList, type ListBody } from './lib/api-response';
import { authHeaders } from './lib/auth-token';
import { parseMe, type Me } from './lib/permissions';
import { compareQueueOrder } from './lib/priority';
import type { StatusFilter } from './lib/route';
import { ACTIVE_STATUSES } from './lib/work-order-status';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    /** Field errors of a 400, `{ path, message }` each (e.g. `warn`, `changes.0.alarm`). */
    readonly issues: ReadonlyArray<{ path: string; message: string }> = [],
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

interface RequestOptions extends RequestInit {
  signal?: AbortSignal;
  /** Try this token instead of the stored one (signing in); a 401 then is the caller's business. */
  token?: string;
}

/**
 * Every call carries the stored token as a bearer header. A 401 (no token,
 * unknown or revoked) is reported app-wide, which brings up the sign-in
 * screen; a 403 is an ordinary error carrying the server's message.
 */
export async function request<T>(path: string, init: RequestOptions = {}): Promise<T> {
  const { token: trial, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      ...rest,
      headers: {
        accept: 'application/json',
        ...(rest.body ? { 'content-type': 'application/json' } : {}),
        ...authHeaders(trial ?? getToken()),
        ...rest.headers,
      },
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
  if (!res.ok) {
    const error = new ApiRequestError(res.status, errorCode(body), errorMessage(res.status, body), errorIssues(body));
    if (res.status === 401 && trial === undefined) reportUnauthorized(error.message);
    throw error;
  }
  return body as T;
}

export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Who the token belongs to. `token` checks a token before it is stored. */
export async function getMe(options: { token?: string; signal?: AbortSignal } = {}): Promise<Me> {
  const me = parseMe(await request('/me', options));
  if (!me) throw new ApiRequestError(200, 'bad-response', 'The server did not say who this token belongs to.');
  return me;
}

export interface WorkOrderQuery {
  filter: StatusFilter;
  /** Only these priorities; none or [] for all. */
  priorities?: readonly Priority[];
  deviceId?: string;
  limit?: number;
  offset?: number;
  signal?: AbortSignal;
}

/**
 * Work orders, most urgent priority first and newest first within it (the
 * server's default sort). The API takes comma-separated status and priority
 * lists, so "active" is one request for every active status.
 */
export async function listWorkOrders(q: WorkOrderQuery): Promise<ListBody<WorkOrderView>> {
  const { filter, priorities = [], deviceId, limit = 100, offset = 0, signal } = q;
  const status = filter === 'all' ? undefined : filter === 'active' ? ACTIVE_STATUSES.join(',') : filter;
  const priority = priorities.length ? priorities.join(',') : undefined;
  const page = toList<WorkOrderView>(await request(`/work-orders${query({ status, priority, deviceId, limit, offset })}`, { signal }));
  return { items: page.items.slice().sort(compareQueueOrder), total: page.total };
}

export function getWorkOrder(id: number, signal?: AbortSignal): Promise<WorkOrderDetail> {
  return request<WorkOrderDetail>(`/work-orders/${id}`, { signal }).then((wo) => ({ ...wo, timeline: wo.timeline ?? [] }));
}

export interface TransitionExtras {
  note?: string;
  outcome?: OutcomeInput;
  /** Required for (and only sent with) on-hold. */
  holdReason?: HoldReason;
}

/** Who did it comes from the token; no `actor` is sent. */
export function transitionWorkOrder(id: number, to: WorkOrderStatus, extras: TransitionExtras = {}): Promise<WorkOrderDetail> {
  const { note, outcome, holdReason } = extras;
  const body: TransitionRequest = { to, ...(note ? { note } : {}), ...(outcome ? { outcome } : {}), ...(holdReason && to === 'on-hold' ? { holdReason } : {}) };
  return request(`/work-orders/${id}/transition`, { method: 'POST', body: JSON.stringify(body) });
}

export function commentOnWorkOrder(id: number, text: string): Promise<unknown> {
  return request(`/work-orders/${id}/comments`, { method: 'POST', body: JSON.stringify({ text }) });
}

export function createWorkOrder(body: CreateWorkOrderRequest): Promise<WorkOrderDetail> {
  return request<WorkOrderDetail>('/work-orders', { method: 'POST', body: JSON.stringify(body) });
}

/** Planner/admin: override the computed priority; the reason is required. */
export function setWorkOrderPriority(id: number, priority: Priority, reason: string): Promise<WorkOrderDetail> {
  const body: SetPriorityRequest = { priority, reason };
  return request<WorkOrderDetail>(`/work-orders/${id}/priority`, { method: 'PUT', body: JSON.stringify(body) });
}

/** Planner/admin: drop the override; the computed priority applies again. */
export function clearWorkOrderPriority(id: number): Promise<WorkOrderDetail> {
  return request<WorkOrderDetail>(`/work-orders/${id}/priority`, { method: 'DELETE' });
}

/** SLA warnings, escalations and stall flags of one order, oldest first. */
export async function listWorkOrderNotifications(id: number, signal?: AbortSignal): Promise<WorkOrderNotificationView[]> {
  return toList<WorkOrderNotificationView>(await request(`/work-orders/${id}/notifications`, { signal })).items;
}

/** Every line's state for the disturbance map, in line order. */
export async function listLineStates(signal?: AbortSignal): Promise<LineStateView[]> {
  return toList<LineStateView>(await request('/lines/states', { signal })).items.map((l) => ({ ...l, reasons: l.reasons ?? [], chain: l.chain ?? [] }));
}

export async function listDevices(signal?: AbortSignal): Promise<DeviceView[]> {
  return toList<DeviceView>(await request('/devices', { signal })).items;
}

/** The maintenance plans of one device, with where each stands. */
export async function listMaintenancePlans(deviceId: string, signal?: AbortSignal): Promise<MaintenancePlanView[]> {
  return toList<MaintenancePlanView>(await request(`/maintenance-plans${query({ deviceId })}`, { signal })).items;
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
