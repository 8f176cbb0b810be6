import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  SCREENSHOTS,
  signInAs,
  useDemoBrowser,
} from '../e2e/harness.test-helper.js';

const hasBrowser = browserAvailable();

/** The hottest conversation, as the API orders them, read with the page's own session. */
async function hottestConversation(page: Page, url: string): Promise<string> {
  const r = await page.request.get(`${url}/api/v1/conversations?sort=temperature&limit=1`);
  expect(r.status()).toBe(200);
  const { conversations } = (await r.json()) as { conversations: { id: string }[] };
  const id = conversations[0]?.id;
  if (id === undefined) throw new Error('the demo has no conversations');
  return id;
}

describe.runIf(hasBrowser)('the conversation page in a browser', () => {
  const env = useDemoBrowser();

  it('marks the signs of upset, coaches the draft, puts promises on the clock and escalates', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, env.server.url, env.server.people.agent);
    const id = await hottestConversation(page, env.server.url);
    await page.goto(`${env.server.url}/#/conversations/${id}`);

    // Signs of upset are marked where they occur, each with what it is.
    const sign = page.locator('mark.sign').first();
    await sign.waitFor();
    expect(await sign.getAttribute('tabindex')).toBe('0');
    expect((await sign.getAttribute('data-tip'))?.length).toBeGreaterThan(5);
    expect(await sign.locator('.visually-hidden').textContent()).toContain('sign of upset');

    // The coach reads the draft as it is typed, in the env.browser.
    const reply = page.getByLabel('Reply', { exact: true });
    await reply.fill("I understand. Unfortunately that's our policy, so I CAN'T change it!!!");
    const coach = page.getByRole('region', { name: 'Coach' });
    const flagged = coach.getByRole('listitem').filter({ hasText: "that's our policy" });
    await flagged.waitFor();
    expect(await coach.textContent()).toMatch(/Score \d+ of 100/);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.evaluate(() => {
      const compose = document.getElementById('compose-heading');
      if (compose) window.scrollTo(0, compose.getBoundingClientRect().top + window.scrollY - 260);
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'conversation.png') });
    await page.setViewportSize({ width: 390, height: 844 });
    await reply.scrollIntoViewIfNeeded();
    await page.evaluate(() => {
      const box = document.getElementById('reply-draft');
      if (box) window.scrollTo(0, box.getBoundingClientRect().top + window.scrollY - 60);
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'conversation-phone.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    // One click applies the rewrite: the phrase is gone from the draft.
    await flagged.getByRole('button', { name: 'Apply rewrite' }).click();
    await expect.poll(() => reply.inputValue()).not.toContain("that's our policy");
    expect(await reply.inputValue()).toContain('I understand.');

    // A draft that shouts back asks for a second look before it goes.
    await page.getByRole('button', { name: 'Send reply' }).click();
    const secondLook = page.getByRole('group', { name: 'Take a second look before sending' });
    await secondLook.waitFor();
    await secondLook.getByRole('button', { name: 'Edit the draft' }).click();

    // Sent: the message shows, its promise is on the clock with a due time, the draft clears.
    const text = "I'm so sorry for the trouble. I'll call you back within the hour.";
    await reply.fill(text);
    await page.getByRole('button', { name: 'Send reply' }).click();
    const followUps = page.getByRole('region', { name: 'Follow-ups' });
    await expect
      .poll(() => followUps.textContent(), { timeout: 10_000 })
      .toMatch(/call you back within the hour[\s\S]*Due .*\(in \d+ (min|h)\)[\s\S]*pending/);
    await expect.poll(() => reply.inputValue()).toBe('');
    await page.locator('.msg-agent').filter({ hasText: text }).waitFor();

    // Escalate with the hand-off summary written for the agent.
    await page.getByRole('button', { name: 'Escalate' }).click();
    const summary = page.getByLabel('Hand-off summary');
    const prefilled = await summary.inputValue();
    expect(prefilled.length).toBeGreaterThan(40);
    await page.getByRole('button', { name: 'Send to supervisor' }).click();
    const escalation = page.getByRole('region', { name: 'Escalation' });
    await expect
      .poll(() => escalation.textContent(), { timeout: 10_000 })
      .toMatch(/Escalated[\s\S]*open: waiting for a supervisor/);
    const after = await page.request.get(`${env.server.url}/api/v1/conversations/${id}`);
    const detail = (await after.json()) as { escalations: { summary: string; status: string }[] };
    expect(detail.escalations[0]?.summary).toBe(prefilled.trim());
    await context.close();
  }, 60_000);

  it("shows a customer's HTML as text and never runs it", async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, env.server.url, env.server.people.agent);
    const me = await page.request.get(`${env.server.url}/api/v1/me`);
    const { csrfToken } = (await me.json()) as { csrfToken: string };
    const texts = [
      'HELLO?? <script>window.__xss=1</script> is anyone there!!!',
      'Look: <img src=x onerror="window.__xss=1"> still broken',
      'This is <b>bold</b> and I am FURIOUS',
    ];
    const batch = await page.request.post(`${env.server.url}/api/v1/messages/batch`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        messages: texts.map((text, i) => ({
          externalId: `xss-${i}`,
          contact: { externalId: 'xss-contact', name: '<i>Mallory</i>' },
          conversation: {
            externalId: 'xss-conversation',
            channel: 'chat',
            subject: '<svg onload="window.__xss=1">',
          },
          text,
          sentAt: new Date(Date.now() - (3 - i) * 60_000).toISOString(),
        })),
      },
    });
    expect(batch.status()).toBe(201);
    const { results } = (await batch.json()) as { results: { conversationId: string }[] };
    const id = results[0]?.conversationId;
    expect(id).toBeDefined();

    await page.goto(`${env.server.url}/#/conversations/${id}`);
    await page.getByText('<b>bold</b>', { exact: false }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBe(
      undefined,
    );
    expect(await page.getByText('<b>bold</b>', { exact: false }).isVisible()).toBe(true);
    expect(await page.locator('b', { hasText: 'bold' }).count()).toBe(0);
    expect(await page.locator('.msgs script, .msgs img, .msgs svg').count()).toBe(0);
    expect(await page.getByRole('heading', { name: '<i>Mallory</i>' }).count()).toBe(1);
    // The coach and the highlight layer show the draft as text too.
    await page.getByLabel('Reply', { exact: true }).fill('<img src=x onerror="window.__xss=2">');
    await page.getByRole('region', { name: 'Coach' }).getByText('Score').waitFor();
    expect(await page.locator('.draft-layer img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBe(
      undefined,
    );
    await context.close();
  }, 60_000);
});

if (!hasBrowser)
  describe('the conversation page in a browser', () => {
    it.skip('skipped: no Chromium (see the warning above)', () => undefined);
  });
