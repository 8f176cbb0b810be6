import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, message, type TestApp } from '../http/test-app.test-helper.js';
import { verifySignature } from '../integrations/signature.js';

/*
 * The generic outgoing channel (issue 14): replies, notes and status changes of conversations
 * that came from no other channel are posted to a configured URL, signed, and marked sent on a
 * 2xx. The receiver is a local server that answers as each test tells it.
 */

const SECRET = 'generic-outgoing-secret-0123';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let receiver: Server | undefined;
let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  await new Promise<void>((resolve) =>
    receiver === undefined ? resolve() : receiver.close(() => resolve()),
  );
  receiver = undefined;
  app = undefined;
});

async function start(answer: () => { status: number; retryAfter?: string }) {
  const received: Received[] = [];
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const { status, retryAfter } = answer();
      res.writeHead(status, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/calmdesk`;
  const t = await createTestApp({ config: { outgoingUrl: url, outgoingSecret: SECRET } });
  app = t;
  const stored = await t.call('POST', '/api/v1/messages', { as: 'token', body: message() });
  expect(stored.status).toBe(201);
  return { t, received, conversationId: stored.json.conversationId as string };
}

describe('generic outgoing channel', () => {
  it('posts a reply, a note and a status change, signed, and marks each sent on a 2xx', async () => {
    const { t, received, conversationId } = await start(() => ({ status: 204 }));
    await t.call('POST', `/api/v1/conversations/${conversationId}/replies`, {
      as: 'agent',
      body: { text: 'Yes, it comes in M. Shall I reserve one for you?' },
    });
    await t.call('POST', `/api/v1/conversations/${conversationId}/notes`, {
      as: 'agent',
      body: { text: 'Asked about sizes.' },
    });
    await t.call('PATCH', `/api/v1/conversations/${conversationId}`, {
      as: 'agent',
      body: { status: 'resolved' },
    });
    // One item of a conversation at a time, in order.
    for (let i = 0; i < 3; i++) await t.calmdesk.deliverOutgoingNow();

    const bodies = received.map((r) => JSON.parse(r.body) as Record<string, any>); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(bodies.map((b) => b.kind)).toEqual(['reply', 'note', 'status']);
    expect(bodies[0]!.message.text).toBe('Yes, it comes in M. Shall I reserve one for you?');
    expect(bodies[2]!.status).toEqual({ status: 'resolved', snoozedUntil: null });
    for (const r of received) {
      const check = verifySignature(
        SECRET,
        r.body,
        r.headers['x-calmdesk-signature'] as string,
        r.headers['x-calmdesk-timestamp'] as string,
        t.clock.now().getTime(),
      );
      expect(check).toEqual({ ok: true });
    }
    const detail = await t.call('GET', `/api/v1/conversations/${conversationId}`, { as: 'agent' });
    const delivered = (detail.json.messages as { delivery: { state: string } | null }[]).map(
      (m) => m.delivery?.state ?? null,
    );
    expect(delivered).toEqual([null, 'sent', 'sent']);
    expect(detail.json.deliveries.map((d: { state: string }) => d.state)).toEqual(['sent']);
  });

  it('tries a 503 again after its Retry-After, and fails a 400 with the status as the reason', async () => {
    const answers = [{ status: 503, retryAfter: '30' }, { status: 200 }, { status: 400 }];
    const { t, received, conversationId } = await start(() => answers.shift() ?? { status: 200 });
    await t.call('POST', `/api/v1/conversations/${conversationId}/replies`, {
      as: 'agent',
      body: { text: 'Let me check the stock for you.' },
    });
    await t.calmdesk.deliverOutgoingNow();
    t.clock.advance(29_000);
    expect(await t.calmdesk.deliverOutgoingNow()).toMatchObject({ sent: 0 });
    t.clock.advance(1_000);
    expect(await t.calmdesk.deliverOutgoingNow()).toMatchObject({ sent: 1 });
    // The same delivery id on both attempts: the receiver can drop a repeat.
    expect(received[0]!.headers['x-calmdesk-delivery']).toBe(
      received[1]!.headers['x-calmdesk-delivery'],
    );

    await t.call('POST', `/api/v1/conversations/${conversationId}/replies`, {
      as: 'agent',
      body: { text: 'It is in stock.' },
    });
    expect(await t.calmdesk.deliverOutgoingNow()).toMatchObject({ failed: 1 });
    const detail = await t.call('GET', `/api/v1/conversations/${conversationId}`, { as: 'agent' });
    expect(detail.json.messages.at(-1).delivery).toMatchObject({ state: 'failed' });
    expect(detail.json.messages.at(-1).delivery.lastError).toContain('HTTP 400');
  });

  it('leaves Chatwoot conversations alone when Chatwoot is not configured', async () => {
    const { t, received } = await start(() => ({ status: 200 }));
    const stored = await t.call('POST', '/api/v1/messages', {
      as: 'token',
      body: message({
        conversation: { externalId: 'chatwoot:1:conversation:7', channel: 'chat' },
      }),
    });
    const reply = await t.call(
      'POST',
      `/api/v1/conversations/${stored.json.conversationId}/replies`,
      {
        as: 'agent',
        body: { text: 'Hello there.' },
      },
    );
    expect(reply.json.message.delivery).toBeNull();
    await t.calmdesk.deliverOutgoingNow();
    expect(received).toEqual([]);
  });
});
