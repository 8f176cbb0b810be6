import type { OutgoingItem, OutgoingKind, SendOutcome } from './outgoing-item.js';

/** The conversation facts a registry chooses a sender by. */
export interface ChannelConversation {
  externalId: string;
  channel: string;
}

/**
 * Delivers outgoing items to one kind of channel (Chatwoot, email, a generic URL).
 *
 * `send` is called by the delivery worker with an item it holds a lease on, and must finish
 * (or give up) before `signal` aborts. It never throws for a channel's failure: it says what
 * happened in a {@link SendOutcome}. A sender may be called again for the same item after a
 * crash or timeout (`item.inDoubt`); one that can check whether the earlier attempt arrived
 * should, since the customer must not get a reply twice.
 */
export interface ChannelSender {
  /** Stored with each item it takes, to find it again after a restart: keep it stable. */
  readonly name: string;
  /** Whether it delivers to this conversation's channel. */
  accepts(conversation: ChannelConversation): boolean;
  /** Whether it delivers this kind of item (email sends no internal notes). */
  delivers(kind: OutgoingKind): boolean;
  send(item: OutgoingItem, signal: AbortSignal): Promise<SendOutcome>;
}

/**
 * The senders configured at start-up. A conversation goes to the first sender that accepts it;
 * fallback senders (the generic URL) are asked only when no other does.
 */
export class ChannelRegistry {
  private readonly senders: ChannelSender[] = [];
  private readonly fallbacks: ChannelSender[] = [];

  register(sender: ChannelSender, options: { fallback?: boolean } = {}): this {
    if (this.byName(sender.name) !== undefined)
      throw new Error(`a channel sender named ${sender.name} is registered already`);
    (options.fallback === true ? this.fallbacks : this.senders).push(sender);
    return this;
  }

  /** The sender for this conversation's items of this kind; undefined: they stay in Calmdesk. */
  senderFor(conversation: ChannelConversation, kind: OutgoingKind): ChannelSender | undefined {
    const sender =
      this.senders.find((s) => s.accepts(conversation)) ??
      this.fallbacks.find((s) => s.accepts(conversation));
    return sender?.delivers(kind) === true ? sender : undefined;
  }

  byName(name: string): ChannelSender | undefined {
    return [...this.senders, ...this.fallbacks].find((s) => s.name === name);
  }

  get empty(): boolean {
    return this.senders.length + this.fallbacks.length === 0;
  }
}
