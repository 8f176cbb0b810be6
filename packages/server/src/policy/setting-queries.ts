import { SqlQueries } from '../storage/sql-queries.js';

/** Team settings, kept as JSON by key. */
export interface SettingQueries {
  getSetting(key: string): Promise<string | undefined>;
  putSetting(key: string, value: string, now: string): Promise<void>;
}

/** `SettingQueries` in SQL, written once for both drivers. */
export class SqlSettingQueries extends SqlQueries implements SettingQueries {
  async getSetting(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async putSetting(key: string, value: string, now: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value, updatedAt: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updatedAt: now }))
      .execute();
  }
}
