import type { Kysely, Transaction } from 'kysely';
import type { SqlDialectName } from './migrations.js';
import type { Database } from './schema.js';
import type { StoredEvent } from './rows.js';

/** Rows a multi-row statement carries at most. */
export const CHUNK_ROWS = 200;

/**
 * What every capability's SQL queries work with: one Kysely handle (the database itself, where
 * each call commits on its own, or a transaction), the dialect for the few places the drivers
 * differ (row locks, NOTIFY), and the events emitted through this handle, for publishing after
 * commit (SQLite).
 */
export abstract class SqlQueries {
  constructor(
    protected readonly db: Kysely<Database> | Transaction<Database>,
    readonly dialect: SqlDialectName,
    protected readonly emitted: StoredEvent[],
  ) {}

  protected get pg(): boolean {
    return this.dialect === 'postgres';
  }
}
