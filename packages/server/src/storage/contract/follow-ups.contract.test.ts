import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import {
  at,
  drivers,
  followUp,
  ids,
  seedThread,
  skipPostgresWhenAbsent,
  T0,
} from './store-contract.test-helper.js';

/*
 * The store contract: follow-ups: the promises agents make, due, claimed and settled. Each test
 * runs on SQLite and on a real PostgreSQL (see ./store-contract.test-helper.ts).
 */

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('follow-ups', () => {
    it('claims only follow-ups due in the given statuses, oldest due first', async () => {
      const thread = await seedThread(store, 'a');
      await store.insertFollowUp(followUp('late', thread, { dueAt: at(-10) }));
      await store.insertFollowUp(followUp('later', thread, { dueAt: at(30) }));
      await store.insertFollowUp(followUp('oldest', thread, { dueAt: at(-30), status: 'due' }));
      await store.insertFollowUp(followUp('kept', thread, { dueAt: at(-60), status: 'kept' }));
      await store.insertFollowUp(followUp('on-time', thread, { dueAt: T0 }));

      expect(ids(await store.claimFollowUps(['pending', 'due'], T0, 10))).toEqual([
        'oldest',
        'late',
        'on-time',
      ]);
      expect(ids(await store.claimFollowUps(['pending', 'due'], T0, 1))).toEqual(['oldest']);
      expect(ids(await store.claimFollowUps(['pending'], T0, 10))).toEqual(['late', 'on-time']);
      expect(await store.claimFollowUps(['pending', 'due'], at(-100), 10)).toEqual([]);

      await store.updateFollowUp('oldest', {
        status: 'kept',
        keptByMessageId: thread.message.id,
        closedAt: T0,
      });
      expect(await store.getFollowUp('oldest')).toEqual(
        followUp('oldest', thread, {
          dueAt: at(-30),
          status: 'kept',
          keptByMessageId: thread.message.id,
          closedAt: T0,
        }),
      );
      expect(ids(await store.claimFollowUps(['pending', 'due'], T0, 10))).toEqual([
        'late',
        'on-time',
      ]);
      expect(
        ids(await store.listFollowUps({ conversationId: thread.conversation.id, limit: 10 })),
      ).toEqual(['kept', 'oldest', 'late', 'on-time', 'later']);
    });

    it('finds the open follow-ups of a contact made before a time, due from a time', async () => {
      const thread = await seedThread(store, 'a');
      const elsewhere = await seedThread(store, 'b');
      const rows = [
        followUp('open', thread, { createdAt: at(-120), dueAt: at(60) }),
        followUp('due-now', thread, { createdAt: at(-60), dueAt: T0, status: 'due' }),
        followUp('made-now', thread, { createdAt: T0, dueAt: at(60) }),
        followUp('overdue', thread, { createdAt: at(-120), dueAt: at(-1) }),
        followUp('kept', thread, { createdAt: at(-120), dueAt: at(60), status: 'kept' }),
        followUp('missed', thread, { createdAt: at(-120), dueAt: at(60), status: 'missed' }),
        followUp('other-contact', elsewhere, { createdAt: at(-120), dueAt: at(60) }),
      ];
      for (const row of rows) await store.insertFollowUp(row);

      const found = await store.openFollowUpsOfContact(thread.contact.id, T0, T0);
      expect(ids(found).sort()).toEqual(['due-now', 'open']);
      expect(found.find((f) => f.id === 'open')).toEqual(rows[0]);
    });

    it('reports the earliest due time of a conversation’s open follow-ups', async () => {
      const thread = await seedThread(store, 'a');
      const quiet = await seedThread(store, 'b');
      await store.insertFollowUp(followUp('later', thread, { dueAt: at(60) }));
      await store.insertFollowUp(followUp('soon', thread, { dueAt: at(5), status: 'due' }));
      await store.insertFollowUp(followUp('kept', thread, { dueAt: at(-5), status: 'kept' }));

      expect(await store.nextDueOf(thread.conversation.id)).toBe(at(5));
      await store.updateFollowUp('soon', { status: 'missed', closedAt: at(6) });
      expect(await store.nextDueOf(thread.conversation.id)).toBe(at(60));
      expect(await store.nextDueOf(quiet.conversation.id)).toBeNull();
    });
  });
});

skipPostgresWhenAbsent();
