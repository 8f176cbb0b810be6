import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { account, incoming } from '../integrations/chatwoot-fixtures.test-helper.js';
import { createTestApp, PASSWORD, type CallResult, type TestApp } from './test-app.test-helper.js';

// Issue 14, Calmdesk inside Chatwoot: the Dashboard App page may be framed by the configured
// Chatwoot and nobody else, the rest of the app never; the page finds its conversation by
// Chatwoot's ids; and it signs in with a session that travels as a bearer token, not a cookie.

const CHATWOOT_URL = 'https://chatwoot.example.com/app/accounts/1';
const CHATWOOT_ORIGIN = 'https://chatwoot.example.com';

let webDir: string;
let framed: TestApp;
let unconfigured: TestApp;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'calmdesk-web-'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Calmdesk</title>');
  writeFileSync(
    join(webDir, 'chatwoot-app.html'),
    '<!doctype html><meta name="calmdesk-chatwoot-origin" content="" /><title>Calmdesk for Chatwoot</title>',
  );
  writeFileSync(join(webDir, 'app.js'), 'export {};');
  framed = await createTestApp({ config: { webDir, chatwootUrl: CHATWOOT_URL } });
  unconfigured = await createTestApp({ config: { webDir } });
});

afterAll(async () => {
  await framed.close();
  await unconfigured.close();
  rmSync(webDir, { recursive: true, force: true });
});

function frameAncestors(res: CallResult): string | undefined {
  return /frame-ancestors ([^;]*)/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
}

function expectUnframeable(res: CallResult, what: string): void {
  expect(res.headers.get('x-frame-options'), what).toBe('DENY');
  expect(frameAncestors(res), what).toBe("'none'");
}

describe('framing', () => {
  it('lets only the configured Chatwoot origin frame the Dashboard App page', async () => {
    for (const path of ['/chatwoot-app', '/chatwoot-app.html']) {
      const page = await framed.call('GET', path);
      expect(page.status, path).toBe(200);
      expect(page.text, path).toContain('Calmdesk for Chatwoot');
      // The page learns whose messages to trust from the server.
      expect(page.text, path).toContain(
        `<meta name="calmdesk-chatwoot-origin" content="${CHATWOOT_ORIGIN}" />`,
      );
      expect(frameAncestors(page), path).toBe(CHATWOOT_ORIGIN);
      // DENY would refuse Chatwoot's frame in a browser that reads it first.
      expect(page.headers.get('x-frame-options'), path).toBeNull();
      // The rest of the page's protection stays.
      expect(page.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
  });

  it('keeps the rest of the app, its scripts and the API unframeable', async () => {
    expectUnframeable(await framed.call('GET', '/'), 'the app');
    expectUnframeable(await framed.call('GET', '/app.js'), 'a script');
    expectUnframeable(await framed.call('GET', '/api/health'), 'the API');
    expectUnframeable(await framed.call('GET', '/chatwoot-app/x'), 'a path under the page');
  });

  it('refuses framing of the page too when no Chatwoot URL is configured', async () => {
    const page = await unconfigured.call('GET', '/chatwoot-app');
    expect(page.status).toBe(200);
    expectUnframeable(page, 'the page without Chatwoot');
    expect(page.text).toContain('<meta name="calmdesk-chatwoot-origin" content="" />');
  });
});

describe('GET /api/v1/conversations/chatwoot/{accountId}/{conversationId}', () => {
  let conversationId = '';
  let chatwootConversation = '';

  beforeAll(async () => {
    const delivery = incoming();
    chatwootConversation = String((delivery.conversation as { id: number }).id);
    const res = await framed.call('POST', '/api/v1/webhooks/chatwoot', {
      as: 'token',
      body: delivery,
    });
    expect(res.status, res.text).toBe(201);
    conversationId = res.json.conversationId;
  });

  const path = (accountId: string, id: string) =>
    `/api/v1/conversations/chatwoot/${accountId}/${id}`;

  it('finds the conversation the Chatwoot webhook brought, with its analysis', async () => {
    const res = await framed.call('GET', path(String(account.id), chatwootConversation), {
      as: 'agent',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.conversation.id).toBe(conversationId);
    expect(res.json.messages).toHaveLength(1);
    expect(res.json.analysis.playbook.length).toBeGreaterThan(0);
    const direct = await framed.call('GET', `/api/v1/conversations/${conversationId}`, {
      as: 'agent',
    });
    expect(res.json.conversation).toEqual(direct.json.conversation);
  });

  it('says the webhook has not brought a conversation Calmdesk does not know', async () => {
    const otherAccount = await framed.call('GET', path('999', chatwootConversation), {
      as: 'agent',
    });
    expect(otherAccount.status).toBe(404);
    expect(otherAccount.json.error.code).toBe('not_found');
    expect(otherAccount.json.error.message).toMatch(/webhook/);
    const otherConversation = await framed.call('GET', path(String(account.id), '424242'), {
      as: 'agent',
    });
    expect(otherConversation.status).toBe(404);
  });

  it('refuses an id that is no Chatwoot id, and nobody signed in', async () => {
    const bad = await framed.call('GET', path('1', 'a%20b'), { as: 'agent' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_request');
    const nobody = await framed.call('GET', path(String(account.id), chatwootConversation));
    expect(nobody.status).toBe(401);
  });
});

describe('POST /api/v1/auth/session-tokens', () => {
  const signIn = (password: string) =>
    framed.call('POST', '/api/v1/auth/session-tokens', {
      body: { email: 'agent@example.com', password },
    });

  it('signs in without a cookie; the token works until sign-out, without a CSRF token', async () => {
    const res = await signIn(PASSWORD);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('set-cookie')).toBeNull();
    const token = res.json.sessionToken as string;
    expect(token).toMatch(/^cds_/);
    const headers = { authorization: `Bearer ${token}` };
    const me = await framed.call('GET', '/api/v1/me', { headers });
    expect(me.status).toBe(200);
    expect(me.json.user.email).toBe('agent@example.com');
    // A change needs no CSRF token: no other site can make a browser send this header.
    const stored = await framed.call('POST', '/api/v1/webhooks/chatwoot', {
      headers,
      body: incoming(),
    });
    expect(stored.status, stored.text).toBeLessThan(300);
    const note = await framed.call(
      'POST',
      `/api/v1/conversations/${stored.json.conversationId}/notes`,
      { headers, body: { text: 'Checked the order with the courier.' } },
    );
    expect(note.status, note.text).toBe(201);
    const out = await framed.call('POST', '/api/v1/auth/logout', { headers, body: {} });
    expect(out.status).toBe(204);
    expect((await framed.call('GET', '/api/v1/me', { headers })).status).toBe(401);
  });

  it('refuses a wrong password and a made-up token', async () => {
    const wrong = await signIn('not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.json.sessionToken).toBeUndefined();
    const madeUp = await framed.call('GET', '/api/v1/me', {
      headers: { authorization: 'Bearer cds_madeupmadeupmadeupmadeupmadeup' },
    });
    expect(madeUp.status).toBe(401);
  });
});
