import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  message,
  PASSWORD,
  type CallResult,
  type TestApp,
} from './test-app.test-helper.js';

// Issue 13, item 10: no API answer may be kept by a browser or a proxy (sign-in, a new token's
// secret, customers' words, errors alike), and framing is refused the same way by both headers.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function expectNotStoredNorFramed(res: CallResult, what: string): void {
  expect(res.headers.get('cache-control'), what).toBe('no-store');
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(res.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
}

describe('API responses are never stored, and never framed', () => {
  it('on sign-in, a token secret, customer data, live updates and health', async () => {
    const login = await t.call('POST', '/api/v1/auth/login', {
      body: { email: 'agent@example.com', password: PASSWORD },
    });
    expect(login.status).toBe(200);
    expectNotStoredNorFramed(login, 'sign-in');
    const token = await t.call('POST', '/api/v1/tokens', {
      as: 'agent',
      body: { name: 'headers' },
    });
    expect(token.status).toBe(201);
    expect(token.json.token).toMatch(/^cd_/);
    expectNotStoredNorFramed(token, 'a new token');
    const stored = await t.call('POST', '/api/v1/messages', { as: 'token', body: message() });
    expectNotStoredNorFramed(stored, 'ingest');
    const conversation = await t.call(
      'GET',
      `/api/v1/conversations/${stored.json.conversationId}`,
      { as: 'agent' },
    );
    expect(conversation.status).toBe(200);
    expectNotStoredNorFramed(conversation, 'a conversation');
    expectNotStoredNorFramed(
      await t.call('GET', '/api/v1/conversations', { as: 'agent' }),
      'inbox',
    );
    expectNotStoredNorFramed(await t.call('GET', '/api/v1/events', { as: 'agent' }), 'events');
    expectNotStoredNorFramed(await t.call('GET', '/api/health'), 'health');
    expectNotStoredNorFramed(await t.call('GET', '/api/openapi.json'), 'openapi');
  });

  it('on errors: a wrong password, no session, bad input, an unknown route', async () => {
    const wrong = await t.call('POST', '/api/v1/auth/login', {
      body: { email: 'agent@example.com', password: 'not the password at all' },
    });
    expect(wrong.status).toBe(401);
    expectNotStoredNorFramed(wrong, 'wrong password');
    const nobody = await t.call('GET', '/api/v1/conversations');
    expect(nobody.status).toBe(401);
    expectNotStoredNorFramed(nobody, 'no session');
    const bad = await t.call('POST', '/api/v1/messages', { as: 'token', body: '{"oops' });
    expect(bad.status).toBe(400);
    expectNotStoredNorFramed(bad, 'bad JSON');
    const unknown = await t.call('GET', '/api/v1/nothing-here', { as: 'agent' });
    expect(unknown.status).toBe(404);
    expectNotStoredNorFramed(unknown, 'unknown route');
  });
});
