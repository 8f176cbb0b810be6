/*
 * What the API returns, as the server's contract defines it: the app imports the types (never
 * the schemas, so nothing of the server reaches the bundle) and keeps no copy of its own.
 */
export type {
  Contact,
  ContactDetail,
  Conversation,
  ConversationDetail,
  Escalation,
  FollowUp,
  GoodwillBudget,
  GoodwillOffer,
  GoodwillQueue,
  GoodwillQueueItem,
  LiveEvent,
  Message,
  Signal,
  TeamMemberStats,
  TeamOverview,
  User,
} from '@calmdesk/server/contract';
