/**
 * Test support: the whole server (database file, plant, services, bus, HTTP
 * app, SQLite telemetry store) in a temp folder, with a clock the test moves.
 */
import { join } from 'node:path';
import { createSqliteTelemetryStore } from '../../gateway/telemetry-store/sqlite-telemetry-store';
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import type { AnomalyEvent } from '../detection/types';
import { createEventBus, type EventBus } from '../events/event-bus';
import type { Role } from '../auth/roles';
import { createApp } from '../http/app';
import { syncPlant } from '../plant-sync';
import { createServices, type Services } from '../services';
import { syncSiteCalendars } from '../sla/site-calendars';
import type { Plant } from '../../contract/plant';
import { openTestDatabase, silentLogger, testPlant, type TestDatabase } from './test-database';

/** Tuesday 2026-03-10 08:00 UTC = 09:00 in Berlin (the test plant's zone), inside the default early shift. */
export const T0 = Date.UTC(2026, 2, 10, 8, 0, 0);

export interface TestServer extends TestDatabase {
  /** The app; requests without an Authorization header are sent as the test admin. */
  app: ReturnType<typeof createApp>;
  /** The app without the default token. */
  rawApp: ReturnType<typeof createApp>;
  adminToken: string;
  /** A new token of that role. */
  tokenFor(role: Role, name?: string): string;
  services: Services;
  bus: EventBus;
  telemetryStore: TelemetryStore;
  clock: { now: number };
  /** Closes store and database, removes the folder. */
  close(): Promise<void>;
}

export function createTestServer(
  options: { dashboardDir?: string; telemetryStore?: TelemetryStore; sseHeartbeatMs?: number; plant?: Plant } = {},
): TestServer {
  const test = openTestDatabase();
  const clock = { now: T0 };
  const now = () => clock.now;
  const plant = options.plant ?? testPlant();
  syncPlant(test.database, plant, T0);
  syncSiteCalendars(test.database, plant);
  const bus = createEventBus();
  const telemetryStore = options.telemetryStore ?? createSqliteTelemetryStore({ file: join(test.dir, 'telemetry.sqlite') });
  const deps = { database: test.database, bus, now, logger: silentLogger };
  const services = createServices(deps);
  const rawApp = createApp({ ...deps, services, telemetryStore, dashboardDir: options.dashboardDir, sseHeartbeatMs: options.sseHeartbeatMs });
  // Requests act as an admin unless they bring their own Authorization header (or `tokenFor` another role).
  const admin = services.tokens.create({ name: 'test-admin', role: 'admin', createdBy: 'test' });
  const app = withDefaultToken(rawApp, admin.token);
  return {
    ...test,
    app,
    rawApp,
    adminToken: admin.token,
    tokenFor: (role: Role, name = `test-${role}`) => services.tokens.create({ name, role, createdBy: 'test' }).token,
    services,
    bus,
    telemetryStore,
    clock,
    close: async () => {
      await telemetryStore.close();
      test.cleanup();
    },
  };
}

/** The same app, but requests without an Authorization header carry `token`. */
export function withDefaultToken<A extends ReturnType<typeof createApp>>(app: A, token: string): A {
  const request: A['request'] = (input, init, ...rest) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    return app.request(input, { ...init, headers }, ...rest);
  };
  return new Proxy(app, { get: (target, prop, receiver) => (prop === 'request' ? request : Reflect.get(target, prop, receiver)) });
}

/** A vibration event on P-104 (rule class.pump.vibration v1), warn 2.8 mm/s crossed at 3.1. */
export function anomalyEvent(overrides: Partial<AnomalyEvent> = {}): AnomalyEvent {
  return {
    type: 'raised',
    deviceId: 'P-104',
    metric: 'vibration',
    ruleId: 'class.pump.vibration',
    ruleVersion: 1,
    failureMode: 'vibration-high',
    severity: 'warn',
    ts: T0 - 1000,
    startedAt: T0 - 301_000,
    value: 3.1,
    limit: 2.8,
    recent: [
      [T0 - 2000, 3.0],
      [T0 - 1000, 3.1],
    ],
    ...overrides,
  };
}

/** JSON request helpers over app.request. */
export async function getJson<T = unknown>(app: TestServer['app'], path: string): Promise<{ status: number; body: T }> {
  const res = await app.request(path);
  return { status: res.status, body: (await res.json()) as T };
}

export async function postJson<T = unknown>(app: TestServer['app'], path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function sendJson<T>(app: TestServer['app'], method: 'PUT' | 'DELETE', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await app.request(path, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export const putJson = <T = unknown>(app: TestServer['app'], path: string, body: unknown) => sendJson<T>(app, 'PUT', path, body);

/** DELETE, with a JSON body only when one is given. */
export const deleteJson = <T = unknown>(app: TestServer['app'], path: string, body?: unknown) => sendJson<T>(app, 'DELETE', path, body);
