import type { OutgoingDelivery } from '../contract/index.js';
import type { OutgoingMessageRow } from '../storage/store.js';
import type {
  OutgoingItem,
  OutgoingKind,
  OutgoingPayload,
  OutgoingState,
} from './outgoing-item.js';

/** What a status or assignee change sets (replies and notes show their message instead). */
function changeOf(row: OutgoingMessageRow): OutgoingDelivery['change'] {
  if (row.kind !== 'status' && row.kind !== 'assignment') return null;
  const payload = JSON.parse(row.payload) as OutgoingPayload;
  if (row.kind === 'status' && payload.status !== undefined) {
    return { status: payload.status.status, snoozedUntil: payload.status.snoozedUntil };
  }
  if (row.kind === 'assignment' && payload.assignee !== undefined) {
    return { assigneeName: payload.assignee?.name ?? null };
  }
  return null;
}

/** An item as the API shows it. */
export function deliveryView(row: OutgoingMessageRow): OutgoingDelivery {
  return {
    id: row.id,
    conversationId: row.conversationId,
    messageId: row.messageId,
    channel: row.channel,
    kind: row.kind as OutgoingKind,
    change: changeOf(row),
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
