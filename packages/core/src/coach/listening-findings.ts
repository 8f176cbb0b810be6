import type { ConversationMessage } from '../conversation/types.js';
import {
  readListening,
  type ListeningFinding,
  type ListeningFindingKind,
} from '../listening/check-listening.js';
import type { CustomerAsk } from '../listening/read-asks.js';
import type { CoachFinding, CoachRewrite, CustomerSpan } from './types.js';

/*
 * Listening in the coach (issue 18): does the draft answer what the customer asked, without
 * asking again for what they gave, stalling, closing while they still need help, pasting a
 * template or a bare "no"? Each finding points at the draft and at the customer's words it
 * misses, so the agent sees both sides.
 */

/** The coach's rule id for each way a reply fails to listen. */
export const LISTENING_RULES: Readonly<Record<ListeningFindingKind, string>> = Object.freeze({
  unanswered: 'unanswered-question',
  asks_again: 'asks-again',
  stall: 'stall',
  closes_open: 'closes-while-open',
  template: 'template-reply',
  curt: 'curt-reply',
});

/**
 * Findings that name a sentence ("No. You need to update it yourself.", "I'll close this chat")
 * give way to a finding of another rule on the same words: that one already says what is wrong
 * there, usually with a rewrite.
 */
const GIVES_WAY: ReadonlySet<ListeningFindingKind> = new Set(['curt', 'closes_open']);

/** Where in the customer's messages a question was asked or a fact given. */
type Place = Pick<CustomerAsk, 'messageIndex' | 'start' | 'end'>;

function customerSpan(
  place: Place | undefined,
  conversation: readonly ConversationMessage[],
): CustomerSpan | undefined {
  if (place === undefined) return undefined;
  const message = conversation[place.messageIndex];
  if (message === undefined) return undefined;
  return {
    messageIndex: place.messageIndex,
    start: place.start,
    end: place.end,
    text: message.text.slice(place.start, place.end),
  };
}

/**
 * The honest holding line, added after the draft's last words: it cannot answer for the agent,
 * but it tells the customer their question is being looked at and when they will hear.
 */
function holdingLine(
  draft: string,
  rewrite: ListeningFinding['rewrite'],
): CoachRewrite | undefined {
  // Past the part listening reads, an insertion would land mid-draft.
  if (rewrite === undefined || rewrite.start !== draft.length) return undefined;
  const body = draft.trimEnd();
  const line = rewrite.replacement.trim();
  const joint = /[.!?]$/.test(body) ? ' ' : body === '' ? '' : '. ';
  return { start: body.length, end: draft.length, replacement: `${joint}${line}` };
}

/**
 * The listening findings on a draft, as coach findings. `taken` are the coach's other findings,
 * to which a sentence-level listening finding gives way. At most one holding-line rewrite is
 * offered, so applying every rewrite adds it once.
 *
 * @example
 * const conversation = [{ role: 'customer', text: 'Is that price in dollars?', at: '2026-01-05T10:00:00Z' }];
 * listeningFindings('One moment please.', conversation, [])[0]?.rule; // 'stall'
 */
export function listeningFindings(
  draft: string,
  conversation: readonly ConversationMessage[],
  taken: readonly CoachFinding[],
): CoachFinding[] {
  const listening = readListening(draft, conversation, false);
  const out: CoachFinding[] = [];
  let offered = false;
  const firstUnanswered = listening.unanswered[0];
  for (const f of listening.findings) {
    if (GIVES_WAY.has(f.kind) && taken.some((t) => t.start < f.end && f.start < t.end)) continue;
    const finding: CoachFinding = {
      rule: LISTENING_RULES[f.kind],
      start: f.start,
      end: f.end,
      text: f.text,
      severity: f.severity,
      why: f.why,
    };
    // The customer's words it misses: their question, or the fact they already gave.
    const customer = customerSpan(f.fact ?? f.ask ?? firstUnanswered, conversation);
    if (customer !== undefined) finding.customer = customer;
    const rewrite = offered ? undefined : holdingLine(draft, f.rewrite);
    if (rewrite !== undefined) {
      finding.rewrite = rewrite;
      offered = true;
    }
    out.push(finding);
  }
  return out;
}
