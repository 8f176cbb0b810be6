import { GOODWILL_UNITS, resolvePolicy, type GoodwillKind } from '@calmdesk/core';
import { z } from 'zod';
import {
  ConversationStatus,
  IngestBatch,
  IngestMessage,
  MAX_TEXT_LENGTH,
} from '../../ingest/ingest-schema.js';
import { applyPolicyPatch, TeamPolicyPatch } from '../../services/team-policy.js';
import { route, type RouteSpec } from '../route-spec.js';
import type { RouteDeps } from './deps.js';

const Text = z
  .string()
  .max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`)
  .refine((t) => t.trim().length > 0, 'must not be empty');
const Limit = z.coerce.number().int().min(1).max(500).default(50);
const StatusList = (allowed: readonly string[]) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      const list = s.split(',').map((x) => x.trim());
      const bad = list.filter((x) => !allowed.includes(x));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown status ${bad.join(', ')}; use ${allowed.join(', ')}`,
        });
        return z.NEVER;
      }
      return list;
    })
    .describe(`Comma-separated: ${allowed.join(', ')}`);
const GoodwillKindSchema = z.enum(Object.keys(GOODWILL_UNITS) as [GoodwillKind, ...GoodwillKind[]]);

/** Messages in, conversations, replies, escalations, goodwill, follow-ups and the team policy. */
export function conversationRoutes(deps: RouteDeps): RouteSpec[] {
  const { service } = deps;
  return [
    route({
      method: 'post',
      path: '/api/v1/messages',
      summary:
        'Ingest one message; creates the contact and conversation on first sight; idempotent on externalId',
      tag: 'messages',
      access: 'agent',
      status: 201,
      body: IngestMessage,
      responses: { 200: 'a message with this externalId was stored before: nothing changed' },
      handle: async ({ c, body, caller }) => {
        const result = await service.ingestOne(body, caller!.user, 'api');
        return c.json(result, result?.duplicate === true ? 200 : 201);
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/messages/batch',
      summary: 'Ingest up to 1,000 messages in one transaction: all are stored, or none',
      tag: 'messages',
      access: 'agent',
      status: 201,
      body: IngestBatch,
      handle: async ({ body, caller }) => {
        const results = await service.ingest(body.messages, caller!.user, 'api');
        return {
          stored: results.filter((r) => !r.duplicate).length,
          duplicates: results.filter((r) => r.duplicate).length,
          results,
        };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/conversations',
      summary: 'The inbox: conversations sorted by temperature, urgency or age, with filters',
      tag: 'conversations',
      access: 'agent',
      query: z
        .object({
          status: StatusList(ConversationStatus.options),
          assignee: z.string().max(100).optional().describe('"me", "unassigned" or a user id'),
          escalated: z.enum(['true', 'false']).optional(),
          sort: z.enum(['temperature', 'urgency', 'age']).default('urgency'),
          limit: Limit,
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        })
        .strict(),
      handle: async ({ query, caller }) => {
        const assignee =
          query.assignee === undefined
            ? undefined
            : query.assignee === 'me'
              ? caller!.user.id
              : query.assignee === 'unassigned'
                ? null
                : query.assignee;
        const q: Parameters<typeof service.listConversations>[0] = {
          sort: query.sort,
          limit: query.limit,
          offset: query.offset,
        };
        if (query.status !== undefined) q.statuses = query.status;
        if (assignee !== undefined) q.assigneeId = assignee;
        if (query.escalated !== undefined) q.escalated = query.escalated === 'true';
        return { conversations: await service.listConversations(q) };
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/conversations/{id}',
      summary:
        'A conversation: messages with their analysis, playbook, next action, follow-ups, escalations, offers, the contact and their history',
      tag: 'conversations',
      access: 'agent',
      handle: async ({ params }) => service.getConversation(params.id ?? ''),
    }),
    route({
      method: 'patch',
      path: '/api/v1/conversations/{id}',
      summary: 'Set status (resolve, snooze until a time, reopen) or assignee',
      tag: 'conversations',
      access: 'agent',
      body: z
        .object({
          status: ConversationStatus.optional(),
          assigneeId: z.string().max(100).nullable().optional(),
          snoozedUntil: z.iso.datetime({ offset: true }).nullable().optional(),
        })
        .strict(),
      handle: async ({ params, body, caller }) => ({
        conversation: await service.updateConversation(params.id ?? '', body, caller!.user),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/coach',
      summary: 'Coach a draft reply: score, findings with spans and rewrites, steps still missing',
      tag: 'conversations',
      access: 'agent',
      body: z.object({ draft: z.string().max(MAX_TEXT_LENGTH) }).strict(),
      handle: async ({ params, body }) => service.coach(params.id ?? '', body.draft),
    }),
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/replies',
      summary:
        'Send an agent reply: stored, its promises become follow-ups, earlier promises to this customer are kept',
      tag: 'conversations',
      access: 'agent',
      status: 201,
      body: z.object({ text: Text }).strict(),
      handle: async ({ params, body, caller }) =>
        service.reply(params.id ?? '', body.text, caller!.user),
    }),
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/notes',
      summary: 'Add an internal note (never sent to the customer)',
      tag: 'conversations',
      access: 'agent',
      status: 201,
      body: z.object({ text: Text }).strict(),
      handle: async ({ params, body, caller }) =>
        service.reply(params.id ?? '', body.text, caller!.user, true),
    }),
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/escalations',
      summary: 'Escalate to a supervisor; the hand-off summary is written for you when left out',
      tag: 'escalations',
      access: 'agent',
      status: 201,
      body: z
        .object({
          reason: z.string().trim().min(1).max(500).optional(),
          summary: z.string().trim().min(1).max(5000).optional(),
        })
        .strict(),
      responses: { 409: 'the conversation already has an open escalation' },
      handle: async ({ params, body, caller }) => ({
        escalation: await service.escalate(params.id ?? '', body, caller!.user),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/escalations',
      summary: "The supervisors' queue",
      tag: 'escalations',
      access: 'supervisor',
      query: z
        .object({ status: StatusList(['open', 'accepted', 'returned', 'resolved']), limit: Limit })
        .strict(),
      handle: async ({ query }) => ({
        escalations: await service.listEscalations(
          query.status ?? ['open', 'accepted'],
          query.limit,
        ),
      }),
    }),
    ...(['accept', 'return', 'resolve'] as const).map((action) =>
      route({
        method: 'post',
        path: `/api/v1/escalations/{id}/${action}`,
        summary: {
          accept: 'Take an escalation over',
          return: 'Send an escalation back to the agent',
          resolve: 'Close an escalation',
        }[action],
        tag: 'escalations',
        access: 'supervisor',
        body: z.object({ note: z.string().trim().max(2000).optional() }).strict(),
        responses: { 409: 'not possible from its current status' },
        handle: async ({ params, body, caller }) => ({
          escalation: await service.decideEscalation(
            params.id ?? '',
            action,
            body.note,
            caller!.user,
          ),
        }),
      }),
    ),
    route({
      method: 'get',
      path: '/api/v1/conversations/{id}/goodwill/suggestion',
      summary: 'The smallest goodwill offer likely to settle it, within your limits',
      tag: 'goodwill',
      access: 'agent',
      query: z
        .object({ fault: z.enum(['company', 'customer', 'shared', 'unknown']).optional() })
        .strict(),
      handle: async ({ params, query, caller }) =>
        service.suggestGoodwill(params.id ?? '', caller!.user.role as 'agent', query.fault),
    }),
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/goodwill',
      summary: 'Propose a goodwill offer: granted within your limit, otherwise sent for approval',
      tag: 'goodwill',
      access: 'agent',
      status: 201,
      body: z
        .object({
          kind: GoodwillKindSchema,
          value: z.number().positive().max(1_000_000),
          reason: z.string().trim().max(1000).optional(),
        })
        .strict(),
      handle: async ({ params, body, caller }) =>
        service.proposeGoodwill(params.id ?? '', body, caller!.user),
    }),
    route({
      method: 'get',
      path: '/api/v1/goodwill',
      summary: 'Goodwill offers, by default those waiting for approval',
      tag: 'goodwill',
      access: 'supervisor',
      query: z
        .object({ status: StatusList(['pending', 'approved', 'rejected']), limit: Limit })
        .strict(),
      handle: async ({ query }) => ({
        offers: await service.listGoodwill(query.status ?? ['pending'], query.limit),
      }),
    }),
    ...(['approve', 'reject'] as const).map((action) =>
      route({
        method: 'post',
        path: `/api/v1/goodwill/{id}/${action}`,
        summary:
          action === 'approve' ? 'Approve an offer above the proposer’s limit' : 'Reject an offer',
        tag: 'goodwill',
        access: 'supervisor',
        body: z.object({ note: z.string().trim().max(2000).optional() }).strict(),
        responses: { 403: 'above your limit, or your own offer', 409: 'decided already' },
        handle: async ({ params, body, caller }) => ({
          offer: await service.decideGoodwill(
            params.id ?? '',
            action === 'approve',
            body.note,
            caller!.user,
          ),
        }),
      }),
    ),
    route({
      method: 'get',
      path: '/api/v1/follow-ups',
      summary: 'Promises on the clock: by default the ones due and missed (overdue)',
      tag: 'follow-ups',
      access: 'agent',
      query: z
        .object({
          status: StatusList(['pending', 'due', 'kept', 'missed']),
          owner: z.string().max(100).optional().describe('"me" or a user id'),
          limit: Limit,
        })
        .strict(),
      handle: async ({ query, caller }) => ({
        followUps: await service.listFollowUps({
          statuses: query.status ?? ['due', 'missed'],
          ownerId: query.owner === 'me' ? caller!.user.id : query.owner,
          limit: query.limit,
        }),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/contacts/{id}',
      summary: 'A customer with their conversations across channels, newest first',
      tag: 'conversations',
      access: 'agent',
      handle: async ({ params }) => service.getContact(params.id ?? ''),
    }),
    route({
      method: 'put',
      path: '/api/v1/contacts/{id}/profile',
      summary: "A contact's value to the business, for sizing goodwill",
      tag: 'goodwill',
      access: 'supervisor',
      body: z
        .object({
          lifetimeValue: z.number().min(0).max(1e9),
          monthlySpend: z.number().min(0).max(1e7).optional(),
          tenureMonths: z.number().int().min(0).max(1200).optional(),
          previousGoodwillThisYear: z.number().min(0).max(1e9).optional(),
          plan: z.string().max(100).optional(),
        })
        .strict(),
      handle: async ({ params, body, caller }) =>
        service.setContactProfile(params.id ?? '', body, caller!.user),
    }),
    route({
      method: 'get',
      path: '/api/v1/policy',
      summary: "The team's policy: conversation thresholds, goodwill limits, coming-due window",
      tag: 'policy',
      access: 'agent',
      handle: async () => service.policy(),
    }),
    route({
      method: 'put',
      path: '/api/v1/policy',
      summary: "Change the team's policy; every value is checked",
      tag: 'policy',
      access: 'admin',
      body: TeamPolicyPatch,
      handle: async ({ body, caller }) => {
        const next = applyPolicyPatch(await service.policy(), body, (p) => void resolvePolicy(p));
        return service.savePolicy(next, caller!.user);
      },
    }),
    route({
      method: 'get',
      path: '/api/v1/audit',
      summary: 'The append-only record of who did what, newest first',
      tag: 'admin',
      access: 'admin',
      query: z.object({ limit: Limit, before: z.coerce.number().int().min(1).optional() }).strict(),
      handle: async ({ query }) => ({
        entries: (await service.store.listAudit(query.limit, query.before)).map((e) => ({
          ...e,
          details: JSON.parse(e.details) as unknown,
        })),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/webhook-deliveries',
      summary: 'Outgoing webhook deliveries: pending, delivered, failed, with attempts',
      tag: 'admin',
      access: 'admin',
      query: z.object({ limit: Limit }).strict(),
      handle: async ({ query }) => ({
        deliveries: (await service.store.listOutbox(query.limit)).map((d) => ({
          ...d,
          body: JSON.parse(d.body) as unknown,
        })),
      }),
    }),
  ];
}
