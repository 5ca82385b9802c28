/**
 * Test support: the test server plus a line-state tracker and an app with the
 * line routes wired as the composition root should wire them (feeds edits
 * refresh the tracker), under /api with the one error handler.
 */
import { Hono } from 'hono';
import type { ServerEvent } from '../events/event-bus';
import { createErrorHandler } from '../http/errors';
import { createLineStateTracker, lineStateRoutes, type LineStateTracker } from '../line-states';
import { lineRoutes } from '../lines';
import { silentLogger } from './test-database';
import { createTestServer, type TestServer } from './test-server';

export interface LineStateTestServer extends TestServer {
  tracker: LineStateTracker;
  /** /api/lines... routes only. */
  lineApp: Hono;
  /** Every 'line-state' event published so far. */
  lineEvents: Array<Extract<ServerEvent, { name: 'line-state' }>['data']>;
}

export function createLineStateTestServer(): LineStateTestServer {
  const server = createTestServer();
  const now = () => server.clock.now;
  const tracker = createLineStateTracker({ database: server.database, bus: server.bus });
  const lineEvents: LineStateTestServer['lineEvents'] = [];
  server.bus.subscribe((event) => {
    if (event.name === 'line-state') lineEvents.push(event.data);
  });
  const api = new Hono()
    .route('/', lineRoutes(server.services.lines, { onFeedsChanged: () => tracker.refresh(now(), { graphChanged: true }) }))
    .route('/', lineStateRoutes({ tracker, now }));
  const lineApp = new Hono();
  lineApp.onError(createErrorHandler(silentLogger));
  lineApp.route('/api', api);
  return { ...server, tracker, lineApp, lineEvents };
}

/** JSON request with a body (PUT, POST) over app.request. */
export async function sendJson<T = unknown>(app: Hono, method: string, path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await app.request(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}
