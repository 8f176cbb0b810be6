import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createCalmdesk, type Calmdesk } from '../server.js';
import { createTestDatabase, shouldRunPostgres } from '../storage/test-stores.test-helper.js';

/*
 * Failed sign-ins are counted in memory by each instance; an admin clearing a person's on one
 * instance clears them on every instance sharing the PostgreSQL database.
 */

const runPostgres = await shouldRunPostgres();
const silent = { info: () => undefined, error: () => undefined };

describe.runIf(runPostgres)('sign-in limits on two instances', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: Calmdesk;
  let b: Calmdesk;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({}, { databaseUrl: db.url, logLevel: 'silent', loginAttempts: 3 });
    // A clock that stands still: the wait never runs out by itself during the test.
    const now = () => new Date('2026-11-27T10:00:00Z');
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
    // Instance b counted nothing itself; its clearing reaches a through the database.
    expect(await b.services.people.clearSignInFailures(owner.id, admin)).toEqual({
      cleared: false,
    });
    const deadline = Date.now() + 3_000;
    for (;;) {
      try {
        const session = await a.services.people.login('owner@example.com', password, '10.0.0.50');
        expect(session.user.id).toBe(owner.id);
        break;
      } catch (error) {
        expect(error).toMatchObject({ code: 'rate_limited' });
        if (Date.now() > deadline) throw new Error('the clearing never reached instance a');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });
});
