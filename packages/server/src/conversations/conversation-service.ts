import { z } from 'zod';
import {
  analyzeConversation,
  coachReply,
  type ConversationAnalysis,
  type ConversationEscalation,
  type ConversationMessage,
} from '@calmdesk/core';
import { iso, type AppContext } from '../app/app-context.js';
import {
  contactView,
  conversationView,
  escalationView,
  followUpView,
  goodwillView,
  messageView,
} from '../app/views.js';
import {
  ConversationStatus,
  isEscalationStatus,
  MessageAttachment,
  type ConversationDetail,
  type ConversationStatusChange,
  type ConversationUpdate,
  type MessageDirection,
} from '../contract/index.js';
import type { ChannelService } from '../channels/channel-service.js';
import type { EmailMessageRow } from '../channels/email/email-queries.js';
import { CalmdeskError, notFound } from '../errors.js';
import { emitEvent, emitEvents, type PendingEvent } from '../events/live-event.js';
import { newId } from '../ids.js';
import { CHATWOOT_ID_PREFIX } from '../integrations/chatwoot.js';
import type { MessagePipeline } from '../messages/message-pipeline.js';
import type { PolicyService } from '../policy/policy-service.js';
import type {
  ContactRow,
  ConversationQuery,
  ConversationRow,
  EscalationRow,
  MessageRow,
  Store,
  StoreOps,
  UserRow,
} from '../storage/store.js';

/** A stored message as core reads a conversation. */
export function toConversationMessage(m: MessageRow): ConversationMessage {
  const role =
    m.direction === 'incoming' ? 'customer' : m.direction === 'outgoing' ? 'agent' : 'note';
  return { role, text: m.text, at: m.sentAt, id: m.id };
}

/** The inbox, a conversation with its playbook, status changes, coaching and replies. */
export class ConversationService {
  private readonly store: Store;
  private readonly now: () => Date;
  private readonly timeZone: string;

  constructor(
    ctx: AppContext,
    private readonly teamPolicy: PolicyService,
    private readonly pipeline: MessagePipeline,
    private readonly channels?: ChannelService,
  ) {
    this.store = ctx.store;
    this.now = ctx.now;
    this.timeZone = ctx.timeZone;
  }

  async listConversations(query: ConversationQuery) {
    // "Due soon" for the urgency order: within the hour, or overdue.
    const dueSoonBefore = iso(new Date(this.now().getTime() + 60 * 60_000));
    const rows = await this.store.listConversations({ dueSoonBefore, ...query });
    const ids = [...new Set(rows.map((r) => r.contactId))];
    const names = new Map(
      ids.length === 0 ? [] : (await this.store.getContacts(ids)).map((c) => [c.id, c.name]),
    );
    return rows.map((r) => ({
      ...conversationView(r),
      contactName: names.get(r.contactId) ?? null,
    }));
  }

  async require(id: string): Promise<ConversationRow> {
    const conversation = await this.store.getConversation(id);
    if (conversation === undefined) throw notFound('conversation', id);
    return conversation;
  }

  /**
   * Runs the playbook over the whole conversation, as of now. `escalations` are the
   * conversation's, newest first: once a supervisor has dealt with the latest, core does not
   * recommend escalating again for the reasons they already had.
   */
  async analyse(
    conversation: ConversationRow,
    messages: MessageRow[],
    contact: ContactRow | undefined,
    escalations: readonly EscalationRow[] = [],
  ): Promise<ConversationAnalysis> {
    const options: Parameters<typeof analyzeConversation>[1] = {
      now: this.now(),
      timeZone: this.timeZone,
      policy: (await this.teamPolicy.policy()).conversation,
    };
    if (contact?.name) options.customerName = contact.name;
    const latest = escalations[0];
    if (latest !== undefined && isEscalationStatus(latest.status)) {
      const escalation: ConversationEscalation = { status: latest.status, at: latest.updatedAt };
      if (latest.status === 'accepted' && latest.ownerId !== null) {
        const owner = await this.store.getUser(latest.ownerId);
        if (owner !== undefined) escalation.supervisorName = owner.name;
      }
      options.escalation = escalation;
    }
    return analyzeConversation(messages.map(toConversationMessage), options);
  }

