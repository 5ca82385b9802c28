/**
 * Reading API responses tolerantly: lists as `{ items, total }` or a bare
 * array, errors as `{ error: { code, message, issues? } }` or anything else.
 */
import type { ApiError } from '../../../server/http/api-types';

export interface ListBody<T> {
  items: T[];
  total: number;
}

/** Accepts `T[]` or `{ items: T[], total? }`; anything else is an empty list. */
export function toList<T>(body: unknown): ListBody<T> {
  if (Array.isArray(body)) return { items: body as T[], total: body.length };
  if (isRecord(body) && Array.isArray(body.items)) {
    const items = body.items as T[];
    const total = typeof body.total === 'number' && Number.isFinite(body.total) ? body.total : items.length;
    return { items, total };
  }
  return { items: [], total: 0 };
}

export function isApiError(body: unknown): body is ApiError {
  return isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string';
}

/** One line a person can read, for any failed response. */
export function errorMessage(status: number, body: unknown): string {
  if (isApiError(body)) {
    const issues = body.error.issues?.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)) ?? [];
    return issues.length ? `${body.error.message} (${issues.join('; ')})` : body.error.message;
  }
  if (typeof body === 'string' && body.trim() && body.length < 200 && !body.trimStart().startsWith('<')) return body.trim();
  return STATUS_TEXT[status] ?? `Request failed (HTTP ${status})`;
}

/** The field errors of an API error body (`{ path, message }` each); none for anything else. */
export function errorIssues(body: unknown): Array<{ path: string; message: string }> {
  if (!isApiError(body)) return [];
  return (body.error.issues ?? []).filter((i) => typeof i?.message === 'string').map((i) => ({ path: typeof i.path === 'string' ? i.path : '', message: i.message }));
}

export function errorCode(body: unknown): string | null {
  return isApiError(body) ? body.error.code : null;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'The server rejected the request (400).',
  404: 'Not found (404).',
  409: 'That change is not allowed right now (409).',
  500: 'The server hit an error (500).',
  502: 'The server is unreachable (502).',
  503: 'The server is unavailable (503).',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
