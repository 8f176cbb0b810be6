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
