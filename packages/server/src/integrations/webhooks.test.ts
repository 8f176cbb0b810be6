import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk, type Calmdesk } from '../server.js';
import { sign } from './signature.js';

// The webhooks in, through the real HTTP handler: Chatwoot's event payloads (shaped like its
// serializers, values made up) and the generic JSON webhook, each signed or carrying a token.

type Json = Record<string, unknown>;

const NOW = new Date('2026-03-02T09:20:00.000Z');
const CHATWOOT_SECRET = 'chatwoot-secret-0123456789';
const INCOMING_SECRET = 'incoming-secret-0123456789';
const silent = { info: () => undefined, error: () => undefined };

const open: Calmdesk[] = [];
afterEach(async () => {
  for (const calmdesk of open.splice(0)) await calmdesk.store.close();
});

async function start(secrets: { chatwoot?: string; incoming?: string } = {}) {
  const config = loadConfig(
    {},
    {
      dataDir: ':memory:',
      logLevel: 'silent',
      ...(secrets.chatwoot === undefined ? {} : { chatwootSecret: secrets.chatwoot }),
      ...(secrets.incoming === undefined ? {} : { incomingWebhookSecret: secrets.incoming }),
    },
  );
  const calmdesk = await createCalmdesk(config, { now: () => NOW, log: silent });
  open.push(calmdesk);
  const admin = await calmdesk.services.people.createUser(
    {
      email: 'admin@acme.example',
      name: 'Ada Admin',
      role: 'admin',
      password: 'correct horse battery',
    },
    null,
  );
  const { token } = await calmdesk.services.people.createApiToken(admin, 'tests');
  /** Reads the API as the admin would. */
  const get = async (path: string) => {
    const response = await calmdesk.app.request(path, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  };
  return { calmdesk, token, get };
}

const unixSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/** A POST signed the way Chatwoot (or Calmdesk's generic webhook) signs: over "<ts>.<body>". */
function signedPost(
  body: string,
  secret: string,
  prefix: 'x-chatwoot' | 'x-calmdesk',
  at: Date = NOW,
): RequestInit {
  const timestamp = unixSeconds(at);
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [`${prefix}-signature`]: sign(secret, timestamp, body),
      [`${prefix}-timestamp`]: String(timestamp),
    },
    body,
  };
}

const contact = {
  additional_attributes: {},
  custom_attributes: {},
  email: 'maria@example.com',
  id: 88,
  identifier: null,
  name: 'Maria Lopez',
  phone_number: null,
  thumbnail: '',
  blocked: false,
  type: 'contact',
};

/** The conversation's webhook_data (Conversations::EventDataPresenter#push_data). */
function chatwootConversation(overrides: Json = {}): Json {
  return {
    additional_attributes: { referer: 'https://shop.example.com/orders' },
    can_reply: true,
    channel: 'Channel::WebWidget',
    contact_inbox: {
      id: 140,
      contact_id: 88,
      inbox_id: 3,
      source_id: '0d6f5c1e',
      hmac_verified: false,
    },
    id: 42,
    inbox_id: 3,
    messages: [
      {
        id: 5021,
        content: 'My order #4411 still has not arrived and nobody answers my emails.',
        account_id: 1,
        inbox_id: 3,
        conversation_id: 42,
        message_type: 0,
        created_at: 1772442927,
        private: false,
        status: 'sent',
        content_type: 'text',
        sender_type: 'Contact',
        sender_id: 88,
        sender: contact,
      },
    ],
    labels: [],
    meta: { sender: contact, assignee: null, team: null, hmac_verified: false },
    status: 'open',
    custom_attributes: {},
    snoozed_until: null,
    unread_count: 1,
    waiting_since: 1772442927,
    agent_last_seen_at: 0,
    contact_last_seen_at: 0,
    last_activity_at: 1772442927,
    timestamp: 1772442927,
    created_at: 1772442891,
    updated_at: 1772442927.207,
    ...overrides,
  };
}

/** Message#webhook_data with event "message_created": an angry customer on the web widget. */
function messageCreated(overrides: Json = {}): Json {
  return {
    account: { id: 1, name: 'Acme Inc' },
    additional_attributes: {},
    content_attributes: {},
    content_type: 'text',
    content: 'My order #4411 STILL has not arrived and nobody answers my emails!!! This is a joke.',
    conversation: chatwootConversation(),
    created_at: '2026-03-02T09:15:27.000Z',
    id: 5021,
    inbox: { id: 3, name: 'Website chat' },
    message_type: 'incoming',
    private: false,
    sender: {
      account: { id: 1, name: 'Acme Inc' },
      additional_attributes: {},
      avatar: '',
      custom_attributes: {},
      email: 'maria@example.com',
      id: 88,
      identifier: null,
      name: 'Maria Lopez',
      phone_number: null,
      thumbnail: '',
      blocked: false,
    },
    source_id: null,
    event: 'message_created',
    ...overrides,
  };
}

