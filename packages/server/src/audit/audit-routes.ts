import { AuditQuery } from '../contract/index.js';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';

/** The record of who did what, for admins. */
export function auditRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/audit',
      summary: 'The append-only record of who did what, newest first',
      tag: 'admin',
      access: 'admin',
      query: AuditQuery,
      handle: async ({ query }) => ({
        entries: await services.audit.list(query.limit, query.before),
      }),
    }),
  ];
}
