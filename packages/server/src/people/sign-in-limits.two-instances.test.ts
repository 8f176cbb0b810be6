import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk, type Calmdesk } from '../server.js';
import { createTestDatabase, shouldRunPostgres } from '../storage/test-stores.test-helper.js';

/*
 * Failed sign-ins are counted in the database: two instances sharing a PostgreSQL database allow
 * no more guesses than one, and an admin's clearing on one lets the person in on the other.
 */

const runPostgres = await shouldRunPostgres();
const silent = { info: () => undefined, error: () => undefined };
let later = 0;

describe.runIf(runPostgres)('sign-in limits on two instances', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Calmdesk;
  let b: Calmdesk;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({}, { databaseUrl: db.url, logLevel: 'silent', loginAttempts: 3 });
    // A clock that stands still unless a test moves it: a wait never runs out by itself.
    const now = () => new Date(Date.parse('2026-11-27T10:00:00Z') + later);
    a = await createCalmdesk(config, { now, log: silent });
    b = await createCalmdesk(config, { now, log: silent });
  });

  afterAll(async () => {
    await a?.store.close();
    await b?.store.close();
    await db?.drop();
  });

  it("an admin's clearing on one instance lets the person in on the other at once", async () => {
    const password = 'the right password';
    await a.services.people.createUser(
      { email: 'owner@example.com', name: 'Owner', role: 'agent', password },
      null,
    );
    const admin = await a.services.people.createUser(
      { email: 'admin@example.com', name: 'Admin', role: 'admin', password: 'the admin password' },
      null,
    );
    for (let i = 1; i <= 3; i += 1) {
      await expect(
        a.services.people.login('owner@example.com', 'a wrong guess', `10.0.0.${i}`),
      ).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    await expect(
      a.services.people.login('owner@example.com', password, '10.0.0.50'),
    ).rejects.toMatchObject({ code: 'rate_limited' });

    const owner = (await b.store.getUserByEmail('owner@example.com'))!;
    // The failures were made on a; b clears them, and a lets the owner in at once.
    expect(await b.services.people.clearSignInFailures(owner.id, admin)).toEqual({
      cleared: true,
    });
    const session = await a.services.people.login('owner@example.com', password, '10.0.0.50');
    expect(session.user.id).toBe(owner.id);
  });

  it('counts an address’s guesses on both instances together', async () => {
    const address = '192.0.2.77';
    // Three guesses at different accounts, spread over the two instances: the limit of three.
    for (const [instance, email] of [
      [a, 'x@example.com'],
      [b, 'y@example.com'],
      [a, 'z@example.com'],
    ] as const) {
      await expect(
        instance.services.people.login(email, 'a wrong guess', address),
      ).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    // Neither instance lets a fourth through, whichever it reaches.
    for (const instance of [a, b]) {
      await expect(
        instance.services.people.login('w@example.com', 'a wrong guess', address),
      ).rejects.toMatchObject({ code: 'rate_limited' });
    }
  });

  it('slows an account guessed at through both instances, and lets its owner in after the wait', async () => {
    const password = 'the right password';
    await a.services.people.createUser(
      { email: 'guessed@example.com', name: 'Guessed', role: 'agent', password },
      null,
    );
    for (let i = 1; i <= 3; i += 1) {
      await expect(
        (i % 2 === 0 ? a : b).services.people.login(
          'guessed@example.com',
          'a wrong guess',
          `198.51.100.${i}`,
        ),
      ).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    for (const instance of [a, b]) {
      await expect(
        instance.services.people.login('guessed@example.com', password, '198.51.100.99'),
      ).rejects.toMatchObject({ code: 'rate_limited', details: { retryAfter: 1 } });
    }
    later = 1_000;
    const session = await b.services.people.login('guessed@example.com', password, '198.51.100.99');
    expect(session.user.email).toBe('guessed@example.com');
  });
});
