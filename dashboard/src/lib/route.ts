/**
 * Hash routes: parse `location.hash` into a Route and build hrefs back.
 *
 *   #/                        work-order queue (?status=active|all|<status>)
 *   #/work-orders/:id         one work order
 *   #/devices                 devices by line
 *   #/devices/:id             one device
 *   #/dead-letters            rejected messages
 */
import type { WorkOrderStatus } from '../../../server/http/api-types';
import { isStatus } from './work-order-status';

/** Which orders the queue shows: active work (default), everything, or one status. */
export type StatusFilter = 'active' | 'all' | WorkOrderStatus;

export type Route =
  | { name: 'work-orders'; filter: StatusFilter }
  | { name: 'work-order'; id: number }
  | { name: 'devices' }
  | { name: 'device'; id: string }
  | { name: 'dead-letters' }
  | { name: 'not-found'; path: string };

export type Section = 'work-orders' | 'devices' | 'dead-letters';

export function parseStatusFilter(value: string | null | undefined): StatusFilter {
  if (value === 'all') return 'all';
  if (value && isStatus(value)) return value;
  return 'active';
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const segments = pathPart
    .split('/')
    .filter((s) => s !== '')
    .map(safeDecode);
  if (segments.some((s) => s === null)) return { name: 'not-found', path: `/${pathPart.replace(/^\//, '')}` };
  const [first, second, ...rest] = segments as string[];

  if (first === undefined) return { name: 'work-orders', filter: parseStatusFilter(params.get('status')) };
  if (first === 'work-orders' && rest.length === 0) {
    if (second === undefined) return { name: 'work-orders', filter: parseStatusFilter(params.get('status')) };
    if (/^[1-9]\d{0,14}$/.test(second)) return { name: 'work-order', id: Number(second) };
  }
  if (first === 'devices' && rest.length === 0) {
    if (second === undefined) return { name: 'devices' };
    return { name: 'device', id: second };
  }
  if (first === 'dead-letters' && second === undefined) return { name: 'dead-letters' };
  return { name: 'not-found', path: `/${pathPart.replace(/^\//, '')}` };
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
      return 'work-orders';
    case 'devices':
    case 'device':
      return 'devices';
    case 'dead-letters':
      return 'dead-letters';
    case 'not-found':
      return null;
  }
}

export const href = {
  workOrders(filter: StatusFilter = 'active'): string {
    return filter === 'active' ? '#/' : `#/?status=${encodeURIComponent(filter)}`;
  },
  workOrder(id: number): string {
    return `#/work-orders/${id}`;
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
};

/** Stable key of a route: the same key means the same view and data. */
export function routeKey(route: Route): string {
  switch (route.name) {
    case 'work-orders':
      return `work-orders:${route.filter}`;
    case 'work-order':
      return `work-order:${route.id}`;
    case 'device':
      return `device:${route.id}`;
    case 'not-found':
      return `not-found:${route.path}`;
    default:
      return route.name;
  }
}
