import type { ReplyMove, ReplyMoveKind } from '../reply/types.js';
import type { FollowUp, PlaybookStep, PlaybookStepName } from './conversation-analysis.js';
import {
  answerTo,
  describeIndexes,
  hasCalmed,
  maxTemperature,
  stretchBefore,
  type ConversationFacts,
} from './conversation-facts.js';
import { addProblemStems, createProblemStems, mentionsProblem } from './describe-problem.js';
import { capitalise, quoteSpan } from './quote-text.js';
import type { AgentTurn, CustomerTurn, Turn } from './read-conversation.js';

/*
 * The playbook: which steps of the practice (brief, points 3-10) the agents have taken, and in
 * which message. The steps are judged on the agent messages since the customer first got upset;
 * with a calm customer there is nothing to de-escalate, so the steps are `not_applicable`
 * unless an agent took them anyway.
 */

const VENTING = 'The customer is still venting: listen first';

/** "Message 4", for the start of a sentence. */
function messageLabel(index: number): string {
  return capitalise(describeIndexes([index]));
}

function firstWith(replies: readonly AgentTurn[], kind: ReplyMoveKind): AgentTurn | undefined {
  return replies.find((r) => r.kinds.has(kind));
}

function moveOf(turn: AgentTurn, kind: ReplyMoveKind): ReplyMove | undefined {
  return turn.moves.find((m) => m.kind === kind);
}

/** Why a step is missing after `n` agent replies to the upset customer. */
function noneTried(n: number, verb: string): string {
  return n === 1
    ? `The agent's reply since the customer got upset did not ${verb}.`
    : `${n} agent replies since the customer got upset, and none tried to ${verb}.`;
}

/** The sentence of the agent's message that shows the move, in quotes. */
function evidence(turn: AgentTurn, kind: ReplyMoveKind): string {
  const move = moveOf(turn, kind);
  return move === undefined ? '' : quoteSpan(turn.text, move);
}

/**
 * True when the agent's message sat in the middle of a burst: the customer messages just before
 * and just after it would together make a burst, one that reached the heated temperature.
 */
function talkedOver(
  facts: ConversationFacts,
  agent: AgentTurn,
  before: readonly CustomerTurn[],
): boolean {
  const after = answerTo(facts, agent);
  if (before.length === 0 || after.length === 0) return false;
  const run = [...before, ...after];
  if (maxTemperature(run) < facts.policy.heatedTemperature) return false;
  const windowMs = facts.policy.burstWindowSeconds * 1000;
  const split = before.length;
  let start = 0;
  for (let j = split; j < run.length; j++) {
    const tj = run[j]?.ms ?? 0;
    while (tj - (run[start]?.ms ?? 0) > windowMs) start++;
    if (start < split && j - start + 1 >= facts.policy.burstMinMessages) return true;
  }
  return false;
}

/** True when the customer messages an agent answered (`before` it) were a heated burst. */
function answeredVenting(facts: ConversationFacts, before: readonly CustomerTurn[]): boolean {
  const last = before[before.length - 1];
  return last !== undefined && facts.ventingBursts.some((b) => b.indexes.includes(last.index));
}

function judgeListening(facts: ConversationFacts): PlaybookStep {
  const step: PlaybookStepName = 'listened';
  let askedEarlier = false;
  let answered: AgentTurn | undefined;
  for (const agent of facts.agents) {
    // The customer messages the agent answered, read once for both checks.
    const before = stretchBefore(facts, agent);
    if (talkedOver(facts, agent, before)) {
      return {
        step,
        status: 'missing',
        messageIndex: agent.index,
        why: `${messageLabel(agent.index)} talked over the customer while they were still writing in quick succession.`,
      };
    }
    const venting = answeredVenting(facts, before);
    const solution = moveOf(agent, 'solution');
    const question = moveOf(agent, 'clarifying_question');
    if (venting && solution !== undefined && !askedEarlier) {
      if (question === undefined || question.start > solution.start) {
        return {
          step,
          status: 'missing',
          messageIndex: agent.index,
          why: `${messageLabel(agent.index)} proposed a solution (${quoteSpan(agent.text, solution)}) while the customer was venting, before asking a single clarifying question.`,
        };
      }
    }
    if (question !== undefined) askedEarlier = true;
    if (venting && answered === undefined) answered = agent;
  }
  const asked = facts.repliesSinceUpset.find((r) => r.kinds.has('clarifying_question'));
  if (facts.ventingNow) {
    return {
      step,
      status: 'not_yet',
      why: `${VENTING}; when they finish, ask a clarifying question rather than proposing a solution.`,
    };
  }
  if (asked !== undefined) {
    return {
      step,
      status: 'done',
      messageIndex: asked.index,
      why: `${messageLabel(asked.index)} asked a clarifying question (${evidence(asked, 'clarifying_question')}).`,
    };
  }
  if (answered !== undefined) {
    return {
      step,
      status: 'done',
      messageIndex: answered.index,
      why: `The agent let the customer finish venting before replying in ${describeIndexes([answered.index])}.`,
    };
  }
  return {
    step,
    status: 'not_applicable',
    why:
      facts.upsetStart < 0
        ? 'The customer is not upset.'
        : 'The customer has not vented in a burst of messages; a clarifying question is still welcome.',
  };
}

