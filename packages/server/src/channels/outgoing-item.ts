import type { ConversationStatus, OutgoingDelivery } from '../contract/index.js';

export type OutgoingKind = OutgoingDelivery['kind'];
export type OutgoingState = OutgoingDelivery['state'];

/**
 * What a sender is given to deliver: everything it needs, captured when the item was queued
 * (so a later rename or reassignment never changes what was sent), plus the attempt's facts.
 */
export interface OutgoingItem {
  id: number;
  kind: OutgoingKind;
  conversation: {
    id: string;
    /** The id the channel knows it by, e.g. chatwoot:<account>:conversation:<id>. */
    externalId: string;
    channel: string;
    subject: string | null;
  };
  contact: { id: string; externalId: string; name: string | null; email: string | null };
  /** A reply or note: the stored message. */
  message?: {
    id: string;
    text: string;
    authorId: string | null;
    authorName: string | null;
    authorEmail: string | null;
  };
  /** A status change. */
  status?: { status: ConversationStatus; snoozedUntil: string | null };
  /** An assignee change; null when the conversation was unassigned. */
  assignee?: { id: string; name: string; email: string } | null;
  /** This attempt's number, from 1. */
  attempt: number;
  /**
   * An earlier attempt may have reached the channel without our hearing so (it timed out, or
   * Calmdesk stopped mid-send): a sender that can look should check before sending again.
   */
  inDoubt: boolean;
  createdAt: string;
}

/** The part of an item stored as its payload. */
export type OutgoingPayload = Omit<
  OutgoingItem,
  'id' | 'kind' | 'attempt' | 'inDoubt' | 'createdAt'
>;

/**
 * What one attempt came to: `sent` (with the channel's id for what it created, when it gives
 * one), `retry` (a passing failure: tried again after `retryAfterMs` when the channel said how
 * long, else after a backoff), or `failed` (it will never work as it is: a wrong token, a
 * conversation the channel no longer has; the agent sees the reason).
 */
export type SendOutcome =
  | { kind: 'sent'; externalId?: string | null }
  | { kind: 'retry'; reason: string; retryAfterMs?: number; inDoubt?: boolean }
  | { kind: 'failed'; reason: string };
