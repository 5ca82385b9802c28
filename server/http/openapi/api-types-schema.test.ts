import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateResponseSchemas, REGENERATE_COMMAND, SCHEMA_FILE, schemaFileText } from './generate-schemas';

describe('api-types.schema.json', () => {
  it('matches the TypeScript response types', { timeout: 180_000 }, () => {
    const fresh = schemaFileText(generateResponseSchemas());
    const stored = readFileSync(SCHEMA_FILE, 'utf8');
    if (fresh !== stored) expect.fail(`server/http/openapi/api-types.schema.json is stale: run ${REGENERATE_COMMAND}`);
    expect(JSON.parse(stored).definitions).toHaveProperty('SimilarWorkOrdersView');
  });
});