/** "acknowledge their feelings", "apologise"...: the verb for each of the early steps. */
const EARLY: readonly (readonly [PlaybookStepName, ReplyMoveKind, string])[] = [
  ['acknowledged', 'acknowledgement', "acknowledge the customer's feelings"],
  ['apologised', 'apology', 'apologise'],
  ['owned', 'ownership', 'take ownership'],
];

/** Why an early step not taken is not taken yet, or missing. */
function notTaken(
  facts: ConversationFacts,
  step: PlaybookStepName,
  verb: string,
): PlaybookStep | undefined {
  if (facts.upsetStart < 0) {
    return {
      step,
      status: 'not_applicable',
      why: `The customer is not upset: no need to ${verb}.`,
    };
  }
  if (facts.repliesSinceUpset.length === 0) {
    const upsetAt = facts.turns[facts.upsetStart] as Turn;
    return {
      step,
      status: 'not_yet',
      why: facts.ventingNow
        ? `${VENTING}, then ${verb}.`
        : `No agent reply since the customer got upset in ${describeIndexes([upsetAt.index])}: ${verb} in the first one.`,
    };
  }
  return undefined;
}

function judgeEarly(
  facts: ConversationFacts,
  step: PlaybookStepName,
  kind: ReplyMoveKind,
  verb: string,
): PlaybookStep {
  const agents = facts.upsetStart < 0 ? facts.agents : facts.repliesSinceUpset;
  const doneIn = firstWith(agents, kind);
  const conditional = firstWith(agents, 'conditional_apology');
  if (doneIn !== undefined) {
    const move = moveOf(doneIn, kind) as ReplyMove;
    let why = `${messageLabel(doneIn.index)}: ${quoteSpan(doneIn.text, move)}`;
    if (kind === 'apology' && conditional !== undefined) {
      why += ` The conditional apology in ${describeIndexes([conditional.index])} (${evidence(conditional, 'conditional_apology')}) did not count.`;
    }
    return { step, status: 'done', messageIndex: doneIn.index, why };
  }
  const early = notTaken(facts, step, verb);
  if (early !== undefined) return early;
  if (kind === 'apology' && conditional !== undefined) {
    const move = moveOf(conditional, 'conditional_apology') as ReplyMove;
    return {
      step,
      status: 'missing',
      messageIndex: conditional.index,
      why: `Only a conditional apology in ${describeIndexes([conditional.index])} (${quoteSpan(conditional.text, move)}): it puts the problem on the customer's feelings and does not count. Apologise for what happened.`,
    };
  }
  if (kind === 'ownership') {
    const handoff = firstWith(agents, 'handoff');
    if (handoff !== undefined) {
      return {
        step,
        status: 'missing',
        messageIndex: handoff.index,
        why: `${messageLabel(handoff.index)} passes the customer elsewhere (${evidence(handoff, 'handoff')}) instead of owning the problem.`,
      };
    }
  }
  return {
    step,
    status: 'missing',
    why: noneTried(facts.repliesSinceUpset.length, verb),
  };
}

function judgeReflection(facts: ConversationFacts): PlaybookStep {
  const step: PlaybookStepName = 'reflected';
  const stems = createProblemStems();
  let described = false;
  for (const t of facts.turns) {
    if (t.role === 'customer') {
      addProblemStems(stems, t);
      described = stems.strong.size > 0 || stems.weak.size > 1;
      continue;
    }
    const counts = facts.upsetStart < 0 || (facts.positionOf.get(t.index) ?? -1) > facts.upsetStart;
    if (counts && described && mentionsProblem(t.text, stems)) {
      return {
        step,
        status: 'done',
        messageIndex: t.index,
        why: `${messageLabel(t.index)} restates the customer's problem in its own words.`,
      };
    }
  }
  const early = notTaken(facts, step, 'restate the problem in your own words');
  if (early !== undefined) return early;
  if (!described) {
    return {
      step,
      status: 'not_yet',
      why: 'The customer has not said what the problem is yet: ask them.',
    };
  }
  return {
    step,
    status: 'missing',
    why: "No agent reply has restated the customer's problem, so they cannot tell it was understood.",
  };
}

/** Why a resolving step (ask what is fair, offer, commit) is not due yet, or missing. */
function judgeResolving(
  facts: ConversationFacts,
  step: PlaybookStepName,
  verb: string,
): PlaybookStep {
  if (facts.upsetStart < 0) {
    return {
      step,
      status: 'not_applicable',
      why: `The customer is not upset: no need to ${verb}.`,
    };
  }
  if (facts.ventingNow) {
    return { step, status: 'not_yet', why: `${VENTING}; do not propose solutions yet.` };
  }
  const count = facts.repliesSinceUpset.length;
  if (count >= facts.policy.resolveWithinReplies) {
    return {
      step,
      status: 'missing',
      why: noneTried(count, verb),
    };
  }
  return {
    step,
    status: 'not_yet',
    why: `Comes after listening, acknowledging and apologising: ${verb} within ${facts.policy.resolveWithinReplies} replies.`,
  };
}