  /**
   * A conversation with everything an agent needs: messages with their analysis, the playbook
   * (refreshed and stored when messages came in since it was last read), follow-ups,
   * escalations, offers, and the contact's other conversations.
   */
  async getConversation(id: string): Promise<ConversationDetail> {
    const conversation = await this.require(id);
    const [messages, contact, followUps, escalations, offers, changes, emails] = await Promise.all([
      this.store.listMessages(id),
      this.store.getContact(conversation.contactId),
      this.store.listFollowUps({ conversationId: id, limit: 500 }),
      this.store.listEscalations({ conversationId: id, limit: 100 }),
      this.store.listGoodwillOffers({ conversationId: id, limit: 100 }),
      this.channels?.changesOf(id) ?? [],
      this.store.listEmailThread(id),
    ]);
    const attachments = attachmentsByMessage(emails);
    // Each reply and note sent to the customer's channel shows where it stands.
    const deliveries =
      this.channels === undefined
        ? new Map<string, never>()
        : await this.channels.deliveriesOf(
            messages.filter((m) => m.direction !== 'incoming').map((m) => m.id),
          );
    const analysis = await this.analyse(conversation, messages, contact, escalations);
    if (conversation.analysisStale === 1) {
      await this.store.updateConversation(id, {
        analysis: JSON.stringify({
          playbook: analysis.playbook,
          nextAction: analysis.nextAction,
          escalation: analysis.escalation,
          stop: analysis.stop,
        }),
        analysisStale: 0,
        trend: analysis.trend,
      });
    }
    const history =
      contact === undefined
        ? []
        : (
            await this.store.listConversations({
              contactId: contact.id,
              sort: 'age',
              limit: 50,
              offset: 0,
            })
          ).filter((c) => c.id !== id);
    return {
      conversation: conversationView({ ...conversation, trend: analysis.trend }),
      contact: contact === undefined ? null : contactView(contact),
      messages: messages.map((m) => ({
        ...messageView(m),
        delivery: deliveries.get(m.id) ?? null,
        ...(attachments.has(m.id) ? { attachments: attachments.get(m.id) } : {}),
      })),
      analysis,
      followUps: followUps.map(followUpView),
      escalations: escalations.map(escalationView),
      goodwillOffers: offers.map(goodwillView),
      history: history.map(conversationView),
      deliveries: changes,
    };
  }

  /**
   * The Calmdesk conversation a Chatwoot conversation became, by the account id and the
   * conversation's (per-account display) id, the pair Chatwoot's webhooks and its Dashboard App
   * both name. Not found means no webhook has brought it to Calmdesk yet.
   */
  async getChatwootConversation(
    accountId: string,
    conversationId: string,
  ): Promise<ConversationDetail> {
    // The external id the Chatwoot webhook gave the conversation (integrations/chatwoot.ts).
    const externalId = `${CHATWOOT_ID_PREFIX}:${accountId}:conversation:${conversationId}`;
    const row = await this.store.getConversationByExternalId(externalId);
    if (row === undefined) {
      throw new CalmdeskError(
        'not_found',
        `Calmdesk has not received Chatwoot conversation ${conversationId} of account ${accountId}: its webhook has not reached Calmdesk yet.`,
        { chatwootAccountId: accountId, chatwootConversationId: conversationId },
      );
    }
    return this.getConversation(row.id);
  }

