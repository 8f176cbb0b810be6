import { DeliveriesQuery } from '../contract/index.js';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';

/** Outgoing webhook deliveries, for admins. */
export function deliveryRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/webhook-deliveries',
      summary: 'Outgoing webhook deliveries: pending, delivered, failed, with attempts',
      tag: 'admin',
      access: 'admin',
      query: DeliveriesQuery,
      handle: async ({ query }) => ({
        deliveries: await services.webhooks.listDeliveries(query.limit),
      }),
    }),
  ];
}
