/**
 * Authentication and authorisation for /api: a bearer token resolves to a
 * principal (name + role); the route's permission (route-permissions.ts)
 * decides. 401 without a valid token, 403 when the role may not. Tokens are
 * never logged. EventSource cannot send headers, so GET /api/events also
 * accepts `?access_token=`.
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { HttpError } from '../http/errors';
import { may, PERMISSIONS, type Role } from './roles';
import { permissionFor } from './route-permissions';
import { bearerToken, hashToken } from './tokens';

export interface Principal {
  tokenId: number;
  name: string;
  role: Role;
}

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal;
  }
}

export interface AuthOptions {
  /** Looks a token up by its SHA-256; null when unknown or revoked. */
  resolve(tokenHash: string): Principal | null;
}

export function authMiddleware({ resolve }: AuthOptions): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path;
    if (!path.startsWith('/api/') && path !== '/api' && path !== '/metrics') return next();
    const permission = permissionFor(c.req.method, path);
    if (permission === 'public') return next();

    const secret = bearerToken(c.req.header('authorization')) ?? (path === '/api/events' ? (c.req.query('access_token') ?? null) : null);
    if (!secret) {
      c.header('WWW-Authenticate', 'Bearer realm="pdm"');
      throw new HttpError(401, 'unauthorized', 'this endpoint needs an access token: send "Authorization: Bearer <token>" (an admin creates tokens)');
    }
    const principal = resolve(hashToken(secret));
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer realm="pdm", error="invalid_token"');
      throw new HttpError(401, 'unauthorized', 'the access token is unknown or revoked');
    }
    if (permission === null) {
      // No such endpoint at all: let it fall through to the 404. An endpoint that exists but is
      // missing from the permission table stays closed for everyone.
      if (!matchedRoutes(c).some((r) => r.method !== 'ALL')) return next();
      throw new HttpError(403, 'forbidden', `no permission covers ${c.req.method} ${path}`);
    }
    if (!may(principal.role, permission)) {
      throw new HttpError(403, 'forbidden', `role ${principal.role} may not ${permission}; allowed: ${PERMISSIONS[permission].join(', ')}`);
    }
    c.set('principal', principal);
    return next();
  };
}
