import { describe, expect, it } from 'vitest';
import { browserAvailable, signInAs, useDemoBrowser } from '../e2e/harness.test-helper.js';

const hasBrowser = browserAvailable();

describe.runIf(hasBrowser)('downloading lists in a real browser', () => {
  const env = useDemoBrowser();

  it('a supervisor downloads every conversation as CSV from the inbox; an agent sees no link', async () => {
    const supervisor = await env.browser.newContext();
    const page = await supervisor.newPage();
    await signInAs(page, env.server.url, env.server.people.supervisor);
    const csv = page.getByRole('link', { name: 'CSV' });
    await csv.waitFor();
    const href = await csv.getAttribute('href');
    const res = await page.request.get(new URL(href!, env.server.url).toString());
    expect(res.status()).toBe(200);
    const lines = (await res.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^id,externalId,contact,/);
    // The demo's conversations, one row each (a text may hold a quoted line break: at least).
    const api = await page.request.get(`${env.server.url}/api/v1/conversations?limit=200`);
    const listed = ((await api.json()) as { conversations: unknown[] }).conversations.length;
    expect(lines.length - 1).toBeGreaterThanOrEqual(listed);
    await supervisor.close();

    const agent = await env.browser.newContext();
    const agentPage = await agent.newPage();
    await signInAs(agentPage, env.server.url, env.server.people.agent);
    await agentPage.locator('.inbox-table').waitFor();
    expect(await agentPage.getByRole('link', { name: 'CSV' }).count()).toBe(0);
    await agent.close();
  }, 120_000);
});

if (!hasBrowser)
  describe('downloading lists in a real browser', () => {
    it.skip('skipped: no Chromium (see the warning above)', () => undefined);
  });
