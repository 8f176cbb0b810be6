import {
  dueCommitmentReader,
  type BusinessHours,
  type ExtractCommitmentsOptions,
} from '../commitments/extract-commitments.js';
import { chooseNextAction } from './choose-next-action.js';
import type { ConversationAnalysis, ConversationNote } from './conversation-analysis.js';
import { gatherFacts, pointOf } from './conversation-facts.js';
import { resolvePolicy, type ConversationPolicy } from './conversation-policy.js';
import { detectTiming } from './detect-timing.js';
import { evaluatePlaybook } from './evaluate-playbook.js';
import { checkTimeZone, formatInstant, parseInstant } from './local-time.js';
import { planFollowUps, trackPromises } from './plan-follow-ups.js';
import { readConversation, type AgentPromise, type ReadConversation } from './read-conversation.js';
import {
  describeEfforts,
  escalationReasonKeys,
  recommendEscalation,
  type PastEscalation,
} from './recommend-escalation.js';
import { recommendStop } from './recommend-stop.js';
import { temperatureTrend } from './temperature-trend.js';
import type { ConversationEscalation, ConversationMessage } from './types.js';

export {
  DEFAULT_CONVERSATION_POLICY,
  resolvePolicy,
  type ConversationPolicy,
} from './conversation-policy.js';
export type * from './conversation-analysis.js';

/**
 * What `analyzeConversation` needs beyond the messages: the caller's clock and the team's zone.
 *
 * @example
 * const options: AnalyzeConversationOptions = {
 *   now: new Date(),                 // the caller's clock: core never reads one
 *   timeZone: 'Europe/London',
 *   customerName: 'Dana Smith',
 *   resolvedAt: '2024-03-07T16:00:00Z',
 *   policy: { nextStepMinutes: 30 },
 * };
 */
export interface AnalyzeConversationOptions {
  /** The present moment, from the caller's clock: promises and follow-ups fall due against it. */
  now: string | Date;
  /** The team's IANA time zone, e.g. "Europe/London": due times and check-backs are local to it. */
  timeZone: string;
  /** Overrides of `DEFAULT_CONVERSATION_POLICY`. */
  policy?: Partial<ConversationPolicy>;
  /** For the supervisor's hand-off; "The customer" when left out. */
  customerName?: string;
  /** When the customer's issue was resolved (ISO 8601): a check-back falls due some days later. */
  resolvedAt?: string;
  /** The team's working hours, for promises like "by the end of the day"; Mon-Fri 09:00-17:00 by default. */
  businessHours?: BusinessHours;
  /** "YYYY-MM-DD" days the team does not work. */
  holidays?: string[];
  /**
   * The conversation's latest escalation: once a supervisor has taken it over, sent it back or
   * resolved it, escalation is not recommended again for a reason that held then.
   */
  escalation?: ConversationEscalation;
}

function readNow(now: unknown): number {
  const ms =
    now instanceof Date ? now.getTime() : typeof now === 'string' ? parseInstant(now) : undefined;
  if (ms === undefined || !Number.isFinite(ms)) {
    throw new TypeError(
      'options.now must be a valid Date or an ISO 8601 date-time with an offset, e.g. "2024-03-07T10:15:00Z"',
    );
  }
  return ms;
}

const DECIDED: ReadonlySet<string> = new Set(['accepted', 'returned', 'resolved']);

/**
 * What a supervisor's decision on the latest escalation settled: the reasons to escalate that
 * held when they decided, worked out on the conversation as it stood then. An escalation still
 * `open` settles nothing; one that cannot be read is left out with a note, as a bad
 * `resolvedAt` is.
 */
function readPastEscalation(
  escalation: ConversationEscalation | undefined,
  read: ReadConversation,
  policy: ConversationPolicy,
  timeZone: string,
  notes: ConversationNote[],
): PastEscalation | undefined {
  if (escalation === undefined) return undefined;
  const { status, at, supervisorName } = (escalation ?? {}) as Partial<ConversationEscalation>;
  if (status === 'open') return undefined;
  const atMs = parseInstant(at);
  if (status === undefined || !DECIDED.has(status) || atMs === undefined) {
    notes.push({
      note: 'escalation is not { status: open, accepted, returned or resolved; at: an ISO 8601 date-time with an offset }: read as no escalation.',
    });
    return undefined;
  }
  const then: ReadConversation = {
    turns: read.turns.filter((t) => t.ms <= atMs),
    notes: [],
    size: read.size,
  };
  const factsThen = gatherFacts(then, detectTiming(then.turns, policy), policy, atMs, timeZone);
  const past: PastEscalation = {
    handled: escalationReasonKeys(factsThen, trackPromises(factsThen)),
  };
  if (status === 'accepted') {
    const supervisor =
      typeof supervisorName === 'string' && supervisorName.trim() !== ''
        ? supervisorName.trim()
        : 'the supervisor';
    past.takeover = { at: new Date(atMs).toISOString(), supervisor };
  }
  return past;
}

