import type { ApiTokenRow, SessionRow, UserRow } from '../storage/rows.js';
import { SqlQueries } from '../storage/sql-queries.js';

/** People, their sessions and API tokens. */
export interface PeopleQueries {
  insertUser(user: UserRow): Promise<void>;
  getUser(id: string): Promise<UserRow | undefined>;
  getUserByEmail(email: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  countUsers(): Promise<number>;
  updateUser(
    id: string,
    patch: Partial<Pick<UserRow, 'role' | 'disabled' | 'name'>>,
  ): Promise<void>;
  insertSession(session: SessionRow): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of a person; returns how many there were. */
  deleteSessionsOf(userId: string): Promise<number>;
  insertApiToken(token: ApiTokenRow): Promise<void>;
  /** The live token with this hash and its user, in one read: every API call asks this. */
  getApiTokenUser(
    hash: string,
  ): Promise<{ tokenId: string; tokenLastUsedAt: string | null; user: UserRow } | undefined>;
  /** The unexpired session with this hash and its user, in one read. */
  getSessionUser(
    idHash: string,
    now: string,
  ): Promise<{ csrfToken: string; user: UserRow } | undefined>;
  getApiToken(id: string): Promise<ApiTokenRow | undefined>;
  listApiTokens(userId: string): Promise<ApiTokenRow[]>;
  /** Revokes every live API token of a person; returns how many. */
  revokeApiTokensOf(userId: string, now: string): Promise<number>;
  revokeApiToken(id: string, userId: string, now: string): Promise<boolean>;
  touchApiToken(id: string, now: string): Promise<void>;
  /**
   * Records one failed sign-in, counted for the address and for the account, and forgets
   * failures at or before `forgetBefore` (outside every window), so the table stays small.
   */
  recordSignInFailure(
    address: string,
    account: string,
    at: string,
    forgetBefore: string,
  ): Promise<void>;
  /** The failures since `since`: how many and the first for the address, how many and the latest for the account. */
  getSignInFailures(address: string, account: string, since: string): Promise<SignInFailures>;
  /** Forgets an account's failures (its owner signed in, or an admin cleared them); returns how many. */
  clearSignInFailures(account: string): Promise<number>;
}

/** Failed sign-ins in a window, as every instance sharing the database counts them. */
export interface SignInFailures {
  address: { count: number; first: string | null };
  account: { count: number; last: string | null };
}

/** `PeopleQueries` in SQL, written once for both drivers. */
export class SqlPeopleQueries extends SqlQueries implements PeopleQueries {
  async insertUser(user: UserRow): Promise<void> {
    await this.db.insertInto('users').values(user).execute();
  }

  getUser(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
  }

  listUsers(): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('createdAt').orderBy('id').execute();
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async updateUser(
    id: string,
    patch: Partial<Pick<UserRow, 'role' | 'disabled' | 'name'>>,
  ): Promise<void> {
    if (Object.keys(patch).length === 0) return;
    await this.db.updateTable('users').set(patch).where('id', '=', id).execute();
  }

  async insertSession(session: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
  }

  async deleteSessionsOf(userId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('userId', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async insertApiToken(token: ApiTokenRow): Promise<void> {
    await this.db.insertInto('apiTokens').values(token).execute();
  }

  async getApiTokenUser(
    hash: string,
  ): Promise<{ tokenId: string; tokenLastUsedAt: string | null; user: UserRow } | undefined> {
    const row = await this.db
      .selectFrom('apiTokens as t')
      .innerJoin('users as u', 'u.id', 't.userId')
      .selectAll('u')
      .select(['t.id as tokenId', 't.lastUsedAt as tokenLastUsedAt'])
      .where('t.tokenHash', '=', hash)
      .where('t.revokedAt', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const { tokenId, tokenLastUsedAt, ...user } = row;
    return { tokenId, tokenLastUsedAt, user };
  }

  async getSessionUser(
    idHash: string,
    now: string,
  ): Promise<{ csrfToken: string; user: UserRow } | undefined> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.userId')
      .selectAll('u')
      .select('s.csrfToken')
      .where('s.idHash', '=', idHash)
      .where('s.expiresAt', '>', now)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const { csrfToken, ...user } = row;
    return { csrfToken, user };
  }

  getApiToken(id: string): Promise<ApiTokenRow | undefined> {
    return this.db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async revokeApiTokensOf(userId: string, now: string): Promise<number> {
    const result = await this.db
      .updateTable('apiTokens')
      .set({ revokedAt: now })
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  listApiTokens(userId: string): Promise<ApiTokenRow[]> {
    return this.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('userId', '=', userId)
      .orderBy('createdAt', 'desc')
      .execute();
  }

  async revokeApiToken(id: string, userId: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('apiTokens')
      .set({ revokedAt: now })
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async touchApiToken(id: string, now: string): Promise<void> {
    await this.db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', id).execute();
  }

  async recordSignInFailure(
    address: string,
    account: string,
    at: string,
    forgetBefore: string,
  ): Promise<void> {
    await this.db
      .insertInto('signInFailures')
      .values([
        { kind: 'address', key: address, failedAt: at },
        { kind: 'account', key: account, failedAt: at },
      ])
      .execute();
    await this.db.deleteFrom('signInFailures').where('failedAt', '<=', forgetBefore).execute();
  }

  async getSignInFailures(
    address: string,
    account: string,
    since: string,
  ): Promise<SignInFailures> {
    // One statement for both keys: sign-in asks this before every password check.
    const rows = await this.db
      .selectFrom('signInFailures')
      .select((eb) => [
        'kind',
        eb.fn.countAll<string | number>().as('n'),
        eb.fn.min('failedAt').as('first'),
        eb.fn.max('failedAt').as('last'),
      ])
      .where((eb) =>
        eb.or([
          eb.and([eb('kind', '=', 'address'), eb('key', '=', address)]),
          eb.and([eb('kind', '=', 'account'), eb('key', '=', account)]),
        ]),
      )
      .where('failedAt', '>', since)
      .groupBy('kind')
      .execute();
    const of = (kind: string) => rows.find((r) => r.kind === kind);
    const byAddress = of('address');
    const byAccount = of('account');
    return {
      address: { count: Number(byAddress?.n ?? 0), first: byAddress?.first ?? null },
      account: { count: Number(byAccount?.n ?? 0), last: byAccount?.last ?? null },
    };
  }

  async clearSignInFailures(account: string): Promise<number> {
    const result = await this.db
      .deleteFrom('signInFailures')
      .where('kind', '=', 'account')
      .where('key', '=', account)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
