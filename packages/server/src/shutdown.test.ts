import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { startCalmdesk } from './server.js';
import { createTestDatabase, shouldRunPostgres } from './storage/test-stores.test-helper.js';

// Issue 13, item 10: SIGTERM on PostgreSQL while requests were in flight logged "driver has
// already been destroyed": the database closed while handlers still used it. close() (what
// SIGTERM calls) lets every handler finish first, then closes the store.

const runPostgres = await shouldRunPostgres();

describe.runIf(runPostgres)('shutting down with requests in flight (PostgreSQL)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  afterAll(async () => {
    await db?.drop();
  });

  it('answers the requests it took, then closes the database, logging no error', async () => {
    db = await createTestDatabase();
    const errors: string[] = [];
    const log = { info: () => undefined, error: (line: string) => void errors.push(line) };
    const config = loadConfig({}, { databaseUrl: db.url, port: 0, logLevel: 'silent' });
    const server = await startCalmdesk(config, { log, clock: false });
    const agent = await server.services.people.createUser(
      { email: 'agent@example.com', name: 'Agent', role: 'agent', password: 'correct horse 1' },
      null,
    );
    const { token } = await server.services.people.createApiToken(agent, 'shutdown');
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const batch = (n: number) =>
      JSON.stringify({
        messages: Array.from({ length: 50 }, (_, i) => ({
          externalId: `m-${n}-${i}`,
          contact: { externalId: `c-${i % 5}` },
          conversation: { externalId: `v-${i % 5}`, channel: 'chat' },
          text: `Message ${i}: where is my refund?! Third time I ask.`,
        })),
      });
    // Some clients give up as the server stops (a load balancer's timeout, a closed tab): their
    // connections end while their handlers still run.
    const giveUp = new AbortController();
    const requests = Array.from({ length: 30 }, (_, n) =>
      (n % 3 === 0
        ? fetch(`${server.url}/api/v1/conversations?sort=urgency`, { headers })
        : fetch(`${server.url}/api/v1/messages/batch`, {
            method: 'POST',
            headers,
            body: batch(n),
            ...(n % 2 === 0 ? { signal: giveUp.signal } : {}),
          })
      ).then(
        async (res) => ({ status: res.status, text: await res.text() }),
        (error: unknown) => ({ status: 0, text: String(error) }),
      ),
    );
    await new Promise((r) => setTimeout(r, 400)); // the requests are being handled
    const closed = server.close();
    giveUp.abort();
    await closed;
    const answers = await Promise.all(requests);
    expect(errors).toEqual([]);
    // Every request taken was answered in full; any not yet taken found the door closed.
    for (const answer of answers) {
      if (answer.status === 0) continue;
      expect([200, 201], answer.text).toContain(answer.status);
    }
    expect(answers.filter((a) => a.status !== 0).length).toBeGreaterThan(0);
  });
});
