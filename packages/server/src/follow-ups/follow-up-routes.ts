import { FollowUpListQuery } from '../contract/index.js';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';

/** Promises on the clock. */
export function followUpRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/follow-ups',
      summary: 'Promises on the clock: by default the ones due and missed (overdue)',
      tag: 'follow-ups',
      access: 'agent',
      query: FollowUpListQuery,
      handle: async ({ query, caller }) => ({
        followUps: await services.followUps.listFollowUps({
          statuses: query.status ?? ['due', 'missed'],
          ownerId: query.owner === 'me' ? caller!.user.id : query.owner,
          limit: query.limit,
        }),
      }),
    }),
  ];
}
