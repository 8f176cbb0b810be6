import type {
  EscalationRecommendation,
  FollowUp,
  NextAction,
  NextActionKind,
  PlaybookStep,
  PlaybookStepName,
  StopRecommendation,
} from './conversation-analysis.js';
import { describeIndexes, hasCalmed, type ConversationFacts } from './conversation-facts.js';
import { describeLocalTime, parseInstant } from './local-time.js';
import { findOpenQuestion } from '../listening/check-listening.js';
import { withoutLeadIn } from '../listening/listening-words.js';
import { capitalise, clip } from './quote-text.js';

/*
 * The next best action, from where the conversation stands. Order of precedence: stop (only
 * when its rule fired); escalate (a supervisor handles abuse too); warn about a personal attack;
 * listen while the customer vents; make good a missed follow-up; answer the customer's question
 * left open across an agent reply (issue 18: never make them ask twice); the first playbook
 * step not taken; the follow-ups due; the check-back. Each comes with a phrasing filled with the
 * customer's problem where it is known; words in [brackets] are for the agent to fill in.
 */

/** The step each action takes, in the practice's order. */
const STEP_ACTIONS: readonly (readonly [PlaybookStepName, NextActionKind])[] = [
  ['acknowledged', 'acknowledge'],
  ['apologised', 'apologise'],
  ['reflected', 'reflect'],
  ['owned', 'own'],
  ['asked_fair', 'ask_fair'],
  ['offered', 'offer'],
  ['committed', 'commit'],
];

/** Steps said in one reply: acknowledging, apologising, reflecting and owning go together. */
const TOGETHER: ReadonlySet<NextActionKind> = new Set([
  'acknowledge',
  'apologise',
  'reflect',
  'own',
]);

/**
 * One sentence per step, filled with the problem where it is known. `named`: another sentence
 * of the same reply already names the problem, so this one says "this" rather than repeat it.
 */
function phrase(action: NextActionKind, facts: ConversationFacts, named = false): string {
  const p = facts.problem;
  const issue = named ? undefined : p.issue;
  switch (action) {
    case 'acknowledge':
      return `I can hear how frustrating ${issue ?? 'this'} has been${p.especially === undefined || named ? '' : `, especially ${p.especially}`}.`;
    case 'apologise':
      return `I'm sorry about ${issue ?? (named ? 'this' : 'what has happened')}${p.sorry === undefined || named ? '' : ` and ${p.sorry}`}: that shouldn't have happened.`;
    case 'reflect':
      // Reflecting is naming the problem: it always names it.
      if (p.issue === undefined && p.restated === undefined) {
        return "Let me check I've understood: [the problem in your own words]. Is that right?";
      }
      return `Let me check I've understood: ${[p.issue === undefined ? undefined : `this is about ${p.issue}`, p.restated].filter((x) => x !== undefined).join(', and ')}. Is that right?`;
    case 'own':
      return "I'm going to handle this myself until it's sorted, so you won't be passed around.";
    case 'ask_fair':
      return 'What would you consider a fair way to put this right?';
    case 'offer':
      return `Here's what I can do to put this right: [the fix or goodwill gesture]${issue === undefined ? '' : ` for ${issue}`}.`;
    default:
      return '';
  }
}

function commitPhrase(facts: ConversationFacts): string {
  const when = nextStepTime(facts);
  const about = facts.problem.issue === undefined ? '' : ` on ${facts.problem.issue}`;
  return `I'll get back to you by ${when} with an update${about}, and I'll tell you exactly what happens next.`;
}

/**
 * The acknowledgement and apology an upset customer is still owed, said before anything else:
 * every suggested reply is one the coach would pass as it stands, so it carries the steps the
 * conversation has not taken yet. Empty when they were taken or the customer has calmed.
 */
