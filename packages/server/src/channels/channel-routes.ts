import { notFound } from '../errors.js';
import type { RouteDeps } from '../http/route-deps.js';
import { route, type RouteSpec } from '../http/route-spec.js';

/** What was sent to customers' channels: retrying a failed send. */
export function channelRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'post',
      path: '/api/v1/deliveries/{id}/retry',
      summary:
        'Send a failed reply, note or status change to the customer’s channel again (a fresh round of attempts); 409 unless it failed',
      tag: 'conversations',
      access: 'agent',
      responses: { 404: 'no such delivery', 409: 'the delivery has not failed' },
      handle: async ({ params, caller }) => {
        const id = params.id ?? '';
        // Delivery ids are the queue's increasing integers; anything else names none.
        if (!/^\d{1,15}$/.test(id)) throw notFound('delivery', id);
        return { delivery: await services.channels.retry(Number(id), caller!.user) };
      },
    }),
  ];
}
