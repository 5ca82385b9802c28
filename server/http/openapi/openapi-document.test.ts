import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../auth/roles';
import { permissionFor } from '../../auth/route-permissions';
import { createTestServer, getJson, type TestServer } from '../../testing/test-server';
import { buildOpenApiDocument, openApiPath, type OpenApiDocument } from './openapi-document';

type Operation = { tags: string[]; summary: string; description: string; parameters: Array<{ name: string; in: string; required: boolean; schema: Record<string, unknown> }>; requestBody?: { required: boolean }; responses: Record<string, unknown>; security?: unknown[]; 'x-permission'?: { permission: string; roles: string[] } };

describe('the OpenAPI document', () => {
  let server: TestServer;
  let doc: OpenApiDocument;
  let appRoutes: Array<{ method: string; path: string }>;
  const operation = (method: string, path: string) => doc.paths[path]?.[method.toLowerCase()] as Operation | undefined;

  beforeAll(() => {
    server = createTestServer();
    doc = buildOpenApiDocument();
    const seen = new Set<string>();
    appRoutes = server.rawApp.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path === '/metrics'))
      .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`))
      .map(({ method, path }) => ({ method, path }));
  });
  afterAll(() => server.close());

  it('documents every route the app serves under /api, and /metrics', () => {
    expect(appRoutes.length).toBeGreaterThan(30);
    const missing = appRoutes.filter((r) => !operation(r.method, openApiPath(r.path))).map((r) => `${r.method} ${r.path}`);
    // A route listed here needs one entry in its feature's file in server/http/openapi/ (api-features.ts lists the files).
    expect(missing).toEqual([]);
  });

  it('documents no route the app does not serve', () => {
    const served = new Set(appRoutes.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`));
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented.filter((d) => !served.has(d))).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('names the permission and the roles of every operation, as the route-permission table says', () => {
    for (const r of appRoutes) {
      const op = operation(r.method, openApiPath(r.path));
      if (!op) continue; // reported by the completeness test
      const permission = permissionFor(r.method, r.path);
      expect(op['x-permission']?.permission ?? null, `${r.method} ${r.path}`).toBe(permission);
      if (permission === 'public') {
        expect(op.security).toEqual([]);
        continue;
      }
      expect(op['x-permission']!.roles).toEqual(PERMISSIONS[permission!]);
      expect(op.description).toContain(`Needs permission \`${permission}\` (roles: ${PERMISSIONS[permission!].join(', ')})`);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403', '500']));
    }
    expect(operation('POST', '/api/work-orders/{id}/transition')!['x-permission']).toEqual({ permission: 'work-order.transition', roles: ['technician', 'planner', 'admin'] });
  });

  it('takes query and body schemas from the routes’ zod schemas', () => {
    const similar = operation('GET', '/api/work-orders/{id}/similar')!;
    expect(similar.tags).toEqual(['work-orders']);
    expect(similar.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 20, default: 3 } },
    ]);
    const list = operation('GET', '/api/work-orders')!;
    expect(list.parameters.find((p) => p.name === 'status')).toMatchObject({ schema: { type: 'string' }, description: expect.stringContaining('open-like') });

    const transition = operation('POST', '/api/work-orders/{id}/transition')!;
    expect(transition.requestBody).toMatchObject({
      required: true,
      content: { 'application/json': { schema: { type: 'object', required: ['to'], additionalProperties: false, properties: { to: { enum: expect.arrayContaining(['resolved', 'closed']) } } } } },
    });
    // An empty body is accepted there, so it is optional.
    expect(operation('DELETE', '/api/work-orders/{id}/priority')!.requestBody).toMatchObject({ required: false });
  });

  it('gives each JSON response a schema from the response types, and one error shape', () => {
    const detail = operation('GET', '/api/work-orders/{id}')!;
    expect(detail.responses['200']).toEqual({ description: 'The order', content: { 'application/json': { schema: { $ref: '#/components/schemas/WorkOrderDetailView' } } } });
    expect(detail.responses['404']).toEqual({ $ref: '#/components/responses/NotFound' });
    const schemas = (doc.components as { schemas: Record<string, { required?: string[] }> }).schemas;
    expect(schemas.WorkOrderDetailView!.required).toEqual(expect.arrayContaining(['timeline', 'allowedTransitions', 'outcome', 'sla']));
    expect(schemas.ApiError).toMatchObject({ properties: { error: { required: expect.arrayContaining(['code', 'message']) } } });
    expect(operation('GET', '/api/events')!.responses['200']).toMatchObject({ content: { 'text/event-stream': {} } });
  });

  it('is served at /api/openapi.json behind the token', async () => {
    const res = await getJson<OpenApiDocument>(server.app, '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(doc)));
    expect((await server.rawApp.request('/api/openapi.json')).status).toBe(401);
  });
});
