import type { ConversationMessage } from '../conversation/types.js';
import { detectReplyMoves } from '../reply/detect-reply-moves.js';
import { detectSignals } from '../signals/detect-signals.js';
import { listeningFindings } from './listening-findings.js';
import { readCustomer, readEarlierReplies, readSteps } from './missing-steps.js';
import { MOVE_RULES, signalFindings, toneFindings, type RuleContext } from './phrase-findings.js';
import { TOPICS } from './topics.js';
import { dropRepeat, normalise } from './rewrite-spans.js';
import type { CoachFinding, CoachReplyResult, CoachRewrite, MissingStep } from './types.js';

export { COACH_RULE_WORDS, COACH_STEP_WORDS, coachRuleWord } from './coach-words.js';
export type {
  CoachFinding,
  DoneStep,
  CoachReplyResult,
  CoachRewrite,
  CoachSeverity,
  CoachStep,
  CustomerSpan,
  MissingStep,
} from './types.js';

/*
 * The reply coach: checks an agent's draft against the practice (brief, points 2-8 and 10)
 * before it is sent. Findings point at words of the draft, say why in one line, and, where a
 * safe wording exists, carry a one-click rewrite (phrase-findings.ts). Missing steps say what
 * the draft still needs at this point of the conversation (missing-steps.ts).
 *
 * Cost: the draft is read once by each engine (moves, signals, politeness); of the
 * conversation, only the latest customer messages are analysed, and earlier agent messages are
 * only searched for a sincere apology.
 */

/**
 * How the coach reads the conversation.
 *
 * @example
 * const options: CoachReplyOptions = { upsetTemperature: 55, timeZone: 'Europe/London' };
 */
export interface CoachReplyOptions {
  /** A customer message at or above this temperature (0-100) counts as upset. Default 45. */
  upsetTemperature?: number;
  /**
   * How many of the latest customer messages decide what the draft still needs: those since
   * the last agent message, at most this many (default 3).
   */
  recentCustomerMessages?: number;
  /**
   * A sentence of the draft at or above this impoliteness (0-1), with clear impolite cues, is
   * flagged as curt. Default 0.85.
   */
  impolitenessThreshold?: number;
  /**
   * When the draft will be sent (ISO 8601 or a Date), for reading promised times; default: the
   * time of the conversation's last message. Only whether a time was promised matters here.
   */
  sentAt?: string | Date;
  /** The team's IANA time zone, for reading promised times. Default 'UTC'. */
  timeZone?: string;
}

/**
 * The weights of the score: 100 minus, for each rule, the penalties of its two worst findings
 * (repeats of one mistake count at most twice), minus the penalty of each missing step;
 * clamped to 0-100. An upset customer met with a blocking phrase and no apology scores about 25;
 * a draft that acknowledges, apologises, reflects, owns and commits to a time scores 100.
 *
 * @example
 * PENALTIES.severity.problem; // 20
 */
export const PENALTIES = Object.freeze({
  severity: Object.freeze({ problem: 20, warning: 10, info: 3 } as const),
  missing: Object.freeze({
    acknowledgement: 10,
    apology: 15,
    reflection: 10,
    ownership: 10,
    next_step: 10,
  } as const),
  findingsCountedPerRule: 2,
});

const DEFAULT_UPSET_TEMPERATURE = 45;
const DEFAULT_RECENT_CUSTOMER_MESSAGES = 3;
const DEFAULT_IMPOLITENESS_THRESHOLD = 0.85;
/**
 * Only this much of the draft goes through the message engine (about a microsecond a
 * character): a reply is never this long, and a pasted log must not stall the editor. Spans
 * stay exact: the analysed part is a prefix.
 */
const MAX_ANALYSED = 20_000;
/**
 * At most this many moves of the draft become findings: more than any agent can read, and
 * repeats count at most twice in the score anyway.
 */
const MAX_MOVE_FINDINGS = 200;
/** Stand-in send time when neither the options nor the conversation give a valid one. */
const FALLBACK_SENT_AT = new Date(Date.UTC(2024, 0, 2, 12, 0, 0));

function sendTime(options: CoachReplyOptions, conversation: readonly ConversationMessage[]): Date {
  if (options.sentAt !== undefined) {
    const ms =
      options.sentAt instanceof Date
        ? options.sentAt.getTime()
        : Date.parse(String(options.sentAt));
    if (Number.isNaN(ms))
      throw new TypeError(`coachReply: invalid sentAt ${String(options.sentAt)}`);
    return new Date(ms);
  }
  for (let i = conversation.length - 1; i >= 0; i--) {
    const at = conversation[i]?.at;
    const ms = typeof at === 'string' ? Date.parse(at) : Number.NaN;
    if (!Number.isNaN(ms)) return new Date(ms);
  }
  return FALLBACK_SENT_AT;
}

