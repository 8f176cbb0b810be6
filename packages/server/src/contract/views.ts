import type { ConversationAnalysis } from '@calmdesk/core';
import { z } from 'zod';
import {
  ConversationStatus,
  ConversationTrend,
  EscalationStatus,
  FollowUpStatus,
  GoodwillStatus,
  MessageDirection,
  RoleSchema,
} from './statuses.js';

/*
 * What the API returns, defined once: the server's views are typed by these schemas, live
 * events carry the same shapes, and the web app imports the types. Times are ISO 8601 UTC.
 */

const time = z.string().describe('ISO 8601 date-time, UTC');

/** A person of the team, as the API shows them (never a password hash). */
export const User = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: time,
  disabled: z.boolean(),
});
export type User = z.infer<typeof User>;

/** A customer. `profile` holds what sizes goodwill (lifetime value, plan...). */
export const Contact = z.object({
  id: z.string(),
  externalId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  profile: z.record(z.string(), z.unknown()),
  createdAt: time,
});
export type Contact = z.infer<typeof Contact>;

export const Conversation = z.object({
  id: z.string(),
  externalId: z.string(),
  contactId: z.string(),
  /** The customer's name, in inbox lists. */
  contactName: z.string().nullable().optional(),
  channel: z.string(),
  subject: z.string().nullable(),
  status: ConversationStatus,
  assigneeId: z.string().nullable(),
  temperature: z.number(),
  peakTemperature: z.number(),
  trend: ConversationTrend,
  awaitingSince: time.nullable(),
  nextDueAt: time.nullable(),
  /**
   * When the oldest promise to this customer that was missed, and not answered since, fell due;
   * null when none. Cleared by the agent's next message to the customer.
   */
  oldestMissedAt: time.nullable(),
  /**
   * The customer's oldest question the agent's last reply left open (neither answered nor
   * given a time), clipped to 120 characters; null when none.
   */
  openQuestion: z.string().nullable(),
  escalated: z.boolean(),
  lastMessageAt: time,
  messageCount: z.number(),
  snoozedUntil: time.nullable(),
  createdAt: time,
  updatedAt: time,
});
export type Conversation = z.infer<typeof Conversation>;

/** A sign of upset (or abuse) in a message, with where it shows. */
export const Signal = z
  .object({
    kind: z.string(),
    start: z.number(),
    end: z.number(),
    text: z.string(),
    explanation: z.string(),
    threat: z.string().optional(),
  })
  .loose();
export type Signal = z.infer<typeof Signal>;

/**
 * The analysis stored with a message: the customer's (temperature, signals, abuse), the
 * agent's (the promises it makes) or a note's. Core's full analysis is kept; these are the
 * parts clients read.
 */
export const MessageAnalysis = z
  .object({
    kind: z.enum(['customer', 'agent', 'note']).optional(),
    temperature: z.number().optional(),
    level: z.string().optional(),
    signals: z.array(Signal).optional(),
    abuse: z
      .object({ score: z.number(), abusive: z.boolean(), signals: z.array(Signal) })
      .loose()
      .optional(),
    commitments: z
      .array(z.object({ kind: z.string(), text: z.string(), due: z.string() }).loose())
      .optional(),
  })
  .loose();
export type MessageAnalysis = z.infer<typeof MessageAnalysis>;

/**
 * Where something sent to a customer's channel stands: queued (waiting, or waiting to be tried
 * again after `lastError`), sending, sent, or failed (given up, with the reason; an agent may
 * retry it). Replies and notes carry it on their message; status and assignee changes have
 * their own (no `messageId`).
 */
