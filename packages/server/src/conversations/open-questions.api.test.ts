import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls, expectNothingSecretIn } from '../http/api-fixtures.test-helper.js';
import { createTestApp, type TestApp } from '../http/test-app.test-helper.js';

/*
 * Issue 18: a customer whose question the agent's reply left open ("One moment please." and
 * nothing more) is still waiting for something, so the inbox ranks them above a customer whose
 * question was answered, even a hotter one, until a real answer comes.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await expectNothingSecretIn(t);
  await t.close();
});

const { ingest, getConversation, inbox } = apiCalls(() => t);

async function reply(conversationId: string, text: string): Promise<void> {
  const res = await t.call('POST', `/api/v1/conversations/${conversationId}/replies`, {
    as: 'agent',
    body: { text },
  });
  expect(res.status, res.text).toBe(201);
}

interface Row {
  id: string;
  temperature: number;
  openQuestion: string | null;
}

describe('a question the reply left open', () => {
  const ids = { held: '', answered: '' };
  const QUESTION = 'Is the annual plan billed in euros or in dollars?';

  beforeAll(async () => {
    ids.held = (await ingest({ text: `Hello. ${QUESTION}` })).conversationId;
    t.clock.advance(60_000);
    // Hotter, so it would come first if answered questions counted for nothing.
    ids.answered = (
      await ingest({
        text: 'This is the THIRD time I am asking!!! When will my replacement router arrive?',
      })
    ).conversationId;
    t.clock.advance(60_000);
    await reply(ids.held, 'One moment please.');
    await reply(ids.answered, 'Your replacement router arrives on Thursday by 6pm.');
    t.clock.advance(60_000);
  });

  const mine = (list: Row[]) => list.filter((c) => Object.values(ids).includes(c.id));

  it('stays open after a holding reply and ranks above an answered, hotter conversation', async () => {
    const rows = mine((await inbox()) as unknown as Row[]);
    const held = rows.find((c) => c.id === ids.held)!;
    const answered = rows.find((c) => c.id === ids.answered)!;
    expect(answered.temperature).toBeGreaterThan(held.temperature);
    expect(held.openQuestion).toBe(QUESTION);
    expect(answered.openQuestion).toBeNull();
    expect(rows.map((c) => c.id)).toEqual([ids.held, ids.answered]);
    // The single conversation shows it too.
    expect((await getConversation(ids.held)).conversation.openQuestion).toBe(QUESTION);
  });

  it('is cleared by a real answer, and the ranking falls back to temperature', async () => {
    await reply(ids.held, 'It is billed in euros, and the price includes VAT.');
    const rows = mine((await inbox()) as unknown as Row[]);
    expect(rows.find((c) => c.id === ids.held)!.openQuestion).toBeNull();
    expect(rows.map((c) => c.id)).toEqual([ids.answered, ids.held]);
  });

  it('stays open across a second holding line', async () => {
    const { conversationId } = await ingest({
      text: 'Can I change the delivery address of my order?',
    });
    await reply(conversationId, 'Thanks for your patience.');
    await reply(conversationId, 'Please bear with me a moment.');
    const view = await getConversation(conversationId);
    expect(view.conversation.openQuestion).toMatch(/delivery address/);
  });
});
