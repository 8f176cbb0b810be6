import type { ChatwootEvent } from './chatwoot.js';

// Fixtures follow Chatwoot's serializers: Message#webhook_data (app/models/message.rb), the
// conversation's webhook_data (Conversations::EventDataPresenter#push_data), Contact#webhook_data
// and push_event_data, User#webhook_data, Inbox#webhook_data, merged with `event` by
// app/listeners/webhook_listener.rb. Values are made up.

export type Json = Record<string, unknown>;

export const account = { id: 1, name: 'Acme Inc' };

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
export function incoming(overrides: Json = {}): Json {
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
export function outgoingEmail(overrides: Json = {}): Json {
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

export function conversationEvent(event: string, overrides: Json = {}): Json {
  return { ...conversation(overrides), event };
}

export function expectMessage(event: ChatwootEvent | { kind: 'invalid' }) {
  if (event.kind !== 'message') throw new Error(`expected a message, got ${JSON.stringify(event)}`);
  return event.message;
}

export function expectChange(event: ChatwootEvent | { kind: 'invalid' }) {
  if (event.kind !== 'status') throw new Error(`expected a status, got ${JSON.stringify(event)}`);
  return event.change;
}
