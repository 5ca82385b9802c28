/**
 * The one error type of the HTTP API and the one handler that renders it as
 * `{ error: { code, message, issues? } }` (ApiError in api-types.ts).
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import type { ApiError } from './api-types';

export type Issue = { path: string; message: string };

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound = (what: string): HttpError => new HttpError(404, 'not-found', `${what} not found`);

export function errorBody(code: string, message: string, issues?: Issue[]): ApiError {
  return { error: issues ? { code, message, issues } : { code, message } };
}

/** For `app.onError`: known errors keep their status; anything else is a logged 500 without details. */
export function createErrorHandler(logger: Logger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof HttpError) {
      return c.json(errorBody(err.code, err.message, err.issues), err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return c.json(errorBody(status === 413 ? 'payload-too-large' : 'http-error', err.message || 'request failed'), status);
    }
    logger.error({ err, method: c.req.method, path: c.req.path }, 'unhandled error in request');
    return c.json(errorBody('internal', 'internal server error; the details are in the server log'), 500);
  };
}
