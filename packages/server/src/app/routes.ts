import { auditRoutes } from '../audit/audit-routes.js';
import { channelRoutes } from '../channels/channel-routes.js';
import { contactRoutes } from '../contacts/contact-routes.js';
import { conversationRoutes } from '../conversations/conversation-routes.js';
import { escalationRoutes } from '../escalations/escalation-routes.js';
import { eventRoutes } from '../events/event-routes.js';
import { followUpRoutes } from '../follow-ups/follow-up-routes.js';
import { goodwillRoutes } from '../goodwill/goodwill-routes.js';
import { historyRoutes } from '../history/history-routes.js';
import { metaRoutes } from '../http/meta-routes.js';
import type { RouteDeps } from '../http/route-deps.js';
import type { RouteSpec } from '../http/route-spec.js';
import { ingestRoutes } from '../ingest/ingest-routes.js';
import { deliveryRoutes } from '../integrations/delivery-routes.js';
import { webhookRoutes } from '../integrations/webhook-routes.js';
import { peopleRoutes } from '../people/people-routes.js';
import { policyRoutes } from '../policy/policy-routes.js';
import { teamRoutes } from '../team/team-routes.js';

/**
 * Every route of the API, capability by capability, in the order the OpenAPI document and the
 * reference page list them. A new capability adds its routes here.
 */
export function createRoutes(deps: RouteDeps): RouteSpec[] {
  const routes: RouteSpec[] = [];
  routes.push(
    ...metaRoutes(deps, () => routes),
    ...peopleRoutes(deps),
    ...ingestRoutes(deps),
    ...conversationRoutes(deps),
    ...channelRoutes(deps),
    ...escalationRoutes(deps),
    ...goodwillRoutes(deps),
    ...followUpRoutes(deps),
    ...contactRoutes(deps),
    ...policyRoutes(deps),
    ...auditRoutes(deps),
    ...deliveryRoutes(deps),
    ...teamRoutes(deps),
    ...historyRoutes(deps),
    ...eventRoutes(deps),
    ...webhookRoutes(deps),
  );
  return routes;
}
