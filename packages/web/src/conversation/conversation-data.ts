import type { GoodwillKind, GoodwillSuggestion } from '@calmdesk/core';
import { api } from '../api/client.js';
import type {
  Conversation,
  ConversationDetail,
  Escalation,
  FollowUp,
  GoodwillOffer,
  Message,
  User,
} from '../shared/types.js';

export type { ConversationDetail };

/** A person as the assignee picker lists them. */
export type TeamMember = Pick<User, 'id' | 'name' | 'role'>;

const path = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;

export function fetchConversation(id: string): Promise<ConversationDetail> {
  return api<ConversationDetail>('GET', path(id));
}

export function sendReply(
  id: string,
  text: string,
): Promise<{ message: Message; followUps: FollowUp[] }> {
  return api('POST', `${path(id)}/replies`, { text });
}

export function addNote(id: string, text: string): Promise<{ message: Message }> {
  return api('POST', `${path(id)}/notes`, { text });
}

export function updateConversation(
  id: string,
  patch: {
    status?: Conversation['status'];
    assigneeId?: string | null;
    snoozedUntil?: string | null;
  },
): Promise<{ conversation: Conversation }> {
  return api('PATCH', path(id), patch);
}

export function escalate(
  id: string,
  body: { reason?: string; summary?: string },
): Promise<{ escalation: Escalation }> {
  return api('POST', `${path(id)}/escalations`, body);
}

export function fetchGoodwillSuggestion(id: string): Promise<GoodwillSuggestion> {
  return api('GET', `${path(id)}/goodwill/suggestion`);
}

export function proposeGoodwill(
  id: string,
  body: { kind: GoodwillKind; value: number; reason?: string; currency?: string },
): Promise<{ offer: GoodwillOffer; reasons: string[] }> {
  return api('POST', `${path(id)}/goodwill`, body);
}

let team: Promise<TeamMember[]> | null = null;

/** The team's names, read once per page load (to show who a conversation is assigned to). */
export function fetchTeam(): Promise<TeamMember[]> {
  team ??= api<{ users: TeamMember[] }>('GET', '/api/v1/users').then(
    (r) => r.users,
    () => {
      team = null;
      return [];
    },
  );
  return team;
}
