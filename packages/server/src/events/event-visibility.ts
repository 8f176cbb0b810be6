import { LIVE_EVENT_TYPES } from '../contract/event-types.js';
import type { LiveEvent } from '../contract/index.js';
import { hasRole } from '../people/roles.js';
import type { UserRow } from '../storage/store.js';

/** Whether the caller of one event stream may read an event; asked of every event, in order. */
export type EventFilter = (event: LiveEvent) => Promise<boolean>;

/**
 * What one person may read of the live events, live and on replay alike. Supervisors and admins
 * read everything. Agents may not list offers or escalations (GET /goodwill and /escalations
 * need a supervisor), so of `goodwill.*` and `escalation.*` they receive only what concerns
 * their own work: an offer they proposed, an escalation they asked for, and those on a
 * conversation assigned to them (which their conversation page shows). Every other live event
 * is about a conversation, which any agent may read; what is not a live event reaches no one.
 *
 * `assigneeOf` reads a conversation's assignee; the answer is kept for the stream's life and
 * kept current by the stream's own `conversation.*` events, so a burst of offers costs one read.
 */
export function eventFilterFor(
  user: Pick<UserRow, 'id' | 'role'>,
  assigneeOf: (conversationId: string) => Promise<string | null>,
): EventFilter {
  // Instances also tell each other things through the events table that are no client's business.
  const live = (event: LiveEvent) => (LIVE_EVENT_TYPES as readonly string[]).includes(event.type);
  if (hasRole(user.role, 'supervisor')) return (event) => Promise.resolve(live(event));
  const assignees = new Map<string, string | null>();
  return async (event) => {
    if (!live(event)) return false;
    switch (event.type) {
      case 'conversation.created':
      case 'conversation.updated':
        assignees.set(event.payload.conversation.id, event.payload.conversation.assigneeId);
        return true;
      case 'goodwill.proposed':
      case 'goodwill.decided':
        if (event.payload.offer.proposedBy === user.id) return true;
        break;
      case 'escalation.created':
      case 'escalation.updated':
        if (event.payload.escalation.requestedBy === user.id) return true;
        break;
      default:
        return true;
    }
    const conversationId = event.conversationId;
    if (conversationId === null) return false;
    let assignee = assignees.get(conversationId);
    if (assignee === undefined) {
      assignee = await assigneeOf(conversationId);
      assignees.set(conversationId, assignee);
    }
    return assignee === user.id;
  };
}
