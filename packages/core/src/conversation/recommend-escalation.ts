import type { ReplyMoveKind } from '../reply/types.js';
import type { EscalationRecommendation, FollowUp, Handoff } from './conversation-analysis.js';
import {
  answerTo,
  describeIndexes,
  maxTemperature,
  stretchBefore,
  type ConversationFacts,
} from './conversation-facts.js';
import { joinAnd } from './describe-problem.js';
import { clip, sentenceAround } from './quote-text.js';
import type { AgentTurn } from './read-conversation.js';

const MAX_OFFERS_LISTED = 3;
const MISSED_PROMISE = 'a promise was missed';
/** The summary lists this many efforts and counts the rest: it must read in ten seconds. */
const MAX_EFFORTS_IN_SUMMARY = 4;

/** What the agents tried for one kind of move, as the hand-off lists it. */
const EFFORTS: readonly (readonly [ReplyMoveKind, string])[] = [
  ['acknowledgement', 'acknowledged their feelings'],
  ['apology', 'apologised'],
  ['clarifying_question', 'asked clarifying questions'],
  ['ownership', 'took ownership'],
  ['fair_question', 'asked what they would consider fair'],
];

/** One thing the agents tried: as the hand-off lists it, and shorter for the summary. */
export interface Effort {
  line: string;
  short: string;
}

/** What the agents have tried so far, with the message it happened in. */
export function describeEfforts(facts: ConversationFacts, promises: readonly FollowUp[]): Effort[] {
  const agents = facts.upsetStart < 0 ? facts.agents : facts.repliesSinceUpset;
  const tried: Effort[] = [];
  for (const [kind, words] of EFFORTS) {
    const turn = agents.find((a) => a.kinds.has(kind));
    if (turn !== undefined)
      tried.push({ line: `${words} (${describeIndexes([turn.index])})`, short: words });
  }
  let offers = 0;
  for (const turn of agents) {
    const move = turn.moves.find((m) => m.kind === 'solution');
    if (move === undefined || offers >= MAX_OFFERS_LISTED) continue;
    offers++;
    const offer = clip(sentenceAround(turn.text, move.start, move.end));
    tried.push({
      line: `offered "${offer}" (${describeIndexes([turn.index])})`,
      short: `offered "${clip(offer, 40)}"`,
    });
  }
  for (const p of promises) {
    const text = clip(p.promised ?? '');
    tried.push({
      line: `promised "${text}" in ${describeIndexes([p.messageIndex ?? 0])}: ${p.status}`,
      short: `promised "${clip(text, 40)}" (${p.status})`,
    });
  }
  return tried;
}

/** A reason to bring in a supervisor: the long line, the short label, and what it is about. */
interface Reason {
  long: string;
  short: string;
  /** The same key is the same reason: "manager", "threat:legal", "not_falling", "missed:…". */
  key: string;
}

/**
 * The keys of the reasons to escalate that held as the conversation stood at some moment:
 * after a supervisor has dealt with them, they are not recommended again.
 */
export function escalationReasonKeys(
  facts: ConversationFacts,
  promises: readonly FollowUp[],
): Set<string> {
  return new Set(findReasons(facts, promises).map((r) => r.key));
}

/** The reasons to bring in a supervisor. */
function findReasons(facts: ConversationFacts, promises: readonly FollowUp[]): Reason[] {
  const reasons: Reason[] = [];
  const { policy, customers } = facts;
  const manager = customers.find((c) =>
    c.analysis.signals.some((s) => s.kind === 'manager_demand'),
  );
  if (manager !== undefined) {
    const s = manager.analysis.signals.find((x) => x.kind === 'manager_demand');
    reasons.push({
      long: `Asked for a manager in ${describeIndexes([manager.index])} ("${clip(s?.text ?? '')}").`,
      short: 'asked for a manager',
      key: 'manager',
    });
  }
  const threatsSeen = new Set<string>();
  for (const c of customers) {
    for (const s of c.analysis.signals) {
      if (s.threat === undefined || !policy.escalateOnThreats.includes(s.threat)) continue;
      if (threatsSeen.has(s.threat)) continue;
      threatsSeen.add(s.threat);
      reasons.push({
        long: `${s.explanation} in ${describeIndexes([c.index])} ("${clip(s.text)}").`,
        short: s.explanation.toLowerCase(),
        key: `threat:${s.threat}`,
      });
    }
  }
  const notFalling = temperatureNotFalling(facts);
  if (notFalling !== undefined) {
    reasons.push({ long: notFalling[0], short: notFalling[1], key: 'not_falling' });
  }
  for (const p of promises) {
    if (p.status !== 'missed') continue;
    reasons.push({
      long: `Missed a promise. ${p.why}`,
      short: MISSED_PROMISE,
      key: `missed:${p.messageIndex ?? -1}:${p.promised ?? ''}`,
    });
  }
  return reasons;
}

/**
 * "Stays upset despite real effort": the last `escalateAfterReplies` agent replies the customer
 * answered have not brought the temperature down by `minTemperatureFall` from where it stood
 * before the first of them, and it is still heated. A reply is the agent's last message before
 * the customer writes again, so two messages in a row count once.
 */
