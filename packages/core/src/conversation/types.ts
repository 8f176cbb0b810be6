/** Who wrote a message of a conversation: the customer, an agent, or an internal note. */
export type MessageRole = 'customer' | 'agent' | 'note';

/** One message of a conversation, as core reads it. */
export interface ConversationMessage {
  role: MessageRole;
  text: string;
  /** When it was written: an ISO 8601 date-time with an offset or "Z". */
  at: string;
  /** The message's id where the caller has one; findings point at messages by index otherwise. */
  id?: string;
}

/**
 * The conversation's latest escalation to a supervisor, as the help desk recorded it. Once a
 * supervisor has taken it over (`accepted`), or sent it back or resolved it, the reasons that
 * already held then are theirs: `analyzeConversation` does not recommend escalating for them
 * again, only for a reason that arose later.
 *
 * @example
 * const escalation: ConversationEscalation = {
 *   status: 'accepted',
 *   at: '2024-03-07T10:20:00Z', // when the supervisor took it over
 *   supervisorName: 'Sam',
 * };
 */
export interface ConversationEscalation {
  status: 'open' | 'accepted' | 'returned' | 'resolved';
  /** When it reached `status` (ISO 8601 with an offset): for `accepted`, the takeover. */
  at: string;
  /** Who took it over, to address new reasons to them; "the supervisor" when left out. */
  supervisorName?: string;
}
