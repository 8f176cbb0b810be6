import { describe, expect, it } from 'vitest';
import { browserAvailable, signInAs, useDemoBrowser } from '../e2e/harness.test-helper.js';

const hasBrowser = browserAvailable();

/*
 * The files a customer's email carried, on the conversation page in a real browser (issue 14).
 * The demo has no mailbox, so the page's own read of a demo conversation is given attachments on
 * its way in, as the API sends them for an emailed message; one name is HTML, and must stay text.
 */
describe.runIf(hasBrowser)('email attachments on the conversation page', () => {
  const env = useDemoBrowser();

  it('lists each file under its message with size and type, names as text', async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signInAs(page, env.server.url, env.server.people.agent);
    const listed = await page.request.get(`${env.server.url}/api/v1/conversations?limit=1`);
    const { conversations } = (await listed.json()) as { conversations: { id: string }[] };
    const id = conversations[0]?.id;
    if (id === undefined) throw new Error('the demo has no conversations');

    const hostile = '<img src=x onerror="document.title=`pwned`">.png';
    const files = [
      { filename: 'invoice.pdf', contentType: 'application/pdf', size: 120 * 1024 },
      { filename: hostile, contentType: 'image/png', size: 900 },
    ];
    await page.route(`**/api/v1/conversations/${id}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { messages: Record<string, unknown>[] };
      const first = body.messages.findIndex((m) => m.direction === 'incoming');
      body.messages[first] = { ...body.messages[first], attachments: files };
      await route.fulfill({ response, json: body });
    });
    await page.goto(`${env.server.url}/#/conversations/${id}`);

    const line = page.locator('.msg-attachments');
    await line.waitFor({ timeout: 15_000 });
    expect(await line.count()).toBe(1);
    const text = await line.textContent();
    expect(text).toContain('Attachments:');
    expect(text).toContain('invoice.pdf (120 KB, application/pdf)');
    expect(text).toContain(`${hostile} (900 bytes, image/png)`);
    expect(await line.locator('img').count()).toBe(0);
    expect(await page.title()).not.toBe('pwned');
    // It sits with the customer's message it came with.
    expect(await page.locator('.msg-customer .msg-attachments').count()).toBe(1);
    await context.close();
  }, 90_000);
});