function scoreOf(findings: readonly CoachFinding[], missing: readonly MissingStep[]): number {
  const byRule = new Map<string, number[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule) ?? [];
    list.push(PENALTIES.severity[f.severity]);
    byRule.set(f.rule, list);
  }
  let penalty = 0;
  for (const list of byRule.values()) {
    list.sort((a, b) => b - a);
    for (const p of list.slice(0, PENALTIES.findingsCountedPerRule)) penalty += p;
  }
  for (const m of missing) penalty += PENALTIES.missing[m.step];
  return Math.max(0, Math.min(100, 100 - penalty));
}

/**
 * Checks an agent's draft reply before it is sent: what in it will make an upset customer
 * angrier (blocking phrases, conditional apologies, blame, dismissive words, hand-offs,
 * sarcasm, shouting back, swearing, a curt tone), with one-click rewrites, and which steps of
 * the practice it still misses at this point of the conversation (acknowledgement and apology
 * only when the customer is upset; reflection, ownership and a timed next step when they have
 * a problem). Never throws for any draft or conversation; throws a TypeError only on a bad
 * option (an invalid `sentAt` or an unknown `timeZone`).
 *
 * @example
 * const conversation = [{ role: 'customer', text: 'WHERE IS MY REFUND?! Third time asking!!', at: '2026-03-02T09:00:00Z' }];
 * const r = coachReply("That's our policy.", conversation);
 * r.score;                              // 25
 * r.findings[0]?.rewrite?.replacement;  // 'Let me explain how this works and what I can do'
 * r.missing.map((m) => m.step);         // ['acknowledgement', 'apology', 'reflection', 'ownership', 'next_step']
 */
