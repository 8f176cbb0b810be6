import { CHATWOOT_ID_PREFIX } from '../integrations/chatwoot.js';
import { sign } from '../integrations/signature.js';
import type { ChannelSender } from './channel-sender.js';
import { outcomeOfError, outcomeOfStatus } from './http-outcome.js';
import type { OutgoingItem, SendOutcome } from './outgoing-item.js';

export interface GenericSenderOptions {
  url: string;
  /** Signs each post like the other outgoing webhooks (X-Calmdesk-Signature). */
  secret?: string | undefined;
  now: () => Date;
  fetch?: typeof fetch;
}

/** The body the generic channel receives: what to tell the customer's system, in its words. */
export function genericBody(item: OutgoingItem): Record<string, unknown> {
  return {
    id: item.id,
    kind: item.kind,
    createdAt: item.createdAt,
    conversation: item.conversation,
    contact: item.contact,
    ...(item.message === undefined ? {} : { message: item.message }),
    ...(item.status === undefined ? {} : { status: item.status }),
    ...(item.assignee === undefined ? {} : { assignee: item.assignee }),
  };
}

/**
 * Any other help desk: each reply, note, status and assignee change of a conversation that came
 * from no other channel is posted to a configured URL, signed, and counts as sent on a 2xx.
 * `X-Calmdesk-Delivery` stays the same on every attempt of one item, so the receiver can drop
 * the repeat of a post it took whose answer we never heard.
 */
export function createGenericSender(options: GenericSenderOptions): ChannelSender {
  const doFetch = options.fetch ?? fetch;
  return {
    name: 'generic',
    // Chatwoot's and email's conversations go back where they came from, never here.
    accepts: (conversation) =>
      !conversation.externalId.startsWith(`${CHATWOOT_ID_PREFIX}:`) &&
      conversation.channel !== 'email',
    delivers: () => true,
    async send(item, signal): Promise<SendOutcome> {
      const body = JSON.stringify(genericBody(item));
      const timestamp = Math.floor(options.now().getTime() / 1000);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'Calmdesk-Channel/1',
        'x-calmdesk-delivery': `outgoing-${item.id}`,
        'x-calmdesk-event': `outgoing.${item.kind}`,
        'x-calmdesk-timestamp': String(timestamp),
      };
      if (options.secret !== undefined)
        headers['x-calmdesk-signature'] = sign(options.secret, timestamp, body);
      try {
        const response = await doFetch(options.url, {
          method: 'POST',
          headers,
          body,
          signal,
          redirect: 'error',
        });
        await response.body?.cancel().catch(() => undefined);
        return (
          outcomeOfStatus(response, options.now().getTime(), 'the outgoing URL') ?? { kind: 'sent' }
        );
      } catch (error) {
        return outcomeOfError(error, 'the outgoing URL');
      }
    },
  };
}
