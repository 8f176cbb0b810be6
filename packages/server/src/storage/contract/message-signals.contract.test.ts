import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signalRowsOf } from '../../history/message-signals.js';
import type { Store } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import { at, drivers, message, seedThread } from './store-contract.test-helper.js';

/*
 * The store contract: the signs read in customer messages, one row per message and kind,
 * queryable by kind, conversation and time (issue 16). On SQLite and on a real PostgreSQL.
 */

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('message signals', () => {
    it('stores a customer message’s signs by kind with how often each appears, and finds them by kind and time', async () => {
      const { conversation } = await seedThread(store, 'a');
      const analysis = (kinds: string[]) =>
        JSON.stringify({ signals: kinds.map((kind) => ({ kind, start: 0, end: 1 })) });
      const early = message('m-early', conversation.id, {
        direction: 'incoming',
        sentAt: at(1),
        analysis: analysis(['exclamation', 'threat', 'exclamation']),
      });
      const late = message('m-late', conversation.id, {
        direction: 'incoming',
        sentAt: at(30),
        analysis: analysis(['threat']),
      });
      const reply = message('m-reply', conversation.id, {
        direction: 'outgoing',
        sentAt: at(10),
        analysis: analysis(['threat']),
      });
      await store.insertMessages([early, late, reply]);
      await store.insertMessageSignals([early, late, reply].flatMap(signalRowsOf));

      const threats = await store.listMessageSignals({ kind: 'threat', limit: 10 });
      expect(threats.map((s) => [s.messageId, s.strength, s.at])).toEqual([
        ['m-early', 1, at(1)],
        ['m-late', 1, at(30)],
      ]);
      expect(
        await store.listMessageSignals({
          conversationId: conversation.id,
          since: at(5),
          limit: 10,
        }),
      ).toEqual([
        {
          messageId: 'm-late',
          conversationId: conversation.id,
          kind: 'threat',
          strength: 1,
          at: at(30),
        },
      ]);
      const shouting = await store.listMessageSignals({ kind: 'exclamation', limit: 10 });
      expect(shouting.map((s) => s.strength)).toEqual([2]);
    });

    it('keeps one row per message and kind: the same sign stored twice for a message is refused', async () => {
      const { conversation } = await seedThread(store, 'b');
      const m = message('m-b2', conversation.id, {
        direction: 'incoming',
        analysis: JSON.stringify({ signals: [{ kind: 'threat' }] }),
      });
      await store.insertMessages([m]);
      await store.insertMessageSignals(signalRowsOf(m));
      await expect(store.insertMessageSignals(signalRowsOf(m))).rejects.toThrow();
      expect(await store.listMessageSignals({ limit: 10 })).toHaveLength(1);
    });
  });
});
