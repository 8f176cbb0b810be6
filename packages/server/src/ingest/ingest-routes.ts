import { IngestBatch, IngestMessage } from '../contract/index.js';
import { MAX_BATCH_BODY_BYTES } from '../http/app.js';
import { route, type RouteSpec } from '../http/route-spec.js';
import type { RouteDeps } from '../http/route-deps.js';

/** Messages in through the API: one at a time (group-committed) or a batch in one transaction. */
export function ingestRoutes(deps: RouteDeps): RouteSpec[] {
  const { services } = deps;
  return [
    route({
      method: 'post',
      path: '/api/v1/messages',
      summary:
        'Ingest one message; creates the contact and conversation on first sight; idempotent on externalId',
      tag: 'messages',
      access: 'agent',
      status: 201,
      body: IngestMessage,
      responses: { 200: 'a message with this externalId was stored before: nothing changed' },
      handle: async ({ c, body, caller }) => {
        const result = await services.ingest.ingestOne(body, caller!.user, 'api');
        return c.json(result, result?.duplicate === true ? 200 : 201);
      },
    }),
    route({
      method: 'post',
      path: '/api/v1/messages/batch',
      summary: 'Ingest up to 1,000 messages in one transaction: all are stored, or none',
      tag: 'messages',
      access: 'agent',
      status: 201,
      body: IngestBatch,
      maxBodyBytes: MAX_BATCH_BODY_BYTES,
      handle: async ({ body, caller }) => {
        const results = await services.ingest.ingest(body.messages, caller!.user, 'api');
        return {
          stored: results.filter((r) => !r.duplicate).length,
          duplicates: results.filter((r) => r.duplicate).length,
          results,
        };
      },
    }),
  ];
}
