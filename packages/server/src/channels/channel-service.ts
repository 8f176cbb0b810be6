import { iso, type AppContext } from '../app/app-context.js';
import type { ConversationStatus, OutgoingDelivery } from '../contract/index.js';
import { CalmdeskError, notFound } from '../errors.js';
import type {
  ContactRow,
  ConversationRow,
  MessageRow,
  Store,
  StoreOps,
  UserRow,
} from '../storage/store.js';
import { ChannelRegistry } from './channel-sender.js';
import type { OutgoingKind, OutgoingPayload } from './outgoing-item.js';
import { deliveryView, toOutgoingItem } from './outgoing-view.js';

/** What changed, for the conversation's channel. */
export type OutgoingChange =
  | { kind: 'reply' | 'note'; message: MessageRow; author: UserRow }
  | { kind: 'status'; status: ConversationStatus; snoozedUntil: string | null }
  | { kind: 'assignment'; assignee: UserRow | null };

/** An echo: a message the channel reports, which may be one Calmdesk sent. */
export interface EchoCandidate {
  /** The conversation's external id, as the channel's webhook names it. */
  conversationExternalId: string;
  /** The id the channel gave the message. */
  externalId: string;
  text: string;
  /** The echo id Calmdesk sent with it, when the channel hands it back. */
  echoId?: string | undefined;
}

/** How long after it was queued an item's echo is still looked for by its content. */
const ECHO_WINDOW_MS = 24 * 3_600_000;

/**
 * Replies, notes and status changes that must reach the customer's channel: queued with the
 * change they carry, delivered by the worker (deliver-outgoing.ts), shown with their state,
 * retried on an agent's request, and recognised when the channel echoes them back.
 */
export class ChannelService {
  private readonly store: Store;
  private readonly now: () => Date;
  /** Told when an item is queued, so the worker sends it at once rather than on its next tick. */
  onQueued: () => void = () => undefined;

  constructor(
    ctx: AppContext,
    readonly registry: ChannelRegistry = new ChannelRegistry(),
  ) {
    this.store = ctx.store;
    this.now = ctx.now;
  }

  /**
   * Queues a change for the conversation's channel inside the caller's transaction (so it goes
   * out exactly when the change is stored); nothing when no sender takes the conversation.
   * Call `queued` once the transaction has committed.
   */
  async enqueue(
    tx: StoreOps,
    conversation: ConversationRow,
    contact: ContactRow,
    change: OutgoingChange,
    now: string,
  ): Promise<OutgoingDelivery | null> {
    const sender = this.registry.senderFor(conversation, change.kind);
    if (sender === undefined) return null;
    const payload: OutgoingPayload = {
      conversation: {
        id: conversation.id,
        externalId: conversation.externalId,
        channel: conversation.channel,
        subject: conversation.subject,
      },
      contact: {
        id: contact.id,
        externalId: contact.externalId,
        name: contact.name,
        email: contact.email,
      },
    };
    let messageId: string | null = null;
    if (change.kind === 'reply' || change.kind === 'note') {
      messageId = change.message.id;
      payload.message = {
        id: change.message.id,
        text: change.message.text,
        authorId: change.author.id,
        authorName: change.author.name,
        authorEmail: change.author.email,
      };
    } else if (change.kind === 'status') {
      payload.status = { status: change.status, snoozedUntil: change.snoozedUntil };
    } else if (change.kind === 'assignment') {
      payload.assignee =
        change.assignee === null
          ? null
          : { id: change.assignee.id, name: change.assignee.name, email: change.assignee.email };
    }
    const row = await tx.enqueueOutgoing(
      {
        conversationId: conversation.id,
        messageId,
        channel: sender.name,
        kind: change.kind satisfies OutgoingKind,
        payload: JSON.stringify(payload),
      },
      now,
    );
    return deliveryView(row);
  }

  /** Tells the worker something was queued (after the commit). */
  queued(): void {
    this.onQueued();
  }

  /** The deliveries of these messages, by message id (the latest, should there be several). */
  async deliveriesOf(messageIds: readonly string[]): Promise<Map<string, OutgoingDelivery>> {
    const rows =
      messageIds.length === 0 ? [] : await this.store.listOutgoingForMessages(messageIds);
    return new Map(rows.map((r) => [r.messageId ?? '', deliveryView(r)]));
  }

  /** A conversation's status and assignee changes on their way to its channel. */
  async changesOf(conversationId: string): Promise<OutgoingDelivery[]> {
    const rows = await this.store.listOutgoingForConversation(conversationId);
    return rows.filter((r) => r.messageId === null).map(deliveryView);
  }

  /** Queues a failed item again, with a fresh round of attempts. */
  async retry(id: number, actor: UserRow): Promise<OutgoingDelivery> {
    const now = iso(this.now());
    const retried = await this.store.transaction(async (tx) => {
      const item = await tx.getOutgoing(id);
      if (item === undefined) throw notFound('delivery', String(id));
      const row = await tx.retryOutgoing(id, now);
      if (row === undefined)
        throw new CalmdeskError(
          'conflict',
          `Delivery ${id} is ${item.state}: only a failed delivery can be retried.`,
        );
      await tx.appendAudit({
        at: now,
        actorId: actor.id,
        action: 'delivery.retried',
        entity: 'delivery',
        entityId: String(id),
        details: JSON.stringify({ conversationId: row.conversationId, lastError: item.lastError }),
      });
      await tx.emit('delivery.updated', row.conversationId, { delivery: deliveryView(row) }, now);
      return row;
    });
    this.queued();
    return deliveryView(retried);
  }

  /**
   * Recognises the channel's echo of a message Calmdesk sent: by the echo id it carries, else
   * by its text among the conversation's items whose send may have arrived (attempted, no
   * channel id yet). A match marks the item sent with the channel's id (so it is never sent
   * again, even if its worker is still waiting for an answer or timed out) and gives the
   * stored message that id. Returns the stored message's id, or undefined: not an echo (an
   * agent wrote it in the channel itself), to be stored as a message of its own.
   */
  async matchEcho(
    channel: string,
    echo: EchoCandidate,
  ): Promise<{ messageId: string; conversationId: string } | undefined> {
    const now = this.now();
    return this.store.transaction(async (tx) => {
      const conversation = await tx.getConversationByExternalId(echo.conversationExternalId);
      if (conversation === undefined) return undefined;
      const candidates = await tx.lockEchoCandidates(conversation.id, channel);
      const text = echo.text.trim();
      const match =
        candidates.find((c) => echo.echoId !== undefined && c.messageId === echo.echoId) ??
        candidates.find(
          (c) =>
            now.getTime() - Date.parse(c.createdAt) <= ECHO_WINDOW_MS &&
            toOutgoingItem(c).message?.text.trim() === text,
        );
      if (match === undefined || match.messageId === null) return undefined;
      const at = iso(now);
      await tx.markOutgoingSent(match.id, echo.externalId, at);
      await tx.linkMessageExternalId(match.messageId, echo.externalId);
      const row = await tx.getOutgoing(match.id);
      if (row !== undefined)
        await tx.emit('delivery.updated', row.conversationId, { delivery: deliveryView(row) }, at);
      return { messageId: match.messageId, conversationId: conversation.id };
    });
  }
}
