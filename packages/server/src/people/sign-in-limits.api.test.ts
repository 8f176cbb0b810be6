import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectNothingSecretIn } from '../http/api-fixtures.test-helper.js';
import {
  createTestApp,
  expectErrorShape,
  sessionCookieOf,
  type TestApp,
} from '../http/test-app.test-helper.js';

/*
 * Guessing passwords: an address is limited, an account is slowed down but never locked against
 * its owner, an admin can clear it, and the weakest passwords are refused. Through the real HTTP
 * handler, each sign-in from the address a test gives it, on a clock the tests move.
 */

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ config: { loginAttempts: 5 } });
});

afterAll(async () => {
  await expectNothingSecretIn(t);
  await t.close();
});

let people = 0;

/** A new person with a known password, so each test starts with no failures counted. */
async function newPerson(): Promise<{ id: string; email: string; password: string }> {
  people += 1;
  const email = `guessed-${people}@example.com`;
  const password = `the right password ${people}`;
  const res = await t.call('POST', '/api/v1/users', {
    as: 'admin',
    body: { email, name: `Guessed ${people}`, role: 'agent', password },
  });
  expect(res.status, res.text).toBe(201);
  return { id: res.json.user.id, email, password };
}

/** Signs in from `address`, as a browser there would (the body arrives as Node's request). */
async function login(email: string, password: string, address: string) {
  const body = JSON.stringify({ email, password });
  const incoming = Object.assign(Readable.from([Buffer.from(body)]), {
    socket: { remoteAddress: address },
  });
  const res = await t.calmdesk.app.request(
    '/api/v1/auth/login',
    { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    { incoming },
  );
  const text = await res.text();
  t.texts.push(text);
  return { status: res.status, json: JSON.parse(text), text, headers: res.headers };
}

describe('sign-in limits', () => {
  it('refuses an address guessing at many accounts, however often it signs in to its own', async () => {
    const own = await newPerson();
    const address = '198.51.100.7';
    for (const target of ['a', 'b', 'c', 'd', 'e']) {
      // Signing in to its own account between guesses clears nothing.
      expect((await login(own.email, own.password, address)).status).toBe(200);
      expect((await login(`${target}@example.com`, 'a wrong guess', address)).status).toBe(401);
    }
    const refused = await login(own.email, own.password, address);
    expectError(refused, 429, 'rate_limited', /try again in \d+ s/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not held up by this one.
    expect((await login(own.email, own.password, '198.51.100.8')).status).toBe(200);
  });

  it('slows an account down when others guess wrong, but lets its owner in after a short wait', async () => {
    const person = await newPerson();
    for (let i = 1; i <= 5; i += 1) {
      expect((await login(person.email, 'a wrong guess', `203.0.113.${i}`)).status).toBe(401);
    }
    // The owner, from a sixth address: a wait of seconds, not a lock-out of a quarter hour.
    const waited = await login(person.email, person.password, '203.0.113.6');
    expectError(waited, 429, 'rate_limited');
    const retryAfter = Number(waited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(sessionCookieOf(waited.headers)).toBeUndefined();
    t.clock.advance(retryAfter * 1000);
    const ok = await login(person.email, person.password, '203.0.113.6');
    expect(ok.status, ok.text).toBe(200);
    expect(sessionCookieOf(ok.headers)).toBeDefined();
  });

  it('never makes an account’s owner wait more than a minute, however many guess', async () => {
    const person = await newPerson();
    for (let i = 1; i <= 30; i += 1) {
      const res = await login(person.email, 'a wrong guess', `192.0.2.${i}`);
      if (res.status === 429) {
        expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(60);
        t.clock.advance(Number(res.headers.get('retry-after')) * 1000);
      } else expect(res.status).toBe(401);
    }
    const waited = await login(person.email, person.password, '192.0.2.200');
    const retryAfter = Number(waited.headers.get('retry-after') ?? 0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    t.clock.advance(retryAfter * 1000);
    expect((await login(person.email, person.password, '192.0.2.200')).status).toBe(200);
  });

  it('lets an admin clear a person’s failed sign-ins, recorded in the audit log', async () => {
    const person = await newPerson();
    for (let i = 1; i <= 5; i += 1) {
      expect((await login(person.email, 'a wrong guess', `100.64.0.${i}`)).status).toBe(401);
    }
    expect((await login(person.email, person.password, '100.64.0.50')).status).toBe(429);

    const path = `/api/v1/users/${person.id}/sign-in-failures`;
    expectError(await t.call('DELETE', path, { as: 'supervisor' }), 403, 'forbidden');
    expectError(
      await t.call('DELETE', '/api/v1/users/no-such-user/sign-in-failures', { as: 'admin' }),
      404,
      'not_found',
    );
    const cleared = await t.call('DELETE', path, { as: 'admin' });
    expect(cleared.status, cleared.text).toBe(200);
    expect(cleared.json).toEqual({ cleared: true });
    expect((await login(person.email, person.password, '100.64.0.50')).status).toBe(200);

    const audit = await t.call('GET', '/api/v1/audit?limit=20', { as: 'admin' });
    expect(audit.json.entries).toContainEqual(
      expect.objectContaining({
        action: 'user.sign_in_cleared',
        entityId: person.id,
        actorId: t.sessions.admin.user.id,
      }),
    );
  });
});

describe('the password rule', () => {
  it('refuses only spaces, one character repeated and the most common passwords, clearly', async () => {
    const users = async () => (await t.call('GET', '/api/v1/users', { as: 'admin' })).json.users;
    const before = (await users()).length;
    for (const [password, message] of [
      ['              ', /only spaces/],
      ['aaaaaaaaaaaaaaa', /one character repeated/],
      ['............', /one character repeated/],
      ['Password1234', /most common passwords/],
      ['qwerty 123456', /most common passwords/],
      ['123456789012', /most common passwords/],
    ] as const) {
      const res = await t.call('POST', '/api/v1/users', {
        as: 'admin',
        body: { email: 'weak@example.com', name: 'Weak', role: 'agent', password },
      });
      expectError(res, 400, 'invalid_request', message);
      expectErrorShape(res);
      expect(res.json.error.details).toEqual({ field: 'password' });
    }
    expect(await users()).toHaveLength(before);
    // Unrelated words pass.
    const ok = await t.call('POST', '/api/v1/users', {
      as: 'admin',
      body: {
        email: 'strong@example.com',
        name: 'Strong',
        role: 'agent',
        password: 'kettle maple orbit',
      },
    });
    expect(ok.status, ok.text).toBe(201);
  });
});
