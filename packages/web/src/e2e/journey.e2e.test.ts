import { describe, expect, it } from 'vitest';
import { browserAvailable, signInAs, useDemoBrowser } from './harness.test-helper.js';

const hasBrowser = browserAvailable();

/**
 * The journey the issue names, through the screens only: an agent signs in, opens the hottest
 * conversation from the inbox, is coached away from "that's our policy", promises a call back and
 * sees it on the clock, escalates; a supervisor in a second browser sees the escalation arrive
 * live and approves an offer above the agent's limit.
 */
describe.runIf(hasBrowser)("an agent's and a supervisor's journey", () => {
  const env = useDemoBrowser();

  it('coaches, keeps the promise on the clock, escalates live and approves an offer', async () => {
    const agentContext = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const supervisorContext = await env.browser.newContext({
      viewport: { width: 1280, height: 800 },
    });
    const agent = await agentContext.newPage();
    const supervisor = await supervisorContext.newPage();

    // The supervisor watches the escalation queue.
    await signInAs(supervisor, env.server.url, env.server.people.supervisor);
    await supervisor.goto(`${env.server.url}/#/supervisor/escalations`);
    await supervisor.getByRole('heading', { name: 'Escalations', level: 1 }).waitFor();

    // The agent signs in and opens the hottest conversation from the inbox, sorted by temperature.
    await signInAs(agent, env.server.url, env.server.people.agent);
    await agent.getByRole('heading', { name: 'Inbox' }).waitFor();
    await agent.getByLabel('Sort by').selectOption({ label: 'Temperature' });
    const hottest = (await (
      await agent.request.get(
        `${env.server.url}/api/v1/conversations?sort=temperature&status=open,pending&limit=1`,
      )
    ).json()) as { conversations: { id: string; subject: string }[] };
    const target = hottest.conversations[0]!;
    const firstRow = agent.locator('a.row-link').first();
    await expect.poll(() => firstRow.textContent()).toContain(target.subject);
    await firstRow.click();
    await agent.waitForURL(`**/#/conversations/${target.id}`);

    // "That's our policy" is flagged as the agent types; one click applies the rewrite.
    const reply = agent.getByLabel('Reply', { exact: true });
    await reply.fill("I hear you. That's our policy for refunds.");
    const coach = agent.getByRole('region', { name: 'Coach' });
    const finding = coach.getByRole('listitem').filter({ hasText: /that's our policy/i });
    await finding.waitFor();
    await finding.getByRole('button', { name: 'Apply rewrite' }).click();
    await expect.poll(() => reply.inputValue()).not.toMatch(/that's our policy/i);

    // A reply promising a call back within the hour appears at once as a follow-up with its time.
    await reply.fill(
      "I'm so sorry about this, that is not good enough. I'll call you back within the hour.",
    );
    await agent.getByRole('button', { name: 'Send reply' }).click();
    const followUps = agent.getByRole('region', { name: 'Follow-ups' });
    await expect
      .poll(() => followUps.textContent(), { timeout: 10_000 })
      .toContain('call you back within the hour');
    expect(await followUps.textContent()).toMatch(/due/i);

    // Escalating with the hand-off prefilled puts it in the supervisor's queue, live.
    await agent.getByRole('button', { name: 'Escalate', exact: true }).click();
    const summaryText = await agent.getByLabel('Hand-off summary').inputValue();
    expect(summaryText.length).toBeGreaterThan(20);
    await agent.getByRole('button', { name: 'Send to supervisor' }).click();
    const queued = supervisor.getByRole('article', { name: target.subject });
    await queued.waitFor({ timeout: 10_000 });
    expect(await queued.textContent()).toContain(summaryText.slice(0, 40));

    // An offer above the agent's limit waits for the supervisor, who approves it live.
    const proposed = await agent.request.post(
      `${env.server.url}/api/v1/conversations/${target.id}/goodwill`,
      {
        headers: {
          'x-csrf-token': (
            (await (await agent.request.get(`${env.server.url}/api/v1/me`)).json()) as {
              csrfToken: string;
            }
          ).csrfToken,
        },
        data: {
          kind: 'credit',
          value: 50,
          reason: 'Charged twice and promised a call back that never came',
        },
      },
    );
    expect(proposed.status()).toBe(201);
    const { offer } = (await proposed.json()) as { offer: { id: string; status: string } };
    expect(offer.status).toBe('pending');
    await supervisor.getByRole('link', { name: /Approvals/ }).click();
    // The demo has an offer of its own waiting: approve the one for this conversation.
    const approve = supervisor
      .getByRole('article')
      .filter({ hasText: target.subject })
      .getByRole('button', { name: 'Approve' });
    await approve.waitFor({ timeout: 10_000 });
    await approve.click();
    await expect
      .poll(async () => {
        const r = await supervisor.request.get(`${env.server.url}/api/v1/goodwill?status=approved`);
        const { offers } = (await r.json()) as { offers: { id: string }[] };
        return offers.some((o) => o.id === offer.id);
      })
      .toBe(true);
    // The agent's page hears the decision too.
    await expect
      .poll(() => agent.getByRole('region', { name: /Goodwill/i }).textContent(), {
        timeout: 10_000,
      })
      .toMatch(/approved/i);

    await agentContext.close();
    await supervisorContext.close();
  }, 120_000);
});

if (!hasBrowser)
  describe("an agent's and a supervisor's journey", () => {
    it.skip('skipped: no Chromium (see the warning above)', () => undefined);
  });
