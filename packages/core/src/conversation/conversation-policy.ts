import type { ThreatKind } from '../signals/types.js';

/**
 * Every threshold `analyzeConversation` uses, in one place, so a team can tune them to its
 * channel (a chat answers in seconds, an email queue in hours) without touching the rules.
 * Temperatures are on `analyzeMessage`'s 0-100 scale, where a plain complaint ("I still haven't
 * received my refund") reads about 60 and insults, threats and shouting push towards 100.
 *
 * @example
 * analyzeConversation(messages, { now, timeZone: 'Europe/London', policy: { heatedTemperature: 70 } });
 */
export interface ConversationPolicy {
  /** A customer message at or above this temperature means the customer is upset (level "upset"). */
  upsetTemperature: number;
  /** At or above this a message is heated: venting, escalation and next-step follow-ups count from here. */
  heatedTemperature: number;
  /** A burst: at least this many customer messages in a row... */
  burstMinMessages: number;
  /** ...written within this many seconds, with no agent reply between them. */
  burstWindowSeconds: number;
  /** A customer message this soon after an agent message (plus reading time) cut in on it. */
  cutInSeconds: number;
  /** Reading speed allowed for the agent's message before the customer's answer counts as cutting in. */
  readingWordsPerSecond: number;
  /** A customer who writes again after waiting this long unanswered is chasing the agent. */
  chaseAfterSeconds: number;
  /** The trend reads the last this-many customer temperatures. */
  trendWindow: number;
  /** A least-squares slope (points per customer message) at or below minus this is "calming"... */
  calmingSlope: number;
  /** ...and at or above this is "escalating"; between the two, "steady". */
  escalatingSlope: number;
  /** Escalate when this many agent replies have not brought the temperature down. */
  escalateAfterReplies: number;
  /** The fall, in points, that counts as the temperature coming down. */
  minTemperatureFall: number;
  /** Threats that call for a supervisor at once. */
  escalateOnThreats: readonly ThreatKind[];
  /** Recommend stopping after this many abusive messages following the agent's warning. */
  stopAfterAbusiveMessages: number;
  /** Recommend stopping after this many fair offers were refused and the agent turned a demand down. */
  stopAfterRefusedOffers: number;
  /** Offering and committing count as missing once the agent has replied this many times to an upset customer without them. */
  resolveWithinReplies: number;
  /** After a heated exchange, the next-step message is due within this many minutes. */
  nextStepMinutes: number;
  /** Check back this many days after an upset customer's issue is resolved. */
  checkBackDays: number;
}

/**
 * Calmdesk's defaults, chosen for live chat and messaging:
 * - upset from 45 and heated from 60 (`analyzeMessage`'s "upset" level; a plain complaint is ~60);
 * - a burst is 3+ customer messages within 2 minutes; cutting in is answering within 10 s plus
 *   reading time (4 words a second) of an agent message; chasing is writing again after 5 minutes
 *   unanswered;
 * - the trend is the slope of the last 4 customer temperatures: -8 points a message or steeper is
 *   calming, +8 or steeper escalating;
 * - escalate after 3 agent replies that did not bring the temperature down by 10 points, or at
 *   once on a manager demand or a legal or regulator threat;
 * - stop only after 2 abusive messages following a warning, or 3 fair offers refused;
 * - offer and commit within 2 replies; a next step within 60 minutes of a heated exchange; a
 *   check-back 14 days after the fix.
 *
 * @example
 * const emailQueue = { ...DEFAULT_CONVERSATION_POLICY, chaseAfterSeconds: 4 * 3600 };
 */
export const DEFAULT_CONVERSATION_POLICY: Readonly<ConversationPolicy> = Object.freeze({
  upsetTemperature: 45,
  heatedTemperature: 60,
  burstMinMessages: 3,
  burstWindowSeconds: 120,
  cutInSeconds: 10,
  readingWordsPerSecond: 4,
  chaseAfterSeconds: 300,
  trendWindow: 4,
  calmingSlope: 8,
  escalatingSlope: 8,
  escalateAfterReplies: 3,
  minTemperatureFall: 10,
  escalateOnThreats: Object.freeze(['legal', 'regulator'] as ThreatKind[]),
  stopAfterAbusiveMessages: 2,
  stopAfterRefusedOffers: 3,
  resolveWithinReplies: 2,
  nextStepMinutes: 60,
  checkBackDays: 14,
});

/** Settings that count things: whole numbers, at least one. */
const COUNTS = [
  'burstMinMessages',
  'trendWindow',
  'escalateAfterReplies',
  'stopAfterAbusiveMessages',
  'stopAfterRefusedOffers',
  'resolveWithinReplies',
] as const;

/** Settings that measure: finite, zero or more. */
const MEASURES = [
  'upsetTemperature',
  'heatedTemperature',
  'burstWindowSeconds',
  'cutInSeconds',
  'chaseAfterSeconds',
  'calmingSlope',
  'escalatingSlope',
  'minTemperatureFall',
  'nextStepMinutes',
  'checkBackDays',
] as const;

/**
 * The defaults with the caller's overrides, checked once. A bad setting is a programmer error,
 * so it throws a RangeError naming the setting.
 *
 * @example
 * resolvePolicy({ heatedTemperature: 70 }).heatedTemperature; // 70, every other setting its default
 * resolvePolicy({ trendWindow: 0 }); // throws RangeError: policy.trendWindow must be a whole number of at least 1
 */
export function resolvePolicy(overrides: Partial<ConversationPolicy> = {}): ConversationPolicy {
  const policy: ConversationPolicy = { ...DEFAULT_CONVERSATION_POLICY };
  for (const [key, value] of Object.entries(overrides) as [keyof ConversationPolicy, unknown][]) {
    if (value !== undefined) (policy as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of COUNTS) {
    const v = policy[key];
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`policy.${key} must be a whole number of at least 1, got ${String(v)}`);
    }
  }
  for (const key of MEASURES) {
    const v = policy[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`policy.${key} must be a finite number of at least 0, got ${String(v)}`);
    }
  }
  if (!(policy.readingWordsPerSecond > 0) || !Number.isFinite(policy.readingWordsPerSecond)) {
    throw new RangeError('policy.readingWordsPerSecond must be a finite number above 0');
  }
  if (!Array.isArray(policy.escalateOnThreats)) {
    throw new RangeError('policy.escalateOnThreats must be a list of threat kinds');
  }
  return policy;
}