function opening(facts: ConversationFacts, playbook: readonly PlaybookStep[]): string {
  if (facts.upsetStart < 0 || hasCalmed(facts)) return '';
  const status = (step: PlaybookStepName): string | undefined =>
    playbook.find((s) => s.step === step)?.status;
  const owed: string[] = [];
  if (status('acknowledged') !== 'done') owed.push(phrase('acknowledge', facts, true));
  if (status('apologised') !== 'done') owed.push(phrase('apologise', facts, true));
  return owed.length === 0 ? '' : `${owed.join(' ')} `;
}

/** "by 11:07 am": when the next step falls due, in the team's words. */
function nextStepTime(facts: ConversationFacts): string {
  const due = facts.nowMs + facts.policy.nextStepMinutes * 60_000;
  return describeLocalTime(due, facts.nowMs, facts.timeZone);
}

function act(action: NextActionKind, why: string, suggestedReply: string): NextAction {
  return { action, why, suggestedReply };
}

function followUpAction(facts: ConversationFacts, f: FollowUp): NextAction {
  const dueMs = parseInstant(f.due) ?? facts.nowMs;
  const when = describeLocalTime(dueMs, facts.nowMs, facts.timeZone);
  const about = facts.problem.issue ?? 'your request';
  if (f.status === 'missed') {
    const sorry =
      f.kind === 'promise'
        ? `I'm sorry I didn't get back to you by ${when} as I promised.`
        : "I'm sorry for the wait.";
    const feel =
      facts.upsetStart >= 0 && !hasCalmed(facts) ? ' I understand how frustrating that is.' : '';
    return act(
      'follow_up',
      f.why,
      `${sorry}${feel} Here's where things stand with ${about}: [the update]. I'll stay on this myself and update you again by ${nextStepTime(facts)}.`,
    );
  }
  if (f.kind === 'promise') {
    return act(
      'follow_up',
      f.why,
      `As promised, here's an update on ${about}: [the update]. The next step is [what happens next].`,
    );
  }
  return act(
    'follow_up',
    f.why,
    `Here's where things stand with ${about}: [the update]. The next step is [what happens next], and I'll update you again by [a time].`,
  );
}

/** How much of the customer's question the next action quotes. */
const QUESTION_CLIP = 120;

/** The customer's oldest open question as they wrote it, clipped, and whether a reply passed it by. */
interface OpenQuestion {
  text: string;
  carried: boolean;
}

function openQuestion(facts: ConversationFacts): OpenQuestion | undefined {
  const conversation = facts.turns.map((t) => ({ role: t.role, text: t.text, at: t.at }));
  const open = findOpenQuestion(conversation);
  if (open === undefined) return undefined;
  const { ask } = open;
  const asked = (conversation[ask.messageIndex]?.text ?? '').slice(ask.start, ask.end).trim();
  // Without the greeting it opens with: "Hello, is the price..." is quoted as "Is the price...".
  const text = capitalise(withoutLeadIn(asked)) || asked;
  return { text: clip(text, QUESTION_CLIP), carried: open.carried };
}

/**
 * Their question quoted back with room for the answer: the agent answers what they asked. The
 * quote loses its closing marks, so the line reads as one statement ("You asked "Where is my
 * order": ...").
 */
function answerLine(question: string): string {
  return `You asked "${question.replace(/[\s?!.]+$/u, '')}": [your answer].`;
}

/** The reason to answer first, when a question stayed open across an agent reply. */
function answerFirst(question: OpenQuestion | undefined): string {
  return question?.carried === true
    ? `Answer their question: "${question.text}". The last reply left it open, and they should not have to ask again. `
    : '';
}

/** Moves of an agent's reply that push the customer away: answered, they call for ownership. */
const DEFLECTIONS = ['handoff', 'blocking', 'blame', 'dismissive'] as const;

