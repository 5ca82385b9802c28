/**
 * The one table of which permission each API route needs. A route missing
 * here is refused (403) for everyone, so a new endpoint is closed until it
 * is listed; a test checks that every route of the app is listed.
 */
import type { Permission } from './roles';

export type RouteRule = { method: string; path: string; permission: Permission | 'public' };

export const ROUTE_PERMISSIONS: readonly RouteRule[] = [
  { method: 'GET', path: '/api/health', permission: 'public' },
  { method: 'GET', path: '/metrics', permission: 'read' },
  { method: 'GET', path: '/api/*', permission: 'read' },
  { method: 'POST', path: '/api/work-orders', permission: 'work-order.create' },
  { method: 'POST', path: '/api/anomalies/:id/acknowledge', permission: 'work-order.comment' },
  { method: 'POST', path: '/api/work-orders/:id/transition', permission: 'work-order.transition' },
  { method: 'POST', path: '/api/work-orders/:id/comments', permission: 'work-order.comment' },
  { method: 'PUT', path: '/api/work-orders/:id/priority', permission: 'work-order.plan' },
  { method: 'DELETE', path: '/api/work-orders/:id/priority', permission: 'work-order.plan' },
  { method: 'POST', path: '/api/work-orders/:id/assign', permission: 'work-order.plan' },
  { method: 'PUT', path: '/api/work-orders/:id/requirements', permission: 'work-order.plan' },
  { method: 'POST', path: '/api/technicians', permission: 'technicians.manage' },
  { method: 'PATCH', path: '/api/technicians/:id', permission: 'technicians.manage' },
  { method: 'DELETE', path: '/api/technicians/:id', permission: 'technicians.manage' },
  { method: 'POST', path: '/api/maintenance-plans', permission: 'maintenance-plans.manage' },
  { method: 'PATCH', path: '/api/maintenance-plans/:id', permission: 'maintenance-plans.manage' },
  { method: 'DELETE', path: '/api/maintenance-plans/:id', permission: 'maintenance-plans.manage' },
  { method: 'PUT', path: '/api/lines/:id/feeds', permission: 'lines.edit' },
  { method: 'POST', path: '/api/rules', permission: 'rules.edit' },
  { method: 'PUT', path: '/api/rules/:id', permission: 'rules.edit' },
  // Read-only but costly (replays up to millions of points): for the people who own the rules.
  { method: 'POST', path: '/api/backtests', permission: 'rules.edit' },
  { method: 'GET', path: '/api/tokens', permission: 'tokens.manage' },
  { method: 'POST', path: '/api/tokens', permission: 'tokens.manage' },
  { method: 'DELETE', path: '/api/tokens/:id', permission: 'tokens.manage' },
  // Webhook URLs and delivery logs reveal integrations: reading them is for admins too.
  { method: 'GET', path: '/api/webhooks', permission: 'webhooks.manage' },
  { method: 'GET', path: '/api/webhooks/*', permission: 'webhooks.manage' },
  { method: 'POST', path: '/api/webhooks', permission: 'webhooks.manage' },
  { method: 'PATCH', path: '/api/webhooks/:id', permission: 'webhooks.manage' },
  { method: 'DELETE', path: '/api/webhooks/:id', permission: 'webhooks.manage' },
  { method: 'POST', path: '/api/webhooks/:id/ping', permission: 'webhooks.manage' },
  { method: 'POST', path: '/api/webhooks/:id/deliveries/:deliveryId/redeliver', permission: 'webhooks.manage' },
];

const compiled = ROUTE_PERMISSIONS.map((r) => ({
  ...r,
  specificity: r.path.split('/').filter((s) => s && s !== '*' && !s.startsWith(':')).length * 10 - (r.path.endsWith('*') ? 5 : 0),
  regex: new RegExp(
    '^' +
      r.path
        .split('/')
        .map((s) => (s === '*' ? '.*' : s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/') +
      '$',
  ),
}));

/** The permission a request needs, or null when no rule covers it (refused). The most specific rule wins. */
export function permissionFor(method: string, path: string): Permission | 'public' | null {
  const m = method === 'HEAD' ? 'GET' : method;
  let best: (typeof compiled)[number] | null = null;
  for (const r of compiled) {
    if (r.method === m && r.regex.test(path) && (!best || r.specificity > best.specificity)) best = r;
  }
  return best?.permission ?? null;
}
