import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../schema.js';
import type { Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import { at, drivers, skipPostgresWhenAbsent, T0 } from './store-contract.test-helper.js';

/*
 * The store contract: settings, and the append-only audit log. Each test runs on SQLite and on a
 * real PostgreSQL (see ./store-contract.test-helper.ts).
 */

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('settings and audit', () => {
    it('keeps the last value put for a setting', async () => {
      expect(await store.getSetting('budget')).toBeUndefined();
      await store.putSetting('budget', '500', T0);
      await store.putSetting('budget', '750', at(1));
      await store.putSetting('tone', 'warm', at(1));
      expect(await store.getSetting('budget')).toBe('750');
      expect(await store.getSetting('tone')).toBe('warm');
    });

    it('lists the audit log newest first and pages back through it', async () => {
      for (let i = 1; i <= 4; i++) {
        await store.appendAudit({
          at: at(i),
          actorId: i === 1 ? null : 'ana',
          action: `action-${i}`,
          entity: 'conversation',
          entityId: `c-${i}`,
          details: `{"n":${i}}`,
        });
      }
      const newest = await store.listAudit(3);
      expect(newest.map((r) => r.action)).toEqual(['action-4', 'action-3', 'action-2']);
      expect(newest[0]).toMatchObject({
        at: at(4),
        actorId: 'ana',
        entity: 'conversation',
        entityId: 'c-4',
        details: '{"n":4}',
      });
      expect(typeof newest[0]?.id).toBe('number');
      const older = await store.listAudit(3, newest[2]?.id);
      expect(older.map((r) => r.action)).toEqual(['action-1']);
      expect(older[0]?.actorId).toBeNull();
    });

    it('rejects any UPDATE or DELETE of the audit log in the database itself', async () => {
      await store.appendAudit({ at: T0, action: 'login', entity: 'user', details: '{}' });
      const db = (store as unknown as { db: Kysely<Database> }).db;

      await expect(sql`update audit_log set action = 'x'`.execute(db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
      const rows = await store.listAudit(10);
      expect(rows.map((r) => r.action)).toEqual(['login']);
    });
  });
});

skipPostgresWhenAbsent();
