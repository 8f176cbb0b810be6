import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, message, type TestApp } from '../http/test-app.test-helper.js';
import { escapeSlack } from './slack-message.js';

// Issue 13, item 7: a customer's name (or anything else from outside) must reach Slack as text,
// never as Slack markup: `<!channel>` would notify a whole channel, `<url|label>` plant a link.

const NAME = '<!channel> <https://evil.example|Verify your account> & co';
const ESCAPED = '&lt;!channel&gt; &lt;https://evil.example|Verify your account&gt; &amp; co';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { webhookUrl: 'http://127.0.0.1:9/hooks/slack' } });
});
afterAll(() => t.close());

/** What the outgoing webhook will post, parsed: `text` and the mrkdwn of its block. */
async function posted(kind: string) {
  const item = (await t.calmdesk.store.listOutbox(100)).find((d) => d.kind === kind);
  expect(item, `no ${kind} queued`).toBeDefined();
  const body = JSON.parse(item!.body) as {
    text: string;
    blocks: { text: { type: string; text: string } }[];
  };
  return { text: body.text, mrkdwn: body.blocks[0]!.text.text };
}

describe('what Calmdesk posts to Slack', () => {
  it('escapes <, > and & in a customer name in the escalation text and mrkdwn', async () => {
    const stored = await t.call('POST', '/api/v1/messages', {
      as: 'token',
      body: message({
        contact: { externalId: 'evil-1', name: NAME },
        text: 'This is the THIRD time!!! <@U123> refund me or I go to my lawyer & the press.',
      }),
    });
    expect(stored.status, stored.text).toBe(201);
    const escalated = await t.call(
      'POST',
      `/api/v1/conversations/${stored.json.conversationId}/escalations`,
      { as: 'agent', body: { reason: 'Asked for <!here> & a manager', summary: '<b>loud</b>' } },
    );
    expect(escalated.status, escalated.text).toBe(201);
    const { text, mrkdwn } = await posted('escalation');
    for (const shown of [text, mrkdwn]) {
      expect(shown).toContain(ESCAPED);
      expect(shown).toContain('Asked for &lt;!here&gt; &amp; a manager');
      expect(shown).toContain('&lt;b&gt;loud&lt;/b&gt;');
      expect(shown).not.toMatch(/<!channel>|<!here>|<https:/);
    }
    // Calmdesk's own markup is kept: the bold label and the quote.
    expect(text).toMatch(/^:rotating_light: \*Escalation\* for /);
    expect(text).toContain('\n>');
  });

  it('escapes them in a promise coming due, its customer and the agent who made it', async () => {
    const stored = await t.call('POST', '/api/v1/messages', {
      as: 'token',
      body: message({ contact: { externalId: 'evil-2', name: NAME }, text: 'Where is it?' }),
    });
    const reply = await t.call(
      'POST',
      `/api/v1/conversations/${stored.json.conversationId}/replies`,
      { as: 'agent', body: { text: "I'll call you back within the hour <3 & sort it out." } },
    );
    expect(reply.status, reply.text).toBe(201);
    t.clock.advance(61 * 60_000);
    await t.calmdesk.services.followUps.runClock();
    const { text, mrkdwn } = await posted('follow_up.missed');
    for (const shown of [text, mrkdwn]) {
      expect(shown).toContain(ESCAPED);
      expect(shown).not.toContain('<!channel>');
      expect(shown).not.toMatch(/<3|& sort/);
    }
  });

  it('escapeSlack escapes exactly &, < and >, & first', () => {
    expect(escapeSlack('a & b < c > d &amp;')).toBe('a &amp; b &lt; c &gt; d &amp;amp;');
    expect(escapeSlack('*bold* _it_ :emoji:')).toBe('*bold* _it_ :emoji:');
  });
});
