import type { StopRecommendation } from './conversation-analysis.js';
import {
  answerTo,
  describeIndexes,
  maxTemperature,
  type ConversationFacts,
} from './conversation-facts.js';
import type { Effort } from './recommend-escalation.js';
import type { AgentTurn } from './read-conversation.js';

/*
 * When to stop serving (brief, point 12), and only then: repeated abuse after a warning, or
 * demands refused after several fair offers. Anger alone never stops a conversation: a customer
 * who shouts, swears at the situation, threatens to leave or demands a manager is owed the
 * rest of the playbook, or a supervisor, not a closed door.
 */

function record(facts: ConversationFacts, efforts: readonly Effort[], why: string): string {
  const tried = efforts.map((e) => e.short);
  return (
    `${why} Problem: ${facts.problem.label}. ` +
    `Tried: ${tried.length === 0 ? 'nothing recorded' : tried.join(', ')}.`
  );
}

/** Repeated abuse aimed at the agent after the agent warned about it. */
function abuseAfterWarning(
  facts: ConversationFacts,
  efforts: readonly Effort[],
): StopRecommendation | undefined {
  const warning = facts.agents.find((a) => a.kinds.has('abuse_warning'));
  if (warning === undefined) return undefined;
  const from = facts.positionOf.get(warning.index) ?? Infinity;
  const abusive = facts.customers.filter(
    (c) => c.personalAbuse && (facts.positionOf.get(c.index) ?? -1) > from,
  );
  if (abusive.length < facts.policy.stopAfterAbusiveMessages) return undefined;
  const reason = `${abusive.length} abusive messages (${describeIndexes(abusive.map((c) => c.index))}) after the warning in ${describeIndexes([warning.index])}.`;
  return {
    recommended: true,
    reason,
    script: {
      warn: "As I said earlier, I'm not able to continue while the messages are abusive.",
      apologise: "I'm sorry we couldn't sort this out together today.",
      close:
        facts.problem.issue === undefined
          ? "I'm going to close this conversation now. You're welcome to contact us again, and we'll pick up where we left off."
          : `I'm going to close this conversation now. You're welcome to contact us again about ${facts.problem.issue}, and we'll pick up where we left off.`,
      record: record(facts, efforts, `Closed: ${reason}`),
    },
  };
}

/**
 * Demands the agent turned down after `stopAfterRefusedOffers` fair offers were refused: each
 * offer (a solution, without blame or dismissal in the same message) answered by a customer
 * still upset, the agent saying no to a demand after the first offer, and the customer upset
 * still. Whether a demand is outlandish is the agent's call: the rule asks that they have
 * turned it down.
 */
function refusedOffers(
  facts: ConversationFacts,
  efforts: readonly Effort[],
): StopRecommendation | undefined {
  const { policy, current } = facts;
  if (current === undefined || current.temperature < policy.upsetTemperature) return undefined;
  const offers = facts.repliesSinceUpset.filter(
    (a) => a.kinds.has('solution') && !a.kinds.has('blame') && !a.kinds.has('dismissive'),
  );
  const refused = offers.filter(
    (a) => maxTemperature(answerTo(facts, a)) >= policy.upsetTemperature,
  );
  if (refused.length < policy.stopAfterRefusedOffers) return undefined;
  const firstOffer = facts.positionOf.get((offers[0] as AgentTurn).index) ?? Infinity;
  const declined = facts.repliesSinceUpset.find(
    (a) => a.kinds.has('blocking') && (facts.positionOf.get(a.index) ?? -1) >= firstOffer,
  );
  if (declined === undefined) return undefined;
  const reason = `${refused.length} fair offers refused (${describeIndexes(refused.map((a) => a.index))}) and the customer's demand turned down in ${describeIndexes([declined.index])}.`;
  return {
    recommended: true,
    reason,
    script: {
      warn: "I've offered everything I'm able to, and I can't go beyond that.",
      apologise: "I'm sorry this isn't the outcome you hoped for.",
      close:
        "I'm going to close this conversation now. My last offer stays open if you change your mind: just reply here.",
      record: record(facts, efforts, `Closed: ${reason}`),
    },
  };
}

/**
 * Whether to stop: only for repeated abuse after a warning, or refused fair offers. `efforts`
 * are `describeEfforts` of the same conversation, for the record.
 */
export function recommendStop(
  facts: ConversationFacts,
  efforts: readonly Effort[],
): StopRecommendation {
  return (
    abuseAfterWarning(facts, efforts) ?? refusedOffers(facts, efforts) ?? { recommended: false }
  );
}
