import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCalls, expectError, expectNothingSecretIn } from './api-fixtures.test-helper.js';
import { createTestApp, expectErrorShape, message, type TestApp } from './test-app.test-helper.js';

/*
 * What every route of the API shares: bad input gets a clear error and changes nothing, no secret or stack trace ever leaves the server, and the API describes itself.
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

const { ingest, getConversation, state } = apiCalls(() => t);

describe('bad input gets a clear error and changes nothing', () => {
  const valid = () => message();
  const cases: [string, unknown, RegExp, Record<string, string>?][] = [
    ['malformed JSON', '{"contact": {"externalId": "a"', /not valid JSON/],
    ['an empty body', '', /not valid JSON/],
    ['JSON null', 'null', /expected object/],
    ['a JSON array', '[]', /expected object/],
    ['text as a number', { ...valid(), text: 42 }, /text: .*expected string/],
    ['contact as a string', { ...valid(), contact: 'bob' }, /contact: .*expected object/],
    ['empty text', { ...valid(), text: '' }, /text: must not be empty/],
    ['whitespace text', { ...valid(), text: ' \n\t\u00a0 ' }, /text: must not be empty/],
    ['text over 100,000 characters', { ...valid(), text: 'a'.repeat(100_001) }, /at most 100000/],
    ['no contact', { ...valid(), contact: undefined }, /contact/],
    ['no conversation', { ...valid(), conversation: undefined }, /conversation/],
    ['an unknown field', { ...valid(), priority: 'high' }, /Unrecognized key: "priority"/],
    ['an unknown direction', { ...valid(), direction: 'sideways' }, /direction/],
    ['a time that is not a time', { ...valid(), sentAt: 'yesterday' }, /sentAt/],
    ['an empty external id', { ...valid(), externalId: '  ' }, /externalId: must not be empty/],
    ['a lone surrogate in the text', '"\\ud800 hello"', /text: .*unpaired surrogate/],
    ['a lone low surrogate', '"hello \\udc00"', /text: .*unpaired surrogate/],
    ['a NUL in the text', '"a\\u0000b"', /text: .*NUL/],
  ];

  it.each(cases)('%s', async (_, body, expected) => {
    const before = await state();
    // A raw string "..." stands for a text value spliced into an otherwise valid message.
    const sent =
      typeof body === 'string' && body.startsWith('"')
        ? JSON.stringify(valid()).replace(/"text":"[^"]*"/, `"text":${body}`)
        : body;
    const res = await t.call('POST', '/api/v1/messages', { as: 'token', body: sent });
    expect(res.status, res.text).toBe(400);
    expectErrorShape(res);
    expect(['invalid_json', 'invalid_request']).toContain(res.json.error.code);
    expect(res.json.error.message).toMatch(expected);
    expect(await state()).toEqual(before);
  });

  it('refuses a lone surrogate anywhere in the body, naming where', async () => {
    const before = await state();
    const body = JSON.stringify(message({ contact: { externalId: 'c-1', name: 'NAME' } })).replace(
      'NAME',
      'Ann \\udbff',
    );
    const res = await t.call('POST', '/api/v1/messages', { as: 'token', body });
    expectError(res, 400, 'invalid_request', /contact\.name/);
    const webhook = await t.call('POST', `/api/v1/webhooks/generic?token=${t.token}`, { body });
    expectError(webhook, 400, 'invalid_request', /contact\.name/);
    expect(await state()).toEqual(before);
  });

  it('wants JSON and says so', async () => {
    const before = await state();
    const body = JSON.stringify(valid());
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx']) {
      const res = await t.call('POST', '/api/v1/messages', {
        as: 'token',
        body,
        headers: { 'content-type': type },
      });
      expectError(res, 415, 'unsupported_media_type', /Content-Type: application\/json/);
    }
    const withCharset = await t.call('POST', '/api/v1/messages', {
      as: 'token',
      body: valid(),
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(withCharset.status, withCharset.text).toBe(201);
    const after = await state();
    expect(after.conversations).toBe(before.conversations + 1);
  });

  it('refuses a body over 16 MB before reading it', async () => {
    const before = await state();
    const body = JSON.stringify({ messages: [{ ...valid(), text: 'a'.repeat(17 * 1024 * 1024) }] });
    const res = await t.call('POST', '/api/v1/messages/batch', { as: 'token', body });
    expectError(res, 413, 'payload_too_large', /16 MB/);
    expect(await state()).toEqual(before);
  });

  it('takes text of exactly 100,000 characters whole', async () => {
    const text = `${'é'.repeat(49_999)}!${'x'.repeat(50_000)}`;
    expect(text).toHaveLength(100_000);
    const { conversationId } = await ingest({ text });
    expect((await getConversation(conversationId)).messages[0].text).toBe(text);
  });

  it.each([
    ['emoji', 'My 📦 never came 😡😡 👨‍👩‍👧‍👦 🏳️‍🌈'],
    ['right-to-left text', 'مرحبا، طلبي لم يصل بعد! שלום'],
    ['combining marks', 'Ame\u0301lie, Z\u0351\u0363a\u0310l\u0352g\u035bo\u0300'],
    ['invisible characters', '\ufeffhello\u200b\u200d\u202eevil\u202c'],
    ['control characters', 'tab\there\r\nline\u0007bell\u001b[31m'],
    ['the last code points', '\uffff \u{10ffff} \u{1f600}'],
  ])('stores %s exactly as sent', async (_, text) => {
    const { conversationId } = await ingest({ text, authorName: text });
    const conversation = await getConversation(conversationId);
    expect(conversation.messages[0].text).toBe(text);
    expect(conversation.messages[0].authorName).toBe(text.trim());
    expect(typeof conversation.messages[0].analysis.temperature).toBe('number');
  });

  it('answers an unknown conversation with 404 and changes nothing', async () => {
    const before = await state();
    const unknown = crypto.randomUUID();
    const attempts: [string, string, unknown][] = [
      ['GET', '', undefined],
      ['PATCH', '', { status: 'resolved' }],
      ['POST', '/coach', { draft: 'Hello' }],
      ['POST', '/replies', { text: 'Hello' }],
      ['POST', '/notes', { text: 'Hello' }],
      ['POST', '/escalations', {}],
      ['POST', '/goodwill', { kind: 'credit', value: 5 }],
      ['GET', '/goodwill/suggestion', undefined],
    ];
    for (const id of [unknown, 'not-an-id', "1' or '1'='1", '%F0%9F%98%A1']) {
      for (const [method, suffix, body] of attempts) {
        const res = await t.call(method, `/api/v1/conversations/${id}${suffix}`, {
          as: 'agent',
          body,
        });
        expectError(res, 404, 'not_found', /No conversation with id/);
      }
    }
    for (const path of ['/api/v1/escalations/x/accept', '/api/v1/goodwill/x/approve']) {
      expectError(await t.call('POST', path, { as: 'admin', body: {} }), 404, 'not_found');
    }
    expect(await state()).toEqual(before);
  });
});

describe('the API describes itself', () => {
  it('serves an OpenAPI 3.1 document with every route', async () => {
    const res = await t.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\.1\./);
    for (const route of t.calmdesk.routes) {
      const operation = res.json.paths[route.path]?.[route.method];
      expect(operation, `${route.method} ${route.path}`).toBeDefined();
      expect(operation.summary).toBe(route.summary);
      // A body is documented exactly where the route reads one.
      expect('requestBody' in operation, `${route.method} ${route.path}`).toBe(
        route.body !== undefined,
      );
    }
  });

  it('serves a readable reference page listing every route', async () => {
    const res = await t.call('GET', '/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    for (const route of t.calmdesk.routes) expect(res.text).toContain(`<code>${route.path}</code>`);
    expect(res.text).toContain('/api/openapi.json');
  });
});
