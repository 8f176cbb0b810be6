import pg from 'pg';
import { openPostgresStore } from './postgres/open-postgres-store.js';
import { openSqliteStore } from './sqlite/open-sqlite-store.js';
import type { Store } from './store.js';

/**
 * The stores the contract tests run on: SQLite always, PostgreSQL when a server answers at
 * CALMDESK_TEST_DATABASE_URL (default: the role `scripts/start-postgres.sh` creates). Without
 * one, the PostgreSQL tests are skipped with a message saying so; with CI=true they fail instead,
 * so CI can never pass without having run them.
 */
export const POSTGRES_ADMIN_URL =
  process.env.CALMDESK_TEST_DATABASE_URL ?? 'postgres://calmdesk:calmdesk@127.0.0.1:5432/postgres';

export const IN_CI = process.env.CI === 'true';

let reachable: Promise<boolean> | undefined;

/** Whether PostgreSQL answers; asked once per test file. */
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({
      connectionString: POSTGRES_ADMIN_URL,
      connectionTimeoutMillis: 2_000,
    });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** A new, empty PostgreSQL database for one test; `drop` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `calmdesk_test_${crypto.randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        // An autovacuum worker on the fresh database belongs to the server, and a role that is
        // not a superuser may not end it ("must be a member of the role whose process is being
        // terminated"): it finishes in moments, so the drop is tried again a few times.
        for (let attempt = 1; ; attempt++) {
          try {
            await client.query(`drop database if exists ${name} with (force)`);
            return;
          } catch (error) {
            const code = (error as { code?: string }).code;
            if (attempt >= 20 || (code !== '42501' && code !== '55006')) throw error;
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestStore {
  store: Store;
  /** Closes the store and removes its database. */
  dispose: () => Promise<void>;
}

export interface StoreDriver {
  name: 'sqlite' | 'postgres';
  open: () => Promise<TestStore>;
}

export const SQLITE_DRIVER: StoreDriver = {
  name: 'sqlite',
  open: async () => {
    const store = await openSqliteStore(':memory:');
    return { store, dispose: () => store.close() };
  },
};

export const POSTGRES_DRIVER: StoreDriver = {
  name: 'postgres',
  open: async () => {
    const db = await createTestDatabase();
    const store = await openPostgresStore(db.url, { poolSize: 4 });
    return {
      store,
      dispose: async () => {
        await store.close();
        await db.drop();
      },
    };
  },
};

const SKIP_MESSAGE =
  'PostgreSQL tests SKIPPED: no server at CALMDESK_TEST_DATABASE_URL ' +
  `(${POSTGRES_ADMIN_URL.replace(/:[^:@/]*@/, ':***@')}); run scripts/start-postgres.sh as root to run them`;

/**
 * Whether the PostgreSQL half should run. Skipping says so on stderr; under CI it throws,
 * failing the suite.
 */
export async function shouldRunPostgres(): Promise<boolean> {
  if (await postgresReachable()) return true;
  if (IN_CI) throw new Error(`CI=true requires PostgreSQL: ${SKIP_MESSAGE}`);
  console.warn(SKIP_MESSAGE);
  return false;
}
