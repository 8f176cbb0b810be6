import type { Burst, ConversationTiming, TemperaturePoint } from './conversation-analysis.js';
import type { ConversationPolicy } from './conversation-policy.js';
import { describeProblem, type ProblemDescription } from './describe-problem.js';
import type { AgentTurn, CustomerTurn, ReadConversation, Turn } from './read-conversation.js';

/**
 * What every rule asks about the conversation, worked out once: where the upset began, who
 * spoke last, whether the customer is venting right now, what the problem is.
 */
export interface ConversationFacts {
  turns: readonly Turn[];
  customers: readonly CustomerTurn[];
  agents: readonly AgentTurn[];
  /** Position in `turns` of the first customer message at or above the upset temperature; -1 if none. */
  upsetStart: number;
  /** Agent messages after the upset began, in time order. */
  repliesSinceUpset: readonly AgentTurn[];
  /** Position in `turns` of each turn, by its caller index. */
  positionOf: ReadonlyMap<number, number>;
  peak?: TemperaturePoint;
  current?: TemperaturePoint;
  /** The customer's latest messages form a heated burst: they are still venting. */
  ventingNow: boolean;
  /** Bursts in which some message reached the heated temperature. */
  ventingBursts: readonly Burst[];
  problem: ProblemDescription;
  policy: ConversationPolicy;
  nowMs: number;
  timeZone: string;
}

export function pointOf(turn: CustomerTurn): TemperaturePoint {
  return {
    index: turn.index,
    at: turn.at,
    temperature: turn.analysis.temperature,
    level: turn.analysis.level,
  };
}

export function gatherFacts(
  read: ReadConversation,
  timing: ConversationTiming,
  policy: ConversationPolicy,
  nowMs: number,
  timeZone: string,
): ConversationFacts {
  const { turns } = read;
  const customers: CustomerTurn[] = [];
  const agents: AgentTurn[] = [];
  const positionOf = new Map<number, number>();
  let upsetStart = -1;
  let peakTurn: CustomerTurn | undefined;
  turns.forEach((t, pos) => {
    positionOf.set(t.index, pos);
    if (t.role === 'agent') {
      agents.push(t);
      return;
    }
    customers.push(t);
    const temperature = t.analysis.temperature;
    if (upsetStart < 0 && temperature >= policy.upsetTemperature) upsetStart = pos;
    if (peakTurn === undefined || temperature > peakTurn.analysis.temperature) peakTurn = t;
  });
  const temperatureByIndex = new Map(customers.map((c) => [c.index, c.analysis.temperature]));
  const ventingBursts = timing.bursts.filter((b) =>
    b.indexes.some((i) => (temperatureByIndex.get(i) ?? 0) >= policy.heatedTemperature),
  );
  const last = turns[turns.length - 1];
  const lastBurst = ventingBursts[ventingBursts.length - 1];
  const lastCustomer = customers[customers.length - 1];
  return {
    turns,
    customers,
    agents,
    upsetStart,
    repliesSinceUpset:
      upsetStart < 0 ? [] : agents.filter((a) => (positionOf.get(a.index) ?? -1) > upsetStart),
    positionOf,
    peak: peakTurn === undefined ? undefined : pointOf(peakTurn),
    current: lastCustomer === undefined ? undefined : pointOf(lastCustomer),
    ventingNow:
      last?.role === 'customer' &&
      lastBurst !== undefined &&
      lastBurst.indexes[lastBurst.indexes.length - 1] === last.index,
    ventingBursts,
    problem: describeProblem(customers),
    policy,
    nowMs,
    timeZone,
  };
}

/** The customer messages after a turn, up to the next agent message: how the customer answered it. */
export function answerTo(facts: ConversationFacts, turn: Turn): CustomerTurn[] {
  const out: CustomerTurn[] = [];
  for (let pos = (facts.positionOf.get(turn.index) ?? Infinity) + 1; ; pos++) {
    const t = facts.turns[pos];
    if (t === undefined || t.role !== 'customer') return out;
    out.push(t);
  }
}

/** The customer messages before a turn, back to the previous agent message: what it answered. */
export function stretchBefore(facts: ConversationFacts, turn: Turn): CustomerTurn[] {
  const out: CustomerTurn[] = [];
  for (let pos = (facts.positionOf.get(turn.index) ?? 0) - 1; pos >= 0; pos--) {
    const t = facts.turns[pos];
    if (t === undefined || t.role !== 'customer') break;
    out.push(t);
  }
  return out.reverse();
}

export function maxTemperature(turns: readonly CustomerTurn[]): number {
  let max = -1;
  for (const t of turns) max = Math.max(max, t.analysis.temperature);
  return max;
}

/**
 * "message 4", "messages 4, 6 and 9": indexes as a reader sees them. Prose counts messages from
 * 1, as people do; the `index` and `messageIndex` fields count from 0, as arrays do.
 */
export function describeIndexes(indexes: readonly number[]): string {
  const numbers = indexes.map((i) => i + 1);
  if (numbers.length === 1) return `message ${numbers[0]}`;
  return `messages ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/**
 * The customer has calmed: their latest message is below the upset temperature and the model
 * does not read it as upset either ("I want it delivered this week or my money back" is cool
 * but still upset).
 */
export function hasCalmed(facts: ConversationFacts): boolean {
  const last = facts.customers[facts.customers.length - 1];
  return (
    facts.upsetStart >= 0 &&
    last !== undefined &&
    last.analysis.temperature < facts.policy.upsetTemperature &&
    !last.analysis.isUpset
  );
}
