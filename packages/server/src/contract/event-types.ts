/**
 * The kinds of live event, as a plain list: clients that subscribe by name (EventSource) import
 * this without the schemas. `events.ts` gives each its payload.
 */
export const LIVE_EVENT_TYPES = [
  'message.created',
  'conversation.created',
  'conversation.updated',
  'conversation.temperature',
  'escalation.created',
  'escalation.updated',
  'goodwill.proposed',
  'goodwill.decided',
  'follow_up.created',
  'follow_up.due',
  'follow_up.missed',
  'follow_up.kept',
  'policy.updated',
  'delivery.updated',
] as const;

export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];