function judgeFairQuestion(facts: ConversationFacts): PlaybookStep {
  const step: PlaybookStepName = 'asked_fair';
  const verb = 'ask what the customer would consider fair';
  const asked = firstWith(
    facts.upsetStart < 0 ? facts.agents : facts.repliesSinceUpset,
    'fair_question',
  );
  if (asked !== undefined) {
    return {
      step,
      status: 'done',
      messageIndex: asked.index,
      why: `${messageLabel(asked.index)}: ${evidence(asked, 'fair_question')}`,
    };
  }
  if (hasCalmed(facts)) {
    return { step, status: 'not_applicable', why: 'The customer has calmed down: no need to ask.' };
  }
  const offer = firstWith(facts.repliesSinceUpset, 'solution');
  if (offer !== undefined && !facts.ventingNow) {
    const answer = answerTo(facts, offer);
    if (maxTemperature(answer) >= facts.policy.upsetTemperature) {
      return {
        step,
        status: 'missing',
        why: `The customer is still upset after the offer in ${describeIndexes([offer.index])}: ${verb}.`,
      };
    }
  }
  return judgeResolving(facts, step, verb);
}

function judgeOffer(facts: ConversationFacts): PlaybookStep {
  const step: PlaybookStepName = 'offered';
  const offer = firstWith(
    facts.upsetStart < 0 ? facts.agents : facts.repliesSinceUpset,
    'solution',
  );
  if (offer !== undefined) {
    return {
      step,
      status: 'done',
      messageIndex: offer.index,
      why: `${messageLabel(offer.index)}: ${evidence(offer, 'solution')}`,
    };
  }
  if (hasCalmed(facts)) {
    return {
      step,
      status: 'not_applicable',
      why: 'The customer has calmed down without an offer.',
    };
  }
  return judgeResolving(facts, step, 'offer a solution or a goodwill gesture');
}

function judgeCommitment(facts: ConversationFacts): PlaybookStep {
  const step: PlaybookStepName = 'committed';
  const agents = facts.upsetStart < 0 ? facts.agents : facts.repliesSinceUpset;
  for (const a of agents) {
    const promise = a.promises.find((p) => p.dueKind !== 'default');
    if (promise === undefined) continue;
    return {
      step,
      status: 'done',
      messageIndex: a.index,
      why: `${messageLabel(a.index)} commits to a next step with a time: "${promise.text}".`,
    };
  }
  if (hasCalmed(facts) && firstWith(agents, 'solution') !== undefined) {
    return {
      step,
      status: 'not_applicable',
      why: 'The offer settled it and the customer has calmed: no next step to commit to.',
    };
  }
  const judged = judgeResolving(facts, step, 'commit to a next step with a time');
  const vague = agents.find((a) => a.promises.length > 0);
  if (vague !== undefined && judged.status === 'missing') {
    judged.messageIndex = vague.index;
    judged.why = `${messageLabel(vague.index)} promises "${vague.promises[0]?.text ?? ''}" but gives no time: say when.`;
  }
  return judged;
}

function judgeFollowUp(promises: readonly FollowUp[]): PlaybookStep {
  const step: PlaybookStepName = 'kept_follow_up';
  const missed = promises.find((p) => p.status === 'missed');
  if (missed !== undefined) {
    return { step, status: 'missing', messageIndex: missed.messageIndex, why: missed.why };
  }
  const pending = promises.find((p) => p.status === 'pending');
  if (pending !== undefined) {
    return { step, status: 'not_yet', messageIndex: pending.messageIndex, why: pending.why };
  }
  // The promise with a time speaks for the follow-up more than one due by the team's default.
  const timed = promises.filter((p) => p.dueKind !== 'default');
  const kept = timed[timed.length - 1] ?? promises[promises.length - 1];
  if (kept !== undefined) {
    return { step, status: 'done', messageIndex: kept.keptByIndex, why: kept.why };
  }
  return { step, status: 'not_applicable', why: 'The agent has made no promise to follow up on.' };
}

/** Every step of the playbook, in the practice's order. `promises` come from `trackPromises`. */
export function evaluatePlaybook(
  facts: ConversationFacts,
  promises: readonly FollowUp[],
): PlaybookStep[] {
  const [ack, apology, own] = EARLY.map(([step, kind, verb]) =>
    judgeEarly(facts, step, kind, verb),
  );
  return [
    judgeListening(facts),
    ack as PlaybookStep,
    apology as PlaybookStep,
    judgeReflection(facts),
    own as PlaybookStep,
    judgeFairQuestion(facts),
    judgeOffer(facts),
    judgeCommitment(facts),
    judgeFollowUp(promises),
  ];
}
