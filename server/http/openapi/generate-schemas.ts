/**
 * Response-body JSON Schemas from the TypeScript response types
 * (response-types.ts → api-types.ts and friends), written to
 * api-types.schema.json, which the OpenAPI document reads. Run after changing
 * a response type:
 *
 *   npx tsx server/http/openapi/generate-schemas.ts
 *
 * A test regenerates in memory and fails while the checked-in file is stale.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

export const SCHEMA_FILE = join(here, 'api-types.schema.json');
export const ROOT_TYPE = 'ApiResponseTypes';
export const REGENERATE_COMMAND = 'npx tsx server/http/openapi/generate-schemas.ts';

export type JsonSchema = Record<string, unknown>;

/** `{ definitions }`: one JSON Schema per named type reachable from ApiResponseTypes, keys sorted. */
export function generateResponseSchemas(): { definitions: Record<string, JsonSchema> } {
  const generator = createGenerator({
    path: join(here, 'response-types.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    type: ROOT_TYPE,
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    additionalProperties: false,
    // tsc --noEmit checks the types; the generator only reads them.
    skipTypeCheck: true,
  });
  const schema = generator.createSchema(ROOT_TYPE);
  const definitions = (schema.definitions ?? {}) as Record<string, JsonSchema>;
  return { definitions: Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]!])) };
}

/** The file's text: stable (sorted keys, two-space indent, final newline) so a regeneration without changes is no diff. */
export function schemaFileText(schemas: { definitions: Record<string, JsonSchema> }): string {
  return `${JSON.stringify(schemas, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const schemas = generateResponseSchemas();
  writeFileSync(SCHEMA_FILE, schemaFileText(schemas));
  console.log(`wrote ${relative(process.cwd(), SCHEMA_FILE)} (${Object.keys(schemas.definitions).length} schemas)`);
}
