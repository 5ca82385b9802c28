import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryStore } from '../../gateway/telemetry-store/telemetry-store';
import { createTestServer, getJson, type TestServer } from '../testing/test-server';
import type { ApiError } from './api-types';
import type { HealthView } from './app';

describe('HTTP app', () => {
  let server: TestServer | undefined;
  const dashboardDirs: string[] = [];
  afterEach(async () => {
    await server?.close();
    server = undefined;
    for (const dir of dashboardDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('reports health', async () => {
    server = createTestServer();
    const { status, body } = await getJson<HealthView>(server.app, '/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', now: server.clock.now, telemetryStore: server.telemetryStore.kind });
  });

  it('answers unknown API routes with 404 in the error shape', async () => {
    server = createTestServer();
    expect(await getJson<ApiError>(server.app, '/api/no-such-thing')).toEqual({
      status: 404,
      body: { error: { code: 'not-found', message: 'no route GET /api/no-such-thing' } },
    });
    const res = await server.app.request('/api/devices', { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as ApiError).error.code).toBe('not-found');
  });

  it('turns an unexpected failure into a 500 without internals', async () => {
    const broken: TelemetryStore = {
      kind: 'broken',
      write: async () => ({ written: 0, duplicates: 0 }),
      query: async () => {
        throw new Error('disk on fire at /var/lib/secret');
      },
      buckets: async () => [],
      latest: async () => null,
      lastSeq: async () => null,
      count: async () => 0,
      applyRetention: async () => 0,
      close: async () => {},
    };
    server = createTestServer({ telemetryStore: broken });
    const res = await server.app.request('/api/devices/P-104/telemetry');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'internal server error; the details are in the server log' } });
    expect(text).not.toContain('secret');
  });

  it('says how to build the dashboard when there is none', async () => {
    server = createTestServer({ dashboardDir: '/nonexistent/dashboard' });
    const res = await server.app.request('/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:dashboard');
  });

  it('serves the built dashboard: index at /, assets, and index for client-side routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdm-dashboard-'));
    dashboardDirs.push(dir);
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>PdM</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    server = createTestServer({ dashboardDir: dir });

    const index = await server.app.request('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('<title>PdM</title>');

    const asset = await server.app.request('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');

    expect(await (await server.app.request('/work-orders/42')).text()).toContain('<title>PdM</title>');
    expect((await server.app.request('/assets/missing.js')).status).toBe(404);
  });
});
