/**
 * Channels: what an agent sends in Calmdesk reaches the customer where they wrote.
 *
 * How it works. A reply, a note, a status or an assignee change on a conversation is queued as
 * an outgoing item (`outgoing_messages`) in the same transaction that stores it
 * (`ChannelService.enqueue`, called by the conversation service), with everything the sender
 * needs captured in its payload (`OutgoingItem`). The worker (`deliver-outgoing.ts`) leases due
 * items (one per conversation at a time, so a conversation's items arrive in order), hands each
 * to the sender named on it, and records the outcome: sent (with the channel's id), queued again
 * with backoff and jitter (or the channel's Retry-After), or failed with the reason. Leases make
 * it safe with several instances and across restarts: an item is never held by two workers, and
 * one cut short by a crash is taken again, marked in doubt. The API shows each message's
 * `delivery`, `delivery.updated` events keep the web app current, and
 * POST /api/v1/deliveries/{id}/retry queues a failed item again.
 *
 * Adding a channel (email, say):
 * 1. Write a `ChannelSender` (channel-sender.ts): a stable `name`, `accepts(conversation)` (for
 *    example `conversation.channel === 'email'`), `delivers(kind)` (email: not 'note'), and
 *    `send(item, signal)` that resolves to a `SendOutcome` and never throws for the channel's
 *    own failures. Use `item.inDoubt` to avoid a second copy where the channel lets you check.
 * 2. Register it in `createChannelRegistry` below when its settings are configured. The first
 *    sender that accepts a conversation takes it; the generic URL is a fallback, asked last.
 * 3. Nothing else: queueing, retries, the state in the API and the web app, and the retry
 *    button come with it.
 */
import type { ChannelSender } from './channel-sender.js';
import { ChannelRegistry } from './channel-sender.js';
import { createChatwootSender } from './chatwoot-sender.js';
import { createGenericSender } from './generic-sender.js';

export { ChannelRegistry, type ChannelSender } from './channel-sender.js';
export type { OutgoingItem, SendOutcome } from './outgoing-item.js';

/** The channel settings read at start-up (see config.ts). */
export interface ChannelSettings {
  chatwootUrl?: string | undefined;
  chatwootApiToken?: string | undefined;
  outgoingUrl?: string | undefined;
  outgoingSecret?: string | undefined;
}

/** The senders the settings configure, plus any the caller adds (tests, other channels). */
export function createChannelRegistry(
  settings: ChannelSettings,
  options: { now: () => Date; fetch?: typeof fetch | undefined; extra?: ChannelSender[] },
): ChannelRegistry {
  const registry = new ChannelRegistry();
  if (settings.chatwootUrl !== undefined && settings.chatwootApiToken !== undefined) {
    registry.register(
      createChatwootSender({
        url: settings.chatwootUrl,
        apiToken: settings.chatwootApiToken,
        fetch: options.fetch,
      }),
    );
  }
  for (const sender of options.extra ?? []) registry.register(sender);
  if (settings.outgoingUrl !== undefined) {
    registry.register(
      createGenericSender({
        url: settings.outgoingUrl,
        secret: settings.outgoingSecret,
        now: options.now,
        fetch: options.fetch,
      }),
      { fallback: true },
    );
  }
  return registry;
}
