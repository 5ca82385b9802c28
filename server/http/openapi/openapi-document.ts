/**
 * The OpenAPI 3.1 document of the whole HTTP API, built from the feature
 * files (api-features.ts): query and body schemas converted from the routes'
 * own zod schemas, response schemas from api-types.schema.json, the
 * permission and roles of each operation from server/auth, one error shape.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PERMISSIONS, ROLE_DESCRIPTIONS, ROLES } from '../../auth/roles';
import { permissionFor } from '../../auth/route-permissions';
import { API_FEATURES } from './api-features';
import type { ApiFeature, ApiOperation } from './api-operation';
import { SCHEMA_FILE, type JsonSchema } from './generate-schemas';

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, unknown>>;
} & Record<string, unknown>;

const ERROR_REF = { $ref: '#/components/schemas/ApiError' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ERROR_REF } } });

const COMMON_RESPONSES = {
  BadRequest: errorResponse('Invalid input: `code` is invalid-query, invalid-body or malformed-json, and `issues` names each failing field (`path`) with what is wrong.'),
  Unauthorized: errorResponse('No token, or an unknown or revoked one (with a WWW-Authenticate: Bearer header).'),
  Forbidden: errorResponse("The token's role may not do this; the message names the roles that may."),
  NotFound: errorResponse('No such resource.'),
  InternalError: errorResponse('Unexpected failure; the details are in the server log, never in the response.'),
};

/** '/api/work-orders/:id' → '/api/work-orders/{id}'. */
export const openApiPath = (honoPath: string): string => honoPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const pathParams = (honoPath: string): string[] => [...honoPath.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

/** JSON Schema of what a client sends (the zod input side), without the top-level $schema. */
function inputSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function queryParameters(query: z.ZodObject) {
  type ObjectSchema = { properties?: Record<string, JsonSchema & { description?: string }>; required?: string[] };
  const input = inputSchema(query) as ObjectSchema;
  const output = z.toJSONSchema(query, { io: 'output', unrepresentable: 'any' }) as ObjectSchema;
  return Object.entries(input.properties ?? {}).map(([name, property]) => {
    const { description, ...schema } = property;
    // A comma-separated list arrives as one string; the parsed side names the values it takes.
    const items = (output.properties?.[name] as { type?: string; items?: { enum?: unknown[] } } | undefined)?.items;
    const list = schema.type === 'string' && items?.enum ? `Comma-separated, any of: ${items.enum.join(', ')}.` : undefined;
    const text = [description, list].filter(Boolean).join(' ');
    return { name, in: 'query', required: (input.required ?? []).includes(name), schema, ...(text ? { description: text } : {}) };
  });
}

function access(op: ApiOperation) {
  const permission = permissionFor(op.method, op.path);
  if (permission === null) return { security: undefined, text: 'Not listed in the route permissions: refused for everyone.', extension: null };
  if (permission === 'public') return { security: [], text: 'Public: no token needed.', extension: { permission, roles: [...ROLES] } };
  const roles = [...PERMISSIONS[permission]];
  return { security: undefined, text: `Needs permission \`${permission}\` (roles: ${roles.join(', ')}).`, extension: { permission, roles } };
}

function successResponse(op: ApiOperation, description = op.response.description) {
  const { schema, array, contentType } = op.response;
  const ref = schema ? { $ref: `#/components/schemas/${schema}` } : null;
  const body = ref ? (array ? { type: 'array', items: ref } : ref) : contentType ? { type: 'string' } : { type: 'object' };
  return { description, content: { [contentType ?? 'application/json']: { schema: body } } };
}

function operationObject(feature: ApiFeature, op: ApiOperation) {
  const params = pathParams(op.path);
  const auth = access(op);
  const responses: Record<string, unknown> = { [op.response.status]: successResponse(op) };
  if (op.query || op.body || params.length) responses['400'] = { $ref: '#/components/responses/BadRequest' };
  if (auth.security === undefined) {
    responses['401'] = { $ref: '#/components/responses/Unauthorized' };
    responses['403'] = { $ref: '#/components/responses/Forbidden' };
  }
  if (params.length) responses['404'] = { $ref: '#/components/responses/NotFound' };
  for (const [status, description] of Object.entries(op.errors ?? {})) {
    // A 503 of the health check carries the same report; every other failure is an ApiError.
    responses[status] = status === '503' ? successResponse(op, description) : errorResponse(description!);
  }
  responses['500'] = { $ref: '#/components/responses/InternalError' };
  return {
    tags: [feature.tag],
    summary: op.summary,
    description: [op.description, auth.text].filter(Boolean).join('\n\n'),
    operationId: operationId(op),
    ...(auth.security ? { security: auth.security } : {}),
    ...(auth.extension ? { 'x-permission': auth.extension } : {}),
    parameters: [
      ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: op.params?.[name] ?? name })),
      ...(op.query ? queryParameters(op.query) : []),
    ],
    ...(op.body
      ? { requestBody: { required: !op.body.safeParse({}).success, content: { 'application/json': { schema: inputSchema(op.body) } } } }
      : {}),
    responses,
  };
}

/** e.g. GET /api/work-orders/:id/similar → getWorkOrdersIdSimilar. */
function operationId(op: ApiOperation): string {
  const words = op.path.replace(/^\/api\//, '/').split(/[^A-Za-z0-9]+/).filter(Boolean);
  return op.method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

export function loadResponseSchemas(): Record<string, JsonSchema> {
  const text = readFileSync(SCHEMA_FILE, 'utf8').replaceAll('"#/definitions/', '"#/components/schemas/');
  return (JSON.parse(text) as { definitions: Record<string, JsonSchema> }).definitions;
}

const DESCRIPTION = `JSON over HTTP for the predictive-maintenance work-order system.

**Access.** Every route except \`GET /api/health\` needs \`Authorization: Bearer pdm_…\`. Each operation says which permission it needs and which roles hold it (also as \`x-permission\`). Roles:

${ROLES.map((r) => `- \`${r}\`: ${ROLE_DESCRIPTIONS[r]}`).join('\n')}

**Errors** always have the shape \`{ "error": { "code", "message", "issues"? } }\` (schema ApiError); \`issues\` lists each invalid field as \`{ path, message }\`.

Times are epoch milliseconds unless a parameter says it also takes ISO 8601.`;

/** The product's version, from package.json. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export function buildOpenApiDocument(features: readonly ApiFeature[] = API_FEATURES, schemas: Record<string, JsonSchema> = loadResponseSchemas(), version = packageVersion()): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const feature of features) {
    for (const op of feature.operations) {
      (paths[openApiPath(op.path)] ??= {})[op.method.toLowerCase()] = operationObject(feature, op);
    }
  }
  return {
    openapi: '3.1.0',
    info: { title: 'PdM work orders API', version, description: DESCRIPTION },
    servers: [{ url: '/' }],
    tags: features.map((f) => ({ name: f.tag, description: f.description })),
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (pdm_…): `npx tsx server/cli/tokens.ts create`, or POST /api/tokens as an admin.' } },
      responses: COMMON_RESPONSES,
      schemas,
    },
  };
}
