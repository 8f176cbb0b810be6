import type { ConversationRow, EscalationRow, FollowUpRow } from '../storage/store.js';

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
      `:rotating_light: *Escalation* for ${customer ?? 'a customer'} (${c.channel}, temperature ${c.temperature}): ${e.reason}\n>${e.summary}`,
      { type: 'escalation.created', escalationId: e.id, conversationId: e.conversationId },
    );
  },
  followUp(f: FollowUpRow, customer: string | null, owner: string | null) {
    const what =
      f.status === 'missed' ? ':x: *Promise missed*' : ':alarm_clock: *Promise coming due*';
    return body(
      `${what} (due ${f.dueAt}) to ${customer ?? 'a customer'}${owner === null ? '' : `, made by ${owner}`}: “${f.text}”`,
      {
        type: `follow_up.${f.status}`,
        followUpId: f.id,
        conversationId: f.conversationId,
        dueAt: f.dueAt,
      },
    );
  },
};
