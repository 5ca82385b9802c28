import type { Database } from './database';

/**
 * Runs `fn` in one IMMEDIATE better-sqlite3 transaction (the write lock is
 * taken at BEGIN, so two writers cannot interleave read-then-write). Nested
 * calls become savepoints. Drizzle queries on `database.db` inside `fn` run in it.
 */
export function inTransaction<T>(database: Database, fn: () => T): T {
  return database.sqlite.transaction(fn).immediate();
}
