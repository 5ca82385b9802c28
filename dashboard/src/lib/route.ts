/**
 * Hash routes: parse `location.hash` into a Route and build hrefs back.
 *
 *   #/                        work-order queue (?status=active|all|<status>&priority=P0,P1)
 *   #/work-orders/new         new work order (?deviceId=P-104 preselects the device)
 *   #/work-orders/:id         one work order
 *   #/map                     disturbance map (?line=<id> opens its chain, ?order=state puts problems first,
 *                             ?kiosk=1 the wall-screen variant)
 *   #/devices                 devices by line
 *   #/devices/:id             one device
 *   #/dead-letters            rejected messages
 *   #/rules                   rules by equipment class and metric, with precision
 *   #/rules/:id               one rule: edit, backtest against history, save
 *   #/kpis                    maintenance KPIs (?siteId=&lineId=&deviceId=&period=7d|30d|90d)
 */
import type { Priority, WorkOrderStatus } from '../../../server/http/api-types';
import { parsePriorityFilter } from './priority';
import { isStatus } from './work-order-status';

/** Which orders the queue shows: active work (default), everything, or one status. */
export type StatusFilter = 'active' | 'all' | WorkOrderStatus;

/** Map tiles in line order (stable places, the default) or problems first. */
export type TileOrder = 'line' | 'state';

export type Route =
  | { name: 'work-orders'; filter: StatusFilter; priorities: Priority[] }
  | { name: 'work-order'; id: number }
  | { name: 'new-work-order'; deviceId: string | null }
  | { name: 'map'; kiosk: boolean; lineId: string | null; order: TileOrder }
  | { name: 'devices' }
  | { name: 'device'; id: string }
  | { name: 'dead-letters' }
  | { name: 'rules' }
  | { name: 'rule'; id: string }
  | { name: 'kpis'; filter: KpiFilter }
  | { name: 'not-found'; path: string };

export type Section = 'work-orders' | 'map' | 'devices' | 'dead-letters' | 'rules' | 'kpis';

/** KPI periods the view offers, in days back from now. */
export const KPI_PERIODS = ['7d', '30d', '90d'] as const;
export type KpiPeriod = (typeof KPI_PERIODS)[number];

export interface KpiFilter {
  siteId: string | null;
  lineId: string | null;
  deviceId: string | null;
  period: KpiPeriod;
}

export function parseKpiPeriod(value: string | null | undefined): KpiPeriod {
  return (KPI_PERIODS as readonly string[]).includes(value ?? '') ? (value as KpiPeriod) : '30d';
}

export function parseStatusFilter(value: string | null | undefined): StatusFilter {
  if (value === 'all') return 'all';
  if (value && isStatus(value)) return value;
  return 'active';
}

function flag(value: string | null): boolean {
  return value !== null && !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const segments = pathPart
    .split('/')
    .filter((s) => s !== '')
    .map(safeDecode);
  const notFound: Route = { name: 'not-found', path: `/${pathPart.replace(/^\//, '')}` };
  if (segments.some((s) => s === null)) return notFound;
  const [first, second, ...rest] = segments as string[];
  const queue = (): Route => ({ name: 'work-orders', filter: parseStatusFilter(params.get('status')), priorities: parsePriorityFilter(params.get('priority')) });

  if (first === undefined) return queue();
  if (first === 'work-orders' && rest.length === 0) {
    if (second === undefined) return queue();
    if (second === 'new') return { name: 'new-work-order', deviceId: params.get('deviceId') || null };
    if (/^[1-9]\d{0,14}$/.test(second)) return { name: 'work-order', id: Number(second) };
  }
  if (first === 'map' && second === undefined) {
    return { name: 'map', kiosk: flag(params.get('kiosk')), lineId: params.get('line') || null, order: params.get('order') === 'state' ? 'state' : 'line' };
  }
  if (first === 'devices' && rest.length === 0) {
    if (second === undefined) return { name: 'devices' };
    return { name: 'device', id: second };
  }
  if (first === 'dead-letters' && second === undefined) return { name: 'dead-letters' };
  if (first === 'rules' && rest.length === 0) return second === undefined ? { name: 'rules' } : { name: 'rule', id: second };
  if (first === 'kpis' && second === undefined) {
    const id = (k: string) => params.get(k)?.trim() || null;
    return { name: 'kpis', filter: { siteId: id('siteId'), lineId: id('lineId'), deviceId: id('deviceId'), period: parseKpiPeriod(params.get('period')) } };
  }
  return notFound;
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The nav section a route belongs to (for highlighting the top bar). */
export function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'work-orders':
    case 'work-order':
    case 'new-work-order':
      return 'work-orders';
    case 'map':
      return 'map';
    case 'devices':
    case 'device':
      return 'devices';
    case 'dead-letters':
      return 'dead-letters';
    case 'rules':
    case 'rule':
      return 'rules';
    case 'kpis':
      return 'kpis';
    case 'not-found':
      return null;
  }
}

function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString().replace(/%2C/gi, ',');
  return s ? `${path}?${s}` : path;
}

export const href = {
  workOrders(filter: StatusFilter = 'active', priorities: readonly Priority[] = []): string {
    return withQuery('#/', { status: filter === 'active' ? null : filter, priority: priorities.join(',') });
  },
  workOrder(id: number): string {
    return `#/work-orders/${id}`;
  },
  newWorkOrder(deviceId?: string | null): string {
    return withQuery('#/work-orders/new', { deviceId });
  },
  map(options: { kiosk?: boolean; lineId?: string | null; order?: TileOrder } = {}): string {
    return withQuery('#/map', { kiosk: options.kiosk ? '1' : null, line: options.lineId, order: options.order === 'state' ? 'state' : null });
  },
  devices(): string {
    return '#/devices';
  },
  device(id: string): string {
    return `#/devices/${encodeURIComponent(id)}`;
  },
  deadLetters(): string {
    return '#/dead-letters';
  },
  rules(): string {
    return '#/rules';
  },
  rule(id: string): string {
    return `#/rules/${encodeURIComponent(id)}`;
  },
  kpis(filter: Partial<KpiFilter> = {}): string {
    return withQuery('#/kpis', { siteId: filter.siteId, lineId: filter.lineId, deviceId: filter.deviceId, period: filter.period === '30d' ? null : filter.period });
  },
};

/**
 * Stable key of a route: the same key means the same view and data. Routes
 * that differ only in what is selected (the map's open line, its tile order)
 * share a key; the view is told through View.update.
 */
export function routeKey(route: Route): string {
  switch (route.name) {
    case 'work-orders':
      return `work-orders:${route.filter}:${route.priorities.join(',')}`;
    case 'work-order':
      return `work-order:${route.id}`;
    case 'new-work-order':
      return `new-work-order:${route.deviceId ?? ''}`;
    case 'map':
      return `map:${route.kiosk ? 'kiosk' : 'desk'}`;
    case 'device':
      return `device:${route.id}`;
    case 'rule':
      return `rule:${route.id}`;
    case 'kpis':
      return `kpis:${route.filter.siteId ?? ''}:${route.filter.lineId ?? ''}:${route.filter.deviceId ?? ''}:${route.filter.period}`;
    case 'not-found':
      return `not-found:${route.path}`;
    default:
      return route.name;
  }
}
