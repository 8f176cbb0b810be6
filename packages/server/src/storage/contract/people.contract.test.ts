import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import {
  apiToken,
  at,
  drivers,
  ids,
  session,
  skipPostgresWhenAbsent,
  T0,
  user,
} from './store-contract.test-helper.js';

/*
 * The store contract: people: users, sessions and API tokens. Each test runs on SQLite and on a
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

  describe('people', () => {
    it('finds a user by id and by exact email, lists and counts users', async () => {
      expect(await store.countUsers()).toBe(0);
      const ana = user('ana', { email: 'ana@example.com', role: 'admin' });
      const bo = user('bo', { createdAt: at(5), disabled: 1 });
      await store.insertUser(ana);
      await store.insertUser(bo);

      expect(await store.getUser('ana')).toEqual(ana);
      expect(await store.getUserByEmail('ana@example.com')).toEqual(ana);
      expect(await store.getUser('nobody')).toBeUndefined();
      expect(await store.getUserByEmail('nobody@example.com')).toBeUndefined();
      expect(await store.countUsers()).toBe(2);
      expect(await store.listUsers()).toEqual([ana, bo]);
    });

    it('rejects a second user with the same email and changes nothing', async () => {
      const ana = user('ana', { email: 'ana@example.com' });
      await store.insertUser(ana);
      await expect(
        store.insertUser(user('impostor', { email: 'ana@example.com', name: 'Impostor' })),
      ).rejects.toThrow();

      expect(await store.countUsers()).toBe(1);
      expect(await store.getUser('impostor')).toBeUndefined();
      expect(await store.getUserByEmail('ana@example.com')).toEqual(ana);
    });

    it('returns a session until it expires, and never after it is deleted', async () => {
      await store.insertUser(user('ana'));
      const live = session('live', 'ana', { expiresAt: at(30) });
      await store.insertSession(live);
      await store.insertSession(session('stale', 'ana', { expiresAt: at(-1) }));

      expect(await store.getSessionUser('live', T0)).toEqual({
        csrfToken: live.csrfToken,
        user: user('ana'),
      });
      expect(await store.getSessionUser('live', at(30))).toBeUndefined(); // expired at that instant
      expect(await store.getSessionUser('stale', T0)).toBeUndefined();
      expect(await store.getSessionUser('unknown', T0)).toBeUndefined();

      await store.deleteSession('live');
      expect(await store.getSessionUser('live', T0)).toBeUndefined();
    });

    it('finds an api token by hash until revoked; only its owner can revoke it', async () => {
      await store.insertUser(user('ana'));
      await store.insertUser(user('bo'));
      const token = apiToken('t1', 'ana');
      await store.insertApiToken(token);
      await store.insertApiToken(apiToken('t2', 'ana', { createdAt: at(1) }));

      expect(await store.getApiTokenUser('token-hash-t1')).toEqual({
        tokenId: token.id,
        tokenLastUsedAt: token.lastUsedAt,
        user: user('ana'),
      });
      expect(ids(await store.listApiTokens('ana'))).toEqual(['t2', 't1']); // newest first
      expect(await store.listApiTokens('bo')).toEqual([]);

      await store.touchApiToken('t1', at(2));
      expect((await store.getApiTokenUser('token-hash-t1'))?.tokenLastUsedAt).toBe(at(2));

      expect(await store.revokeApiToken('t1', 'bo', at(3))).toBe(false);
      expect(await store.getApiTokenUser('token-hash-t1')).toBeDefined();

      expect(await store.revokeApiToken('t1', 'ana', at(4))).toBe(true);
      expect(await store.getApiTokenUser('token-hash-t1')).toBeUndefined();
      expect(await store.revokeApiToken('t1', 'ana', at(5))).toBe(false); // already revoked
      const listed = await store.listApiTokens('ana');
      expect(listed.find((r) => r.id === 't1')?.revokedAt).toBe(at(4));
      expect(await store.getApiTokenUser('token-hash-t2')).toBeDefined();
    });

    it("ends every session and revokes every live token of one person, and no one else's", async () => {
      await store.insertUser(user('ana'));
      await store.insertUser(user('bo'));
      for (const [id, owner] of [
        ['s1', 'ana'],
        ['s2', 'ana'],
        ['s3', 'bo'],
      ] as const) {
        await store.insertSession(session(id, owner));
        await store.insertApiToken(apiToken(id, owner));
      }
      await store.revokeApiToken('s2', 'ana', at(1));
      expect(await store.getApiToken('s1')).toEqual(apiToken('s1', 'ana'));
      expect(await store.getApiToken('none')).toBeUndefined();

      expect(await store.deleteSessionsOf('ana')).toBe(2);
      expect(await store.revokeApiTokensOf('ana', at(2))).toBe(1);
      expect(await store.getSessionUser('s1', T0)).toBeUndefined();
      expect(await store.getApiTokenUser('token-hash-s1')).toBeUndefined();
      expect((await store.getApiToken('s2'))?.revokedAt).toBe(at(1)); // revoked before stays so
      expect(await store.getSessionUser('s3', T0)).toBeDefined();
      expect(await store.getApiTokenUser('token-hash-s3')).toBeDefined();
    });
  });
});

skipPostgresWhenAbsent();
