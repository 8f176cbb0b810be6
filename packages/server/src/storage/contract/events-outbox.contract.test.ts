import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store, StoredEvent } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import {
  at,
  drivers,
  listen,
  skipPostgresWhenAbsent,
  T0,
  user,
} from './store-contract.test-helper.js';

/*
 * The store contract: transactions, the events they emit to subscribers, and the webhook outbox.
 * Each test runs on SQLite and on a real PostgreSQL (see ./store-contract.test-helper.ts).
 */

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('transactions and events', () => {
    it('rolls back a failed transaction: no rows stay, its events are never heard', async () => {
      const heard = listen(store);
      await expect(
        store.transaction(async (tx) => {
          await tx.insertUser(user('ana'));
          await tx.putSetting('budget', '500', T0);
          await tx.emit('conversation.updated', null, { doomed: true }, T0);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');

      expect(await store.countUsers()).toBe(0);
      expect(await store.getSetting('budget')).toBeUndefined();
      expect(await store.listEventsAfter(0, 10)).toEqual([]);

      // Events arrive in commit order, so once this one is heard the doomed one never will be.
      const marker = await store.emit('marker', null, {}, at(1));
      await vi.waitFor(() => expect(heard.events.map((e) => e.id)).toContain(marker.id));
      expect(heard.events).toEqual([marker]);
      heard.stop();
    });

    it('delivers a committed transaction’s events to subscribers, after the commit', async () => {
      const heard = listen(store);
      const emitted = await store.transaction(async (tx) => {
        await tx.insertUser(user('ana'));
        const first = await tx.emit('user.created', null, { userId: 'ana' }, T0);
        const second = await tx.emit('setting.changed', 'conv-1', { key: 'x', n: 2 }, at(1));
        expect(heard.events).toEqual([]);
        return [first, second];
      });
      expect(emitted[0]).toEqual({
        id: emitted[0]?.id,
        at: T0,
        type: 'user.created',
        conversationId: null,
        payload: { userId: 'ana' },
      });

      await vi.waitFor(() => expect(heard.events).toHaveLength(2));
      expect(heard.events).toEqual(emitted);
      expect(await store.getUser('ana')).toBeDefined();

      // An unsubscribed listener hears nothing more.
      heard.stop();
      const later = listen(store);
      const last = await store.emit('after', null, {}, at(2));
      await vi.waitFor(() => expect(later.events).toEqual([last]));
      expect(heard.events).toHaveLength(2);
      later.stop();
    });

    it('pages through events in id order and reports the last id', async () => {
      expect(await store.lastEventId()).toBe(0);
      expect(await store.listEventsAfter(0, 10)).toEqual([]);
      const emitted: StoredEvent[] = [];
      for (let i = 0; i < 5; i++) {
        emitted.push(await store.emit(`type-${i}`, i % 2 === 0 ? `conv-${i}` : null, { i }, at(i)));
      }
      const eventIds = emitted.map((e) => e.id);
      expect([...eventIds].sort((a, b) => a - b)).toEqual(eventIds);

      const firstPage = await store.listEventsAfter(0, 2);
      expect(firstPage).toEqual(emitted.slice(0, 2));
      const secondPage = await store.listEventsAfter(firstPage[1]?.id ?? -1, 2);
      expect(secondPage).toEqual(emitted.slice(2, 4));
      expect(await store.listEventsAfter(secondPage[1]?.id ?? -1, 2)).toEqual(emitted.slice(4));
      expect(await store.listEventsAfter(eventIds[4] ?? -1, 2)).toEqual([]);
      expect(await store.lastEventId()).toBe(eventIds[4]);
    });
    it('emits many events in one go, in order, heard after commit', async () => {
      const heard = listen(store);
      const many = Array.from({ length: 250 }, (_, i) => ({
        type: i % 2 === 0 ? 'message.created' : 'conversation.temperature',
        conversationId: `c-${i}`,
        payload: { n: i },
      }));
      const stored = await store.transaction((tx) => tx.emitMany(many, T0));
      expect(stored.map((e) => e.payload.n)).toEqual(many.map((e) => e.payload.n));
      expect(stored.map((e) => e.id)).toEqual([...stored.map((e) => e.id)].sort((a, b) => a - b));
      const after = await store.listEventsAfter(0, 1000);
      expect(after.map((e) => [e.id, e.type, e.payload.n])).toEqual(
        stored.map((e) => [e.id, e.type, e.payload.n]),
      );
      await vi.waitFor(() => expect(heard.events).toHaveLength(250));
      expect(heard.events.map((e) => e.payload.n)).toEqual(many.map((e) => e.payload.n));
      heard.stop();
    });
  });

  describe('outbox', () => {
    it('leases claimed deliveries until the lease ends; delivered ones are never claimed', async () => {
      const event = await store.emit('conversation.escalated', 'c-1', {}, T0);
      await store.enqueueOutbox('webhook', '{"n":1}', event.id, T0);
      await store.enqueueOutbox('webhook', '{"n":2}', null, T0);
      await store.enqueueOutbox('webhook', '{"n":3}', null, at(10)); // not due until T0+10

      const claimed = await store.claimOutbox(at(1), at(6), 10);
      expect(claimed.map((r) => r.body)).toEqual(['{"n":1}', '{"n":2}']);
      expect(claimed[0]).toMatchObject({
        eventId: event.id,
        kind: 'webhook',
        status: 'pending',
        attempts: 0,
        createdAt: T0,
        lastError: null,
        deliveredAt: null,
      });
      const [first, second] = claimed;
      if (first === undefined || second === undefined) throw new Error('nothing claimed');

      // Leased: nobody else takes them until the lease has run out.
      expect(await store.claimOutbox(at(2), at(7), 10)).toEqual([]);

      await store.updateOutbox(first.id, { status: 'delivered', attempts: 1, deliveredAt: at(3) });
      expect((await store.claimOutbox(at(7), at(12), 10)).map((r) => r.id)).toEqual([second.id]);

      await store.updateOutbox(second.id, {
        attempts: 1,
        lastError: 'HTTP 503',
        nextAttemptAt: at(20),
      });
      expect((await store.claimOutbox(at(13), at(30), 10)).map((r) => r.body)).toEqual(['{"n":3}']);
      expect((await store.claimOutbox(at(20), at(25), 10)).map((r) => r.id)).toEqual([second.id]);

      const all = await store.listOutbox(10);
      expect(all.map((r) => r.status)).toEqual(['delivered', 'pending', 'pending']);
      expect(all[0]).toMatchObject({ id: first.id, attempts: 1, deliveredAt: at(3) });
      expect(all[1]).toMatchObject({ attempts: 1, lastError: 'HTTP 503' });
    });

    it('never hands the same delivery to two claims running at once', async () => {
      for (let i = 0; i < 6; i++) await store.enqueueOutbox('webhook', `{"n":${i}}`, null, T0);
      const claims = await Promise.all([
        store.claimOutbox(at(1), at(6), 10),
        store.claimOutbox(at(1), at(6), 10),
        store.claimOutbox(at(1), at(6), 10),
      ]);
      const claimedIds = claims.flat().map((r) => r.id);
      expect(claimedIds).toHaveLength(6);
      expect(new Set(claimedIds).size).toBe(6);
    });
  });
});

skipPostgresWhenAbsent();
