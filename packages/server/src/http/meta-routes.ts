import { buildOpenApi } from './openapi.js';
import { referencePage } from './reference-page.js';
import type { RouteDeps } from './route-deps.js';
import { route, type RouteSpec } from './route-spec.js';

/** Health, the OpenAPI document and the reference page; public, they reveal no data. */
export function metaRoutes(deps: RouteDeps, allRoutes: () => readonly RouteSpec[]): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/api/health',
      summary: 'Whether the service and its database answer',
      tag: 'meta',
      access: 'public',
      handle: async ({ c }) => {
        await deps.services.people.ping();
        // A channel that is down is reported, not failed on: the rest of Calmdesk still works.
        return c.json({
          ok: true,
          version: deps.version,
          database: deps.dialect,
          channels: deps.channelHealth?.() ?? {},
        });
      },
    }),
    route({
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tag: 'meta',
      access: 'public',
      handle: ({ c }) => Promise.resolve(c.json(buildOpenApi(allRoutes(), deps.version))),
    }),
    route({
      method: 'get',
      path: '/api/docs',
      summary: 'The API reference, readable in a browser',
      tag: 'meta',
      access: 'public',
      handle: async ({ c }) => c.html(referencePage(allRoutes(), deps.version)),
    }),
  ];
}
