import { describe, it } from 'vitest';
import { browserAvailable, signInAs, useDemoBrowser } from '../e2e/harness.test-helper.js';

// A mail server Calmdesk cannot reach (nothing listens on port 9 here) must be visible to the
// agent, not only in GET /api/health: customers' mail waits meanwhile. The server started below
// reads this setting from the environment, like any deployment.
process.env.CALMDESK_IMAP_URL = 'imap://support%40calmdesk.test:secret-password@127.0.0.1:9';

describe.runIf(browserAvailable())('a channel that cannot reach its server', () => {
  const env = useDemoBrowser();

  it('shows a banner with the reason on every page, never the password', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    try {
      await signInAs(page, env.server.url, env.server.people.agent);
      const banner = page.getByText(/^Email: new mail is not being read/);
      await banner.waitFor({ timeout: 20_000 });
      const text = (await banner.textContent()) ?? '';
      if (!/127\.0\.0\.1:9 refused the connection/.test(text)) throw new Error(text);
      if (text.includes('secret-password')) throw new Error('the password is shown');
      await page.getByRole('link', { name: 'My follow-ups' }).click();
      await page.getByText(/^Email: new mail is not being read/).waitFor({ timeout: 5_000 });
    } finally {
      await context.close();
    }
  }, 60_000);
});
