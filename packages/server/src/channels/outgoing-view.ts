import type { OutgoingDelivery } from '../contract/index.js';
import type { OutgoingMessageRow } from '../storage/store.js';
import type {
  OutgoingItem,
  OutgoingKind,
  OutgoingPayload,
  OutgoingState,
} from './outgoing-item.js';

/** An item as the API shows it. */
export function deliveryView(row: OutgoingMessageRow): OutgoingDelivery {
  return {
    id: row.id,
    conversationId: row.conversationId,
    messageId: row.messageId,
    channel: row.channel,
    kind: row.kind as OutgoingKind,
    state: row.state as OutgoingState,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.state === 'queued' ? row.nextAttemptAt : null,
    externalId: row.externalId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    sentAt: row.sentAt,
  };
}

/** An item as a sender is given it. */
export function toOutgoingItem(row: OutgoingMessageRow): OutgoingItem {
  const payload = JSON.parse(row.payload) as OutgoingPayload;
  return {
    ...payload,
    id: row.id,
    kind: row.kind as OutgoingKind,
    attempt: row.attempts,
    inDoubt: row.inDoubt === 1,
    createdAt: row.createdAt,
  };
}
