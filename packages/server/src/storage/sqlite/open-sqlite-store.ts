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
 * cut can lose the last few commits.
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
  return createSqlStore(db, 'sqlite');
}
