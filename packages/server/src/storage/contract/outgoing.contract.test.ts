import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoreOps } from '../store.js';
import type { TestStore } from '../test-stores.test-helper.js';
import {
  at,
  drivers,
  message,
  seedThread,
  skipPostgresWhenAbsent,
  T0,
} from './store-contract.test-helper.js';

/*
 * The store contract for outgoing messages (issue 14): what must reach a customer's channel is
 * queued, leased by one worker at a time, in order within a conversation, and taken again after
 * a crash. Each test runs on SQLite and on a real PostgreSQL.
 */

function queue(ops: StoreOps, conversationId: string, messageId: string | null, now = T0) {
  return ops.enqueueOutgoing(
    {
      conversationId,
      messageId,
      channel: 'chatwoot',
      kind: messageId === null ? 'status' : 'reply',
      payload: JSON.stringify({ message: { text: `text of ${messageId}` } }),
    },
    now,
  );
}

describe.each(drivers)('store contract: $name', (driver) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await driver.open();
    store = t.store;
  });
  afterEach(() => t.dispose());

  describe('outgoing messages', () => {
    it('queues an item in the transaction that stores its message, or not at all', async () => {
      const a = await seedThread(store, 'a');
      await expect(
        store.transaction(async (tx) => {
          await tx.insertMessage(message('m-doomed', a.conversation.id, { externalId: null }));
          await queue(tx, a.conversation.id, 'm-doomed');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.listOutgoingForConversation(a.conversation.id)).toEqual([]);

      const item = await queue(store, a.conversation.id, a.message.id);
      expect(item).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: T0 });
      expect(await store.listOutgoingForMessages([a.message.id])).toEqual([item]);
    });

    it('leases each item to one claim, one per conversation at a time, in order', async () => {
      const a = await seedThread(store, 'a');
      const b = await seedThread(store, 'b');
      const a1 = await queue(store, a.conversation.id, a.message.id);
      const a2 = await queue(store, a.conversation.id, null);
      const b1 = await queue(store, b.conversation.id, b.message.id);

      const first = await store.claimOutgoing(at(1), at(2), 10);
      expect(first.map((r) => r.id)).toEqual([a1.id, b1.id]);
      expect(first.every((r) => r.state === 'sending' && r.attempts === 1)).toBe(true);
      // Leased: a second claim takes nothing, not even a2 (a1 is still on its way).
      expect(await store.claimOutgoing(at(1), at(2), 10)).toEqual([]);

      const sent = await store.finishOutgoing(a1.id, at(2), {
        state: 'sent',
        externalId: 'chatwoot:1:message:9',
        sentAt: at(1),
        updatedAt: at(1),
      });
      expect(sent?.state).toBe('sent');
      expect((await store.claimOutgoing(at(1), at(3), 10)).map((r) => r.id)).toEqual([a2.id]);
    });

    it('never gives one item to two claims made at once (two instances)', async () => {
      const conversations = await Promise.all(
        Array.from({ length: 8 }, (_, i) => seedThread(store, `c${i}`)),
      );
      for (const c of conversations) await queue(store, c.conversation.id, c.message.id);
      const [one, two] = await Promise.all([
        store.claimOutgoing(at(1), at(2), 5),
        store.claimOutgoing(at(1), at(2), 5),
      ]);
      const taken = [...one, ...two].map((r) => r.id);
      expect(new Set(taken).size).toBe(taken.length);
      expect(taken).toHaveLength(8);
    });

    it('takes an item again, in doubt, once the lease of a worker that died runs out', async () => {
      const a = await seedThread(store, 'a');
      const item = await queue(store, a.conversation.id, a.message.id);
      await store.claimOutgoing(at(1), at(2), 10);
      expect(await store.claimOutgoing(at(1.5), at(3), 10)).toEqual([]);
      const again = await store.claimOutgoing(at(2), at(4), 10);
      expect(again).toMatchObject([{ id: item.id, attempts: 2, inDoubt: 1, state: 'sending' }]);
      // The first worker's late answer no longer counts: its lease is gone.
      expect(
        await store.finishOutgoing(item.id, at(2), { state: 'failed', updatedAt: at(2) }),
      ).toBeUndefined();
      expect((await store.getOutgoing(item.id))?.state).toBe('sending');
    });

    it('retries only a failed item, with a fresh round of attempts', async () => {
      const a = await seedThread(store, 'a');
      const item = await queue(store, a.conversation.id, a.message.id);
      expect(await store.retryOutgoing(item.id, at(1))).toBeUndefined();
      await store.claimOutgoing(at(1), at(2), 10);
      await store.finishOutgoing(item.id, at(2), {
        state: 'failed',
        lastError: 'HTTP 401',
        updatedAt: at(1),
      });
      const retried = await store.retryOutgoing(item.id, at(5));
      expect(retried).toMatchObject({ state: 'queued', attempts: 0, nextAttemptAt: at(5) });
    });

    it('gives a message the channel id once, never one another message holds', async () => {
      const a = await seedThread(store, 'a');
      await store.insertMessage(message('m-2', a.conversation.id, { externalId: null }));
      await store.insertMessage(message('m-3', a.conversation.id, { externalId: null }));
      expect(await store.linkMessageExternalId('m-2', 'chatwoot:1:message:5')).toBe(true);
      expect(await store.linkMessageExternalId('m-3', 'chatwoot:1:message:5')).toBe(false);
      expect(await store.linkMessageExternalId('m-2', 'chatwoot:1:message:6')).toBe(false);
      expect((await store.getMessage('m-2'))?.externalId).toBe('chatwoot:1:message:5');
      expect((await store.getMessage('m-3'))?.externalId).toBeNull();
    });

    it('offers as echo candidates only attempted items of a message with no channel id', async () => {
      const a = await seedThread(store, 'a');
      const waiting = await queue(store, a.conversation.id, a.message.id);
      expect(await store.lockEchoCandidates(a.conversation.id, 'chatwoot')).toEqual([]);
      await store.claimOutgoing(at(1), at(2), 10);
      const candidates = await store.transaction((tx) =>
        tx.lockEchoCandidates(a.conversation.id, 'chatwoot'),
      );
      expect(candidates.map((c) => c.id)).toEqual([waiting.id]);
      await store.markOutgoingSent(waiting.id, 'chatwoot:1:message:7', at(1));
      expect(await store.lockEchoCandidates(a.conversation.id, 'chatwoot')).toEqual([]);
      expect(await store.getOutgoing(waiting.id)).toMatchObject({
        state: 'sent',
        externalId: 'chatwoot:1:message:7',
      });
    });
  });
});

skipPostgresWhenAbsent();
