import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notifyPayload } from '../sql-store.js';
import type { Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import {
  at,
  drivers,
  followUp,
  ids,
  listen,
  seedThread,
  skipPostgresWhenAbsent,
  T0,
} from './store-contract.test-helper.js';

/*
 * The store contract: what only PostgreSQL does: locking rows for claims, and events too large for
 * NOTIFY. Each test runs on SQLite and on a real PostgreSQL (see ./store-contract.test-helper.ts).
 */

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('PostgreSQL only', () => {
    it.runIf(driver.name === 'postgres')(
      'gives two open transactions disjoint follow-ups to claim (SKIP LOCKED)',
      async () => {
        const thread = await seedThread(store, 'a');
        for (let i = 0; i < 4; i++) {
          await store.insertFollowUp(followUp(`f${i}`, thread, { dueAt: at(-10 * (4 - i)) }));
        }
        await store.transaction(async (a) => {
          const claimedByA = await a.claimFollowUps(['pending'], T0, 2);
          expect(ids(claimedByA)).toEqual(['f0', 'f1']);
          // A still holds its rows: B, running meanwhile, skips them instead of waiting.
          const claimedByB = await store.transaction((b) => b.claimFollowUps(['pending'], T0, 10));
          expect(ids(claimedByB)).toEqual(['f2', 'f3']);
        });
        // Once A has ended, its rows are free again.
        expect(ids(await store.claimFollowUps(['pending'], T0, 10))).toEqual([
          'f0',
          'f1',
          'f2',
          'f3',
        ]);
      },
    );

    it.runIf(driver.name === 'postgres')(
      'delivers an event too large for NOTIFY to subscribers (it travels as its id)',
      async () => {
        const heard = listen(store);
        const payload = { text: 'ä'.repeat(5_000), note: 'big' }; // 10,000+ bytes of UTF-8
        const event = await store.transaction((tx) =>
          tx.emit('message.received', 'c-1', payload, T0),
        );
        expect(Buffer.byteLength(JSON.stringify(event))).toBeGreaterThan(8_000);
        expect(notifyPayload(event)).toBe(JSON.stringify({ id: event.id }));

        await vi.waitFor(() => expect(heard.events).toHaveLength(1));
        expect(heard.events[0]).toEqual(event);
        heard.stop();
      },
    );
  });
});

skipPostgresWhenAbsent();
