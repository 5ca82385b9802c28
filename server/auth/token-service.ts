/**
 * Access tokens: create (the secret is returned once), list (never the
 * secret), revoke, and resolve a presented secret to its principal.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/database';
import { apiTokens } from '../db/schema';
import { notFound } from '../http/errors';
import type { Principal } from './auth-middleware';
import type { Role } from './roles';
import { generateToken, hashToken } from './tokens';

export interface TokenView {
  id: number;
  name: string;
  role: Role;
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export interface CreatedToken extends TokenView {
  /** The secret; shown only in this response. */
  token: string;
}

type Row = typeof apiTokens.$inferSelect;
const view = ({ tokenHash: _hash, ...rest }: Row): TokenView => rest;

/** last_used_at is written at most this often per token, so reading stays cheap. */
const TOUCH_EVERY_MS = 60_000;

export type TokenService = ReturnType<typeof createTokenService>;

export function createTokenService({ database, now }: { database: Database; now: () => number }) {
  const touched = new Map<number, number>();
  const byHash = database.sqlite.prepare<[string], Row>(
    'SELECT id, name, role, token_hash AS tokenHash, created_at AS createdAt, created_by AS createdBy, last_used_at AS lastUsedAt, revoked_at AS revokedAt FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL',
  );

  return {
    create(input: { name: string; role: Role; createdBy: string }): CreatedToken {
      const token = generateToken();
      const row = database.db
        .insert(apiTokens)
        .values({ name: input.name, role: input.role, tokenHash: hashToken(token), createdAt: now(), createdBy: input.createdBy })
        .returning()
        .get();
      return { ...view(row), token };
    },

    list(): TokenView[] {
      return database.db.select().from(apiTokens).orderBy(asc(apiTokens.id)).all().map(view);
    },

    revoke(id: number): TokenView {
      const row = database.db
        .update(apiTokens)
        .set({ revokedAt: now() })
        .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
        .returning()
        .get();
      if (row) return view(row);
      const existing = database.db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
      if (!existing) throw notFound(`token ${id}`);
      return view(existing);
    },

    /** The principal of an active token, by the SHA-256 of its secret. */
    resolve(tokenHash: string): Principal | null {
      const row = byHash.get(tokenHash);
      if (!row) return null;
      const at = now();
      if (at - (touched.get(row.id) ?? 0) >= TOUCH_EVERY_MS) {
        touched.set(row.id, at);
        database.db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, row.id)).run();
      }
      return { tokenId: row.id, name: row.name, role: row.role };
    },

    /** True if `secret` is an active token with this role (used to reuse a saved bootstrap token). */
    isActive(secret: string, role: Role): boolean {
      const row = byHash.get(hashToken(secret));
      return !!row && row.role === role;
    },
  };
}
