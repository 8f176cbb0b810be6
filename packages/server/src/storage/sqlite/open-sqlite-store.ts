import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { migrateToLatest } from '../migrations.js';
import type { Database } from '../schema.js';
import { createSqlStore } from '../sql-store.js';
import type { Store } from '../store.js';

/** The database file inside the data directory. */
export const SQLITE_FILE = 'calmdesk.sqlite';

/** How many prepared statements are kept: the service issues a few dozen distinct queries. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; compiling SQL costs more than running these small queries,
 * so prepared statements are kept by their SQL text and reused (one connection, so a statement
 * is never in use twice at once).
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement === undefined) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        statement = database.prepare(sql);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Opens (creating if needed) the embedded SQLite store in `dataDir`, or an in-memory one for
 * ":memory:", and migrates it. Write-ahead logging with synchronous=NORMAL: a commit survives the
 * process being killed at any moment (the WAL is written before the call returns); only a power
 * cut can lose the last few commits. A file database gets a second, read-only connection for
 * reads outside transactions (see `createSqlStore`).
 */
export async function openSqliteStore(dataDir: string): Promise<Store> {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = join(dataDir, SQLITE_FILE);
  }
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
    plugins: [new CamelCasePlugin()],
  });
  try {
    await migrateToLatest(db, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  if (file === ':memory:') return createSqlStore(db, 'sqlite');
  // A second connection, read-only, for reads outside transactions: the writer's connection is
  // held for the whole of a write transaction (a 10 MB batch holds it for hundreds of ms), and
  // under WAL a reader is never blocked by the writer. Opened after the migrations, so it
  // reads the current schema.
  const readOnly = new SQLite(file, { readonly: true, fileMustExist: true });
  readOnly.pragma('busy_timeout = 5000');
  const reader = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(readOnly) }),
    plugins: [new CamelCasePlugin()],
  });
  return createSqlStore(db, 'sqlite', undefined, reader);
}
