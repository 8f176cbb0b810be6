import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls, expectError, expectNothingSecretIn } from '../http/api-fixtures.test-helper.js';
import { createTestApp, message, type TestApp } from '../http/test-app.test-helper.js';

/*
 * Ingesting messages: a message is stored once, with its contact and conversation, whoever delivers it.
 * Through the real HTTP handler, signed in as the people of a small team, on a clock that only
 * moves when a test moves it.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await expectNothingSecretIn(t);
  await t.close();
});

const { getConversation, state } = apiCalls(() => t);

describe('ingesting messages', () => {
  it('stores a message once, however often it is delivered', async () => {
    const body = message();
    const first = await t.call('POST', '/api/v1/messages', { as: 'token', body });
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({ duplicate: false, conversationId: expect.any(String) });

    const again = await t.call('POST', '/api/v1/messages', { as: 'token', body });
    expect(again.status, again.text).toBe(200);
    expect(again.json).toMatchObject({
      duplicate: true,
      conversationId: first.json.conversationId,
      messageId: first.json.messageId,
    });
    const conversation = await getConversation(first.json.conversationId);
    expect(conversation.messages).toHaveLength(1);
    expect(conversation.conversation.messageCount).toBe(1);
  });

  it('stores a batch, counting what it had seen before', async () => {
    const seen = message();
    await t.call('POST', '/api/v1/messages', { as: 'token', body: seen });
    const res = await t.call('POST', '/api/v1/messages/batch', {
      as: 'agent',
      body: { messages: [message(), seen, message()] },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ stored: 2, duplicates: 1 });
    expect(res.json.results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('stores the same external id twice in one batch once', async () => {
    const one = message();
    const res = await t.call('POST', '/api/v1/messages/batch', {
      as: 'token',
      body: { messages: [one, one] },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ stored: 1, duplicates: 1 });
  });

  it('stores nothing of a batch with one invalid message', async () => {
    const before = await state();
    const res = await t.call('POST', '/api/v1/messages/batch', {
      as: 'token',
      body: { messages: [message(), message({ text: '   ' }), message()] },
    });
    expectError(res, 400, 'invalid_request', /messages\.1\.text: must not be empty/);
    expect(res.json.error.details).toContainEqual({
      path: 'messages.1.text',
      message: 'must not be empty',
    });
    expect(await state()).toEqual(before);
  });

  it('refuses an empty batch and one over the limit', async () => {
    const before = await state();
    expectError(
      await t.call('POST', '/api/v1/messages/batch', { as: 'token', body: { messages: [] } }),
      400,
      'invalid_request',
      /messages/,
    );
    const many = Array.from({ length: 1001 }, () => message());
    expectError(
      await t.call('POST', '/api/v1/messages/batch', { as: 'token', body: { messages: many } }),
      400,
      'invalid_request',
      /messages/,
    );
    expect(await state()).toEqual(before);
  });
});
