/**
 * Opens the server database: better-sqlite3 with WAL, foreign keys and a busy
 * timeout, wrapped in drizzle, with every migration in ./migrations applied.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Database {
  /** Drizzle query builder over the tables in schema.ts. */
  db: Db;
  /** The raw connection, for pragmas and native transactions. */
  sqlite: BetterSqlite3.Database;
  file: string;
  close(): void;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Opens (creating file and parent folder if needed) and migrates. `:memory:` works too. */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    const db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db, sqlite, file, close: () => sqlite.close() };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
