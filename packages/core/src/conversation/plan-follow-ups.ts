import type { FollowUp } from './conversation-analysis.js';
import { describeIndexes, hasCalmed, type ConversationFacts } from './conversation-facts.js';
import { addLocalDays, describeLocalTime, formatInstant } from './local-time.js';
import { clip } from './quote-text.js';
import type { AgentTurn, CustomerTurn } from './read-conversation.js';

const DAY_MS = 86_400_000;
const MAX_PROMISE_QUOTE = 80;
/** Agent messages this soon after a promise are the same reply going on, not the follow-up. */
const SAME_REPLY_MS = 120_000;

function quote(text: string): string {
  return `"${clip(text, MAX_PROMISE_QUOTE)}"`;
}

/**
 * The agent's own promises with a time (brief, point 10), each kept, missed or pending. Kept:
 * an agent message reached the customer after the promise (more than two minutes after, so not
 * the rest of the same reply) and no later than its due time.
 * Missed: the first agent message after the promise came too late, or none came and `now` is
 * past due. An empty promise is worse than none, so a missed one is what escalation looks at.
 */
export function trackPromises(facts: ConversationFacts): FollowUp[] {
  const out: FollowUp[] = [];
  const { agents, nowMs, timeZone } = facts;
  for (let i = 0; i < agents.length; i++) {
    const turn = agents[i] as AgentTurn;
    if (turn.promises.length === 0) continue;
    // Agents are in time order, so the first later agent message decides every promise here.
    let next: AgentTurn | undefined;
    for (let j = i + 1; j < agents.length && next === undefined; j++) {
      const a = agents[j] as AgentTurn;
      if (a.ms > turn.ms + SAME_REPLY_MS) next = a;
    }
    for (const promise of turn.promises) {
      const when = describeLocalTime(promise.dueMs, turn.ms, timeZone);
      const base = `Promised ${quote(promise.text)} in ${describeIndexes([turn.index])}, due ${when}${promise.dueKind !== 'default' ? '' : " (no time given: the team's default)"}`;
      const followUp: FollowUp = {
        kind: 'promise',
        due: formatInstant(promise.dueMs),
        why: '',
        status: 'pending',
        messageIndex: turn.index,
        promised: promise.text,
        dueKind: promise.dueKind,
      };
      if (next !== undefined && next.ms <= promise.dueMs) {
        followUp.status = 'kept';
        followUp.keptByIndex = next.index;
        followUp.why = `${base}: kept by ${describeIndexes([next.index])}.`;
      } else if (next !== undefined || nowMs > promise.dueMs) {
        followUp.status = 'missed';
        followUp.why =
          next === undefined
            ? `${base}: the time has passed with no message to the customer.`
            : `${base}: the next message to the customer (${describeIndexes([next.index])}) came too late.`;
      } else {
        followUp.why = `${base}: send the customer an update by then.`;
      }
      out.push(followUp);
    }
  }
  // Soonest first: the next one due is the one to act on.
  return out.sort((a, b) => a.due.localeCompare(b.due));
}

/**
 * The follow-ups the practice asks for even when the agent did not type them (brief, point 10):
 * - `next_step`: after a heated exchange, a message telling the customer what happens next,
 *   due `nextStepMinutes` after the agent's last reply (or after the heated message if no reply
 *   came yet). Left out when that reply already commits to a time (its promise is tracked
 *   instead), when the customer has calmed since, or when the issue is resolved.
 * - `check_back`: `checkBackDays` after an upset customer's issue was resolved, at the same
 *   local time; kept by an agent message from a day before it falls due.
 */
export function planFollowUps(
  facts: ConversationFacts,
  resolvedMs: number | undefined,
): FollowUp[] {
  const out: FollowUp[] = [];
  const { turns, policy, nowMs, timeZone } = facts;
  // The last heated customer message, and the agent's last reply after it, if any.
  let heated: CustomerTurn | undefined;
  let lastReply: AgentTurn | undefined;
  for (const t of turns) {
    if (t.role === 'agent') {
      if (heated !== undefined) lastReply = t;
    } else if (t.analysis.temperature >= policy.heatedTemperature) {
      heated = t;
      lastReply = undefined;
    }
  }
  const resolved = resolvedMs !== undefined && heated !== undefined && resolvedMs >= heated.ms;
  const commits = lastReply?.promises.some((p) => p.dueKind !== 'default') ?? false;
  if (heated !== undefined && !resolved && !commits && !hasCalmed(facts)) {
    const anchor = lastReply ?? heated;
    const dueMs = anchor.ms + policy.nextStepMinutes * 60_000;
    const after =
      lastReply === undefined
        ? `no agent has answered ${describeIndexes([heated.index])} yet`
        : `the agent's last reply (${describeIndexes([lastReply.index])}) did not say what happens next`;
    out.push({
      kind: 'next_step',
      due: formatInstant(dueMs),
      why: `After the heated exchange, ${after}: tell the customer the next step and when, by ${describeLocalTime(dueMs, nowMs, timeZone)}.`,
      status: nowMs > dueMs ? 'missed' : 'pending',
    });
  }
  if (resolvedMs !== undefined && facts.upsetStart >= 0) {
    const dueMs = addLocalDays(resolvedMs, policy.checkBackDays, timeZone);
    const keptBy = facts.agents.find((a) => a.ms >= dueMs - DAY_MS && a.ms >= resolvedMs);
    const peak = facts.peak?.temperature ?? 0;
    const followUp: FollowUp = {
      kind: 'check_back',
      due: formatInstant(dueMs),
      why: `The customer was upset (peak temperature ${peak}): check back ${policy.checkBackDays} days after the fix to make sure it stayed fixed.`,
      status: keptBy !== undefined ? 'kept' : nowMs > dueMs ? 'missed' : 'pending',
    };
    if (keptBy !== undefined) followUp.keptByIndex = keptBy.index;
    out.push(followUp);
  }
  return out;
}
