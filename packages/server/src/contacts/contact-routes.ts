import { ContactProfile } from '../contract/index.js';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';

/** A customer across channels, and their value to the business. */
export function contactRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'get',
      path: '/api/v1/contacts/{id}',
      summary: 'A customer with their conversations across channels, newest first',
      tag: 'conversations',
      access: 'agent',
      handle: async ({ params }) => services.contacts.getContact(params.id ?? ''),
    }),
    route({
      method: 'put',
      path: '/api/v1/contacts/{id}/profile',
      summary: "A contact's value to the business, for sizing goodwill",
      tag: 'goodwill',
      access: 'supervisor',
      body: ContactProfile,
      handle: async ({ params, body, caller }) =>
        services.contacts.setContactProfile(params.id ?? '', body, caller!.user),
    }),
  ];
}
