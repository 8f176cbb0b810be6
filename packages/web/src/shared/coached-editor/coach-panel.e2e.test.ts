import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, signInAs, useDemoBrowser } from '../../e2e/harness.test-helper.js';

/*
 * The coach panel listens (issues 18 and 12): a reply that leaves the customer's question open
 * is told so, with their question quoted and marked, and what the draft does well is said too.
 */

const hasBrowser = browserAvailable();

/** The demo conversation whose customer asked, last, where their order is. */
async function lateOrder(page: Page, url: string): Promise<string> {
  const r = await page.request.get(`${url}/api/v1/conversations?limit=100`);
  expect(r.status()).toBe(200);
  const { conversations } = (await r.json()) as {
    conversations: { id: string; subject: string | null }[];
  };
  const found = conversations.find((c) => /88213/.test(c.subject ?? ''));
  if (found === undefined) throw new Error('the demo has no late-order conversation');
  return found.id;
}

describe.runIf(hasBrowser)('the coach panel in a browser', () => {
  const env = useDemoBrowser();

  it('quotes the question a draft leaves open, and says what the draft does well', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, env.server.url, env.server.people.agent);
    await page.goto(`${env.server.url}/#/conversations/${await lateOrder(page, env.server.url)}`);

    const reply = page.getByLabel('Reply', { exact: true });
    const coach = page.getByRole('region', { name: 'Coach' });

    // Polite, and answers nothing: the coach names it and marks the customer's question.
    await reply.fill(
      'Thank you for getting in touch with us today. We always love hearing from customers.',
    );
    const unanswered = coach
      .getByRole('listitem')
      .filter({ hasText: 'Leaves their question unanswered' });
    await unanswered.waitFor();
    const question = unanswered.locator('mark.customer-words');
    expect(await question.textContent()).toMatch(/where is my order/i);
    expect(await unanswered.textContent()).toMatch(/Their question/);
    // It is about the reply as a whole: no single words of it are quoted as the problem.
    expect(await unanswered.locator('.finding-text').textContent()).toBe('the reply as a whole');

    // An apology and an answer: the question is no longer open, and the panel says what was done well.
    await reply.fill(
      "I'm so sorry your order 88213 is late. I've checked with the courier: your order is at the local depot and will be delivered tomorrow by 1pm.",
    );
    const apology = coach.getByRole('listitem').filter({ hasText: 'A sincere apology' });
    await expect.poll(() => apology.textContent()).toMatch(/done well/);
    expect(await apology.textContent()).toMatch(/I'm so sorry/);
    await expect.poll(() => coach.getByText('Leaves their question unanswered').count()).toBe(0);
    await context.close();
  });
});
