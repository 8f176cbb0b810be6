import { TeamPolicyPatch } from '../contract/index.js';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';

/** The team's policy: read by everyone, changed by an admin. */
export function policyRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/policy',
      summary: "The team's policy: conversation thresholds, goodwill limits, coming-due window",
      tag: 'policy',
      access: 'agent',
      handle: async () => services.policy.policy(),
    }),
    route({
      method: 'put',
      path: '/api/v1/policy',
      summary: "Change the team's policy; every value is checked",
      tag: 'policy',
      access: 'admin',
      body: TeamPolicyPatch,
      handle: async ({ body, caller }) => services.policy.updatePolicy(body, caller!.user),
    }),
  ];
}
