/**
 * Property-based fuzzing of the HTTP bodies of every POST/PUT/PATCH route
 * (from the one route → permission table) through the real app and a real
 * SQLite file: arbitrary JSON, non-JSON text and near-valid bodies. The answer
 * is never a 500; a refusal is a 4xx in the one error shape and leaves every
 * table exactly as it was (nothing half-saved).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_PERMISSIONS } from '../server/auth/route-permissions';
import { createTestServer, type TestServer } from '../server/testing/test-server';

const WRITE_ROUTES = ROUTE_PERMISSIONS.filter((r) => r.method === 'POST' || r.method === 'PUT' || r.method === 'PATCH');

/** Every table but the tokens (a request records its token's last use), as one comparable string. */
function snapshot(server: TestServer): string {
  const db = server.database.sqlite;
  const tables = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('api_tokens') ORDER BY name")
    .all();
  return JSON.stringify(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}"`).all()]));
}

describe('fuzz: HTTP bodies of the write routes', () => {
  let server: TestServer;
  let ids: string[];
  beforeAll(() => {
    server = createTestServer();
    const order = server.services.workOrders.create({ type: 'emergency', deviceId: 'P-101', title: 'Pump seal' });
    ids = [String(order.id), 'utilities', 'P-101', '1', '999999', 'x%20y'];
  });
  afterAll(() => server?.close());

  const nearValid = fc.record(
    {
      type: fc.oneof(fc.constantFrom('emergency', 'corrective', 'nope'), fc.integer()),
      deviceId: fc.oneof(fc.constantFrom('P-101', 'P-999', ''), fc.integer()),
      title: fc.oneof(fc.string({ maxLength: 300 }), fc.constant(null)),
      priority: fc.oneof(fc.constantFrom('P1', 'P5', 'urgent'), fc.integer()),
      to: fc.constantFrom('acknowledged', 'closed', 'flying', 42),
      role: fc.constantFrom('admin', 'root', ''),
      name: fc.string({ maxLength: 5 }),
      feeds: fc.oneof(fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), fc.string()),
      url: fc.constantFrom('not a url', 'ftp://x', 42),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    fc.json({ maxDepth: 3 }).map((text) => ({ text, type: 'application/json' })),
    nearValid.map((v) => ({ text: JSON.stringify(v), type: 'application/json' })),
    fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'application/json' })),
    fc.string({ maxLength: 200 }).map((text) => ({ text, type: 'text/plain' })),
  );

  it('answers 4xx in the error shape (never 500) and saves nothing of a refused request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...WRITE_ROUTES), fc.constantFrom(...[0, 1, 2, 3, 4, 5]), body, async (route, idIndex, b) => {
        const path = route.path.replace(/:[A-Za-z]+/g, () => encodeURIComponent(ids[idIndex]!));
        const before = snapshot(server);
        const res = await server.app.request(path, { method: route.method, headers: { 'content-type': b.type }, body: b.text });
        expect(res.status, `${route.method} ${path} ${b.text}`).toBeLessThan(500);
        if (res.status >= 400) {
          const json = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
          expect(typeof json.error?.code, `${route.method} ${path}`).toBe('string');
          expect(typeof json.error?.message).toBe('string');
          expect(snapshot(server), `${route.method} ${path} changed data although refused`).toBe(before);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
