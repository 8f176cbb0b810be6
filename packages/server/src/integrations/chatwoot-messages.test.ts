import { describe, expect, it } from 'vitest';
import { IngestMessage } from '../contract/index.js';
import { readChatwootEvent } from './chatwoot.js';
import { incoming, outgoingEmail, expectMessage } from './chatwoot-fixtures.test-helper.js';

// Chatwoot's message_created events, read into the messages Calmdesk ingests.

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
