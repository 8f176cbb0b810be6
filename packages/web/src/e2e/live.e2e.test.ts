import { describe, expect, it } from 'vitest';
import { browserAvailable, signInAs, useDemoBrowser } from './harness.test-helper.js';

const hasBrowser = browserAvailable();

describe.runIf(hasBrowser)('live updates in the browser', () => {
  const env = useDemoBrowser();

  it('reconnects by itself after the server restarts, and hears what happens next', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, env.server.url, env.server.people.agent);
    const status = page.getByRole('status').filter({ hasText: /Live|Reconnecting/ });
    await expect.poll(() => status.textContent(), { timeout: 10_000 }).toBe('Live');

    await env.server.restart();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toBe('Live');

    // An event raised after the restart reaches the page: the app counts what it hears.
    const before = await page.evaluate(() => document.body.dataset.liveEvents ?? '0');
    const me = await page.request.get(`${env.server.url}/api/v1/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const ingest = await page.request.post(`${env.server.url}/api/v1/messages`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        externalId: 'after-restart-1',
        contact: { externalId: 'restart-contact', name: 'Riley Restart' },
        conversation: {
          externalId: 'restart-conversation',
          channel: 'chat',
          subject: 'After restart',
        },
        text: 'Is anyone there? I have been waiting for an hour!',
      },
    });
    expect(ingest.status()).toBe(201);
    await expect
      .poll(() => page.evaluate(() => Number(document.body.dataset.liveEvents ?? '0')), {
        timeout: 10_000,
      })
      .toBeGreaterThan(Number(before));
    await context.close();
  }, 90_000);

  it('puts a promise coming due in front of its agent, wherever they are in the app', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, env.server.url, env.server.people.agent);
    await page.goto(`${env.server.url}/#/follow-ups`);
    await page.getByRole('heading', { name: 'My follow-ups' }).waitFor();
    const me = await page.request.get(`${env.server.url}/api/v1/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const list = await page.request.get(
      `${env.server.url}/api/v1/conversations?assignee=me&limit=1`,
    );
    const { conversations } = (await list.json()) as { conversations: { id: string }[] };
    const id = conversations[0]!.id;
    // Due in 10 minutes: inside the 15-minute window, so the clock marks it due at its next turn.
    const sent = await page.request.post(`${env.server.url}/api/v1/conversations/${id}/replies`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { text: "I'll call you back in 10 minutes with the answer." },
    });
    expect(sent.status()).toBe(201);
    const banner = page.getByRole('alert').filter({ hasText: 'Promise due at' });
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toContain("I'll call you back in 10 minutes");
    await banner.getByRole('button', { name: /Dismiss/ }).click();
    await expect.poll(() => banner.count()).toBe(0);
    await context.close();
  }, 60_000);
});

if (!hasBrowser)
  describe('live updates in the browser', () => {
    it.skip('skipped: no Chromium (see the warning above)', () => undefined);
  });
