import {
  analyzeConversation,
  analyzeMessage,
  coachReply,
  findOpenQuestion,
  type Commitment,
  type ConversationMessage,
  type ConversationPolicy,
} from '@calmdesk/core';
import type { AppContext } from '../app/app-context.js';
import { followUpView, messageSummaryView } from '../app/views.js';
import type { ConversationTrend, MessageDirection } from '../contract/index.js';
import type { PendingEvent } from '../events/live-event.js';
import { newId } from '../ids.js';
import type {
  ContactRow,
  ConversationPatch,
  ConversationRow,
  FollowUpRow,
  MessageRow,
  StoreOps,
  UserRow,
} from '../storage/store.js';
import { messageReader, type MessageReading, type MessageToRead } from './read-message.js';
import { RECENT_TEMPERATURES, trendOf } from './trend.js';

/**
 * How far back an agent's reply is read against: listening looks at the customer's latest turns,
 * and a question older than this many messages is no longer what the inbox should rank on.
 */
const OPEN_QUESTION_WINDOW = 30;
/** An open question is shown in an inbox row: clipped so one long message cannot fill it. */
const OPEN_QUESTION_CHARS = 120;

const ROLES: Record<string, ConversationMessage['role']> = {
  incoming: 'customer',
  outgoing: 'agent',
  note: 'note',
};

/** "Is that price in dollars?", or its first OPEN_QUESTION_CHARS characters and an ellipsis. */
function clipQuestion(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= OPEN_QUESTION_CHARS ? flat : `${flat.slice(0, OPEN_QUESTION_CHARS - 1)}…`;
}

/**
 * The customer's question the agent's reply `message` leaves open, read by core's listening over
 * the messages up to it: a holding line ("One moment please.") or an answer to something else
 * leaves it open; an answer, or a concrete time to answer by, closes it. Only agent replies
 * call this, so a customer message costs no extra query.
 */
async function openQuestionAfter(
  tx: StoreOps,
  message: MessageRow,
): Promise<Pick<ConversationPatch, 'openQuestion' | 'openQuestionAt'>> {
  const recent = await tx.listRecentMessages(
    message.conversationId,
    message.sentAt,
    OPEN_QUESTION_WINDOW,
  );
  // The reply itself last, whether or not this transaction already lists it.
  const rows = [...recent.filter((m) => m.id !== message.id), message];
  const conversation: ConversationMessage[] = rows.map((m) => ({
    role: ROLES[m.direction] ?? 'note',
    text: m.text,
    at: m.sentAt,
  }));
  const open = findOpenQuestion(conversation);
  if (open === undefined || !open.carried) return { openQuestion: null, openQuestionAt: null };
  return {
    openQuestion: clipQuestion(open.ask.text),
    openQuestionAt: rows[open.ask.messageIndex]?.sentAt ?? message.sentAt,
  };
}

/** A message just stored, and what `afterMessage` needs to know around it. */
export interface StoredMessage {
  conversation: ConversationRow;
  contact: ContactRow;
  message: MessageRow;
  /** The promises read in an agent's message. */
  commitments: readonly Commitment[];
  /** Who wrote it in Calmdesk; null for a message that came from outside. */
  author: UserRow | null;
  policy: ConversationPolicy;
  now: string;
}

/**
 * The floor every way a message arrives stands on (ingest, replies, and later channels and
 * imports): reading a message with core, and everything a stored message changes.
 */
export class MessagePipeline {
  private readonly now: () => Date;
  private readonly timeZone: string;
  private readonly read: (message: MessageToRead) => MessageReading;

  constructor(ctx: AppContext) {
    this.now = ctx.now;
    this.timeZone = ctx.timeZone;
    this.read = messageReader(ctx.timeZone);
  }

  /**
   * Loads the model and builds the engine's lookup tables (a few hundred milliseconds, once), so
   * the first messages after start are not the slow ones.
   */
  warmUp(): void {
    const now = this.now().toISOString();
    analyzeMessage('Warming up: WHERE is my refund?! Third time asking.');
    this.read({ direction: 'outgoing', text: "I'll call you back within the hour.", sentAt: now });
    coachReply("That's our policy, I can't help.", [
      { role: 'customer', text: 'Where is my refund?!', at: now },
    ]);
    analyzeConversation([{ role: 'customer', text: 'Where is my refund?!', at: now }], {
      now,
      timeZone: this.timeZone,
    });
  }