const CHATWOOT = '/api/v1/webhooks/chatwoot';
const GENERIC = '/api/v1/webhooks/generic';

describe('Chatwoot webhook, signed', () => {
  it('stores a signed message_created in its conversation, once however often it is delivered', async () => {
    const { calmdesk, get } = await start({ chatwoot: CHATWOOT_SECRET });
    const body = JSON.stringify(messageCreated());

    const first = await calmdesk.app.request(
      CHATWOOT,
      signedPost(body, CHATWOOT_SECRET, 'x-chatwoot'),
    );
    expect(first.status).toBe(201);
    const stored = (await first.json()) as {
      conversationId: string;
      duplicate: boolean;
      temperature: number;
    };
    expect(stored.duplicate).toBe(false);
    expect(stored.temperature).toBeGreaterThan(0);

    const view = await get(`/api/v1/conversations/${stored.conversationId}`);
    expect(view).toMatchObject({
      conversation: { channel: 'chat', subject: 'Chatwoot #42', messageCount: 1 },
      contact: { name: 'Maria Lopez', email: 'maria@example.com' },
    });
    expect(view.messages).toEqual([
      expect.objectContaining({
        direction: 'incoming',
        text: expect.stringContaining('order #4411'),
        sentAt: '2026-03-02T09:15:27.000Z',
      }),
    ]);

    // Chatwoot retries deliveries: the same one again changes nothing.
    const again = await calmdesk.app.request(
      CHATWOOT,
      signedPost(body, CHATWOOT_SECRET, 'x-chatwoot'),
    );
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      duplicate: true,
      conversationId: stored.conversationId,
    });
    const after = await get(`/api/v1/conversations/${stored.conversationId}`);
    expect(after.messages).toHaveLength(1);
    expect(after.conversation).toMatchObject({ messageCount: 1 });
  });

  it('refuses a bad signature with 401 invalid_signature and stores nothing', async () => {
    const { calmdesk, get } = await start({ chatwoot: CHATWOOT_SECRET });
    const body = JSON.stringify(messageCreated());
    const wrongKey = signedPost(body, 'not-the-chatwoot-secret-000', 'x-chatwoot');
    const tampered = signedPost(body, CHATWOOT_SECRET, 'x-chatwoot');
    tampered.body = body.replace('Maria Lopez', 'Mallory');
    const unsigned: RequestInit = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    };

    for (const request of [wrongKey, tampered, unsigned]) {
      const response = await calmdesk.app.request(CHATWOOT, request);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    }
    expect(await get('/api/v1/conversations')).toMatchObject({ conversations: [] });
  });

  it('refuses a replayed delivery whose timestamp is ten minutes old', async () => {
    const { calmdesk, get } = await start({ chatwoot: CHATWOOT_SECRET });
    const body = JSON.stringify(messageCreated());
    const stale = new Date(NOW.getTime() - 10 * 60_000);
    const response = await calmdesk.app.request(
      CHATWOOT,
      signedPost(body, CHATWOOT_SECRET, 'x-chatwoot', stale),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_signature', message: expect.stringContaining('timestamp') },
    });
    expect(await get('/api/v1/conversations')).toMatchObject({ conversations: [] });
  });

  it('applies conversation_status_changed: the conversation becomes resolved', async () => {
    const { calmdesk, get } = await start({ chatwoot: CHATWOOT_SECRET });
    const created = await calmdesk.app.request(
      CHATWOOT,
      signedPost(JSON.stringify(messageCreated()), CHATWOOT_SECRET, 'x-chatwoot'),
    );
    const { conversationId } = (await created.json()) as { conversationId: string };

    const resolved = JSON.stringify({
      ...chatwootConversation({ status: 'resolved' }),
      event: 'conversation_status_changed',
      changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
    });
    const response = await calmdesk.app.request(
      CHATWOOT,
      signedPost(resolved, CHATWOOT_SECRET, 'x-chatwoot'),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ conversationId, status: 'resolved' });
    expect(await get(`/api/v1/conversations/${conversationId}`)).toMatchObject({
      conversation: { status: 'resolved' },
    });
  });

  it('creates the conversation from conversation_created before any message arrives', async () => {
    const { calmdesk, get } = await start({ chatwoot: CHATWOOT_SECRET });
    const body = JSON.stringify({ ...chatwootConversation(), event: 'conversation_created' });
    const response = await calmdesk.app.request(
      CHATWOOT,
      signedPost(body, CHATWOOT_SECRET, 'x-chatwoot'),
    );
    expect(response.status).toBe(200);
    const { conversationId } = (await response.json()) as { conversationId: string };
    expect(await get(`/api/v1/conversations/${conversationId}`)).toMatchObject({
      conversation: { status: 'open', channel: 'chat' },
      contact: { name: 'Maria Lopez' },
    });
  });

  it('acknowledges an event it does not use (message_updated) with 202 and stores nothing', async () => {
    const { calmdesk, get } = await start({ chatwoot: CHATWOOT_SECRET });
    const body = JSON.stringify(messageCreated({ event: 'message_updated' }));
    const response = await calmdesk.app.request(
      CHATWOOT,
      signedPost(body, CHATWOOT_SECRET, 'x-chatwoot'),
    );
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      ignored: true,
      reason: expect.stringContaining('message_updated'),
    });
    expect(await get('/api/v1/conversations')).toMatchObject({ conversations: [] });
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const { calmdesk } = await start({ chatwoot: CHATWOOT_SECRET });
    const response = await calmdesk.app.request(
      CHATWOOT,
      signedPost('{"event": "message_created",', CHATWOOT_SECRET, 'x-chatwoot'),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });
});

