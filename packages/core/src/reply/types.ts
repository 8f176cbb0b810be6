import type { Span } from '../signals/types.js';

/**
 * What an agent's message does, in the terms of the practice (brief, points 3-12). Detected by
 * `detectReplyMoves` in `detect-reply-moves.ts`.
 */
export type ReplyMoveKind =
  | 'acknowledgement' // "I understand how frustrating this is"
  | 'undone_acknowledgement' // taken back by a "but": "I understand your frustration, but..."
  | 'apology' // a sincere apology: "I'm sorry the parcel is late"
  | 'conditional_apology' // "sorry if you feel", "sorry but", "sorry for any inconvenience"
  | 'ownership' // "I will make sure this is fixed", "leave it with me"
  | 'fair_question' // "what would you consider fair?"
  | 'solution' // an offer or fix: "I've issued a refund", "I can offer you"
  | 'clarifying_question' // "could you tell me your order number?"
  | 'abuse_warning' // "if the language continues I will have to end this chat"
  | 'closing' // "I'm going to close this conversation now"
  | 'handoff' // passing the customer elsewhere: "you'll need to contact our billing team"
  | 'blocking' // "I can't", "that's our policy", "there's nothing I can do"
  | 'blame' // "you should have", "as I already said"
  | 'dismissive'; // "calm down", "relax"

/** One move found in an agent's message, with its evidence. */
export interface ReplyMove extends Span {
  kind: ReplyMoveKind;
  text: string;
}
