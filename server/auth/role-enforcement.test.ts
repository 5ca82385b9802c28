/**
 * Every API endpoint, every role: no token → 401; a role that may not → 403
 * naming the roles that may; a role that may → past the door (any other
 * status: 200, 400 for the empty body, 404 for the made-up id…).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server';
import { may, ROLES, type Role } from './roles';
import { permissionFor } from './route-permissions';

const concrete = (path: string) => path.replace(/:id\b/g, '1').replace(/:[a-zA-Z]+/g, 'x');

describe('role enforcement on every endpoint', () => {
  let server: TestServer;
  let tokens: Record<Role, string>;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(() => {
    server = createTestServer();
    tokens = Object.fromEntries(ROLES.map((r) => [r, server.tokenFor(r)])) as Record<Role, string>;
    const seen = new Set<string>();
    routes = server.rawApp.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
  });
  afterAll(() => server.close());

  const call = (method: string, path: string, token?: string) =>
    server.rawApp.request(concrete(path), {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(method === 'GET' || method === 'HEAD' ? {} : { body: '{}' }),
    });

  it('lists a permission for every endpoint of the app', () => {
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((r) => permissionFor(r.method, r.path) === null).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('answers 401 without a token, except for health', async () => {
    for (const r of routes) {
      if (r.path === '/api/events') continue; // a stream; checked below
      const res = await call(r.method, r.path);
      expect(res.status, `${r.method} ${r.path}`).toBe(r.path === '/api/health' ? 200 : 401);
      if (res.status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('lets each role through exactly the endpoints its permissions allow', async () => {
    for (const r of routes) {
      const permission = permissionFor(r.method, r.path)!;
      if (permission === 'public' || r.path === '/api/events') continue;
      for (const role of ROLES) {
        const res = await call(r.method, r.path, tokens[role]);
        const label = `${role} ${r.method} ${r.path}`;
        if (may(role, permission)) {
          expect([401, 403], label).not.toContain(res.status);
        } else {
          expect(res.status, label).toBe(403);
          const body = (await res.json()) as { error: { code: string; message: string } };
          expect(body.error.message, label).toMatch(/allowed: /);
        }
      }
    }
  });

  it('refuses a technician editing the line graph and a display token writing anything', async () => {
    expect((await call('PUT', '/api/lines/utilities/feeds', tokens.technician)).status).toBe(403);
    expect((await call('POST', '/api/work-orders/1/comments', tokens.display)).status).toBe(403);
    expect((await call('POST', '/api/work-orders', tokens.display)).status).toBe(403);
    expect((await call('GET', '/api/work-orders', tokens.display)).status).toBe(200);
  });

  it('rejects a revoked or made-up token', async () => {
    const token = server.tokenFor('technician', 'leaver');
    expect((await call('GET', '/api/me', token)).status).toBe(200);
    const id = server.services.tokens.list().find((t) => t.name === 'leaver')!.id;
    server.services.tokens.revoke(id);
    expect((await call('GET', '/api/me', token)).status).toBe(401);
    expect((await call('GET', '/api/me', 'pdm_not-a-real-token')).status).toBe(401);
  });

  it('accepts the token as access_token on the event stream only', async () => {
    const ok = await server.rawApp.request(`/api/events?access_token=${tokens.display}`);
    expect(ok.status).toBe(200);
    await ok.body?.cancel();
    expect((await server.rawApp.request('/api/events')).status).toBe(401);
    expect((await server.rawApp.request(`/api/work-orders?access_token=${tokens.display}`)).status).toBe(401);
  });

  it('records a person by their token, and lets a planner record on behalf of someone', async () => {
    const created = await call('POST', '/api/work-orders', tokens.technician);
    expect(created.status).toBe(400); // empty body: passed the door, failed validation
    const make = (token: string, actor?: string) =>
      server.rawApp.request('/api/work-orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ type: 'corrective', deviceId: 'P-104', title: 'Check seal', ...(actor ? { actor } : {}) }),
      });
    const byTech = (await (await make(tokens.technician, 'someone-else')).json()) as { timeline: Array<{ actor: string }> };
    expect(byTech.timeline[0]!.actor).toBe('test-technician');
    const byPlanner = (await (await make(tokens.planner, 'Maria (night shift)')).json()) as { timeline: Array<{ actor: string }> };
    expect(byPlanner.timeline[0]!.actor).toBe('Maria (night shift)');
  });

  it('manages tokens: secrets shown once, stored hashed, listed without secrets', async () => {
    const res = await server.rawApp.request('/api/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
      body: JSON.stringify({ name: 'Line C screen', role: 'display' }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { token: string; role: string };
    expect(created).toMatchObject({ role: 'display' });
    expect(created.token).toMatch(/^pdm_/);
    const list = await (await server.rawApp.request('/api/tokens', { headers: { authorization: `Bearer ${tokens.admin}` } })).text();
    expect(list).toContain('Line C screen');
    expect(list).not.toContain(created.token);
    const stored = server.database.sqlite.prepare('SELECT token_hash FROM api_tokens').all() as Array<{ token_hash: string }>;
    expect(stored.map((r) => r.token_hash).join()).not.toContain(created.token);
  });
});