describe('Chatwoot webhook, without a secret', () => {
  it('refuses a delivery with neither a signature secret nor ?token=', async () => {
    const { calmdesk, get } = await start();
    const response = await calmdesk.app.request(CHATWOOT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageCreated()),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: { code: 'unauthenticated', message: expect.stringContaining('?token=') },
    });
    expect(await get('/api/v1/conversations')).toMatchObject({ conversations: [] });
  });

  it('refuses an unknown ?token=', async () => {
    const { calmdesk } = await start();
    const response = await calmdesk.app.request(`${CHATWOOT}?token=cd_not-a-real-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageCreated()),
    });
    expect(response.status).toBe(401);
  });

  it('accepts a delivery to a URL carrying an API token', async () => {
    const { calmdesk, token, get } = await start();
    const response = await calmdesk.app.request(`${CHATWOOT}?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageCreated()),
    });
    expect(response.status).toBe(201);
    const { conversationId } = (await response.json()) as { conversationId: string };
    expect(await get(`/api/v1/conversations/${conversationId}`)).toMatchObject({
      conversation: { messageCount: 1 },
    });
  });
});

describe('generic webhook', () => {
  const message = (n: number, text: string): Json => ({
    externalId: `crm-msg-${n}`,
    contact: { externalId: 'crm-contact-7', name: 'Jon Park', email: 'jon@example.com' },
    conversation: {
      externalId: 'crm-ticket-31',
      channel: 'email',
      subject: 'Refund still missing',
    },
    direction: 'incoming',
    text,
    sentAt: '2026-03-02T09:10:00Z',
  });

  it('accepts one signed message and a signed batch, into one conversation', async () => {
    const { calmdesk, get } = await start({ incoming: INCOMING_SECRET });
    const single = await calmdesk.app.request(
      GENERIC,
      signedPost(JSON.stringify(message(1, 'Where is my refund?')), INCOMING_SECRET, 'x-calmdesk'),
    );
    expect(single.status).toBe(201);
    expect(await single.json()).toMatchObject({ stored: 1, duplicates: 0 });

    const batch = JSON.stringify({
      messages: [
        message(1, 'Where is my refund?'),
        message(2, 'I have asked THREE times now!!!'),
        message(3, 'If this is not sorted today I will file a chargeback.'),
      ],
    });
    const response = await calmdesk.app.request(
      GENERIC,
      signedPost(batch, INCOMING_SECRET, 'x-calmdesk'),
    );
    expect(response.status).toBe(201);
    const result = (await response.json()) as {
      stored: number;
      duplicates: number;
      results: { conversationId: string }[];
    };
    expect(result).toMatchObject({ stored: 2, duplicates: 1 });
    const ids = new Set(result.results.map((r) => r.conversationId));
    expect(ids.size).toBe(1);
    const [conversationId] = [...ids];
    const view = await get(`/api/v1/conversations/${conversationId}`);
    expect(view.messages).toHaveLength(3);
    expect(view.conversation).toMatchObject({ subject: 'Refund still missing', channel: 'email' });
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const { calmdesk, get } = await start({ incoming: INCOMING_SECRET });
    const body = JSON.stringify(message(1, 'Where is my refund?'));
    const response = await calmdesk.app.request(
      GENERIC,
      signedPost(body, 'someone-elses-secret-0000', 'x-calmdesk'),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_signature' } });
    expect(await get('/api/v1/conversations')).toMatchObject({ conversations: [] });
  });
});