export function coachReply(
  draft: string,
  conversation: readonly ConversationMessage[],
  options: CoachReplyOptions = {},
): CoachReplyResult {
  if (typeof draft !== 'string') throw new TypeError('coachReply expects the draft as a string');
  const messages = Array.isArray(conversation) ? conversation : [];
  const sentAt = sendTime(options, messages);
  const customer = readCustomer(
    messages,
    options.recentCustomerMessages ?? DEFAULT_RECENT_CUSTOMER_MESSAGES,
    options.upsetTemperature ?? DEFAULT_UPSET_TEMPERATURE,
  );
  if (draft.trim() === '') {
    // Nothing written yet is nothing to praise: not "100, nothing to change".
    return { score: 0, findings: [], missing: [], done: [], empty: true };
  }
  const moves = detectReplyMoves(draft);
  const ctx: RuleContext = {
    draft,
    upset: customer.upset,
    topic: customer.topics[0] === undefined ? undefined : TOPICS[customer.topics[0]],
  };
  const findings: CoachFinding[] = [];
  for (const m of moves) {
    const rule = MOVE_RULES[m.kind];
    if (rule === undefined) continue;
    findings.push(rule(m, ctx));
    if (findings.length >= MAX_MOVE_FINDINGS) break;
  }
  // Only the draft's signs are read (shouting back, swearing): not its upset score, which would
  // cost the model's features and a language guess for nothing.
  const own = detectSignals(draft.length > MAX_ANALYSED ? draft.slice(0, MAX_ANALYSED) : draft);
  for (const f of signalFindings(draft, own, customer.shouted, customer.upset, customer.texts)) {
    findings.push(f);
  }
  const threshold = options.impolitenessThreshold ?? DEFAULT_IMPOLITENESS_THRESHOLD;
  for (const f of toneFindings(draft, threshold, findings)) findings.push(f);
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  withoutCaseOnlyRewrites(findings);
  mergeRefusals(draft, findings);
  withoutRepeats(draft, findings);
  // Listening last: its whole-draft findings must not hide the tone of any sentence, and its one
  // rewrite adds a line rather than changing words the others rewrite.
  // A boundary (a warning about abuse, or any reply to a customer who keeps attacking after
  // one) owes no answer: the practice warns, apologises and closes (brief, point 12).
  const earlier = readEarlierReplies(messages);
  const boundary =
    moves.some((m) => m.kind === 'abuse_warning') ||
    (customer.attacking && earlier.has('abuse_warning'));
  if (!boundary) {
    for (const f of listeningFindings(draft, messages, findings)) findings.push(f);
    findings.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  const { missing, done } = readSteps(
    draft,
    moves,
    customer,
    earlier,
    sentAt,
    options.timeZone ?? 'UTC',
  );
  return { score: scoreOf(findings, missing), findings, missing, done, empty: false };
}

/** What may stand between two refusals of one sentence: "that's our policy, so I can't". */
const JOINED = /^[\s,;:]*(?:(?:and|so|but|which\s+means|therefore|meaning)\b[\s,]*)?$/i;
/** A clause joined to the one before it, up to the end of the sentence (sticky: read in place). */
const JOINED_CLAUSE = /[\s,;:]*(?:and|so|but|which\s+means|therefore|meaning)\b[^.!?\n]{0,300}/iy;

/** The runs of four words of a text, lower case, for telling when words repeat. */
function fourWordRuns(text: string): Set<string> {
  const words = normalise(text).match(/[a-z0-9']+/g) ?? [];
  const runs = new Set<string>();
  for (let i = 0; i + 4 <= words.length; i++) runs.add(words.slice(i, i + 4).join(' '));
  return runs;
}

/** How far around a rewrite to look for its words said already: the draft a reader sees at once. */
const REPEAT_REACH = 2_000;

/** True when one of `runs` occurs in `lower` (the draft in lower case) outside `start`-`end`. */
function saidElsewhere(
  lower: string,
  start: number,
  end: number,
  runs: ReadonlySet<string>,
): boolean {
  const from = Math.max(0, start - REPEAT_REACH);
  const to = Math.min(lower.length, end + REPEAT_REACH);
  for (const run of runs) {
    for (let i = lower.indexOf(run, from); i >= 0 && i < to; i = lower.indexOf(run, i + 1)) {
      if (i + run.length <= start || i >= end) return true;
    }
  }
  return false;
}

function sharesRun(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const run of a) if (b.has(run)) return true;
  return false;
}

/**
 * Two refusals in one sentence ("that's our policy, so I can't change it") are one "no": the
 * first one's rewrite takes in the second, so applying it gives one sentence of what the agent
 * can do, not two phrasings of it joined by "so". Likewise a joined clause that already says
 * what the rewrite says ("..., so let me see what I can do") goes with it.
 */
function mergeRefusals(draft: string, findings: CoachFinding[]): void {
  const refusals = findings
    .filter((f) => f.rule === 'blocking-phrase' && f.rewrite !== undefined)
    .map((f) => f.rewrite as CoachRewrite);
  refusals.forEach((a, i) => {
    if (a.replacement === '') return;
    for (let j = i + 1; j < refusals.length; j++) {
      const next = refusals[j] as CoachRewrite;
      if (next.start < a.end || next.end <= a.end || !JOINED.test(draft.slice(a.end, next.start))) {
        break;
      }
      a.end = next.end;
    }
    JOINED_CLAUSE.lastIndex = a.end;
    const clause = JOINED_CLAUSE.exec(draft);
    if (clause !== null && sharesRun(fourWordRuns(clause[0]), fourWordRuns(a.replacement))) {
      a.end += clause[0].trimEnd().length;
    }
  });
}

/**
 * A rewrite whose words the draft already says elsewhere ("I can see how upsetting this is"
 * twice) removes the phrase instead, so applying every rewrite never repeats itself.
 */
function withoutRepeats(draft: string, findings: CoachFinding[]): void {
  const offered = new Set<string>();
  let lower: string | undefined;
  for (const f of findings) {
    const r = f.rewrite;
    if (r === undefined || r.replacement === '') continue;
    const runs = fourWordRuns(r.replacement);
    if (runs.size === 0) continue;
    lower ??= normalise(draft);
    if (saidElsewhere(lower, r.start, r.end, runs) || sharesRun(runs, offered)) {
      f.rewrite = dropRepeat(draft, r.start, r.end);
    } else {
      for (const run of runs) offered.add(run);
    }
  }
}

/**
 * Shouted words that another finding rewrites (a dismissive "STOP SHOUTING AT ME") keep their
 * finding but lose the plain-case rewrite: "Stop shouting at me" is no better, and the other
 * rewrite replaces the words anyway.
 */
function withoutCaseOnlyRewrites(findings: CoachFinding[]): void {
  for (const f of findings) {
    if (f.rule !== 'mirroring-capitals' || f.rewrite === undefined) continue;
    const replaced = findings.some(
      (g) =>
        g !== f &&
        g.rewrite !== undefined &&
        g.rule !== 'mirroring-exclamations' &&
        g.start < f.end &&
        f.start < g.end,
    );
    if (replaced) delete f.rewrite;
  }
}
