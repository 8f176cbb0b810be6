import { AuditService } from '../audit/audit-service.js';
import { ChannelService } from '../channels/channel-service.js';
import type { ChannelRegistry } from '../channels/channel-sender.js';
import { ContactService } from '../contacts/contact-service.js';
import { ConversationService } from '../conversations/conversation-service.js';
import { EscalationService } from '../escalations/escalation-service.js';
import { EventService } from '../events/event-service.js';
import { FollowUpService } from '../follow-ups/follow-up-service.js';
import { GoodwillService } from '../goodwill/goodwill-service.js';
import { HistoryService } from '../history/history-service.js';
import { IngestService } from '../ingest/ingest-service.js';
import { OutgoingWebhooks } from '../integrations/outgoing-webhooks.js';
import { MessagePipeline } from '../messages/message-pipeline.js';
import { AuthService, type AuthOptions } from '../people/auth-service.js';
import { PolicyService } from '../policy/policy-service.js';
import { TeamService } from '../team/team-service.js';
import type { AppContext } from './app-context.js';

/**
 * Every capability's service, built once over the shared context, each given the services it
 * uses. A new capability is a new folder and one line here (and one in `routes.ts`).
 */
export function createServices(
  ctx: AppContext,
  auth: Omit<AuthOptions, 'store' | 'now'>,
  channelRegistry?: ChannelRegistry,
) {
  const policy = new PolicyService(ctx);
  const pipeline = new MessagePipeline(ctx);
  const webhooks = new OutgoingWebhooks(ctx);
  const channels = new ChannelService(ctx, channelRegistry);
  const conversations = new ConversationService(ctx, policy, pipeline, channels);
  const contacts = new ContactService(ctx);
  return {
    people: new AuthService({ ...auth, store: ctx.store, now: ctx.now }),
    policy,
    pipeline,
    webhooks,
    channels,
    ingest: new IngestService(ctx, policy, pipeline),
    conversations,
    contacts,
    escalations: new EscalationService(ctx, conversations, webhooks),
    goodwill: new GoodwillService(ctx, policy, conversations, contacts),
    followUps: new FollowUpService(ctx, policy, webhooks),
    team: new TeamService(ctx, policy),
    events: new EventService(ctx),
    audit: new AuditService(ctx),
    history: new HistoryService(ctx),
  };
}

export type Services = ReturnType<typeof createServices>;