export const OutgoingDelivery = z.object({
  id: z.number().int(),
  conversationId: z.string(),
  messageId: z.string().nullable(),
  /** The channel it goes to: chatwoot, email, generic. */
  channel: z.string(),
  kind: z.enum(['reply', 'note', 'status', 'assignment']),
  /**
   * What a status or assignee change sets, as the agent set it: the status ("resolved",
   * "snoozed") with when a snooze ends, or the assignee's name (null: unassigned).
   */
  change: z
    .object({
      status: z.string().optional(),
      snoozedUntil: time.nullable().optional(),
      assigneeName: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
  state: z.enum(['queued', 'sending', 'sent', 'failed']),
  attempts: z.number().int(),
  /** Why the last attempt did not deliver it; null once sent. */
  lastError: z.string().nullable(),
  /** When it is tried next, while queued. */
  nextAttemptAt: time.nullable(),
  /** The channel's id for what it created (Chatwoot's message), when it gave one. */
  externalId: z.string().nullable(),
  createdAt: time,
  updatedAt: time,
  sentAt: time.nullable(),
});
export type OutgoingDelivery = z.infer<typeof OutgoingDelivery>;

/**
 * A file a customer's email carried: listed for the agent, its content not kept (issue 14).
 * `size` is in bytes.
 */
export const MessageAttachment = z.object({
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int().nonnegative(),
});
export type MessageAttachment = z.infer<typeof MessageAttachment>;

/** A message without its analysis: what a live `message.created` event carries. */
export const MessageSummary = z.object({
  id: z.string(),
  externalId: z.string().nullable(),
  conversationId: z.string(),
  direction: MessageDirection,
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  text: z.string(),
  sentAt: time,
  receivedAt: time,
  temperature: z.number().nullable(),
  /** Its way to the customer's channel, for a reply or note sent through one; else null. */
  delivery: OutgoingDelivery.nullable().optional(),
  /** The files an email carried, when it carried any; absent for other channels. */
  attachments: z.array(MessageAttachment).optional(),
});
export type MessageSummary = z.infer<typeof MessageSummary>;

export const Message = MessageSummary.extend({ analysis: MessageAnalysis });
export type Message = z.infer<typeof Message>;

/** A promise an agent made, on the clock. */
export const FollowUp = z.object({
  id: z.string(),
  conversationId: z.string(),
  contactId: z.string(),
  /** The customer's name, in follow-up lists. */
  contactName: z.string().nullable().optional(),
  messageId: z.string(),
  ownerId: z.string().nullable(),
  kind: z.string(),
  text: z.string(),
  dueAt: time,
  status: FollowUpStatus,
  keptByMessageId: z.string().nullable(),
  closedAt: time.nullable(),
  createdAt: time,
});
export type FollowUp = z.infer<typeof FollowUp>;

export const Escalation = z.object({
  id: z.string(),
  conversationId: z.string(),
  reason: z.string(),
  summary: z.string(),
  requestedBy: z.string().nullable(),
  ownerId: z.string().nullable(),
  status: EscalationStatus,
  note: z.string().nullable(),
  createdAt: time,
  updatedAt: time,
});
export type Escalation = z.infer<typeof Escalation>;

export const GoodwillOffer = z.object({
  id: z.string(),
  conversationId: z.string(),
  kind: z.string(),
  value: z.number(),
  unit: z.string(),
  currencyValue: z.number(),
  label: z.string(),
  reason: z.string().nullable(),
  status: GoodwillStatus,
  approverRole: z.string().nullable(),
  proposedBy: z.string(),
  decidedBy: z.string().nullable(),
  decisionNote: z.string().nullable(),
  createdAt: time,
  decidedAt: time.nullable(),
});
export type GoodwillOffer = z.infer<typeof GoodwillOffer>;

/**
 * GET /api/v1/goodwill: an offer with what a supervisor decides it on, without opening the
 * conversation: who proposed it, the conversation's heat, and the customer's problem as the
 * hand-off names it (null when the conversation is gone).
 */
export const GoodwillQueueItem = GoodwillOffer.extend({
  proposedByName: z.string().nullable(),
  conversation: z
    .object({
      subject: z.string().nullable(),
      contactName: z.string().nullable(),
      temperature: z.number(),
      peakTemperature: z.number(),
      trend: ConversationTrend,
    })
    .nullable(),
  problem: z.string().nullable(),
});
export type GoodwillQueueItem = z.infer<typeof GoodwillQueueItem>;

/** This month's goodwill budget (UTC calendar month), in the policy's currency. */
export const GoodwillBudget = z.object({
  currency: z.string(),
  monthlyBudget: z.number(),
  spentThisMonth: z.number(),
  /** What is left to give this month; never below 0. */
  left: z.number(),
});
export type GoodwillBudget = z.infer<typeof GoodwillBudget>;

/** GET /api/v1/goodwill: the offers, and the budget a decision spends from. */
export const GoodwillQueue = z.object({
  offers: z.array(GoodwillQueueItem),
  budget: GoodwillBudget,
});
export type GoodwillQueue = z.infer<typeof GoodwillQueue>;

/** GET /api/v1/team: one agent or supervisor in the supervisor's team view. */
export const TeamMemberStats = z.object({
  user: z.object({ id: z.string(), name: z.string(), role: RoleSchema }),
  /** Open or pending conversations assigned to them at or above the heated temperature. */
  openHeated: z.number(),
  /** The hottest of those (at most five), hottest first. */
  openHeatedConversations: z.array(
    z.object({ id: z.string(), subject: z.string().nullable(), temperature: z.number() }),
  ),
  /** Of their conversations whose customer got upset, the share that calmed down (null: none). */
  deEscalation: z.object({ rate: z.number().nullable(), count: z.number(), of: z.number() }),
  promises: z.object({ kept: z.number(), missed: z.number(), pending: z.number() }),
});
export type TeamMemberStats = z.infer<typeof TeamMemberStats>;

export const TeamOverview = z.object({
  thresholds: z.object({
    heatedTemperature: z.number(),
    upsetTemperature: z.number(),
    minTemperatureFall: z.number(),
  }),
  team: z.array(TeamMemberStats),
  /** Heated conversations nobody owns yet: open or pending, unassigned, at or above heated. */
  unassigned: z.object({
    openHeated: z.number(),
    /** The hottest of those (at most five), hottest first. */
    openHeatedConversations: z.array(
      z.object({ id: z.string(), subject: z.string().nullable(), temperature: z.number() }),
    ),
  }),
});
export type TeamOverview = z.infer<typeof TeamOverview>;

/** GET /api/v1/conversations/{id}: everything an agent needs on one conversation. */
export const ConversationDetail = z.object({
  conversation: Conversation,
  contact: Contact.nullable(),
  messages: z.array(Message),
  /** Core's reading of the whole conversation: arc, playbook, next action, escalation, stop. */
  analysis: z.custom<ConversationAnalysis>(),
  followUps: z.array(FollowUp),
  escalations: z.array(Escalation),
  goodwillOffers: z.array(GoodwillOffer),
  /** The contact's other conversations, oldest first. */
  history: z.array(Conversation),
  /** Status and assignee changes on their way to the conversation's channel, oldest first. */
  deliveries: z.array(OutgoingDelivery).optional(),
});
export type ConversationDetail = z.infer<typeof ConversationDetail>;

/** GET /api/v1/contacts/{id}: a customer and every conversation they have had, on any channel. */
export const ContactDetail = z.object({
  contact: Contact,
  conversations: z.array(Conversation),
  channels: z.array(z.string()),
});
export type ContactDetail = z.infer<typeof ContactDetail>;
