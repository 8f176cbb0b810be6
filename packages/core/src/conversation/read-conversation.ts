import { analyzeMessage, type MessageAnalysis } from '../message/analyze-message.js';
import { detectReplyMoves } from '../reply/detect-reply-moves.js';
import type { ReplyMove, ReplyMoveKind } from '../reply/types.js';
import type { CommitmentKind, DueKind } from '../commitments/extract-commitments.js';
import type { Signal } from '../signals/types.js';
import type { ConversationNote } from './conversation-analysis.js';
import { parseInstant } from './local-time.js';
import type { ConversationMessage } from './types.js';

/** Fields every read message has; `index` is its position in the caller's array. */
interface ReadBase {
  index: number;
  text: string;
  /** `at` in epoch milliseconds. */
  ms: number;
  at: string;
}

export interface CustomerTurn extends ReadBase {
  role: 'customer';
  analysis: MessageAnalysis;
  /** Abuse aimed at a person, not swearing at the situation: see `isPersonalAbuse`. */
  personalAbuse: boolean;
}

/** A commitment found in an agent message: what was promised and when it falls due. */
export interface AgentPromise {
  kind: CommitmentKind;
  /** The promise as written, at `start`-`end` of the message. */
  text: string;
  start: number;
  end: number;
  /** Epoch milliseconds. */
  dueMs: number;
  /** How the due time was read; 'default' when no time was given. */
  dueKind: DueKind;
}

export interface AgentTurn extends ReadBase {
  role: 'agent';
  moves: ReplyMove[];
  kinds: ReadonlySet<ReplyMoveKind>;
  promises: AgentPromise[];
}

export type Turn = CustomerTurn | AgentTurn;

/** Finds the promises with a due time in an agent message sent at `sentAt`. */
export type FindPromises = (text: string, sentAt: string) => AgentPromise[];

/**
 * The conversation as the rules read it: the customer's and agents' messages with valid times,
 * in time order, each analysed exactly once.
 */
export interface ReadConversation {
  turns: Turn[];
  notes: ConversationNote[];
  /** How many messages the caller passed: every index points below it. */
  size: number;
}

const SECOND_PERSON = /\b(?:you|your|yours|you're|youre|yourself|yourselves|u|ur|go|shut)\b/i;
/** How far around a swear word to look for whom it is aimed at. */
const AIM_REACH = 14;

/**
 * True when an abusive message attacks a person: an insult, or a swear word aimed at someone
 * ("f*** you", "go to hell"). "This is damn annoying" is abusive language but no attack, and
 * an angry customer who swears at the situation is never one the practice says to stop serving.
 */
function isPersonalAbuse(text: string, analysis: MessageAnalysis): boolean {
  if (!analysis.abuse.abusive) return false;
  return analysis.abuse.signals.some(
    (s: Signal) =>
      s.kind === 'insult' ||
      SECOND_PERSON.test(
        text.slice(Math.max(0, s.start - AIM_REACH), Math.min(text.length, s.end + AIM_REACH)),
      ),
  );
}

/**
 * Promises that are themselves a remedy: "I'll refund you today" offers a solution. A promised
 * fix ("I'll make sure this is fixed") is ownership, not yet an offer.
 */
const FIXES: ReadonlySet<CommitmentKind> = new Set<CommitmentKind>([
  'refund',
  'replacement',
  'delivery',
]);

/**
 * The reply's moves, with a `solution` for each promise of a fix that no solution move already
 * covers: the reply moves read phrasings ("I can offer you"), the commitments read promises,
 * and an offer made as a promise is still an offer.
 */
function withPromisedFixes(moves: ReplyMove[], promises: readonly AgentPromise[]): ReplyMove[] {
  let added = false;
  for (const p of promises) {
    if (!FIXES.has(p.kind)) continue;
    if (moves.some((m) => m.kind === 'solution' && m.start < p.end && p.start < m.end)) continue;
    moves.push({ kind: 'solution', start: p.start, end: p.end, text: p.text });
    added = true;
  }
  if (added) moves.sort((a, b) => a.start - b.start);
  return moves;
}

/** A value the caller passed, shown safely in a note: any value, never a throw. */
function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
}

/**
 * Validates, orders and analyses the messages. Never throws on a message: one it cannot read
 * (no valid role, no text, an `at` that is not ISO 8601 with an offset) is skipped with a note.
 * Internal notes are left out: the customer never saw them. Messages are sorted by time, ties
 * kept in the caller's order, and a note says when the caller's order was not time order.
 */
export function readConversation(
  messages: readonly ConversationMessage[],
  findPromises: FindPromises,
): ReadConversation {
  const notes: ConversationNote[] = [];
  const turns: Turn[] = [];
  // The same text is read once: customers repeat themselves ("Any update??") and agents send
  // the same canned replies. What is kept is never changed afterwards, so sharing it is safe.
  const analyses = new Map<string, { analysis: MessageAnalysis; personalAbuse: boolean }>();
  const movesOf = new Map<string, ReplyMove[]>();
  let unsorted = false;
  let lastMs = -Infinity;
  for (let index = 0; index < messages.length; index++) {
    const m: unknown = messages[index];
    if (typeof m !== 'object' || m === null) {
      notes.push({ messageIndex: index, note: 'Skipped: not a message object.' });
      continue;
    }
    const { role, text, at } = m as Partial<ConversationMessage>;
    if (role === 'note') continue;
    if (role !== 'customer' && role !== 'agent') {
      notes.push({
        messageIndex: index,
        note: `Skipped: role ${show(role)} is not customer, agent or note.`,
      });
      continue;
    }
    if (typeof text !== 'string') {
      notes.push({ messageIndex: index, note: 'Skipped: the message has no text.' });
      continue;
    }
    const ms = parseInstant(at);
    if (ms === undefined || typeof at !== 'string') {
      notes.push({
        messageIndex: index,
        note: `Skipped: "at" (${show(at)}) is not an ISO 8601 date-time with an offset or "Z".`,
      });
      continue;
    }
    if (ms < lastMs) unsorted = true;
    lastMs = Math.max(lastMs, ms);
    if (role === 'customer') {
      let read = analyses.get(text);
      if (read === undefined) {
        const analysis = analyzeMessage(text, { topWords: 0 });
        read = { analysis, personalAbuse: isPersonalAbuse(text, analysis) };
        analyses.set(text, read);
      }
      turns.push({ role, index, text, ms, at, ...read });
    } else {
      const promises = findPromises(text, at);
      let found = movesOf.get(text);
      if (found === undefined) {
        found = detectReplyMoves(text);
        movesOf.set(text, found);
      }
      // A copy: the promised fixes added to it are this message's own.
      const moves = withPromisedFixes(found.slice(), promises);
      turns.push({
        role,
        index,
        text,
        ms,
        at,
        moves,
        kinds: new Set(moves.map((mv) => mv.kind)),
        promises,
      });
    }
  }
  if (unsorted) {
    // Array.prototype.sort is stable: messages written at the same instant keep the caller's order.
    turns.sort((a, b) => a.ms - b.ms);
    notes.push({ note: 'The messages were not in time order; they were read in time order.' });
  }
  return { turns, notes, size: messages.length };
}
