import { analyzeUpset, type MessageAnalysis } from '../message/analyze-message.js';
import { detectReplyMovesMany } from '../reply/detect-reply-moves.js';
import type { ReplyMove, ReplyMoveKind } from '../reply/types.js';
import type { CommitmentKind, DueKind } from '../commitments/extract-commitments.js';
import type { Signal } from '../signals/types.js';
import type { ConversationNote } from './conversation-analysis.js';
import { parseInstant } from './local-time.js';
import type { ConversationMessage } from './types.js';
import { sortInPlace } from '../util/sort-in-place.js';

/** Fields every read message has; `index` is its position in the caller's array. */
interface ReadBase {
  index: number;
  text: string;
  /** `at` in epoch milliseconds. */
  ms: number;
  at: string;
}

/** What the rules read of a customer message: all of `analyzeMessage` but its language guess. */
export type CustomerAnalysis = Omit<MessageAnalysis, 'language'>;

export interface CustomerTurn extends ReadBase {
  role: 'customer';
  analysis: CustomerAnalysis;
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

/**
 * Finds the promises with a due time in agent messages: `find(texts, sentAts)[i]` holds those
 * of `texts[i]`, sent at `sentAts[i]`. Many at once, so that each step of the reading runs over
 * all the messages before the next starts.
 */
export type FindPromises = (
  texts: readonly string[],
  sentAts: readonly string[],
) => AgentPromise[][];

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
function isPersonalAbuse(text: string, analysis: CustomerAnalysis): boolean {
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
  if (added) sortInPlace(moves, (a, b) => a.start - b.start);
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
  const valid: ReadBase[] = [];
  const isCustomer: boolean[] = [];
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
    valid.push({ index, text, ms, at });
    isCustomer.push(role === 'customer');
  }

  // Each analyser reads all its messages before the next one starts: the customer model, then
  // the reply moves, then the commitments. Each keeps its own large regexes and tables hot in
  // the processor's caches, which makes the whole read markedly faster than taking the
  // messages one by one through all of them; every analyser is pure, so the order they run in
  // changes no result.
  // The same text is read once: customers repeat themselves ("Any update??") and agents send
  // the same canned replies. What is kept is never changed afterwards, so sharing it is safe.
  const analyses = new Map<string, { analysis: CustomerAnalysis; personalAbuse: boolean }>();
  for (let i = 0; i < valid.length; i++) {
    if (!isCustomer[i]) continue;
    const { text } = valid[i] as ReadBase;
    if (analyses.has(text)) continue;
    const analysis = analyzeUpset(text, { topWords: 0 });
    analyses.set(text, { analysis, personalAbuse: isPersonalAbuse(text, analysis) });
  }
  const agentTexts: string[] = [];
  const agentTimes: string[] = [];
  const distinctAgentTexts = new Set<string>();
  for (let i = 0; i < valid.length; i++) {
    if (isCustomer[i]) continue;
    const { text, at } = valid[i] as ReadBase;
    agentTexts.push(text);
    agentTimes.push(at);
    distinctAgentTexts.add(text);
  }
  const moveTexts = [...distinctAgentTexts];
  const foundMoves = detectReplyMovesMany(moveTexts);
  const movesOf = new Map<string, ReplyMove[]>();
  for (let k = 0; k < moveTexts.length; k++) {
    movesOf.set(moveTexts[k] as string, foundMoves[k] as ReplyMove[]);
  }
  const agentPromises = findPromises(agentTexts, agentTimes);

  const turns: Turn[] = [];
  let agent = 0;
  for (let i = 0; i < valid.length; i++) {
    const { index, text, ms, at } = valid[i] as ReadBase;
    if (isCustomer[i]) {
      const read = analyses.get(text) as { analysis: CustomerAnalysis; personalAbuse: boolean };
      turns.push({
        role: 'customer',
        index,
        text,
        ms,
        at,
        analysis: read.analysis,
        personalAbuse: read.personalAbuse,
      });
      continue;
    }
    const promises = agentPromises[agent++] as AgentPromise[];
    // A copy: the promised fixes added to it are this message's own.
    const moves = withPromisedFixes((movesOf.get(text) as ReplyMove[]).slice(), promises);
    const kinds = new Set<ReplyMoveKind>();
    for (const mv of moves) kinds.add(mv.kind);
    turns.push({ role: 'agent', index, text, ms, at, moves, kinds, promises });
  }
  if (unsorted) {
    // Array.prototype.sort is stable: messages written at the same instant keep the caller's order.
    turns.sort((a, b) => a.ms - b.ms);
    notes.push({ note: 'The messages were not in time order; they were read in time order.' });
  }
  return { turns, notes, size: messages.length };
}
