import { createServer, type Server } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  launchBrowser,
  SCREENSHOTS,
  startDemoServer,
  type DemoServer,
} from '../e2e/harness.test-helper.js';

// Issue 14: Calmdesk as a Chatwoot Dashboard App. A page on another 127.0.0.1 origin plays
// Chatwoot: it frames /chatwoot-app and posts the appContext as Chatwoot's dashboard does
// (a JSON string, to the frame, when asked with 'chatwoot-dashboard-app:fetch-info'). A third
// origin, framed beside it, posts a context too, and must be ignored.

const hasBrowser = browserAvailable();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const ACCOUNT = 7;
const CONVERSATION = 314;

/** What Calmdesk posted to Chatwoot's API: the path and the JSON body. */
const chatwootPosts: { path: string; body: Record<string, unknown> }[] = [];

/** Serves one HTML page on 127.0.0.1, and answers Chatwoot's create-message API as Chatwoot does. */
async function serveOn(html: (path: string) => string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.startsWith('/api/v1/accounts/') === true) {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as Record<string, unknown>;
        chatwootPosts.push({ path: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ...body, id: 70_000 + chatwootPosts.length }));
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html(req.url ?? '/'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The appContext Chatwoot's dashboard sends for a conversation of an account. */
function appContext(accountId: number, conversationId: number): string {
  return JSON.stringify({
    event: 'appContext',
    data: {
      conversation: {
        id: conversationId,
        account_id: accountId,
        status: 'open',
        meta: { sender: { id: 501, name: 'Robin Vale' } },
      },
      contact: { id: 501, name: 'Robin Vale', email: 'robin@customer.test' },
      currentAgent: { id: 2, name: 'Alex', email: 'alex@demo.calmdesk.test' },
    },
  });
}

describe.runIf(hasBrowser)('Calmdesk inside Chatwoot, in a browser', () => {
  let chatwoot: { server: Server; url: string };
  let stranger: { server: Server; url: string };
  let calmdesk: DemoServer;
  let browser: Browser;
  let cookie = '';
  let csrf = '';

  /** Calls Calmdesk's API as the demo agent. */
  async function call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${calmdesk.url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  beforeAll(async () => {
    // The pages need each other's addresses: Calmdesk's frame in Chatwoot's page, and Chatwoot's
    // origin in Calmdesk's settings, so the servers start first and the pages are built late.
    chatwoot = await serveOn(
      () => `<!doctype html><title>Chatwoot</title>
<iframe id="calmdesk" src="${calmdesk.url}/chatwoot-app" style="width:900px;height:1400px"></iframe>
<iframe id="stranger" src="${stranger.url}/"></iframe>
<script>
  // Like Chatwoot's Frame.vue, but only answering once the test says so.
  window.answering = false;
  window.sendContext = () => {
    window.answering = true;
    document.getElementById('calmdesk').contentWindow.postMessage(${JSON.stringify(appContext(ACCOUNT, CONVERSATION))}, '*');
  };
  window.addEventListener('message', (e) => {
    if (e.data === 'chatwoot-dashboard-app:fetch-info' && window.answering) window.sendContext();
  });
</script>`,
    );
    // Another site framed in the same Chatwoot page, posting a well-formed context to its sibling.
    // At /frame it tries to frame the page itself.
    stranger = await serveOn((path) =>
      path === '/frame'
        ? `<!doctype html><title>Stranger</title><iframe id="calmdesk" src="${calmdesk.url}/chatwoot-app"></iframe>`
        : `<!doctype html><title>Stranger</title>
<script>
  setInterval(() => parent.frames[0].postMessage(${JSON.stringify(appContext(ACCOUNT, CONVERSATION))}, '*'), 100);
</script>`,
    );
    process.env.CALMDESK_CHATWOOT_URL = chatwoot.url;
    process.env.CALMDESK_CHATWOOT_API_TOKEN = 'chatwoot-test-token';
    try {
      calmdesk = await startDemoServer();
    } finally {
      delete process.env.CALMDESK_CHATWOOT_URL;
      delete process.env.CALMDESK_CHATWOOT_API_TOKEN;
    }
    browser = await launchBrowser();

    const login = await fetch(`${calmdesk.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(calmdesk.people.agent),
    });
    expect(login.status).toBe(200);
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    // The customer's message reaches Calmdesk the way Chatwoot's webhook brings it.
    const stored = await call('POST', '/api/v1/webhooks/chatwoot', {
      event: 'message_created',
      id: 90001,
      content:
        'I have now written FOUR times about the broken kettle and nobody has answered me!!! If I do not hear back today I am disputing the charge with my bank.',
      created_at: new Date().toISOString(),
      message_type: 'incoming',
      private: false,
      account: { id: ACCOUNT, name: 'Test shop' },
      sender: { id: 501, name: 'Robin Vale', email: 'robin@customer.test' },
      conversation: {
        id: CONVERSATION,
        channel: 'Channel::WebWidget',
        meta: { sender: { id: 501, name: 'Robin Vale', email: 'robin@customer.test' } },
      },
    });
    expect(stored.status, JSON.stringify(stored.json)).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await calmdesk?.stop();
    chatwoot?.server.close();
    stranger?.server.close();
  }, 60_000);

  it('shows the temperature and next action of the open conversation, ignores a stranger, and sends a coached reply', async () => {
    const context = await browser.newContext({ viewport: { width: 1000, height: 1500 } });
    const page = await context.newPage();
    await page.goto(`${chatwoot.url}/`);
    const frame = page.frameLocator('#calmdesk');

    // Inside the frame, sign-in works without a third-party cookie.
    await frame.getByLabel('Email').fill(calmdesk.people.agent.email);
    await frame.getByLabel('Password').fill(calmdesk.people.agent.password);
    await frame.getByRole('button', { name: 'Sign in' }).click();

    // The stranger keeps posting a valid context from its own origin: it is never taken.
    const waiting = frame.getByText('Waiting for Chatwoot to say which conversation is open');
    await waiting.waitFor();
    await page.waitForTimeout(1500);
    expect(await waiting.isVisible()).toBe(true);
    expect(await frame.getByText('Temperature').count()).toBe(0);

    // Chatwoot itself answers: the conversation shows.
    await page.evaluate(() => (window as unknown as { sendContext: () => void }).sendContext());
    await frame.getByRole('heading', { name: 'Robin Vale' }).waitFor();
    const temperature = frame.locator('.temp-number').first();
    expect(Number(await temperature.textContent())).toBeGreaterThan(0);
    const nextAction = frame.getByRole('region', { name: 'Next best action' });
    expect((await nextAction.textContent())?.length).toBeGreaterThan(20);
    expect(await frame.getByRole('region', { name: 'Playbook' }).textContent()).toMatch(
      /of \d+ steps done/,
    );
    expect(await frame.getByRole('region', { name: 'Signs of upset' }).textContent()).toMatch(
      /FOUR|!!!|disput/i,
    );

    // The coached editor reads the draft as it is typed.
    const reply = frame.getByLabel('Reply', { exact: true });
    await reply.fill("Unfortunately that's our policy, you'll have to wait.");
    const coach = frame.getByRole('region', { name: 'Coach' });
    await coach.getByRole('listitem').filter({ hasText: "that's our policy" }).first().waitFor();

    const text = `I'm sorry nobody answered you about the kettle, Robin. I will arrange a replacement myself and write back to you within the hour (${Date.now()}).`;
    await reply.fill(text);
    await frame.getByRole('button', { name: 'Send reply' }).click();
    await frame.getByText('Reply sent.').waitFor();
    // Calmdesk delivers it to Chatwoot (this page's stand-in answers its API), and the tab says so.
    await frame.getByText('Delivered to Chatwoot').waitFor({ timeout: 20_000 });
    expect(chatwootPosts).toContainEqual(
      expect.objectContaining({
        path: `/api/v1/accounts/${ACCOUNT}/conversations/${CONVERSATION}/messages`,
        body: expect.objectContaining({ content: text, private: false }),
      }),
    );

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.locator('#calmdesk').screenshot({ path: join(SCREENSHOTS, 'chatwoot-app.png') });

    // The reply is Calmdesk's: in the conversation, as an outgoing message.
    const found = await call('GET', `/api/v1/conversations/chatwoot/${ACCOUNT}/${CONVERSATION}`);
    expect(found.status).toBe(200);
    const messages = found.json.messages as { direction: string; text: string }[];
    expect(messages).toContainEqual(expect.objectContaining({ direction: 'outgoing', text }));

    // The agent opens another conversation in Chatwoot: the tab follows, and nothing of Robin's
    // stays on screen to be answered by mistake.
    await page.evaluate(
      (data) =>
        (document.getElementById('calmdesk') as HTMLIFrameElement).contentWindow!.postMessage(
          data,
          '*',
        ),
      appContext(ACCOUNT, CONVERSATION + 1),
    );
    await frame.getByRole('heading', { name: /has not received this conversation/ }).waitFor();
    expect(await frame.getByRole('heading', { name: 'Robin Vale' }).count()).toBe(0);
    expect(await frame.getByRole('button', { name: 'Send reply' }).count()).toBe(0);
    await context.close();
  }, 90_000);

  it('has no serious or critical accessibility violations (axe-core, WCAG 2.1 AA)', async () => {
    // Injecting axe needs an inline script, which the page's own policy rightly forbids.
    const context = await browser.newContext({
      viewport: { width: 420, height: 900 },
      bypassCSP: true,
    });
    const page = await context.newPage();
    await page.goto(`${chatwoot.url}/`);
    const frame = page.frameLocator('#calmdesk');
    await frame.getByLabel('Email').fill(calmdesk.people.agent.email);
    await frame.getByLabel('Password').fill(calmdesk.people.agent.password);
    await frame.getByRole('button', { name: 'Sign in' }).click();
    await frame.getByText('Waiting for Chatwoot').waitFor();
    await page.evaluate(() => (window as unknown as { sendContext: () => void }).sendContext());
    await frame.getByRole('region', { name: 'Playbook' }).waitFor();
    const inner = page.frames().find((f) => f.url().includes('/chatwoot-app'));
    expect(inner).toBeDefined();
    await inner!.addScriptTag({ content: AXE });
    const checked = await inner!.evaluate(async () => {
      type Found = { id: string; impact: string | null; nodes: { target: string[] }[] };
      const axe = (
        window as unknown as {
          axe: { run: (o: unknown) => Promise<{ violations: Found[]; passes: unknown[] }> };
        }
      ).axe;
      const result = await axe.run({
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
      });
      return {
        passes: result.passes.length,
        serious: result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      };
    });
    // axe read the page (rules passed), and found nothing serious.
    expect(checked.passes).toBeGreaterThan(5);
    expect(checked.serious).toEqual([]);
    await context.close();
  }, 60_000);

  it('cannot be framed by any other site', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const refused = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await page.goto(`${stranger.url}/frame`);
    expect((await refused).text()).toContain(chatwoot.url);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame?.url()).not.toContain('/chatwoot-app');
    await context.close();
  }, 60_000);

  it('says so, with the set-up steps, when Calmdesk has not received the conversation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${chatwoot.url}/`);
    const frame = page.frameLocator('#calmdesk');
    await frame.getByLabel('Email').fill(calmdesk.people.agent.email);
    await frame.getByLabel('Password').fill(calmdesk.people.agent.password);
    await frame.getByRole('button', { name: 'Sign in' }).click();
    await frame.getByText('Waiting for Chatwoot').waitFor();
    // A conversation no webhook brought.
    await page.evaluate(
      (data) =>
        (document.getElementById('calmdesk') as HTMLIFrameElement).contentWindow!.postMessage(
          data,
          '*',
        ),
      appContext(ACCOUNT, CONVERSATION + 1000),
    );
    await frame.getByRole('heading', { name: /has not received this conversation/ }).waitFor();
    expect(await frame.locator('.cw-steps').textContent()).toContain('/api/v1/webhooks/chatwoot');

    // Signing out ends the session: the tab asks to sign in again, even after a reload.
    await frame.getByRole('button', { name: 'Sign out of Calmdesk' }).click();
    await frame.getByLabel('Password').waitFor();
    await page.reload();
    await page.frameLocator('#calmdesk').getByLabel('Password').waitFor();
    await context.close();
  }, 60_000);
});