  /** Reads a message the way its direction asks: the customer's for upset, the agent's for promises. */
  analyse(direction: MessageDirection, text: string, sentAt: string): MessageReading {
    return this.read({ direction, text, sentAt });
  }

  /**
   * Everything a new message changes: the conversation's temperature, trend and waiting time
   * (returned as a patch for the caller to write once), promises kept and made (written here),
   * and the events to emit (added to `events`).
   */
  async afterMessage(
    tx: StoreOps,
    stored: StoredMessage,
    events: PendingEvent[],
  ): Promise<{
    conversation: ConversationRow;
    patch: ConversationPatch;
    followUps: FollowUpRow[];
  }> {
    const { conversation, contact, message, commitments, author, policy, now } = stored;
    const conversationId = conversation.id;
    const patch: Parameters<StoreOps['updateConversation']>[1] = {
      messageCount: conversation.messageCount + 1,
      lastMessageAt:
        message.sentAt > conversation.lastMessageAt ? message.sentAt : conversation.lastMessageAt,
      analysisStale: 1,
      updatedAt: now,
    };
    const created: FollowUpRow[] = [];
    if (message.direction === 'incoming' && message.temperature !== null) {
      const recent = [
        ...(JSON.parse(conversation.recentTemperatures) as number[]),
        message.temperature,
      ].slice(-RECENT_TEMPERATURES);
      patch.temperature = message.temperature;
      patch.peakTemperature = Math.max(conversation.peakTemperature, message.temperature);
      patch.recentTemperatures = JSON.stringify(recent);
      patch.trend = trendOf(recent, policy);
      patch.awaitingSince = conversation.awaitingSince ?? message.sentAt;
      // A customer writing again reopens a resolved or snoozed conversation.
      if (conversation.status === 'resolved' || conversation.status === 'snoozed') {
        patch.status = 'open';
        patch.snoozedUntil = null;
      }
    } else if (message.direction === 'outgoing') {
      patch.awaitingSince = null;
      // A reply that only holds ("One moment please.") or answers something else leaves the
      // customer's question open: the inbox keeps ranking them up until it is answered.
      Object.assign(patch, await openQuestionAfter(tx, message));
      // Writing to the customer after a missed promise answers it (the follow-up stays missed).
      if (conversation.oldestMissedAt !== null && message.sentAt >= conversation.oldestMissedAt) {
        patch.oldestMissedAt = null;
      }
      for (const kept of await tx.openFollowUpsOfContact(
        contact.id,
        message.sentAt,
        message.sentAt,
      )) {
        await tx.updateFollowUp(kept.id, {
          status: 'kept',
          keptByMessageId: message.id,
          closedAt: now,
        });
        events.push({
          type: 'follow_up.kept',
          conversationId: kept.conversationId,
          payload: {
            followUp: followUpView({
              ...kept,
              status: 'kept',
              keptByMessageId: message.id,
              closedAt: now,
            }),
          },
        });
      }
      for (const c of commitments) {
        const followUp: FollowUpRow = {
          id: newId(),
          conversationId,
          contactId: contact.id,
          messageId: message.id,
          ownerId: author?.id ?? conversation.assigneeId,
          kind: c.kind,
          text: c.text,
          dueAt: new Date(c.due).toISOString(),
          status: 'pending',
          keptByMessageId: null,
          closedAt: null,
          createdAt: message.sentAt,
        };
        await tx.insertFollowUp(followUp);
        created.push(followUp);
        events.push({
          type: 'follow_up.created',
          conversationId: conversationId,
          payload: { followUp: followUpView(followUp) },
        });
      }
    }
    // Only an agent's message changes the promises on the clock.
    if (message.direction === 'outgoing') patch.nextDueAt = await tx.nextDueOf(conversationId);
    // The event names the message; its full analysis is one GET away (parsing it here for
    // every message would cost more than storing it).
    events.push({
      type: 'message.created',
      conversationId: conversationId,
      payload: { message: messageSummaryView(message), temperature: message.temperature },
    });
    if (patch.temperature !== undefined && patch.temperature !== conversation.temperature) {
      events.push({
        type: 'conversation.temperature',
        conversationId: conversationId,
        payload: {
          temperature: patch.temperature,
          previous: conversation.temperature,
          peak: patch.peakTemperature,
          trend: patch.trend as ConversationTrend | undefined,
        },
      });
    }
    return { conversation: { ...conversation, ...patch }, patch, followUps: created };
  }
}