/** A customer message that only thanks or closes: "Perfect, thanks a lot!". */
const THANKS_ONLY =
  /^(?:(?:ok(?:ay)?|great|perfect|brilliant|lovely|cheers|fab(?:ulous)?|awesome|cool|super|got\s+it|that'?s\s+(?:great|perfect|fine|all)|all\s+good|no\s+worries)[\s,.!]*)*(?:thanks?(?:\s+you)?|thank\s+you|cheers|ta)?(?:\s+(?:so|very)\s+much|\s+a\s+lot|\s+again)?[\s,.!:)]*$/i;

/**
 * The customer wrote last and nothing of the playbook is due: they still get an answer. After
 * a long wait, an apology for it; after a reply that passed them on or said no, ownership; a
 * thank-you, a warm close; anything else, an answer to what they wrote.
 */
function customerWaiting(
  facts: ConversationFacts,
  question: OpenQuestion | undefined,
): NextAction | undefined {
  const last = facts.turns[facts.turns.length - 1];
  if (last?.role !== 'customer') return undefined;
  const lastAgent = facts.agents[facts.agents.length - 1];
  const about = facts.problem.issue ?? 'your request';
  const when = nextStepTime(facts);
  const waitedMs = last.ms - (lastAgent?.ms ?? last.ms);
  const unanswered = facts.customers.filter(
    (c) =>
      (facts.positionOf.get(c.index) ?? -1) > (facts.positionOf.get(lastAgent?.index ?? -1) ?? -1),
  );
  const firstUnanswered = unanswered[0];
  const waitedUnanswered =
    firstUnanswered !== undefined && unanswered.length > 1 ? last.ms - firstUnanswered.ms : 0;
  if (
    Math.max(waitedMs, waitedUnanswered) >= facts.policy.chaseAfterSeconds * 1000 &&
    lastAgent !== undefined
  ) {
    return act(
      'apologise',
      'The customer wrote after waiting a long time for the agent: apologise for the wait and answer now.',
      question === undefined
        ? `I'm sorry for the wait, and I'm here now. Here's where things stand with ${about}: [the update]. I'll stay on this myself and update you again by ${when}.`
        : `I'm sorry for the wait, and I'm here now. ${answerLine(question.text)} I'll stay on this myself and update you again by ${when}.`,
    );
  }
  if (lastAgent !== undefined && DEFLECTIONS.some((k) => lastAgent.kinds.has(k))) {
    return act(
      'own',
      `The customer answered ${describeIndexes([lastAgent.index])}, which passed them on or said no: take it on yourself.`,
      `You're right, and I'm sorry: I'll take care of ${about} myself, so you won't be passed around, and I'll update you by ${when}.`,
    );
  }
  if (THANKS_ONLY.test(last.text.trim())) {
    return act(
      'answer',
      'The customer thanked the agent: close warmly and check nothing else is needed.',
      "You're welcome, I'm glad I could help. Is there anything else I can do for you?",
    );
  }
  if (question !== undefined) {
    return act(
      'answer',
      question.carried ? answerFirst(question) : 'The customer wrote last: answer what they asked.',
      `${answerLine(question.text)} I'll make sure it's taken care of and update you by ${when}.`,
    );
  }
  return act(
    'answer',
    'The customer wrote last: answer what they asked.',
    facts.problem.issue === undefined
      ? 'Thanks for your message. [your answer]'
      : `Thanks for your message about ${facts.problem.issue}. [your answer] I'll make sure it's taken care of and update you by ${when}.`,
  );
}

/** The next best action; `urgentEscalation` when a reason other than a missed promise holds. */
export function chooseNextAction(
  facts: ConversationFacts,
  playbook: readonly PlaybookStep[],
  escalation: EscalationRecommendation,
  urgentEscalation: boolean,
  stop: StopRecommendation,
  followUps: readonly FollowUp[],
): NextAction {
  if (stop.recommended && stop.script !== undefined) {
    const s = stop.script;
    return act('stop', stop.reason ?? '', `${s.warn} ${s.apologise} ${s.close}`);
  }
  if (facts.customers.length === 0) return act('none', 'No customer message yet.', '');

  if (escalation.recommended && urgentEscalation) {
    const lead = facts.problem.managerDemanded
      ? "You asked for a manager, so I'm bringing in my supervisor now."
      : "I want this resolved for you, so I'm bringing in my supervisor now.";
    const about =
      facts.problem.issue === undefined
        ? "everything we've discussed"
        : `everything about ${facts.problem.issue}`;
    return act(
      'escalate',
      escalation.reasons.join(' '),
      `${opening(facts, playbook)}${lead} I've passed on ${about}, so you won't need to repeat yourself, and I'll make sure you hear from us by ${nextStepTime(facts)}.`,
    );
  }

  // Personal abuse since the agent last spoke is answered with a calm warning first: the stop
  // rule only counts abuse after a warning.
  const lastAgent = facts.agents[facts.agents.length - 1];
  const lastAgentPos = lastAgent === undefined ? -1 : (facts.positionOf.get(lastAgent.index) ?? -1);
  const abuse = facts.customers.filter(
    (c) => c.personalAbuse && (facts.positionOf.get(c.index) ?? -1) > lastAgentPos,
  );
  if (abuse.length > 0) {
    const warned = facts.agents.some((a) => a.kinds.has('abuse_warning'));
    return act(
      'warn',
      `${capitalise(describeIndexes(abuse.map((c) => c.index)))} ${abuse.length === 1 ? 'attacks' : 'attack'} the agent personally${warned ? ' again, after the warning' : ''}: bring it back to the issue and warn, calmly.`,
      `I want to help you with ${facts.problem.issue ?? 'this'}, and I will, but I can't continue if the messages get personal. Let's keep to the problem.`,
    );
  }

  if (facts.ventingNow) {
    return act(
      'listen',
      'The customer is still venting in a burst of messages: let them finish, do not propose solutions yet, then ask a clarifying question.',
      `${opening(facts, playbook)}I'm reading everything you've sent, and I'll follow this through myself. ${facts.problem.question}`,
    );
  }

  const missed = followUps.find((f) => f.status === 'missed' && f.kind !== 'check_back');
  if (missed !== undefined) return followUpAction(facts, missed);

  const question = openQuestion(facts);
  if (!hasCalmed(facts) && facts.upsetStart >= 0) {
    const byStep = new Map(playbook.map((s) => [s.step, s]));
    const open = STEP_ACTIONS.filter(([step]) => {
      const status = byStep.get(step)?.status;
      return status === 'missing' || status === 'not_yet';
    });
    const first = open[0];
    if (first !== undefined) {
      const [step, action] = first;
      const why = byStep.get(step)?.why ?? '';
      if (action === 'commit') return act(action, why, commitPhrase(facts));
      // The opening steps are said together, in order, in one reply.
      const actions = TOGETHER.has(action)
        ? open.filter(([, a]) => TOGETHER.has(a)).map(([, a]) => a)
        : [action];
      // The problem is named once: by the reflection if there is one, else by the first sentence.
      const namer = actions.includes('reflect') ? 'reflect' : actions[0];
      const together = actions.map((a) => phrase(a, facts, a !== namer));
      // A question they asked is answered in the same reply: the steps alone would leave it open.
      if (question !== undefined) together.push(answerLine(question.text));
      return act(action, `${answerFirst(question)}${why}`, together.join(' '));
    }
  }

  const pending = followUps.find((f) => f.status === 'pending' && f.kind !== 'check_back');
  if (pending !== undefined) return followUpAction(facts, pending);

  const checkBack = followUps.find((f) => f.kind === 'check_back' && f.status !== 'kept');
  if (checkBack !== undefined) {
    return act(
      'check_back',
      checkBack.why,
      `I'm checking back on ${facts.problem.issue ?? 'the problem you had'}: is everything still working as it should?`,
    );
  }

  const waiting = customerWaiting(facts, question);
  if (waiting !== undefined) return waiting;
  if (question?.carried === true) {
    return act(
      'answer',
      answerFirst(question),
      `${answerLine(question.text)} I'll stay on this myself and update you by ${nextStepTime(facts)}.`,
    );
  }

  return act(
    'none',
    facts.upsetStart < 0
      ? 'The customer is not upset: carry on as usual.'
      : hasCalmed(facts)
        ? 'The customer has calmed down and nothing is outstanding.'
        : 'Every step of the playbook is taken and nothing is due.',
    '',
  );
}
