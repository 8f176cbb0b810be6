import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  launchBrowser,
  signInAs,
  startDemoServer,
  type DemoServer,
} from '../e2e/harness.test-helper.js';

const hasBrowser = browserAvailable();

/*
 * A reply on a Chatwoot conversation, in a real browser (issue 14): the agent sees at once that
 * Chatwoot refused it, with the reason, and a Retry that sends it once Chatwoot takes it. The
 * Chatwoot here is a few lines of node:http that answer message posts with the status the test
 * sets.
 */
describe.runIf(hasBrowser)('delivery of a reply, in a browser', () => {
  let chatwoot: Server;
  let answer = 404;
  const posts: string[] = [];
  let calmdesk: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    chatwoot = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && req.url?.endsWith('/messages') === true) {
          posts.push(Buffer.concat(chunks).toString('utf8'));
          res.writeHead(answer, { 'content-type': 'application/json' });
          res.end(JSON.stringify(answer === 200 ? { id: 7001 } : { error: 'Resource not found' }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => chatwoot.listen(0, '127.0.0.1', resolve));
    process.env.CALMDESK_CHATWOOT_URL = `http://127.0.0.1:${(chatwoot.address() as AddressInfo).port}`;
    process.env.CALMDESK_CHATWOOT_API_TOKEN = 'chatwoot-e2e-token';
    try {
      calmdesk = await startDemoServer();
    } finally {
      delete process.env.CALMDESK_CHATWOOT_URL;
      delete process.env.CALMDESK_CHATWOOT_API_TOKEN;
    }
    browser = await launchBrowser();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await calmdesk?.stop();
    await new Promise<void>((resolve) => chatwoot.close(() => resolve()));
  }, 60_000);

  it('shows a refused reply with the reason, sends it on Retry, and names an assignment Chatwoot cannot take', async () => {
    const login = await fetch(`${calmdesk.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(calmdesk.people.agent),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const stored = await fetch(`${calmdesk.url}/api/v1/webhooks/chatwoot`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        event: 'message_created',
        id: 80001,
        content: 'My parcel is a week late. Where is it?',
        created_at: new Date().toISOString(),
        message_type: 'incoming',
        sender: { id: 601, name: 'Kim Ode', type: 'contact' },
        account: { id: 3 },
        conversation: { id: 77, channel: 'Channel::WebWidget', meta: { sender: { id: 601 } } },
      }),
    });
    expect(stored.status).toBe(201);
    const { conversationId } = (await stored.json()) as { conversationId: string };

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, calmdesk.url, calmdesk.people.agent);
    await page.goto(`${calmdesk.url}/#/conversations/${conversationId}`);
    const text = 'I am sorry it is late. I have checked and it ships this afternoon.';
    await page.getByLabel('Reply', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send reply' }).click();

    // Chatwoot refuses it: the agent sees so beside the reply, with Chatwoot's answer.
    const failed = page.locator('.delivery-failed');
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.textContent()).toContain('Not sent to Chatwoot.');
    expect(await failed.textContent()).toContain('HTTP 404');
    expect(posts).toHaveLength(1);

    // Chatwoot takes it now: Retry sends it, once.
    answer = 200;
    await failed.getByRole('button', { name: 'Retry' }).click();
    const sent = page.locator('.delivery-sent');
    await sent.waitFor({ timeout: 15_000 });
    expect(await sent.textContent()).toContain('Sent to Chatwoot');
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[1]!)).toMatchObject({ content: text, private: false });

    // An assignment to someone Chatwoot has no agent for stays in Calmdesk, and the page says so.
    const users = (await (
      await fetch(`${calmdesk.url}/api/v1/users`, { headers: { cookie } })
    ).json()) as { users: { id: string; name: string }[] };
    const sam = users.users.find((u) => u.name.startsWith('Sam'));
    expect(sam).toBeDefined();
    const assigned = await fetch(`${calmdesk.url}/api/v1/conversations/${conversationId}`, {
      method: 'PATCH',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ assigneeId: sam!.id }),
    });
    expect(assigned.status).toBe(200);
    const change = page
      .getByRole('list', { name: "Changes not yet in the customer's channel" })
      .getByRole('listitem');
    await change.locator('.delivery-failed').waitFor({ timeout: 15_000 });
    expect(await change.textContent()).toContain(`Assignment to ${sam!.name}`);
    expect(await change.textContent()).toContain('no Chatwoot agent');
    await context.close();
  }, 90_000);
});
