import {
  DecisionRequest,
  GoodwillApproval,
  GoodwillListQuery,
  GoodwillProposal,
  GoodwillSuggestionQuery,
} from '../contract/index.js';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';

/** Goodwill: the suggested offer, proposals, the approvals queue and decisions. */
export function goodwillRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/conversations/{id}/goodwill/suggestion',
      summary: 'The smallest goodwill offer likely to settle it, within your limits',
      tag: 'goodwill',
      access: 'agent',
      query: GoodwillSuggestionQuery,
      handle: async ({ params, query, caller }) =>
        services.goodwill.suggestGoodwill(
          params.id ?? '',
          caller!.user.role as 'agent',
          query.fault,
        ),
    }),
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/goodwill',
      summary: 'Propose a goodwill offer: granted within your limit, otherwise sent for approval',
      tag: 'goodwill',
      access: 'agent',
      status: 201,
      body: GoodwillProposal,
      handle: async ({ params, body, caller }) =>
        services.goodwill.proposeGoodwill(params.id ?? '', body, caller!.user),
    }),
    route({
      method: 'get',
      path: '/api/v1/goodwill',
      summary:
        'Goodwill offers, by default those waiting for approval, with their conversation, problem and proposer, and the budget left this month',
      tag: 'goodwill',
      access: 'supervisor',
      query: GoodwillListQuery,
      handle: async ({ query }) =>
        services.goodwill.listGoodwill(query.status ?? ['pending'], query.limit),
    }),
    route({
      method: 'post',
      path: '/api/v1/goodwill/{id}/approve',
      summary: 'Approve an offer above the proposer’s limit (over the budget: an admin’s override)',
      tag: 'goodwill',
      access: 'supervisor',
      body: GoodwillApproval,
      responses: {
        403: 'above your limit, your own offer, or an override by someone not an admin',
        409: 'decided already, or over the month’s budget without an override',
      },
      handle: async ({ params, body, caller }) => ({
        offer: await services.goodwill.decideGoodwill(
          params.id ?? '',
          true,
          body.note,
          caller!.user,
          body.override === true,
        ),
      }),
    }),
    route({
      method: 'post',
      path: '/api/v1/goodwill/{id}/reject',
      summary: 'Reject an offer',
      tag: 'goodwill',
      access: 'supervisor',
      body: DecisionRequest,
      responses: { 403: 'above your limit, or your own offer', 409: 'decided already' },
      handle: async ({ params, body, caller }) => ({
        offer: await services.goodwill.decideGoodwill(
          params.id ?? '',
          false,
          body.note,
          caller!.user,
        ),
      }),
    }),
  ];
}
