import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { sign, verifySignature } from '../integrations/signature.js';
import { startClock } from '../follow-ups/follow-up-clock.js';
import { createCalmdesk, type Calmdesk } from '../server.js';
import type { UserRow } from '../storage/store.js';
import { deliverWebhooks, type DeliveryOptions } from './deliver-webhooks.js';

// The outgoing webhook against a real HTTP receiver on 127.0.0.1: what is queued, what is posted
// and signed, how failures back off and give up, and that a restart loses nothing.

const T = new Date('2026-03-02T10:00:00.000Z');
const SECRET = 'outgoing-secret-0123456789';
const silent = { info: () => undefined, error: () => undefined };

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local webhook receiver that records every request and fails the next `failNext` with 500. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { failNext: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      // No keep-alive: a pooled connection must not outlive this receiver into the next test.
      if (state.failNext > 0) {
        state.failNext -= 1;
        response.writeHead(500, { connection: 'close' }).end('boom');
      } else {
        response.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end('ok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}/hooks/calmdesk`, received, state, close };
}

/** A port nothing listens on: opened, then closed. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hooks/calmdesk`;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receiver() {
  const r = await startReceiver();
  cleanups.push(r.close);
  return r;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'calmdesk-outbox-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A Calmdesk posting to `webhookUrl`, on a fake clock that `clock.now` moves. */
async function start(webhookUrl: string, dataDir = ':memory:', clock = { now: T }) {
  const config = loadConfig({}, { dataDir, logLevel: 'silent', webhookUrl, webhookSecret: SECRET });
  const calmdesk = await createCalmdesk(config, { now: () => clock.now, log: silent });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await calmdesk.store.close();
  };
  cleanups.push(close);
  const deliver = (options: Partial<DeliveryOptions> = {}) =>
    deliverWebhooks({
      store: calmdesk.store,
      url: webhookUrl,
      secret: SECRET,
      now: () => clock.now,
      ...options,
    });
  return { calmdesk, clock, deliver, close };
}

async function agentOf(calmdesk: Calmdesk): Promise<UserRow> {
  return (
    (await calmdesk.store.getUserByEmail('sam@acme.example')) ??
    calmdesk.services.people.createUser(
      {
        email: 'sam@acme.example',
        name: 'Sam Carter',
        role: 'agent',
        password: 'correct horse battery',
      },
      null,
    )
  );
}

async function customerWrites(calmdesk: Calmdesk): Promise<string> {
  const [result] = await calmdesk.services.ingest.ingest(
    [
      {
        externalId: 'maria-1',
        contact: { externalId: 'maria', name: 'Maria Lopez' },
        conversation: { externalId: 'ticket-42', channel: 'email', subject: 'Order #4411 missing' },
        direction: 'incoming',
        text: 'This is the THIRD time I write!!! Refund me or I will do a chargeback.',
        sentAt: T.toISOString(),
      },
    ],
    null,
    'test',
  );
  if (result === undefined) throw new Error('nothing stored');
  return result.conversationId;
}

async function escalate(calmdesk: Calmdesk): Promise<string> {
  const conversationId = await customerWrites(calmdesk);
  await calmdesk.services.escalations.escalate(
    conversationId,
    { reason: 'Threatens a chargeback after three contacts.' },
    await agentOf(calmdesk),
  );
  return conversationId;
}

const outbox = (calmdesk: Calmdesk) => calmdesk.store.listOutbox(100);

describe('outgoing webhooks: what is queued', () => {
  it('queues exactly one delivery for an escalation, a promise coming due and one missed', async () => {
    const { url } = await receiver();
    const { calmdesk, clock } = await start(url);
    const conversationId = await escalate(calmdesk);
    expect((await outbox(calmdesk)).map((d) => d.kind)).toEqual(['escalation']);

    await calmdesk.services.conversations.reply(
      conversationId,
      "I'll call you back within the hour.",
      await agentOf(calmdesk),
    );
    clock.now = new Date(T.getTime() + 50 * 60_000);
    await calmdesk.services.followUps.runClock();
    clock.now = new Date(T.getTime() + 61 * 60_000);
    await calmdesk.services.followUps.runClock();
    await calmdesk.services.followUps.runClock();
    const queued = await outbox(calmdesk);
    expect(queued.map((d) => d.kind)).toEqual(['escalation', 'follow_up.due', 'follow_up.missed']);
    expect(queued.every((d) => d.status === 'pending' && d.attempts === 0)).toBe(true);
  });

  it('queues nothing when no webhook URL is configured', async () => {
    const config = loadConfig({}, { dataDir: ':memory:', logLevel: 'silent' });
    const calmdesk = await createCalmdesk(config, { now: () => T, log: silent });
    cleanups.push(() => calmdesk.store.close());
    await escalate(calmdesk);
    expect(await outbox(calmdesk)).toEqual([]);
  });
});

describe('outgoing webhooks: delivery', () => {
  it('posts a signed, Slack-compatible body with the delivery headers, once', async () => {
    const hook = await receiver();
    const { calmdesk, deliver } = await start(hook.url);
    const conversationId = await escalate(calmdesk);

    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(hook.received).toHaveLength(1);
    const [request] = hook.received;
    const [queued] = await outbox(calmdesk);
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'x-calmdesk-event': 'escalation',
      'x-calmdesk-delivery': String(queued!.id),
      'x-calmdesk-timestamp': String(Math.floor(T.getTime() / 1000)),
    });
    const signature = request!.headers['x-calmdesk-signature'];
    const timestamp = request!.headers['x-calmdesk-timestamp'];
    expect(signature).toBe(sign(SECRET, Number(timestamp), request!.body));
    expect(
      verifySignature(SECRET, request!.body, signature as string, timestamp as string, T.getTime()),
    ).toEqual({ ok: true });

    const body = JSON.parse(request!.body) as {
      text: string;
      blocks: { type: string; text: { type: string; text: string } }[];
      calmdesk: Record<string, unknown>;
    };
    expect(body.text).toContain('Escalation');
    expect(body.text).toContain('Maria Lopez');
    expect(body.text).toContain('Threatens a chargeback');
    expect(body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: body.text } }]);
    expect(body.calmdesk).toMatchObject({ type: 'escalation.created', conversationId });

    expect(queued).toMatchObject({
      status: 'delivered',
      attempts: 1,
      deliveredAt: T.toISOString(),
      lastError: null,
    });
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    expect(hook.received).toHaveLength(1);
  });

  it('keeps a delivery the receiver refused with 500, backs off, then delivers it', async () => {
    const hook = await receiver();
    const { calmdesk, clock, deliver } = await start(hook.url);
    await escalate(calmdesk);
    hook.state.failNext = 1;

    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    const [waiting] = await outbox(calmdesk);
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'HTTP 500',
      nextAttemptAt: new Date(T.getTime() + 5_000).toISOString(),
    });

    clock.now = new Date(T.getTime() + 4_000);
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    expect(hook.received).toHaveLength(1);

    clock.now = new Date(T.getTime() + 5_000);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(hook.received).toHaveLength(2);
    expect(hook.received[1]!.headers['x-calmdesk-delivery']).toBe(
      hook.received[0]!.headers['x-calmdesk-delivery'],
    );
    expect(hook.received[1]!.body).toBe(hook.received[0]!.body);
    expect((await outbox(calmdesk))[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastError: null,
    });
  });

  it('doubles the wait after each failure and gives up as failed after maxAttempts', async () => {
    const hook = await receiver();
    const { calmdesk, clock, deliver } = await start(hook.url);
    await escalate(calmdesk);
    hook.state.failNext = 10;

    let at = T.getTime();
    for (const wait of [5_000, 10_000, 20_000]) {
      expect(await deliver({ maxAttempts: 4 })).toEqual({ delivered: 0, failed: 1 });
      expect((await outbox(calmdesk))[0]).toMatchObject({
        status: 'pending',
        nextAttemptAt: new Date(at + wait).toISOString(),
      });
      at += wait;
      clock.now = new Date(at);
    }
    expect(await deliver({ maxAttempts: 4 })).toEqual({ delivered: 0, failed: 1 });
    expect((await outbox(calmdesk))[0]).toMatchObject({
      status: 'failed',
      attempts: 4,
      lastError: 'HTTP 500',
    });
    expect(hook.received).toHaveLength(4);

    clock.now = new Date(at + 24 * 3_600_000);
    hook.state.failNext = 0;
    expect(await deliver({ maxAttempts: 4 })).toEqual({ delivered: 0, failed: 0 });
    expect(hook.received).toHaveLength(4);
  });

  it('records an unreachable receiver as an error and tries again later, without throwing', async () => {
    const url = await closedPortUrl();
    const { calmdesk, clock, deliver } = await start(url);
    await escalate(calmdesk);

    expect(await deliver({ timeoutMs: 2_000 })).toEqual({ delivered: 0, failed: 1 });
    const [waiting] = await outbox(calmdesk);
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      nextAttemptAt: new Date(T.getTime() + 5_000).toISOString(),
    });
    expect(waiting!.lastError).toMatch(/ECONNREFUSED/);

    clock.now = new Date(T.getTime() + 5_000);
    expect(await deliver({ timeoutMs: 2_000 })).toEqual({ delivered: 0, failed: 1 });
    expect((await outbox(calmdesk))[0]).toMatchObject({ status: 'pending', attempts: 2 });
  });

  it("the service's clock marks a promise missed and posts it in the same turn", async () => {
    const hook = await receiver();
    const { calmdesk, clock } = await start(hook.url);
    const conversationId = await customerWrites(calmdesk);
    await calmdesk.services.conversations.reply(
      conversationId,
      "I'll call you back within the hour.",
      await agentOf(calmdesk),
    );
    clock.now = new Date(T.getTime() + 61 * 60_000);
    const errors: unknown[] = [];
    const timer = startClock({
      followUps: calmdesk.services.followUps,
      store: calmdesk.store,
      now: calmdesk.now,
      intervalMs: 3_600_000,
      delivery: { url: hook.url, secret: SECRET },
      onError: (error) => errors.push(error),
    });
    await timer.tick();
    await timer.stop();
    expect(errors).toEqual([]);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.headers['x-calmdesk-event']).toBe('follow_up.missed');
    expect(JSON.parse(hook.received[0]!.body)).toMatchObject({
      text: expect.stringContaining('Promise missed'),
      calmdesk: { type: 'follow_up.missed', conversationId },
    });
  });
});

