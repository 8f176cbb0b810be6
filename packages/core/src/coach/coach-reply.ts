import type { ConversationMessage } from '../conversation/types.js';
import { analyzeMessage } from '../message/analyze-message.js';
import { detectReplyMoves } from '../reply/detect-reply-moves.js';
import { readCustomer, readEarlierReplies, readSteps } from './missing-steps.js';
import { MOVE_RULES, signalFindings, toneFindings, type RuleContext } from './phrase-findings.js';
import { TOPICS } from './topics.js';
import type { CoachFinding, CoachReplyResult, MissingStep } from './types.js';

export { COACH_RULE_WORDS, COACH_STEP_WORDS, coachRuleWord } from './coach-words.js';
export type {
  CoachFinding,
  DoneStep,
  CoachReplyResult,
  CoachRewrite,
  CoachSeverity,
  CoachStep,
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
  const own = analyzeMessage(draft.length > MAX_ANALYSED ? draft.slice(0, MAX_ANALYSED) : draft);
  for (const f of signalFindings(
    draft,
    own.signals,
    customer.shouted,
    customer.upset,
    customer.texts,
  )) {
    findings.push(f);
  }
  const threshold = options.impolitenessThreshold ?? DEFAULT_IMPOLITENESS_THRESHOLD;
  for (const f of toneFindings(draft, threshold, findings)) findings.push(f);
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  withoutCaseOnlyRewrites(findings);
  const { missing, done } = readSteps(
    draft,
    moves,
    customer,
    readEarlierReplies(messages),
    sentAt,
    options.timeZone ?? 'UTC',
  );
  return { score: scoreOf(findings, missing), findings, missing, done, empty: false };
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
