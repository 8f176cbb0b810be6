import { z } from 'zod';
import type { LiveEventType } from './event-types.js';
import { ConversationTrend } from './statuses.js';
import {
  Conversation,
  Escalation,
  FollowUp,
  GoodwillOffer,
  MessageSummary,
  OutgoingDelivery,
} from './views.js';

/**
 * The live events (GET /api/v1/events, and the rows the events table keeps), each with its
 * payload. A payload carries the API's own view of what changed; a new message comes without
 * its analysis, which is one GET away.
 */
export const LIVE_EVENT_PAYLOADS = {
  'message.created': z.object({ message: MessageSummary, temperature: z.number().nullable() }),
  'conversation.created': z.object({ conversation: Conversation }),
  'conversation.updated': z.object({ conversation: Conversation }),
  'conversation.temperature': z.object({
    temperature: z.number(),
    previous: z.number(),
    peak: z.number().optional(),
    trend: ConversationTrend.optional(),
  }),
  'escalation.created': z.object({ escalation: Escalation }),
  'escalation.updated': z.object({ escalation: Escalation }),
  'goodwill.proposed': z.object({ offer: GoodwillOffer }),
  'goodwill.decided': z.object({ offer: GoodwillOffer }),
  'follow_up.created': z.object({ followUp: FollowUp }),
  'follow_up.due': z.object({ followUp: FollowUp }),
  'follow_up.missed': z.object({ followUp: FollowUp }),
  'follow_up.kept': z.object({ followUp: FollowUp }),
  'policy.updated': z.object({}),
  /** A reply, note or status change moved on its way to the customer's channel. */
  'delivery.updated': z.object({ delivery: OutgoingDelivery }),
} as const satisfies Record<LiveEventType, z.ZodType>;

/** The payload of one kind of live event. */
export type LiveEventPayload<T extends LiveEventType> = z.infer<(typeof LIVE_EVENT_PAYLOADS)[T]>;

/** One live event as clients receive it: its id (for Last-Event-ID), when, what, and about which conversation. */
export type LiveEvent = {
  [T in LiveEventType]: {
    id: number;
    at: string;
    type: T;
    conversationId: string | null;
    payload: LiveEventPayload<T>;
  };
}[LiveEventType];
