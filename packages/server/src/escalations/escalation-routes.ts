import { DecisionRequest, EscalationListQuery, EscalationRequest } from '../contract/index.js';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';

/** Escalating to a supervisor, the supervisors' queue, and their decisions. */
export function escalationRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'post',
      path: '/api/v1/conversations/{id}/escalations',
      summary: 'Escalate to a supervisor; the hand-off summary is written for you when left out',
      tag: 'escalations',
      access: 'agent',
      status: 201,
      body: EscalationRequest,
      responses: { 409: 'the conversation already has an open escalation' },
      handle: async ({ params, body, caller }) => ({
        escalation: await services.escalations.escalate(params.id ?? '', body, caller!.user),
      }),
    }),
    route({
      method: 'get',
      path: '/api/v1/escalations',
      summary: "The supervisors' queue",
      tag: 'escalations',
      access: 'supervisor',
      query: EscalationListQuery,
      handle: async ({ query }) => ({
        escalations: await services.escalations.listEscalations(
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
        body: DecisionRequest,
        responses: { 409: 'not possible from its current status' },
        handle: async ({ params, body, caller }) => ({
          escalation: await services.escalations.decideEscalation(
            params.id ?? '',
            action,
            body.note,
            caller!.user,
          ),
        }),
      }),
    ),
  ];
}
