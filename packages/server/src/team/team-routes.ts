import type { RouteDeps } from '../http/route-deps.js';
import { route, type RouteSpec } from '../http/route-spec.js';

/** The supervisors' view of the team. */
export function teamRoutes(deps: RouteDeps): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/v1/team',
      summary:
        'Per agent and supervisor: open heated conversations (the 5 hottest), de-escalation rate, promises kept, missed and pending',
      tag: 'people',
      access: 'supervisor',
      handle: async () => deps.services.team.teamOverview(),
    }),
  ];
}