  async updateConversation(id: string, patch: ConversationUpdate, actor: UserRow) {
    const now = iso(this.now());
    const result = await this.store.transaction(async (tx) => {
      const conversation = await tx.lockConversation(id);
      if (conversation === undefined) throw notFound('conversation', id);
      let assignee: UserRow | null = null;
      if (patch.assigneeId !== undefined && patch.assigneeId !== null) {
        const found = await tx.getUser(patch.assigneeId);
        if (found === undefined || found.disabled === 1) throw notFound('user', patch.assigneeId);
        assignee = found;
      }
      if (patch.status === 'snoozed' && (patch.snoozedUntil ?? conversation.snoozedUntil) == null) {
        throw new CalmdeskError(
          'invalid_request',
          'A snoozed conversation needs snoozedUntil: when it wakes up.',
        );
      }
      const changes: Parameters<StoreOps['updateConversation']>[1] = { updatedAt: now };
      if (patch.status !== undefined) changes.status = patch.status;
      if (patch.assigneeId !== undefined) changes.assigneeId = patch.assigneeId;
      if (patch.snoozedUntil !== undefined)
        changes.snoozedUntil =
          patch.snoozedUntil === null ? null : new Date(patch.snoozedUntil).toISOString();
      if (patch.status !== undefined && patch.status !== 'snoozed') changes.snoozedUntil = null;
      await tx.updateConversation(id, changes);
      const updated = { ...conversation, ...changes };
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'conversation.updated',
        entity: 'conversation',
        entityId: id,
        details: JSON.stringify(patch),
      });
      await emitEvent(
        tx,
        'conversation.updated',
        id,
        { conversation: conversationView(updated) },
        now,
      );
      // The same change in the conversation's channel (Chatwoot: resolved, snoozed, assigned).
      const sent = await this.queueChanges(tx, conversation, updated, assignee, now);
      return { view: conversationView(updated), sent };
    });
    if (result.sent) this.channels?.queued();
    return result.view;
  }

  private async queueChanges(
    tx: StoreOps,
    before: ConversationRow,
    after: ConversationRow,
    assignee: UserRow | null,
    now: string,
  ): Promise<boolean> {
    if (this.channels === undefined) return false;
    const statusChanged =
      after.status !== before.status ||
      (after.status === 'snoozed' && after.snoozedUntil !== before.snoozedUntil);
    const assigneeChanged = after.assigneeId !== before.assigneeId;
    if (!statusChanged && !assigneeChanged) return false;
    const contact = await tx.getContact(before.contactId);
    if (contact === undefined) return false;
    let queued = false;
    if (statusChanged) {
      const status = ConversationStatus.catch('open').parse(after.status);
      queued =
        (await this.channels.enqueue(
          tx,
          before,
          contact,
          { kind: 'status', status, snoozedUntil: after.snoozedUntil },
          now,
        )) !== null || queued;
    }
    if (assigneeChanged) {
      queued =
        (await this.channels.enqueue(
          tx,
          before,
          contact,
          { kind: 'assignment', assignee },
          now,
        )) !== null || queued;
    }
    return queued;
  }

  /** A status set from outside (Chatwoot), creating the conversation on first sight. */
  async applyStatusChange(change: ConversationStatusChange, actor: UserRow | null) {
    const now = iso(this.now());
    return this.store.transaction(async (tx) => {
      let conversation = await tx.getConversationByExternalId(change.conversation.externalId);
      if (conversation === undefined) {
        if (change.contact === undefined)
          throw new CalmdeskError(
            'not_found',
            `No conversation with external id ${JSON.stringify(change.conversation.externalId)}, and no contact to create it for.`,
          );
        const contact = await tx.upsertContact({
          externalId: change.contact.externalId,
          name: change.contact.name ?? null,
          email: change.contact.email ?? null,
          now,
        });
        const created = await tx.upsertConversation({
          externalId: change.conversation.externalId,
          contactId: contact.id,
          channel: change.conversation.channel,
          subject: change.conversation.subject ?? null,
          now,
        });
        conversation = created.conversation;
        if (created.created)
          await emitEvent(
            tx,
            'conversation.created',
            conversation.id,
            { conversation: conversationView(conversation) },
            now,
          );
      }
      if (conversation.status !== change.status) {
        await tx.updateConversation(conversation.id, { status: change.status, updatedAt: now });
        await tx.appendAudit({
          at: now,
          actorId: actor?.id ?? null,
          action: 'conversation.status_changed',
          entity: 'conversation',
          entityId: conversation.id,
          details: JSON.stringify({ status: change.status, from: conversation.status }),
        });
        await emitEvent(
          tx,
          'conversation.updated',
          conversation.id,
          { conversation: conversationView({ ...conversation, status: change.status }) },
          now,
        );
      }
      return { conversationId: conversation.id, status: change.status };
    });
  }

  // --- replies ------------------------------------------------------------------------------

  async coach(conversationId: string, draft: string) {
    await this.require(conversationId);
    const messages = await this.store.listMessages(conversationId);
    const policy = await this.teamPolicy.conversationPolicy();
    return coachReply(draft, messages.map(toConversationMessage), {
      upsetTemperature: policy.upsetTemperature,
      timeZone: this.timeZone,
      sentAt: this.now(),
    });
  }

  /** An agent's reply: stored, its promises turned into follow-ups, earlier promises kept. */
  async reply(conversationId: string, text: string, author: UserRow, note = false, sentAt?: Date) {
    const now = iso(sentAt ?? this.now());
    const policy = await this.teamPolicy.conversationPolicy();
    const direction: MessageDirection = note ? 'note' : 'outgoing';
    const analysed = this.pipeline.analyse(direction, text, now);
    const result = await this.store.transaction(async (tx) => {
      const conversation = await tx.lockConversation(conversationId);
      if (conversation === undefined) throw notFound('conversation', conversationId);
      const contact = await tx.getContact(conversation.contactId);
      if (contact === undefined) throw notFound('contact', conversation.contactId);
      const message: MessageRow = {
        id: newId(),
        externalId: null,
        conversationId,
        direction,
        authorId: author.id,
        authorName: author.name,
        text,
        sentAt: now,
        receivedAt: now,
        temperature: null,
        analysis: analysed.analysis,
      };
      await tx.insertMessage(message);
      const events: PendingEvent[] = [];
      const { followUps, patch } = await this.pipeline.afterMessage(
        tx,
        {
          conversation,
          contact,
          message,
          commitments: analysed.commitments,
          author,
          policy,
          now,
        },
        events,
      );
      // Whoever answers an unassigned conversation takes it.
      if (conversation.assigneeId === null && !note) patch.assigneeId = author.id;
      await tx.updateConversation(conversationId, patch);
      // To the customer's channel, in this transaction: stored and queued together, or neither.
      const delivery =
        (await this.channels?.enqueue(
          tx,
          conversation,
          contact,
          { kind: note ? 'note' : 'reply', message, author },
          now,
        )) ?? null;
      for (const event of events) {
        if (event.type === 'message.created' && event.payload.message.id === message.id)
          event.payload.message.delivery = delivery;
      }
      await emitEvents(tx, events, now);
      await tx.appendAudit({
        at: now,
        actorId: author.id,
        action: note ? 'note.added' : 'reply.sent',
        entity: 'message',
        entityId: message.id,
        details: JSON.stringify({ conversationId, followUps: followUps.length }),
      });
      return {
        message: { ...messageView(message), delivery },
        followUps: followUps.map(followUpView),
      };
    });
    if (result.message.delivery !== null) this.channels?.queued();
    return result;
  }
}

/**
 * The files each emailed message carried, by the Calmdesk message it became: listed when the
 * mail was read, their content never kept. A message without any is left out, so the view of
 * other channels' messages is unchanged.
 */
function attachmentsByMessage(
  emails: readonly EmailMessageRow[],
): Map<string, MessageAttachment[]> {
  const byMessage = new Map<string, MessageAttachment[]>();
  for (const email of emails) {
    if (email.calmdeskMessageId === null) continue;
    // Rows written before a reader change could hold anything: a bad list shows nothing.
    const listed = z.array(MessageAttachment).safeParse(parseJson(email.attachments));
    if (listed.success && listed.data.length > 0)
      byMessage.set(email.calmdeskMessageId, listed.data);
  }
  return byMessage;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
