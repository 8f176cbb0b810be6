import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startCalmdesk, type RunningCalmdesk } from './server.js';
import { createTestDatabase, shouldRunPostgres } from './storage/test-stores.test-helper.js';
import type { StoredEvent } from './storage/store.js';

// Two Calmdesk instances on one PostgreSQL, each with its own pool, LISTEN connection and HTTP
// server, as two machines behind a load balancer would be.
const runPostgres = await shouldRunPostgres();
const silent = { info: () => undefined, error: () => undefined };

describe.runIf(runPostgres)('two instances on one PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: RunningCalmdesk;
  let b: RunningCalmdesk;
  let clock = Date.parse('2026-11-27T10:00:00Z');
  const now = () => new Date(clock);

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({}, { databaseUrl: db.url, port: 0, logLevel: 'silent' });
    // The clocks are driven by the test (clock: false), so both run their turns at the same moments.
    a = await startCalmdesk(config, { now, log: silent, clock: false });
    b = await startCalmdesk(config, { now, log: silent, clock: false });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('an event raised on one instance reaches an SSE client of the other', async () => {
    const agent = await a.services.people.createUser(
      {
        email: 'agent@example.com',
        name: 'Agent',
        role: 'agent',
        password: 'correct horse battery',
      },
      null,
    );
    const { token } = await a.services.people.createApiToken(agent, 'test');
    const stream = await fetch(`${b.url}/api/v1/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const received = (async () => {
      while (!text.includes('event: message.created')) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    })();
    await new Promise((r) => setTimeout(r, 100)); // the stream is subscribed
    const ingest = await fetch(`${a.url}/api/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        externalId: 'm-1',
        contact: { externalId: 'c-1', name: 'Dana' },
        conversation: { externalId: 'conv-1', channel: 'chat' },
        text: 'Third time I am asking: WHERE IS MY REFUND?!',
      }),
    });
    expect(ingest.status).toBe(201);
    await Promise.race([
      received,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no event on b:\n${text}`)), 5_000),
      ),
    ]);
    await reader.cancel();
    expect(text).toContain('event: message.created');
    expect(text).toContain('WHERE IS MY REFUND');
  });

  it('stores every message once when both instances take many at once for the same customers', async () => {
    const agent = await a.store.getUserByEmail('agent@example.com');
    const { token } = await a.services.people.createApiToken(agent!, 'burst');
    const send = (url: string, n: number) =>
      fetch(`${url}/api/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          externalId: `burst-${n % 150}`, // 50 sent twice, to either instance
          contact: { externalId: `burst-contact-${n % 7}` },
          conversation: { externalId: `burst-conversation-${n % 7}`, channel: 'chat' },
          text: `Message ${n % 150}: still waiting for my refund!`,
        }),
      });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, n) => send(n % 2 === 0 ? a.url : b.url, n)),
    );
    expect(responses.map((r) => r.status).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    let stored = 0;
    for (let c = 0; c < 7; c += 1) {
      const conversation = await a.store.getConversationByExternalId(`burst-conversation-${c}`);
      const messages = await a.store.listMessages(conversation!.id);
      expect(new Set(messages.map((m) => m.externalId)).size).toBe(messages.length);
      expect(conversation!.messageCount).toBe(messages.length);
      stored += messages.length;
    }
    expect(stored).toBe(150);
  });

  it('a follow-up fires exactly once while both instances run the clock at the same moment', async () => {
    const agent = await a.store.getUserByEmail('agent@example.com');
    const conversation = await a.store.getConversationByExternalId('conv-1');
    // Ten promises, all falling due: each must be marked once, with one event each.
    for (let i = 0; i < 10; i += 1) {
      await a.services.conversations.reply(
        conversation!.id,
        `I'll call you back within the hour about item ${i}.`,
        agent!,
      );
    }
    const heard = { a: [] as StoredEvent[], b: [] as StoredEvent[] };
    const offA = a.store.subscribe((e) => e.type.startsWith('follow_up.') && heard.a.push(e));
    const offB = b.store.subscribe((e) => e.type.startsWith('follow_up.') && heard.b.push(e));
    clock += 2 * 3_600_000;
    const [ra, rb] = await Promise.all([
      a.services.followUps.runClock(3),
      b.services.followUps.runClock(3),
    ]);
    // Between them they marked each promise once; neither marked any twice.
    expect(ra.missed + rb.missed).toBe(10);
    const again = await Promise.all([
      a.services.followUps.runClock(),
      b.services.followUps.runClock(),
    ]);
    expect(again[0].missed + again[1].missed).toBe(0);
    await new Promise((r) => setTimeout(r, 300)); // NOTIFY reaches both listeners
    offA();
    offB();
    const missedIds = (events: StoredEvent[]) =>
      events
        .filter((e) => e.type === 'follow_up.missed')
        .map((e) => (e.payload.followUp as { id: string }).id);
    // Every instance heard every follow-up missed exactly once, whichever instance marked it.
    expect(new Set(missedIds(heard.a)).size).toBe(10);
    expect(missedIds(heard.a)).toHaveLength(10);
    expect(missedIds(heard.b)).toHaveLength(10);
    const stored = await a.store.listEventsAfter(0, 1000);
    expect(stored.filter((e) => e.type === 'follow_up.missed')).toHaveLength(10);
  });
});

if (!runPostgres)
  describe('two instances on one PostgreSQL', () => {
    it.skip('skipped: no PostgreSQL server (see the warning above)', () => undefined);
  });
