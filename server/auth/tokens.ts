/**
 * Bearer tokens: random 256-bit secrets shown once at creation and stored
 * only as their SHA-256. A fast hash is enough here (unlike for passwords):
 * the secrets are random and long, so there is nothing to guess.
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'pdm_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The secret from an `Authorization: Bearer …` header, or null. */
export function bearerToken(header: string | undefined | null): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}
