import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectNothingSecretIn } from '../http/api-fixtures.test-helper.js';
import { createTestApp, sessionCookieOf, type TestApp } from '../http/test-app.test-helper.js';

/*
 * People: signing in and out, and the first-run setup of a new team.
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

describe('signing in and out', () => {
  const login = (email: string, password: string) =>
    t.call('POST', '/api/v1/auth/login', { body: { email, password } });

  it('gives the same answer for a wrong password and an unknown email', async () => {
    const wrong = await login('agent@example.com', 'not the password at all');
    const unknown = await login('nobody@example.com', 'not the password at all');
    expectError(wrong, 401, 'unauthenticated');
    expectError(unknown, 401, 'unauthenticated');
    expect(wrong.json.error.message).toBe(unknown.json.error.message);
    expect(sessionCookieOf(wrong.headers)).toBeUndefined();
    // The email is not case-sensitive.
    const ok = await login('  Agent@Example.COM ', t.sessions.agent.password);
    expect(ok.status, ok.text).toBe(200);
    expect(ok.json.user.email).toBe('agent@example.com');
  });

  it('ends the session on sign-out, and only that session', async () => {
    const res = await login(t.sessions.agent2.email, t.sessions.agent2.password);
    const cookie = `calmdesk_session=${sessionCookieOf(res.headers)}`;
    const me = await t.call('GET', '/api/v1/me', { headers: { cookie } });
    expect(me.json).toMatchObject({ via: 'session', csrfToken: res.json.csrfToken });

    const out = await t.call('POST', '/api/v1/auth/logout', {
      headers: { cookie, 'x-csrf-token': res.json.csrfToken },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/calmdesk_session=;/);
    expectError(await t.call('GET', '/api/v1/me', { headers: { cookie } }), 401, 'unauthenticated');
    expect((await t.call('GET', '/api/v1/me', { as: 'agent2' })).status).toBe(200);
  });

  it("stops a disabled person's session and sign-in", async () => {
    const created = await t.call('POST', '/api/v1/users', {
      as: 'admin',
      body: {
        email: 'leaver@example.com',
        name: 'Lee Ver',
        role: 'agent',
        password: 'a long enough password',
      },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.user.id;
    const res = await login('leaver@example.com', 'a long enough password');
    const cookie = `calmdesk_session=${sessionCookieOf(res.headers)}`;
    expect((await t.call('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);

    const disable = await t.call('PATCH', `/api/v1/users/${id}`, {
      as: 'admin',
      body: { disabled: true },
    });
    expect(disable.status, disable.text).toBe(200);
    expect(disable.json.user.disabled).toBe(true);
    expectError(await t.call('GET', '/api/v1/me', { headers: { cookie } }), 401, 'unauthenticated');
    expectError(
      await login('leaver@example.com', 'a long enough password'),
      401,
      'unauthenticated',
    );
  });

  it('ends a disabled person’s sessions and tokens for good: enabling them again revives neither', async () => {
    const created = await t.call('POST', '/api/v1/users', {
      as: 'admin',
      body: {
        email: 'returner@example.com',
        name: 'Re Turner',
        role: 'agent',
        password: 'a long enough password',
      },
    });
    const id = created.json.user.id;
    const res = await login('returner@example.com', 'a long enough password');
    const cookie = `calmdesk_session=${sessionCookieOf(res.headers)}`;
    const token = await t.call('POST', '/api/v1/tokens', {
      headers: { cookie, 'x-csrf-token': res.json.csrfToken },
      body: { name: 'their integration' },
    });
    expect(token.status, token.text).toBe(201);
    const authorization = `Bearer ${token.json.token}`;

    for (const disabled of [true, false]) {
      const patch = await t.call('PATCH', `/api/v1/users/${id}`, {
        as: 'admin',
        body: { disabled },
      });
      expect(patch.status, patch.text).toBe(200);
    }
    expectError(await t.call('GET', '/api/v1/me', { headers: { cookie } }), 401, 'unauthenticated');
    expectError(
      await t.call('GET', '/api/v1/me', { headers: { authorization } }),
      401,
      'unauthenticated',
    );
    // Enabled again, they sign in afresh.
    expect((await login('returner@example.com', 'a long enough password')).status).toBe(200);
  });

  it('refuses a new person with a short password or a taken email', async () => {
    const users = async () =>
      (await t.call('GET', '/api/v1/users', { as: 'agent' })).json.users.length;
    const before = await users();
    const base = { name: 'New Person', role: 'agent' };
    expectError(
      await t.call('POST', '/api/v1/users', {
        as: 'admin',
        body: { ...base, email: 'new@example.com', password: 'short' },
      }),
      400,
      'invalid_request',
      /password must be at least 12 characters/,
    );
    expectError(
      await t.call('POST', '/api/v1/users', {
        as: 'admin',
        body: { ...base, email: 'AGENT@example.com', password: 'a long enough password' },
      }),
      409,
      'conflict',
      /agent@example.com/,
    );
    expectError(
      await t.call('POST', '/api/v1/users', {
        as: 'admin',
        body: { ...base, email: 'not an email', password: 'a long enough password' },
      }),
      400,
      'invalid_request',
      /email/,
    );
    expect(await users()).toBe(before);
  });

  it('does not let an admin lock themselves out', async () => {
    expectError(
      await t.call('PATCH', `/api/v1/users/${t.sessions.admin.user.id}`, {
        as: 'admin',
        body: { disabled: true },
      }),
      409,
      'conflict',
      /yourself/,
    );
    expect((await t.call('GET', '/api/v1/me', { as: 'admin' })).status).toBe(200);
  });

  it("shows agents their teammates' names and roles, never their emails", async () => {
    const asAgent = await t.call('GET', '/api/v1/users', { as: 'agent' });
    expect(asAgent.status, asAgent.text).toBe(200);
    expect(asAgent.text).not.toContain('@example.com');
    expect(asAgent.json.users).toContainEqual({
      id: t.sessions.agent2.user.id,
      name: 'Test agent2',
      role: 'agent',
    });
    for (const as of ['supervisor', 'admin'] as const) {
      const res = await t.call('GET', '/api/v1/users', { as });
      expect(res.json.users).toContainEqual(
        expect.objectContaining({ id: t.sessions.agent2.user.id, email: 'agent2@example.com' }),
      );
    }
  });

  it('refuses a revoked API token', async () => {
    const created = await t.call('POST', '/api/v1/tokens', {
      as: 'agent',
      body: { name: 'short-lived' },
    });
    expect(created.status, created.text).toBe(201);
    const authorization = `Bearer ${created.json.token}`;
    expect(created.json.token).toMatch(/^cd_/);
    const me = await t.call('GET', '/api/v1/me', { headers: { authorization } });
    expect(me.json).toMatchObject({ via: 'token', csrfToken: null });

    const revoke = await t.call('DELETE', `/api/v1/tokens/${created.json.id}`, { as: 'agent' });
    expect(revoke.status).toBe(204);
    expectError(
      await t.call('GET', '/api/v1/me', { headers: { authorization } }),
      401,
      'unauthenticated',
    );
    expectError(
      await t.call('DELETE', `/api/v1/tokens/${created.json.id}`, { as: 'agent' }),
      404,
      'not_found',
    );
  });

  it("refuses to revoke a teammate's API token with 403, leaving it working; an admin may", async () => {
    const created = await t.call('POST', '/api/v1/tokens', {
      as: 'agent',
      body: { name: 'an integration' },
    });
    const authorization = `Bearer ${created.json.token}`;
    const path = `/api/v1/tokens/${created.json.id}`;
    for (const as of ['agent2', 'supervisor'] as const) {
      expectError(await t.call('DELETE', path, { as }), 403, 'forbidden', /someone else/);
      expect((await t.call('GET', '/api/v1/me', { headers: { authorization } })).status).toBe(200);
    }
    expect((await t.call('DELETE', path, { as: 'admin' })).status).toBe(204);
    expectError(
      await t.call('GET', '/api/v1/me', { headers: { authorization } }),
      401,
      'unauthenticated',
    );
    const audit = await t.call('GET', '/api/v1/audit?limit=5', { as: 'admin' });
    expect(audit.json.entries).toContainEqual(
      expect.objectContaining({
        action: 'token.revoked',
        entityId: created.json.id,
        actorId: t.sessions.admin.user.id,
      }),
    );
    expect((await t.call('GET', '/api/v1/me', { as: 'token' })).status).toBe(200);
  });

  it('after too many failures, asks to wait, with Retry-After', async () => {
    const limited = await createTestApp({ config: { loginAttempts: 3 }, people: false });
    try {
      await limited.calmdesk.services.people.createUser(
        { email: 'sam@example.com', name: 'Sam', role: 'agent', password: 'the right password' },
        null,
      );
      const attempt = (password: string) =>
        limited.call('POST', '/api/v1/auth/login', {
          body: { email: 'sam@example.com', password },
        });
      for (let i = 0; i < 3; i += 1) expect((await attempt('a wrong password')).status).toBe(401);
      const refused = await attempt('the right password');
      expectError(refused, 429, 'rate_limited', /try again in \d+ s/);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(sessionCookieOf(refused.headers)).toBeUndefined();

      limited.clock.advance(16 * 60_000);
      expect((await attempt('the right password')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('first-run setup', () => {
  it('creates the first admin once, with the token printed at start-up', async () => {
    const fresh = await createTestApp({ people: false });
    try {
      const body = {
        email: 'owner@example.com',
        name: 'Owner',
        password: 'a long enough password',
      };
      expect((await fresh.call('GET', '/api/v1/setup')).json).toEqual({ needed: false });
      expectError(
        await fresh.call('POST', '/api/v1/setup', { body: { ...body, token: 'anything' } }),
        409,
        'setup_done',
      );
      const token = await fresh.calmdesk.services.people.prepareSetup();
      expect(token).toEqual(expect.any(String));
      expect((await fresh.call('GET', '/api/v1/setup')).json).toEqual({ needed: true });

      expectError(
        await fresh.call('POST', '/api/v1/setup', { body: { ...body, token: 'wrong' } }),
        403,
        'forbidden',
        /setup token/,
      );
      expectError(
        await fresh.call('POST', '/api/v1/setup', { body: { ...body, token, password: 'short' } }),
        400,
        'invalid_request',
        /password/,
      );
      expect((await fresh.call('GET', '/api/v1/setup')).json).toEqual({ needed: true });

      const done = await fresh.call('POST', '/api/v1/setup', { body: { ...body, token } });
      expect(done.status, done.text).toBe(201);
      expect(done.json.user).toMatchObject({ email: 'owner@example.com', role: 'admin' });
      expect((await fresh.call('GET', '/api/v1/setup')).json).toEqual({ needed: false });
      expectError(
        await fresh.call('POST', '/api/v1/setup', { body: { ...body, token } }),
        409,
        'setup_done',
      );
      const login = await fresh.call('POST', '/api/v1/auth/login', {
        body: { email: body.email, password: body.password },
      });
      expect(login.status).toBe(200);
    } finally {
      await fresh.close();
    }
  });

  it('lets the one-time token create one admin, however many requests race with it', async () => {
    const fresh = await createTestApp({ people: false });
    try {
      const token = await fresh.calmdesk.services.people.prepareSetup();
      const results = await Promise.all(
        ['one', 'two', 'three'].map((who) =>
          fresh.call('POST', '/api/v1/setup', {
            body: {
              token,
              email: `${who}@example.com`,
              name: who,
              password: 'a long enough password',
            },
          }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      for (const r of results.filter((x) => x.status !== 201)) expectError(r, 409, 'setup_done');
      expect(await fresh.calmdesk.store.countUsers()).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});

describe('what never leaves the server', () => {
  it('shows no password or token hash, and no stack trace, in any answer', async () => {
    for (const path of ['/api/v1/users', '/api/v1/tokens', '/api/v1/me', '/api/v1/audit']) {
      expect((await t.call('GET', path, { as: 'admin' })).status).toBe(200);
    }
    const hashes = (await t.calmdesk.store.listUsers()).map((u) => u.passwordHash);
    const tokenHashes = (await t.calmdesk.store.listApiTokens(t.sessions.agent.user.id)).map(
      (k) => k.tokenHash,
    );
    expect(hashes.length).toBeGreaterThan(4);
    expect(tokenHashes.length).toBeGreaterThan(1);
    // This file's answers; every API test file checks its own as it closes (expectNothingSecretIn).
    expect(t.texts.length).toBeGreaterThan(30);
    for (const text of t.texts) {
      expect(text).not.toMatch(/passwordHash|password_hash|tokenHash|token_hash|scrypt\$/);
      expect(text).not.toContain('    at ');
      for (const secret of [...hashes, ...tokenHashes]) expect(text).not.toContain(secret);
    }
    expect(t.errors).toEqual([]);
  });
});
