import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipText } from '../clip-text.js';
import { createTestApp, type TestApp } from '../http/test-app.test-helper.js';
import { channelOf } from './chatwoot.js';
import { conversationEvent, incoming } from './chatwoot-fixtures.test-helper.js';

// Issue 13, item 8: a Chatwoot name of 199 letters and an emoji was cut inside the emoji's
// surrogate pair, and a lone surrogate was stored. Names and subjects are clipped by whole
// characters (grapheme clusters) now, through the real webhook route.

const LONE_SURROGATE = /\p{Cs}/u;
const NAME = `${'a'.repeat(199)}😀`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function deliver(payload: Record<string, unknown>) {
  return t.call('POST', `/api/v1/webhooks/chatwoot?token=${t.token}`, { body: payload });
}

describe('clipping Chatwoot names by whole characters', () => {
  it('stores a 199-letter name plus an emoji as the 199 letters, never half the emoji', async () => {
    const res = await deliver(
      incoming({ id: 9001, sender: { ...(incoming().sender as object), id: 901, name: NAME } }),
    );
    expect(res.status, res.text).toBe(201);
    const contact = await t.calmdesk.store.getContact(res.json.contactId);
    expect(contact?.name).toBe('a'.repeat(199));
    expect(LONE_SURROGATE.test(contact?.name ?? '')).toBe(false);
    const shown = await t.call('GET', `/api/v1/contacts/${res.json.contactId}`, { as: 'agent' });
    expect(shown.status, shown.text).toBe(200);
    expect(shown.text).not.toMatch(/\\ud83d/i);
  });

  it('keeps an emoji that fits whole, and a subject cut before an emoji with its modifier', async () => {
    const name = `${'b'.repeat(198)}😀`;
    const subject = `${'s'.repeat(297)}👋🏽 more`;
    const res = await deliver(
      incoming({
        id: 9002,
        sender: { ...(incoming().sender as object), id: 902, name },
        conversation: {
          ...(conversationEvent('conversation_created') as object),
          id: 902,
          additional_attributes: { mail_subject: subject },
        },
      }),
    );
    expect(res.status, res.text).toBe(201);
    expect((await t.calmdesk.store.getContact(res.json.contactId))?.name).toBe(name);
    const conversation = await t.call('GET', `/api/v1/conversations/${res.json.conversationId}`, {
      as: 'agent',
    });
    expect(conversation.json.conversation.subject).toBe('s'.repeat(297));
  });

  it('clipText never splits a surrogate pair or a grapheme cluster', () => {
    expect(clipText(NAME, 200)).toBe('a'.repeat(199));
    expect(clipText(NAME, 201)).toBe(NAME);
    expect(clipText('Zoë 👋🏽 Smith', 6)).toBe('Zoë ');
    expect(clipText('e\u0301e\u0301e\u0301', 3)).toBe('e\u0301');
    expect(clipText('short', 200)).toBe('short');
    for (let max = 0; max < 12; max += 1) {
      expect(LONE_SURROGATE.test(clipText('😀😀😀👩‍👩‍👧', max))).toBe(false);
    }
    expect(channelOf(`Channel::${'x'.repeat(49)}😀`)).toBe('x'.repeat(49));
  });
});