/**
 * Reads a whole conversation the way a seasoned team lead would (brief, points 1-12): how the
 * customer's temperature moved, whether they are bursting out messages or cutting in, which
 * steps of the de-escalation playbook the agents took and in which message, what to do next
 * with a phrasing to send, whether to bring in a supervisor (with a hand-off), whether to stop
 * (only for repeated abuse after a warning, or refused fair offers), and which follow-ups are due.
 *
 * Each message is analysed once; time is linear in the conversation's length. Pure: the clock
 * comes in `options.now`. Never throws for any list of messages: a message it cannot read (an
 * `at` that is not ISO 8601 with an offset, no text, an unknown role) is skipped with a note in
 * `notes`; unsorted messages are read in time order. Throws only on programmer error in the
 * options: an invalid `now`, an unknown `timeZone`, a policy value out of range, malformed
 * business hours or holidays. Every `index` in the result is a position in `messages`.
 *
 * @example
 * const analysis = analyzeConversation(
 *   [
 *     { role: 'customer', text: 'Where is my refund?? Third time asking!!!', at: '2024-03-07T10:00:00Z' },
 *     { role: 'agent', text: "I'm so sorry about this. I'll look into it myself now.", at: '2024-03-07T10:03:00Z' },
 *   ],
 *   { now: '2024-03-07T10:05:00Z', timeZone: 'Europe/London' },
 * );
 * analysis.current?.level;       // "upset"
 * analysis.playbook[2];          // { step: "apologised", status: "done", messageIndex: 1, why: ... }
 * analysis.nextAction.action;    // "acknowledge", with a reply that also restates the refund problem
 * analysis.stop.recommended;     // false: an upset customer is not an abusive one
 */
export function analyzeConversation(
  messages: readonly ConversationMessage[],
  options: AnalyzeConversationOptions,
): ConversationAnalysis {
  if (!Array.isArray(messages)) {
    throw new TypeError('analyzeConversation expects an array of messages');
  }
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('analyzeConversation expects options with at least now and timeZone');
  }
  const nowMs = readNow(options.now);
  const timeZone = checkTimeZone(options.timeZone);
  const policy = resolvePolicy(options.policy);
  const calendar: ExtractCommitmentsOptions = { timeZone };
  if (options.businessHours !== undefined) calendar.businessHours = options.businessHours;
  if (options.holidays !== undefined) calendar.holidays = options.holidays;
  // Checks the calendar and builds it once, up front: a malformed one throws here, not
  // halfway through, and no message pays for it again.
  const readCommitments = dueCommitmentReader(calendar);
  readCommitments([''], [formatInstant(nowMs)]); // throws as before for a `now` it cannot write

  const read = readConversation(messages, (texts, sentAts) =>
    readCommitments(texts, sentAts).map((found) =>
      found.map((c): AgentPromise => ({
        kind: c.kind,
        text: c.text,
        start: c.start,
        end: c.end,
        dueMs: c.dueMs,
        dueKind: c.dueKind,
      })),
    ),
  );
  const notes: ConversationNote[] = [...read.notes];
  let resolvedMs: number | undefined;
  if (options.resolvedAt !== undefined) {
    resolvedMs = parseInstant(options.resolvedAt);
    if (resolvedMs === undefined) {
      notes.push({
        note: `resolvedAt ${JSON.stringify(options.resolvedAt)} is not an ISO 8601 date-time with an offset: no check-back planned.`,
      });
    }
  }
  const last = read.turns[read.turns.length - 1];
  if (last !== undefined && last.ms > nowMs) {
    notes.push({
      messageIndex: last.index,
      note: 'Some messages are later than `now`: is the clock passed in right?',
    });
  }

  const timing = detectTiming(read.turns, policy);
  const facts = gatherFacts(read, timing, policy, nowMs, timeZone);
  const temperatures = facts.customers.map(pointOf);
  const promises = trackPromises(facts);
  // Soonest first: the one to act on next leads.
  const followUps = [...planFollowUps(facts, resolvedMs), ...promises].sort((a, b) =>
    a.due.localeCompare(b.due),
  );
  const playbook = evaluatePlaybook(facts, promises);
  const past = readPastEscalation(options.escalation, read, policy, timeZone, notes);
  // What the agents tried, worded once for both the hand-off and the record of a stop.
  const efforts = describeEfforts(facts, promises);
  const { escalation, urgent } = recommendEscalation(
    facts,
    promises,
    efforts,
    options.customerName,
    past,
  );
  const stop = recommendStop(facts, efforts);
  const nextAction = chooseNextAction(facts, playbook, escalation, urgent, stop, followUps);

  const analysis: ConversationAnalysis = {
    temperatures,
    trend: temperatureTrend(temperatures, policy),
    timing,
    playbook,
    nextAction,
    escalation,
    stop,
    followUps,
    notes,
  };
  if (facts.peak !== undefined) analysis.peak = facts.peak;
  if (facts.current !== undefined) analysis.current = facts.current;
  return analysis;
}
