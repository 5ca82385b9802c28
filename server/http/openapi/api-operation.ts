/**
 * How one route is documented. Each feature lists its routes in its own file
 * here (work-orders.ts, rules.ts, …), one entry per route; api-features.ts
 * collects them. Query and body schemas are the zod schemas the route itself
 * parses with; response bodies name a schema in api-types.schema.json
 * (generated from the TypeScript response types); the permission comes from
 * server/auth/route-permissions.ts. A test fails for any app route without an entry.
 */
import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiOperation {
  method: HttpMethod;
  /** As the app routes it, e.g. '/api/work-orders/:id/transition'. */
  path: string;
  summary: string;
  description?: string;
  /** What each `:param` of the path is; a param left out is described as its name. */
  params?: Record<string, string>;
  /** The schema the route parses its query string with. */
  query?: z.ZodObject;
  /** The schema the route parses its JSON body with (an empty body counts as {}). */
  body?: z.ZodType;
  response: {
    status: 200 | 201 | 202;
    description: string;
    /** A schema name in api-types.schema.json; absent for a body that is not JSON. */
    schema?: string;
    /** The body is an array of `schema`. */
    array?: boolean;
    /** Default application/json. */
    contentType?: string;
  };
  /** Failures besides the ones every route has (400 with input, 401, 403, 404 with a path param, 500). */
  errors?: Partial<Record<number, string>>;
}

export interface ApiFeature {
  /** Tag name, as the feature's folder is named (e.g. 'work-orders'). */
  tag: string;
  description: string;
  operations: ApiOperation[];
}
