import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk, type Calmdesk } from '../server.js';
import { createTestDatabase, shouldRunPostgres } from '../storage/test-stores.test-helper.js';
import {
  startFakeChatwoot,
  type FakeChatwoot,
  type FakePlan,
} from './fake-chatwoot.test-helper.js';

/*
 * Two Calmdesk instances on one PostgreSQL deliver the same queue of replies to Chatwoot at the
 * same moments (issue 14): each reply reaches Chatwoot once, none is lost, even with Chatwoot
 * failing some calls and answering slowly.
 */
const runPostgres = await shouldRunPostgres();
const silent = { info: () => undefined, error: () => undefined };
const TOKEN = 'two-instances-token';

describe.runIf(runPostgres)('Chatwoot out from two instances on one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let fake: FakeChatwoot;
  let a: Calmdesk;
  let b: Calmdesk;
  let clock = Date.parse('2026-11-27T10:00:00Z');
  const now = () => new Date(clock);

  beforeAll(async () => {
    db = await createTestDatabase();
    let calls = 0;
    fake = await startFakeChatwoot({
      token: TOKEN,
      // Every fifth post fails; every post is answered a little late.
      plan: (call): FakePlan =>
        call.method === 'POST' && ++calls % 5 === 0
          ? { kind: 'status', status: 502 }
          : { kind: 'ok' },
    });
    const config = loadConfig(
      {},
      {
        databaseUrl: db.url,
        logLevel: 'silent',
        chatwootUrl: fake.url,
        chatwootApiToken: TOKEN,
        channelTimeoutMs: 5_000,
      },
    );
    a = await createCalmdesk(config, { now, log: silent });
    b = await createCalmdesk(config, { now, log: silent });
  });

  afterAll(async () => {
    for (const c of [a, b]) {
      await c?.services.ingest.close();
      await c?.store.close();
    }
    await fake?.close();
    await db?.drop();
  });

  it('sends each of 40 replies once when both deliver at the same moments', async () => {
    const author = await a.services.people.createUser(
      {
        email: 'agent@example.com',
        name: 'Agent',
        role: 'agent',
        password: 'correct horse battery',
      },
      null,
    );
    const texts: string[] = [];
    for (let c = 1; c <= 8; c++) {
      const contact = await a.store.upsertContact({
        externalId: `chatwoot:1:contact:${c}`,
        name: null,
        email: null,
        now: now().toISOString(),
      });
      const { conversation } = await a.store.upsertConversation({
        externalId: `chatwoot:1:conversation:${c}`,
        contactId: contact.id,
        channel: 'chat',
        subject: null,
        now: now().toISOString(),
      });
      for (let r = 1; r <= 5; r++) {
        const text = `Conversation ${c}, reply ${r}.`;
        texts.push(text);
        await (r % 2 === 0 ? b : a).services.conversations.reply(conversation.id, text, author);
      }
    }
    for (let turn = 0; turn < 30 && fake.messages.length < texts.length; turn++) {
      await Promise.all([a.deliverOutgoingNow(), b.deliverOutgoingNow()]);
      clock += 60_000; // past any backoff
    }
    const contents = fake.messages.map((m) => m.content);
    expect([...contents].sort()).toEqual([...texts].sort());
    // In order within each conversation.
    for (let c = 1; c <= 8; c++) {
      const mine = contents.filter((t) => t.startsWith(`Conversation ${c},`));
      expect(mine).toEqual([1, 2, 3, 4, 5].map((r) => `Conversation ${c}, reply ${r}.`));
    }
  });
});
