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
}
