import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConversationStatusChange } from '../contract/index.js';
import { channelOf, readChatwootEvent, toIsoTime } from './chatwoot.js';
import {
  account,
  incoming,
  conversationEvent,
  expectChange,
} from './chatwoot-fixtures.test-helper.js';

// Chatwoot's conversation events, the events Calmdesk ignores, malformed payloads, and the small readers of channels and times.

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

  it('never throws, whatever it is given, and always says what it made of it', () => {
    const events = fc.constantFrom(
      'message_created',
      'conversation_created',
      'conversation_status_changed',
    );
    const KINDS = ['message', 'status', 'ignored', 'invalid'];
    fc.assert(
      fc.property(fc.anything(), (payload) => {
        expect(KINDS).toContain(readChatwootEvent(payload).kind);
      }),
    );
    // Not an object: refused as invalid, never read as a message.
    for (const payload of [null, 42, 'message_created', [], true]) {
      expect(readChatwootEvent(payload).kind).toBe('invalid');
    }
    fc.assert(
      fc.property(events, fc.dictionary(fc.string(), fc.anything()), (event, rest) => {
        expect(KINDS).toContain(readChatwootEvent({ ...rest, event }).kind);
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
