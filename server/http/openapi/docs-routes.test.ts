import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../../test/support/browser';
import { createTestServer, type TestServer } from '../../testing/test-server';

describe('the API reference page at /docs', () => {
  let server: TestServer;
  let http: Server;
  let base: string;

  beforeAll(async () => {
    server = createTestServer();
    http = serve({ fetch: server.rawApp.fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise<void>((resolve) => (http.listening ? resolve() : http.once('listening', () => resolve())));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => http?.close(resolve));
    await server?.close();
  });

  it('serves the page and every asset it references without a token', async () => {
    for (const path of ['/docs', '/docs/']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    }
    const html = await (await fetch(`${base}/docs`)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/docs\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/docs-init.js']));
    expect(html).not.toMatch(/https?:\/\//); // nothing from a CDN
    for (const asset of assets) {
      const res = await fetch(base + asset);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
    }
    expect(await (await fetch(`${base}/docs/docs-init.js`)).text()).toContain("localStorage.getItem(\"pdm.token\")");
  });

  it('serves the same document publicly as /api/openapi.json does behind the token', async () => {
    const open = await fetch(`${base}/docs/openapi.json`);
    expect(open.status).toBe(200);
    const behind = await fetch(`${base}/api/openapi.json`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(await open.json()).toEqual(await behind.json());
    expect((await fetch(`${base}/api/openapi.json`)).status).toBe(401);
  });

  it('answers 404 for other files under /docs instead of the dashboard', async () => {
    for (const path of ['/docs/package.json', '/docs/nothing.js', '/docs/x/y']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: 'not-found' } });
    }
  });

  it('renders the operations in a real browser, with Authorize taking the dashboard’s saved token', { timeout: 60_000 }, async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/docs`);
      await page.evaluate((token) => localStorage.setItem('pdm.token', token), server.adminToken);
      await page.reload();
      const tag = page.locator('.opblock-tag[data-tag="work-orders"]');
      await tag.waitFor({ timeout: 20_000 });
      expect(await page.locator('.opblock-summary-path[data-path="/api/work-orders/{id}/similar"]').count()).toBe(1);
      // Prefilled: the Authorize button shows as locked (authorized).
      await page.locator('.btn.authorize.locked').waitFor({ timeout: 5_000 });
    } finally {
      await browser.close();
    }
  });
});