function temperatureNotFalling(facts: ConversationFacts): [string, string] | undefined {
  const { policy, current } = facts;
  if (current === undefined || current.temperature < policy.heatedTemperature) return undefined;
  const replies = facts.repliesSinceUpset.filter((a) => answerTo(facts, a).length > 0);
  if (replies.length < policy.escalateAfterReplies) return undefined;
  const recent = replies.slice(replies.length - policy.escalateAfterReplies);
  const first = recent[0] as AgentTurn;
  const before = stretchBefore(facts, first);
  let reference = maxTemperature(before);
  if (reference < 0) {
    // Two agent messages in a row: the customer's state is their last message before them.
    const pos = facts.positionOf.get(first.index) ?? 0;
    for (let p = pos - 1; p >= 0 && reference < 0; p--) {
      const t = facts.turns[p];
      if (t?.role === 'customer') reference = t.analysis.temperature;
    }
  }
  if (current.temperature <= reference - policy.minTemperatureFall) return undefined;
  return [
    `Still ${current.level} after ${recent.length} agent replies (${describeIndexes(recent.map((r) => r.index))}): temperature ${reference} before them, ${current.temperature} now.`,
    `still ${current.level} after ${recent.length} replies`,
  ];
}

function describeWants(facts: ConversationFacts): string {
  const asked = facts.repliesSinceUpset.find((a) => a.kinds.has('fair_question'));
  const answer = asked === undefined ? undefined : answerTo(facts, asked)[0];
  if (answer !== undefined) return `"${clip(answer.text, 100)}" (asked what would be fair)`;
  return facts.problem.wants;
}

function describeProblemForHandoff(facts: ConversationFacts): string {
  const { problem } = facts;
  const quotes = problem.quotes.map((q) => `"${q}"`).join(', ');
  if (problem.known) return quotes === '' ? problem.label : `${problem.label} (${quotes})`;
  const first = facts.upsetStart >= 0 ? facts.turns[facts.upsetStart] : facts.customers[0];
  return first === undefined ? 'not described yet' : `in their words: "${clip(first.text, 100)}"`;
}

/**
 * The supervisor's hand-off: who, what went wrong, what was tried, what the customer wants,
 * so the customer need not repeat the story (brief, point 11).
 */
function writeHandoff(
  facts: ConversationFacts,
  efforts: readonly Effort[],
  labels: readonly string[],
  customerName: string | undefined,
  because = 'Escalating because',
): Handoff {
  const customer = customerName?.trim() || 'The customer';
  const problem = describeProblemForHandoff(facts);
  const tried = efforts.map((e) => e.line);
  const wants = describeWants(facts);
  const { current, peak } = facts;
  const mood =
    current === undefined
      ? ''
      : ` is ${current.level} (temperature ${current.temperature}, peak ${peak?.temperature ?? current.temperature})`;
  const shown = efforts.slice(0, MAX_EFFORTS_IN_SUMMARY).map((e) => e.short);
  const more = efforts.length - shown.length;
  const triedShort =
    efforts.length === 0 ? 'nothing yet' : joinAnd(more > 0 ? [...shown, `${more} more`] : shown);
  const summary =
    `${customer}${mood} about ${facts.problem.known ? facts.problem.label : 'their problem'}. ` +
    `Tried: ${triedShort}. Wants: ${clip(wants, 100)}. ${because}: ${joinAnd(labels)}.`;
  return { summary, customer, problem, tried, wants };
}

/**
 * A supervisor's decision on an earlier escalation, as `recommendEscalation` reads it: the
 * reasons that held when they took it over (or sent it back, or resolved it) are theirs.
 */
export interface PastEscalation {
  /** The keys of the reasons that held at the decision (`escalationReasonKeys`). */
  handled: ReadonlySet<string>;
  /** Set while a supervisor holds the conversation: when they took it over, and who. */
  takeover?: { at: string; supervisor: string };
}

/**
 * Whether to bring in a supervisor (brief, point 11): when the customer asks for a manager,
 * threatens legal action (or whatever `escalateOnThreats` lists), stays heated after
 * `escalateAfterReplies` replies, or was given a promise that was missed. `urgent` when a
 * reason other than a missed promise holds.
 *
 * After a supervisor's decision (`past`), a reason that held then is not recommended again;
 * while a supervisor holds the conversation, asking for a manager is no new reason either
 * (they have one), a new reason is addressed to the supervisor, and none is urgent: there is
 * no one to bring in, the supervisor is already there.
 */
export function recommendEscalation(
  facts: ConversationFacts,
  promises: readonly FollowUp[],
  efforts: readonly Effort[],
  customerName: string | undefined,
  past?: PastEscalation,
): { escalation: EscalationRecommendation; urgent: boolean } {
  let found = findReasons(facts, promises);
  const takeover = past?.takeover;
  if (past !== undefined) {
    found = found.filter(
      (r) => !past.handled.has(r.key) && !(takeover !== undefined && r.key === 'manager'),
    );
  }
  if (found.length === 0) {
    // Not recommended, but an agent may still ask for help: the hand-off is ready for them.
    const escalation: EscalationRecommendation = {
      recommended: false,
      reasons: [],
      handoff: writeHandoff(facts, efforts, ['the agent asked for a supervisor'], customerName),
    };
    if (takeover !== undefined) escalation.takenOverAt = takeover.at;
    return { escalation, urgent: false };
  }
  const labels = found.map((r) => r.short);
  if (takeover === undefined) {
    return {
      escalation: {
        recommended: true,
        reasons: found.map((r) => r.long),
        handoff: writeHandoff(facts, efforts, labels, customerName),
      },
      // A missed promise alone is first made good by the agent who made it; the rest need a supervisor now.
      urgent: labels.some((l) => l !== MISSED_PROMISE),
    };
  }
  const since = `New since ${takeover.supervisor} took over`;
  return {
    escalation: {
      recommended: true,
      reasons: found.map((r) => `${since}: ${r.long}`),
      handoff: writeHandoff(facts, efforts, labels, customerName, since),
      takenOverAt: takeover.at,
    },
    urgent: false,
  };
}
