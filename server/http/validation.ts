/**
 * Request parsing: every body and query goes through a zod schema; failures
 * become 400 with one issue per failing field.
 */
import type { Context } from 'hono';
import { ZodError, type z } from 'zod';
import { formatIssues } from '../../contract/telemetry';
import { HttpError, type Issue } from './errors';

/** One issue per failing field; an unknown key is named as the field it is. */
function fieldIssues(error: z.ZodError): Issue[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: 'is not a known field' }))
      : formatIssues(new ZodError([issue])),
  );
}

function invalid(code: string, what: string, error: z.ZodError): HttpError {
  const issues = fieldIssues(error);
  return new HttpError(400, code, `${what} is invalid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/** Parses the JSON body against `schema`; an empty body counts as `{}`. */
export async function parseBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  let raw: unknown = {};
  if (text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new HttpError(400, 'malformed-json', `request body is not valid JSON: ${(err as Error).message}`);
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw invalid('invalid-body', 'request body', result.error);
  return result.data;
}

/** Parses the query string (single values) against `schema`. */
export function parseQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const result = schema.safeParse(c.req.query());
  if (!result.success) throw invalid('invalid-query', 'query', result.error);
  return result.data;
}
