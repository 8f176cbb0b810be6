import { z } from 'zod';
import { ROLES } from './roles.js';

/*
 * The states the API's records move through. They are part of the contract: the server checks
 * them, and the web app and integrations read them.
 */

export const MessageDirection = z.enum(['incoming', 'outgoing', 'note']);
export type MessageDirection = z.infer<typeof MessageDirection>;

export const ConversationStatus = z.enum(['open', 'pending', 'resolved', 'snoozed']);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const ConversationTrend = z.enum(['calming', 'steady', 'escalating']);
export type ConversationTrend = z.infer<typeof ConversationTrend>;

/** `history`: a promise read in an imported (historical) reply, recorded but never on the clock. */
export const FollowUpStatus = z.enum(['pending', 'due', 'kept', 'missed', 'history']);
export type FollowUpStatus = z.infer<typeof FollowUpStatus>;

export const EscalationStatus = z.enum(['open', 'accepted', 'returned', 'resolved']);
export type EscalationStatus = z.infer<typeof EscalationStatus>;
export const ESCALATION_STATUSES: readonly EscalationStatus[] = EscalationStatus.options;

/** Whether a stored status is one an escalation can have. */
export function isEscalationStatus(status: string): status is EscalationStatus {
  return (ESCALATION_STATUSES as readonly string[]).includes(status);
}

export const GoodwillStatus = z.enum(['pending', 'approved', 'rejected']);
export type GoodwillStatus = z.infer<typeof GoodwillStatus>;

export const RoleSchema = z.enum(ROLES);
