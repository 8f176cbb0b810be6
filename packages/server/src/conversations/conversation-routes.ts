import {
  CoachRequest,
  ConversationListQuery,
  ConversationUpdate,
  ReplyRequest,
} from '../contract/index.js';
import { CalmdeskError } from '../errors.js';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';

/** A Chatwoot id as its webhooks carry it; anything else cannot name a conversation. */
const CHATWOOT_ID = /^[A-Za-z0-9_-]{1,64}$/;

function chatwootId(value: string | undefined, what: string): string {
  if (value === undefined || !CHATWOOT_ID.test(value)) {
    throw new CalmdeskError(
      'invalid_request',
      `Invalid ${what}: a Chatwoot id is 1 to 64 letters, digits, "_" or "-".`,
      [{ path: what, message: 'must be a Chatwoot id' }],
    );
  }
  return value;
}

/** The inbox, a conversation, status and assignee, coaching a draft, replies and notes. */
export function conversationRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/conversations',
      summary: 'The inbox: conversations sorted by temperature, urgency or age, with filters',
      tag: 'conversations',
      access: 'agent',
      query: ConversationListQuery,
      handle: async ({ query, caller }) => {
        const assignee =
          query.assignee === undefined
            ? undefined
            : query.assignee === 'me'
              ? caller!.user.id
              : query.assignee === 'unassigned'
                ? null
                : query.assignee;
        const q: Parameters<typeof services.conversations.listConversations>[0] = {
          sort: query.sort,
          limit: query.limit,
          offset: query.offset,
        };
        if (query.status !== undefined) q.statuses = query.status;
        if (assignee !== undefined) q.assigneeId = assignee;
        if (query.escalated !== undefined) q.escalated = query.escalated === 'true';
        return { conversations: await services.conversations.listConversations(q) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/conversations/{id}',
      summary:
        'A conversation: messages with their analysis, playbook, next action, follow-ups, escalations, offers, the contact and their history',
      tag: 'conversations',
      access: 'agent',
      handle: async ({ params }) => services.conversations.getConversation(params.id ?? ''),
    }),
    route({
      method: 'get',
      path: '/api/v1/conversations/chatwoot/{accountId}/{conversationId}',
      summary:
        'The conversation a Chatwoot conversation became, by its account id and conversation id (for the Chatwoot Dashboard App); the same as GET /api/v1/conversations/{id}',
      tag: 'conversations',
      access: 'agent',
      responses: {
        400: 'an id is not a Chatwoot id',
        404: 'Calmdesk has not received this conversation: its webhook is not set up or has not fired',
      },
      handle: async ({ params }) =>
        services.conversations.getChatwootConversation(
          chatwootId(params.accountId, 'accountId'),
          chatwootId(params.conversationId, 'conversationId'),
        ),
    }),
    route({
      method: 'patch',
      path: '/api/v1/conversations/{id}',
      summary: 'Set status (resolve, snooze until a time, reopen) or assignee',
      tag: 'conversations',
      access: 'agent',
      body: ConversationUpdate,
      handle: async ({ params, body, caller }) => ({
        conversation: await services.conversations.updateConversation(
          params.id ?? '',
          body,
          caller!.user,
        ),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/coach',
      summary: 'Coach a draft reply: score, findings with spans and rewrites, steps still missing',
      tag: 'conversations',
      access: 'agent',
      body: CoachRequest,
      handle: async ({ params, body }) => services.conversations.coach(params.id ?? '', body.draft),
    }),
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/replies',
      summary:
        'Send an agent reply: stored, its promises become follow-ups, earlier promises to this customer are kept',
      tag: 'conversations',
      access: 'agent',
      status: 201,
      body: ReplyRequest,
      handle: async ({ params, body, caller }) =>
        services.conversations.reply(params.id ?? '', body.text, caller!.user),
    }),
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/notes',
      summary: 'Add an internal note (never sent to the customer)',
      tag: 'conversations',
      access: 'agent',
      status: 201,
      body: ReplyRequest,
      handle: async ({ params, body, caller }) =>
        services.conversations.reply(params.id ?? '', body.text, caller!.user, true),
    }),
  ];
}
