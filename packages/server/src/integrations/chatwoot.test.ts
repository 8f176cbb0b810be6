import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationStatusChange, IngestMessage } from '../contract/index.js';
import { channelOf, readChatwootEvent, toIsoTime, type ChatwootEvent } from './chatwoot.js';

// Fixtures follow Chatwoot's serializers: Message#webhook_data (app/models/message.rb), the
// conversation's webhook_data (Conversations::EventDataPresenter#push_data), Contact#webhook_data
// and push_event_data, User#webhook_data, Inbox#webhook_data, merged with `event` by
// app/listeners/webhook_listener.rb. Values are made up.

type Json = Record<string, unknown>;

const account = { id: 1, name: 'Acme Inc' };

/** Contact#push_event_data, as in conversation.meta.sender. */
const metaSender = {
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

/** The conversation's webhook_data: `id` is the per-account display id. */
function conversation(overrides: Json = {}): Json {
  return {
    additional_attributes: {
      browser: {
        device_name: 'Unknown',
        browser_name: 'Firefox',
        platform_name: 'Windows',
        browser_version: '123.0',
        platform_version: '10.0',
      },
      referer: 'https://shop.example.com/orders',
      initiated_at: {
        timestamp: 'Mon Mar 02 2026 10:14:51 GMT+0100 (Central European Standard Time)',
      },
    },
    can_reply: true,
    channel: 'Channel::WebWidget',
    contact_inbox: {
      id: 140,
      contact_id: 88,
      inbox_id: 3,
      source_id: '0d6f5c1e-3a0b-4c55-9d1f-8d1f6a0c2b7e',
      created_at: '2026-03-02T09:14:51.207Z',
      updated_at: '2026-03-02T09:14:51.207Z',
      hmac_verified: false,
      pubsub_token: 'n3Vh4TqkXjYtWm1bQ2cR8sLd',
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
        updated_at: '2026-03-02T09:15:27.000Z',
        private: false,
        status: 'sent',
        source_id: null,
        content_type: 'text',
        content_attributes: {},
        sender_type: 'Contact',
        sender_id: 88,
        external_source_ids: {},
        additional_attributes: {},
        sender: metaSender,
      },
    ],
    labels: [],
    meta: { sender: metaSender, assignee: null, team: null, hmac_verified: false },
    status: 'open',
    custom_attributes: {},
    snoozed_until: null,
    unread_count: 1,
    first_reply_created_at: null,
    priority: null,
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

/** Message#webhook_data merged with event "message_created": an incoming web-widget message. */
function incoming(overrides: Json = {}): Json {
  return {
    account,
    additional_attributes: {},
    content_attributes: {},
    content_type: 'text',
    content: 'My order #4411 still has not arrived and nobody answers my emails.',
    conversation: conversation(),
    created_at: '2026-03-02T09:15:27.000Z',
    id: 5021,
    inbox: { id: 3, name: 'Website chat' },
    message_type: 'incoming',
    private: false,
    // Contact#webhook_data in current Chatwoot: no `type` field
    sender: {
      account,
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

const agent = { id: 7, name: 'Sam Carter', email: 'sam@acme.example', type: 'user' };

/** An agent's reply in an email inbox. */
function outgoingEmail(overrides: Json = {}): Json {
  return incoming({
    content: 'Hi Maria, I am sorry for the wait. Your parcel left our warehouse this morning.',
    conversation: conversation({
      channel: 'Channel::Email',
      additional_attributes: { mail_subject: 'Order #4411 missing', source: 'email' },
    }),
    created_at: '2026-03-02T09:21:04.000Z',
    id: 5024,
    inbox: { id: 5, name: 'support@acme.example' },
    message_type: 'outgoing',
    sender: agent,
    source_id: '<conversation/42/messages/5024@acme.example>',
    ...overrides,
  });
}

function conversationEvent(event: string, overrides: Json = {}): Json {
  return { ...conversation(overrides), event };
}

function expectMessage(event: ChatwootEvent | { kind: 'invalid' }) {
  if (event.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(event)}`);
  return event.message;
}

function expectChange(event: ChatwootEvent | { kind: 'invalid' }) {
  if (event.kind !== 'status') throw new Error(`expected a status, got ${JSON.stringify(event)}`);
  return event.change;
}

describe('readChatwootEvent: message_created', () => {
  it('maps an incoming web-widget message from a contact', () => {
    const message = expectMessage(readChatwootEvent(incoming()));
    expect(message).toEqual({
      externalId: 'chatwoot:1:message:5021',
      contact: {
        externalId: 'chatwoot:1:contact:88',
        name: 'Maria Lopez',
        email: 'maria@example.com',
      },
      conversation: {
        externalId: 'chatwoot:1:conversation:42',
        channel: 'chat',
        subject: 'Chatwoot #42',
      },
      direction: 'incoming',
      text: 'My order #4411 still has not arrived and nobody answers my emails.',
      sentAt: '2026-03-02T09:15:27.000Z',
    });
    expect(() => IngestMessage.parse(message)).not.toThrow();
  });

  it('reads the older documented shape: typed contact sender, string ids, "UTC" times', () => {
    const message = expectMessage(
      readChatwootEvent({
        event: 'message_created',
        id: '1',
        content: 'Hi',
        created_at: '2020-03-03 13:05:57 UTC',
        message_type: 'incoming',
        content_type: 'text',
        content_attributes: {},
        source_id: '',
        sender: { id: 14, name: 'little-haze-776', avatar: '', type: 'contact' },
        contact: { id: '14', name: 'little-haze-776' },
        conversation: { id: 10, display_id: '1', channel: 'Channel::WebWidget' },
        account: { id: '1', name: 'Chatwoot' },
      }),
    );
    expect(message.externalId).toBe('chatwoot:1:message:1');
    expect(message.contact).toEqual({
      externalId: 'chatwoot:1:contact:14',
      name: 'little-haze-776',
    });
    expect(message.conversation).toEqual({
      externalId: 'chatwoot:1:conversation:10',
      channel: 'chat',
      subject: 'Chatwoot #1',
    });
    expect(message.sentAt).toBe('2020-03-03T13:05:57.000Z');
    expect(() => IngestMessage.parse(message)).not.toThrow();
  });

  it("maps an agent's reply as outgoing, authored by the user, about the conversation's contact", () => {
    const message = expectMessage(readChatwootEvent(outgoingEmail()));
    expect(message).toEqual({
      externalId: 'chatwoot:1:message:5024',
      contact: {
        externalId: 'chatwoot:1:contact:88',
        name: 'Maria Lopez',
        email: 'maria@example.com',
      },
      conversation: {
        externalId: 'chatwoot:1:conversation:42',
        channel: 'email',
        subject: 'Order #4411 missing',
      },
      direction: 'outgoing',
      text: 'Hi Maria, I am sorry for the wait. Your parcel left our warehouse this morning.',
      sentAt: '2026-03-02T09:21:04.000Z',
      authorName: 'Sam Carter',
    });
    expect(() => IngestMessage.parse(message)).not.toThrow();
  });

  it('maps a private note as a note, whatever its message_type', () => {
    const message = expectMessage(
      readChatwootEvent(
        outgoingEmail({
          content: 'Customer is upset, second delay this month. Offer a voucher.',
          private: true,
          id: 5025,
        }),
      ),
    );
    expect(message.direction).toBe('note');
    expect(message.authorName).toBe('Sam Carter');
    expect(message.externalId).toBe('chatwoot:1:message:5025');
    expect(() => IngestMessage.parse(message)).not.toThrow();
  });

  it('maps template (bot) messages as outgoing, named after the agent bot', () => {
    const message = expectMessage(
      readChatwootEvent(
        incoming({
          message_type: 'template',
          content_type: 'input_email',
          content: 'Give the team a way to reach you.',
          sender: { id: 2, name: 'Greeter', type: 'agent_bot' },
        }),
      ),
    );
    expect(message.direction).toBe('outgoing');
    expect(message.authorName).toBe('Greeter');
    expect(message.contact.externalId).toBe('chatwoot:1:contact:88');
  });

  it('accepts message_type as the integer of the Rails enum', () => {
    const directions = [0, 1, 3].map(
      (type) => expectMessage(readChatwootEvent(incoming({ message_type: type }))).direction,
    );
    expect(directions).toEqual(['incoming', 'outgoing', 'outgoing']);
    expect(readChatwootEvent(incoming({ message_type: 2 })).kind).toBe('ignored');
  });

  it('ignores activity messages', () => {
    const event = readChatwootEvent(
      incoming({
        message_type: 'activity',
        content: 'Conversation was marked resolved by Sam Carter',
        sender: null,
      }),
    );
    expect(event).toEqual({ kind: 'ignored', reason: expect.stringContaining('activity') });
  });

  it('ignores messages without text (attachments only) or with blank text', () => {
    const attachmentOnly = readChatwootEvent(
      incoming({
        content: null,
        attachments: [
          {
            id: 9,
            message_id: 5021,
            file_type: 'image',
            account_id: 1,
            data_url: 'https://x/y.png',
          },
        ],
      }),
    );
    expect(attachmentOnly).toEqual({ kind: 'ignored', reason: expect.stringContaining('text') });
    expect(readChatwootEvent(incoming({ content: '  \n ' })).kind).toBe('ignored');
  });

  it('ignores message types it does not know', () => {
    expect(readChatwootEvent(incoming({ message_type: 'reaction' })).kind).toBe('ignored');
  });

  it('reads created_at as unix seconds, as an ISO string, and drops it when unreadable', () => {
    const at = (created_at: unknown) =>
      expectMessage(readChatwootEvent(incoming({ created_at }))).sentAt;
    expect(at(1772442927)).toBe('2026-03-02T09:15:27.000Z');
    expect(at('2026-03-02T09:15:27.000Z')).toBe('2026-03-02T09:15:27.000Z');
    expect(at('2026-03-02T10:15:27.000+01:00')).toBe('2026-03-02T09:15:27.000Z');
    expect(at('next tuesday')).toBeUndefined();
    expect(at(undefined)).toBeUndefined();
    const message = expectMessage(readChatwootEvent(incoming({ created_at: 'soon' })));
    expect('sentAt' in message).toBe(false);
    expect(() => IngestMessage.parse(message)).not.toThrow();
  });

  it('keeps the content as it is, even when too long for ingest', () => {
    const content = `  ${'x'.repeat(100_001)}  `;
    const message = expectMessage(readChatwootEvent(incoming({ content })));
    expect(message.text).toBe(content);
    expect(IngestMessage.safeParse(message).success).toBe(false);
  });

  it('falls back to the contact_inbox contact id when no contact details are sent', () => {
    const message = expectMessage(
      readChatwootEvent(
        outgoingEmail({
          conversation: { id: 42, channel: 'Channel::Api', contact_inbox: { contact_id: 88 } },
        }),
      ),
    );
    expect(message.contact).toEqual({ externalId: 'chatwoot:1:contact:88' });
    expect(message.conversation.channel).toBe('api');
  });

  it('namespaces every id by account, so two accounts never collide', () => {
    const first = expectMessage(readChatwootEvent(incoming()));
    const second = expectMessage(
      readChatwootEvent(incoming({ account: { id: 2, name: 'Globex' } })),
    );
    expect(first.externalId).toBe('chatwoot:1:message:5021');
    expect(second.externalId).toBe('chatwoot:2:message:5021');
    expect(second.conversation.externalId).toBe('chatwoot:2:conversation:42');
    expect(second.contact.externalId).toBe('chatwoot:2:contact:88');
    expect(first.conversation.externalId).not.toBe(second.conversation.externalId);
    expect(first.contact.externalId).not.toBe(second.contact.externalId);
  });

  it('refuses a payload naming another account than the authenticated one', () => {
    expect(readChatwootEvent(incoming(), { accountId: 1 }).kind).toBe('message');
    expect(readChatwootEvent(incoming(), { accountId: '2' })).toEqual({
      kind: 'invalid',
      message: expect.stringContaining('does not match'),
    });
  });
});

describe('readChatwootEvent: conversation events', () => {
  it('maps conversation_created to a status change, the account taken from its messages', () => {
    const change = expectChange(
      readChatwootEvent(conversationEvent('conversation_created', { status: 'pending' })),
    );
    expect(change).toEqual({
      conversation: {
        externalId: 'chatwoot:1:conversation:42',
        channel: 'chat',
        subject: 'Chatwoot #42',
      },
      contact: {
        externalId: 'chatwoot:1:contact:88',
        name: 'Maria Lopez',
        email: 'maria@example.com',
      },
      status: 'pending',
    });
    expect(() => ConversationStatusChange.parse(change)).not.toThrow();
  });

  it('maps conversation_status_changed to resolved', () => {
    const payload = {
      ...conversationEvent('conversation_status_changed', {
        status: 'resolved',
        channel: 'Channel::Whatsapp',
      }),
      changed_attributes: [{ status: { previous_value: 'open', current_value: 'resolved' } }],
    };
    const change = expectChange(readChatwootEvent(payload));
    expect(change.status).toBe('resolved');
    expect(change.conversation.channel).toBe('whatsapp');
    expect(change.conversation.externalId).toBe('chatwoot:1:conversation:42');
    expect(() => ConversationStatusChange.parse(change)).not.toThrow();
  });

  it('accepts the status as the integer of the Rails enum', () => {
    const change = expectChange(
      readChatwootEvent(conversationEvent('conversation_status_changed', { status: 3 })),
    );
    expect(change.status).toBe('snoozed');
  });

  it('needs an account id: from the payload, or from the caller when the payload has none', () => {
    const bare = conversationEvent('conversation_created', { messages: [] });
    expect(readChatwootEvent(bare)).toEqual({
      kind: 'invalid',
      message: expect.stringContaining('no account id'),
    });
    const change = expectChange(readChatwootEvent(bare, { accountId: 9 }));
    expect(change.conversation.externalId).toBe('chatwoot:9:conversation:42');
    expect(change.contact?.externalId).toBe('chatwoot:9:contact:88');
    expect(
      readChatwootEvent(conversationEvent('conversation_created'), { accountId: 9 }).kind,
    ).toBe('invalid');
  });

  it('rejects an unknown status naming the field', () => {
    const event = readChatwootEvent(
      conversationEvent('conversation_status_changed', { status: 'archived' }),
    );
    expect(event).toMatchObject({ kind: 'invalid', message: expect.stringContaining('"status"') });
  });
});

describe('readChatwootEvent: other events', () => {
  it.each([
    ['message_updated', incoming({ event: 'message_updated' })],
    ['conversation_updated', conversationEvent('conversation_updated')],
    ['contact_created', { event: 'contact_created', id: 88, name: 'Maria Lopez', account }],
    ['webwidget_triggered', { event: 'webwidget_triggered', id: 12, account }],
    ['conversation_typing_on', { event: 'conversation_typing_on', conversation: {} }],
  ])('ignores %s', (_name, payload) => {
    expect(readChatwootEvent(payload)).toEqual({ kind: 'ignored', reason: expect.any(String) });
  });
});

describe('readChatwootEvent: malformed payloads', () => {
  it.each([
    ['null', null, 'JSON object'],
    ['a string', 'message_created', 'JSON object'],
    ['an array', [incoming()], 'JSON object'],
    ['no event', { id: 1 }, '"event" is required'],
    ['a numeric event', { event: 5 }, '"event" must be a string'],
    ['a message without id', incoming({ id: undefined }), '"id" is required'],
    ['a message without conversation', incoming({ conversation: undefined }), '"conversation"'],
    ['a conversation without id', incoming({ conversation: { channel: 'x' } }), 'conversation.id'],
    ['a message without account', incoming({ account: undefined }), '"account" is required'],
    ['an account without id', incoming({ account: { name: 'Acme' } }), '"account.id"'],
    ['a message without type', incoming({ message_type: undefined }), '"message_type"'],
    ['an id with a colon', incoming({ id: '1:contact:2' }), '"id" must be'],
    [
      'a conversation event without id',
      conversationEvent('conversation_created', { id: null }),
      '"id"',
    ],
  ])('returns invalid for %s, naming the problem', (_name, payload, text) => {
    const event = readChatwootEvent(payload);
    expect(event.kind).toBe('invalid');
    expect(event).toMatchObject({ message: expect.stringContaining(text) });
  });

  it('never throws, whatever it is given', () => {
    const events = fc.constantFrom(
      'message_created',
      'conversation_created',
      'conversation_status_changed',
    );
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        readChatwootEvent(payload);
      }),
    );
    fc.assert(
      fc.property(events, fc.dictionary(fc.string(), fc.anything()), (event, rest) => {
        readChatwootEvent({ ...rest, event });
      }),
    );
  });
});

describe('channelOf', () => {
  it.each([
    ['Channel::WebWidget', 'chat'],
    ['Channel::Email', 'email'],
    ['Channel::Whatsapp', 'whatsapp'],
    ['Channel::TwitterProfile', 'twitter'],
    ['Channel::FacebookPage', 'facebook'],
    ['Channel::Sms', 'sms'],
    ['Channel::TwilioSms', 'sms'],
    ['Channel::Telegram', 'telegram'],
    ['Channel::Api', 'api'],
    ['Channel::Line', 'line'],
    ['Channel::Instagram', 'instagram'],
    ['Channel::Voice', 'voice'],
    ['Channel::', 'chatwoot'],
    ['constructor', 'constructor'],
    [undefined, 'chatwoot'],
  ])('maps %s to %s', (channel, expected) => {
    expect(channelOf(channel)).toBe(expected);
  });
});

describe('toIsoTime', () => {
  it('reads seconds, milliseconds, numeric strings and zoned strings', () => {
    expect(toIsoTime(1772442927)).toBe('2026-03-02T09:15:27.000Z');
    expect(toIsoTime(1772442927123)).toBe('2026-03-02T09:15:27.123Z');
    expect(toIsoTime('1772442927')).toBe('2026-03-02T09:15:27.000Z');
    expect(toIsoTime('2026-03-02 14:45:27 +05:30')).toBe('2026-03-02T09:15:27.000Z');
    expect(toIsoTime('2026-03-02T09:15:27')).toBe('2026-03-02T09:15:27.000Z');
  });

  it('drops what it cannot read', () => {
    expect(toIsoTime('2026-02-30 10:00:00 UTC')).toBeUndefined();
    expect(toIsoTime(-5)).toBeUndefined();
    expect(toIsoTime(Number.NaN)).toBeUndefined();
    expect(toIsoTime({})).toBeUndefined();
    expect(toIsoTime(1e20)).toBeUndefined();
  });
});
