import { CamelCasePlugin, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrateToLatest } from '../migrations.js';
import type { Database } from '../schema.js';
import { createSqlStore, EVENT_CHANNEL } from '../sql-store.js';
import type { Store, StoredEvent } from '../store.js';

// bigint ids and counts arrive as numbers: they stay far below 2^53.
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : (pg.types.getTypeParser(oid, format ?? 'text') as (
          value: string,
        ) => unknown)) as typeof pg.types.getTypeParser,
};

export interface PostgresStoreOptions {
  /** Connections in the pool; default 10. */
  poolSize?: number;
  /** Told when the LISTEN connection drops and comes back, for the log. */
  onListenError?: (error: Error) => void;
}

/**
 * Opens the PostgreSQL store at `url`, migrates it (migrations take a lock, so instances starting
 * together migrate once), and listens for events from every instance on one channel. The LISTEN
 * connection reconnects by itself; events committed while it was away are read back from the
 * events table when it returns.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types });
  pool.on('error', (error) => options.onListenError?.(error));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  try {
    await migrateToLatest(db, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }

  let listener: pg.Client | undefined;
  let closed = false;
  let retryTimer: NodeJS.Timeout | undefined;
  // Ids of events already delivered: transactions may commit out of id order, so a high-water
  // mark alone would drop a late one. Trimmed to the most recent ids.
  const seen = new Set<number>();
  let maxSeen = 0;

  const store = createSqlStore(db, 'postgres', async () => {
    closed = true;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    await listener?.end().catch(() => undefined);
  });

  const deliver = (event: StoredEvent): void => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    if (seen.size > 10_000) {
      for (const id of seen) {
        seen.delete(id);
        if (seen.size <= 5_000) break;
      }
    }
    maxSeen = Math.max(maxSeen, event.id);
    store.publish(event);
  };

  const readAfter = async (after: number, limit: number): Promise<void> => {
    for (const event of await store.listEventsAfter(after, limit)) deliver(event);
  };

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, types });
    client.on('notification', (message) => {
      if (message.channel !== EVENT_CHANNEL || message.payload === undefined) return;
      const parsed = JSON.parse(message.payload) as Partial<StoredEvent> & { id: number };
      if (parsed.type === undefined) {
        // Too large for NOTIFY: it travelled as its id; read it from the table.
        void readAfter(parsed.id - 1, 1).catch((error: Error) => options.onListenError?.(error));
      } else {
        deliver(parsed as StoredEvent);
      }
    });
    client.on('error', (error) => {
      options.onListenError?.(error);
      void client.end().catch(() => undefined);
      if (!closed) retryTimer = setTimeout(() => void reconnect(), 1_000);
    });
    await client.connect();
    await client.query(`LISTEN ${EVENT_CHANNEL}`);
    listener = client;
  };

  const reconnect = async (): Promise<void> => {
    if (closed) return;
    try {
      const from = maxSeen;
      await listen();
      // Events committed while the connection was down.
      await readAfter(from, 10_000);
    } catch (error) {
      options.onListenError?.(error as Error);
      if (!closed) retryTimer = setTimeout(() => void reconnect(), 1_000);
    }
  };

  maxSeen = await store.lastEventId();
  await listen();
  return store;
}
