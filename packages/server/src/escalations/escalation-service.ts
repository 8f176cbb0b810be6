import { iso, type AppContext } from '../app/app-context.js';
import { escalationView } from '../app/views.js';
import type { ConversationService } from '../conversations/conversation-service.js';
import { CalmdeskError, notFound } from '../errors.js';
import { emitEvent } from '../events/live-event.js';
import { newId } from '../ids.js';
import type { OutgoingWebhooks } from '../integrations/outgoing-webhooks.js';
import { slackMessage } from '../integrations/slack-message.js';
import { requireRole } from '../people/roles.js';
import type { Store, UserRow } from '../storage/store.js';

/** Bringing in a supervisor: the hand-off, the queue, taking over and handing back. */
export class EscalationService {
  private readonly store: Store;
  private readonly now: () => Date;

  constructor(
    ctx: AppContext,
    private readonly conversations: ConversationService,
    private readonly webhooks: OutgoingWebhooks,
  ) {
    this.store = ctx.store;
    this.now = ctx.now;
  }

  async escalate(
    conversationId: string,
    input: { reason?: string | undefined; summary?: string | undefined },
    actor: UserRow,
  ) {
    const conversation = await this.conversations.require(conversationId);
    const [messages, contact] = await Promise.all([
      this.store.listMessages(conversationId),
      this.store.getContact(conversation.contactId),
    ]);
    const analysis = await this.conversations.analyse(conversation, messages, contact);
    const reason =
      input.reason ?? analysis.escalation.reasons[0] ?? 'The agent asked for a supervisor.';
    const summary =
      input.summary ??
      analysis.escalation.handoff?.summary ??
      `${contact?.name ?? 'The customer'} (${conversation.channel}), temperature ${conversation.temperature}, peak ${conversation.peakTemperature}: ${conversation.subject ?? 'no subject'}. ${messages.length} messages so far.`;
    const now = iso(this.now());
    return this.store.transaction(async (tx) => {
      const open = await tx.listEscalations({
        conversationId,
        statuses: ['open', 'accepted'],
        limit: 1,
      });
      if (open.length > 0)
        throw new CalmdeskError('conflict', 'This conversation already has an open escalation.', {
          escalationId: open[0]?.id,
        });
      const row = {
        id: newId(),
        conversationId,
        reason,
        summary,
        requestedBy: actor.id,
        ownerId: null,
        status: 'open',
        note: null,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insertEscalation(row);
      await tx.updateConversation(conversationId, { escalated: 1, updatedAt: now });
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'escalation.created',
        entity: 'escalation',
        entityId: row.id,
        details: JSON.stringify({ conversationId, reason }),
      });
      const event = await emitEvent(
        tx,
        'escalation.created',
        conversationId,
        { escalation: escalationView(row) },
        now,
      );
      await this.webhooks.notify(
        tx,
        'escalation',
        slackMessage.escalation(row, contact?.name ?? null, conversation),
        event.id,
        now,
      );
      return escalationView(row);
    });
  }

  /** accept: a supervisor takes it over; return: sends it back to the agent; resolve: done. */
  async decideEscalation(
    id: string,
    action: 'accept' | 'return' | 'resolve',
    note: string | undefined,
    actor: UserRow,
  ) {
    // Defence in depth: the queue's routes need a supervisor too.
    requireRole(actor, 'supervisor', 'Deciding an escalation');
    const now = iso(this.now());
    const next = { accept: 'accepted', return: 'returned', resolve: 'resolved' }[action];
    const allowedFrom: Record<string, string[]> = {
      accept: ['open', 'returned'],
      return: ['open', 'accepted'],
      resolve: ['open', 'accepted', 'returned'],
    };
    return this.store.transaction(async (tx) => {
      const escalation = await tx.getEscalation(id);
      if (escalation === undefined) throw notFound('escalation', id);
      if (!(allowedFrom[action] ?? []).includes(escalation.status)) {
        throw new CalmdeskError(
          'conflict',
          `An escalation that is ${escalation.status} cannot be ${next}.`,
        );
      }
      const patch = {
        status: next,
        updatedAt: now,
        note: note ?? escalation.note,
        ownerId: action === 'accept' ? actor.id : escalation.ownerId,
      };
      await tx.updateEscalation(id, patch);
      if (action === 'accept') {
        await tx.updateConversation(escalation.conversationId, {
          assigneeId: actor.id,
          updatedAt: now,
        });
      }
      if (action !== 'accept') {
        await tx.updateConversation(escalation.conversationId, { escalated: 0, updatedAt: now });
      }
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: `escalation.${next}`,
        entity: 'escalation',
        entityId: id,
        details: JSON.stringify({ note: note ?? null }),
      });
      const updated = { ...escalation, ...patch };
      await emitEvent(
        tx,
        'escalation.updated',
        escalation.conversationId,
        { escalation: escalationView(updated) },
        now,
      );
      return escalationView(updated);
    });
  }

  listEscalations(statuses: string[] | undefined, limit: number) {
    return this.store.listEscalations({ statuses, limit }).then((rows) => rows.map(escalationView));
  }
}
