import type { ConversationRow, EscalationRow, FollowUpRow } from '../storage/store.js';

/**
 * Text as Slack shows it, not as markup: `&`, `<` and `>` escaped as Slack asks, so a customer
 * named `<!channel>` or `<https://evil.example|Verify your account>` cannot notify everyone or
 * plant a link. Every string from outside (customers, agents, analysis quoting them) goes
 * through it; only Calmdesk's own markup stays bare.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Bodies for a Slack-compatible incoming webhook: `text` for any receiver (and for
 * notifications), `blocks` for Slack's layout, and `calmdesk` with the ids a program needs.
 */
function body(text: string, details: Record<string, unknown>) {
  return {
    text,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    calmdesk: details,
  };
}

export const slackMessage = {
  escalation(e: EscalationRow, customer: string | null, c: ConversationRow) {
    return body(
      `:rotating_light: *Escalation* for ${escapeSlack(customer ?? 'a customer')} (${escapeSlack(c.channel)}, temperature ${c.temperature}): ${escapeSlack(e.reason)}\n>${escapeSlack(e.summary)}`,
      { type: 'escalation.created', escalationId: e.id, conversationId: e.conversationId },
    );
  },
  followUp(f: FollowUpRow, customer: string | null, owner: string | null) {
    const what =
      f.status === 'missed' ? ':x: *Promise missed*' : ':alarm_clock: *Promise coming due*';
    return body(
      `${what} (due ${f.dueAt}) to ${escapeSlack(customer ?? 'a customer')}${owner === null ? '' : `, made by ${escapeSlack(owner)}`}: “${escapeSlack(f.text)}”`,
      {
        type: `follow_up.${f.status}`,
        followUpId: f.id,
        conversationId: f.conversationId,
        dueAt: f.dueAt,
      },
    );
  },
};
