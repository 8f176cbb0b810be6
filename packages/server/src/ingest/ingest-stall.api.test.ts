import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { PASSWORD } from '../http/test-app.test-helper.js';
import { startCalmdesk, type RunningCalmdesk } from '../server.js';

/*
 * SQLite has one writing connection, held for the whole of a write transaction: a 10 MB batch
 * held it for hundreds of ms, and health and every signed-in read waited behind it (issue 13).
 * Reads outside transactions now go to a second, read-only connection. On a database file, as
 * `calmdesk start` runs it (an in-memory database cannot be shared between connections).
 */

const silent = { info: () => undefined, error: () => undefined };
let dataDir = '';
let server: RunningCalmdesk;
let auth: Record<string, string>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'calmdesk-stall-'));
  const config = loadConfig(
    {},
    { dataDir, port: 0, host: '127.0.0.1', logLevel: 'silent', databaseUrl: undefined },
  );
  server = await startCalmdesk(config, { log: silent, clock: false });
  const agent = await server.services.people.createUser(
    { email: 'agent@example.com', name: 'Agent', role: 'agent', password: PASSWORD },
    null,
  );
  const { token } = await server.services.people.createApiToken(agent, 'stall');
  auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  // The token's first use records it (a write, at most once a minute): done before any test.
  expect((await fetch(`${server.url}/api/v1/conversations`, { headers: auth })).status).toBe(200);
});

afterAll(async () => {
  await server?.close();
  if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
});

/** Holds the writing connection in a transaction until `release` is called. */
function holdWriter(): { release: () => void; done: Promise<void>; holding: () => boolean } {
  let release = () => undefined as void;
  let holding = true;
  const released = new Promise<void>((resolve) => (release = resolve));
  const done = server.store
    .transaction(async (tx) => {
      await tx.putSetting('stall.test', 'held', new Date().toISOString());
      await released;
    })
    .finally(() => {
      holding = false;
    });
  return { release: () => release(), done, holding: () => holding };
}

/** The response's status, or 'still waiting' after 5 s (while the writer is still held). */
function beforeLongWait(response: Promise<Response>): Promise<number | 'still waiting'> {
  const wait = new Promise<'still waiting'>((r) => setTimeout(() => r('still waiting'), 5_000));
  return Promise.race([response.then((r) => r.status), wait]);
}

describe('a long write on SQLite', () => {
  it('keeps neither health nor a signed-in inbox read waiting', async () => {
    const writer = holdWriter();
    // Past the transaction's start, so it holds the connection.
    await new Promise((r) => setTimeout(r, 50));
    try {
      // Seconds, not milliseconds: what matters is that the answer does not wait for the write.
      expect(await beforeLongWait(fetch(`${server.url}/api/health`))).toBe(200);
      expect(writer.holding()).toBe(true);
      const inbox = fetch(`${server.url}/api/v1/conversations`, { headers: auth });
      expect(await beforeLongWait(inbox)).toBe(200);
      expect(writer.holding()).toBe(true);
    } finally {
      writer.release();
      await writer.done;
    }
  });

  it('answers health while a large batch is being written, and stores the whole batch', async () => {
    // The ingest's transaction, seen from outside: health answers counted while it is open.
    const store = server.store;
    const transaction = store.transaction.bind(store);
    let open = 0;
    let answeredWhileOpen = 0;
    store.transaction = async (fn) => {
      open += 1;
      try {
        return await transaction(fn);
      } finally {
        open -= 1;
      }
    };
    const words = 'My refund has not arrived and nobody answers my emails. ';
    const text = words.repeat(Math.ceil(10_000 / words.length)).slice(0, 10_000);
    const body = JSON.stringify({
      messages: Array.from({ length: 400 }, (_, n) => ({
        externalId: `large-${n}`,
        contact: { externalId: `large-customer-${n % 20}` },
        conversation: { externalId: `large-conversation-${n % 20}`, channel: 'email' },
        text: `${n} ${text}`,
      })),
    });
    let done = false;
    const poll = (async () => {
      while (!done) {
        const res = await fetch(`${server.url}/api/health`);
        expect(res.status).toBe(200);
        if (open > 0) answeredWhileOpen += 1;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    try {
      const posted = await fetch(`${server.url}/api/v1/messages/batch`, {
        method: 'POST',
        headers: auth,
        body,
      });
      expect(posted.status).toBe(201);
    } finally {
      done = true;
      await poll;
      store.transaction = transaction;
    }
    expect(answeredWhileOpen).toBeGreaterThan(0);
    const listed = (await (
      await fetch(`${server.url}/api/v1/conversations?limit=100`, { headers: auth })
    ).json()) as { conversations: { externalId: string; messageCount: number }[] };
    const large = listed.conversations.filter((c) => c.externalId.startsWith('large-'));
    expect(large).toHaveLength(20);
    expect(large.reduce((sum, c) => sum + c.messageCount, 0)).toBe(400);
  });

  it('shows what was just written: a read right after an ingest finds the message', async () => {
    for (let n = 0; n < 5; n += 1) {
      const posted = await fetch(`${server.url}/api/v1/messages`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({
          externalId: `fresh-${n}`,
          contact: { externalId: 'fresh-customer' },
          conversation: { externalId: 'fresh-conversation', channel: 'chat' },
          text: `Message ${n}: still waiting for my refund.`,
        }),
      });
      expect(posted.status).toBe(201);
      const { conversationId } = (await posted.json()) as { conversationId: string };
      const detail = (await (
        await fetch(`${server.url}/api/v1/conversations/${conversationId}`, { headers: auth })
      ).json()) as { messages: { externalId: string }[] };
      expect(detail.messages.map((m) => m.externalId)).toContain(`fresh-${n}`);
    }
  });

  it('still writes on the writing connection when nothing holds it', async () => {
    const writer = holdWriter();
    writer.release();
    await writer.done;
    expect(await server.store.getSetting('stall.test')).toBeDefined();
  });
});
