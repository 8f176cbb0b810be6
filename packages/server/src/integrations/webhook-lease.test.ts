import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { startCalmdesk, type RunningCalmdesk } from '../server.js';
import { createTestDatabase, shouldRunPostgres } from '../storage/test-stores.test-helper.js';
import { deliverWebhooks } from './deliver-webhooks.js';

// Issue 13, item 9: two instances on one PostgreSQL delivering to a slow receiver. A turn used
// to lease its 20 deliveries at once, for twice the request timeout and 5 s; sent one after the
// other to a receiver slower than that in all, the last ones' lease ran out while they waited,
// and the other instance sent them again (90 events went out as 110 posts). Each delivery is
// leased just before it is sent now: every event is posted once.

const runPostgres = await shouldRunPostgres();
const silent = { info: () => undefined, error: () => undefined };
const EVENTS = 25;
/**
 * Each answer takes this long: 20 in a row (8 s) outlast the lease of 2 x 1 s + 5 s, so a turn
 * must hand its last deliveries back. The request timeout leaves 600 ms for a loaded machine: a
 * request that times out is rightly sent again (at least once), which this test would count as
 * a repeat.
 */
const RECEIVER_MS = 400;
const TIMEOUT_MS = 1_000;

describe.runIf(runPostgres)('two instances and a slow webhook receiver', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: RunningCalmdesk;
  let b: RunningCalmdesk;
  const posts: string[] = [];
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      posts.push(String(request.headers['x-calmdesk-delivery']));
      setTimeout(() => response.writeHead(200, { connection: 'close' }).end('ok'), RECEIVER_MS);
    });
  });
  let url = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({}, { databaseUrl: db.url, port: 0, logLevel: 'silent' });
    a = await startCalmdesk(config, { log: silent, clock: false });
    b = await startCalmdesk(config, { log: silent, clock: false });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });

  afterAll(async () => {
    receiver.closeAllConnections();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it('posts each event once while both instances deliver on the real clock', async () => {
    const now = new Date().toISOString();
    for (let n = 0; n < EVENTS; n += 1) {
      await a.store.enqueueOutbox('test.event', JSON.stringify({ n }), null, now);
    }
    const allDelivered = async () =>
      (await a.store.listOutbox(100)).every((d) => d.status === 'delivered');
    const deadline = Date.now() + 40_000;
    // Each instance's clock turn, as startClock runs it: deliver, and when there was nothing to
    // take, wait a little and look again (the other instance may still be sending).
    const run = async (instance: RunningCalmdesk) => {
      while (Date.now() < deadline && !(await allDelivered())) {
        const { delivered, failed } = await deliverWebhooks({
          store: instance.store,
          url,
          now: () => new Date(),
          timeoutMs: TIMEOUT_MS,
        });
        if (delivered + failed === 0) await new Promise((r) => setTimeout(r, 50));
      }
    };
    await Promise.all([run(a), run(b)]);
    expect(await allDelivered()).toBe(true);
    expect(new Set(posts).size).toBe(EVENTS);
    expect(posts).toHaveLength(EVENTS);
  }, 60_000);
});
