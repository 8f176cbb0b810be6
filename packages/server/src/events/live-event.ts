import type { LiveEventPayload, LiveEventType } from '../contract/index.js';
import type { StoredEvent, StoreOps } from '../storage/store.js';

/** An event to record: its kind, the conversation it is about, and the contract's payload for it. */
export type PendingEvent = {
  [T in LiveEventType]: {
    type: T;
    conversationId: string | null;
    payload: LiveEventPayload<T>;
  };
}[LiveEventType];

/**
 * Records one live event inside the caller's transaction; subscribers hear it once that commits.
 * Typed by the contract, so every payload is the API's own view of what changed.
 */
export function emitEvent<T extends LiveEventType>(
  tx: StoreOps,
  type: T,
  conversationId: string | null,
  payload: LiveEventPayload<T>,
  now: string,
): Promise<StoredEvent> {
  return tx.emit(type, conversationId, payload, now);
}

/** Records several live events in one statement, in order. */
export function emitEvents(
  tx: StoreOps,
  events: readonly PendingEvent[],
  now: string,
): Promise<StoredEvent[]> {
  return tx.emitMany(events, now);
}