describe('outgoing webhooks across a restart', () => {
  it('delivers, exactly once, what was queued before the restart', async () => {
    const hook = await receiver();
    const dataDir = tempDir();
    const first = await start(hook.url, dataDir);
    await escalate(first.calmdesk);
    await first.close();
    expect(hook.received).toHaveLength(0);

    const second = await start(hook.url, dataDir);
    expect(await second.deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(await second.deliver()).toEqual({ delivered: 0, failed: 0 });
    await second.close();

    const third = await start(hook.url, dataDir, { now: new Date(T.getTime() + 3_600_000) });
    expect(await third.deliver()).toEqual({ delivered: 0, failed: 0 });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.headers['x-calmdesk-event']).toBe('escalation');
  });

  it('sends again a delivery cut short by a crash, once its lease has run out', async () => {
    const hook = await receiver();
    const dataDir = tempDir();
    const first = await start(hook.url, dataDir);
    await escalate(first.calmdesk);
    // The process dies after taking the delivery and before recording the outcome.
    const lease = new Date(T.getTime() + 25_000).toISOString();
    expect(await first.calmdesk.store.claimOutbox(T.toISOString(), lease, 20)).toHaveLength(1);
    await first.close();

    const second = await start(hook.url, dataDir, { now: new Date(T.getTime() + 10_000) });
    expect(await second.deliver()).toEqual({ delivered: 0, failed: 0 });
    second.clock.now = new Date(T.getTime() + 25_000);
    expect(await second.deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(await second.deliver()).toEqual({ delivered: 0, failed: 0 });
    expect(hook.received).toHaveLength(1);
  });
});
