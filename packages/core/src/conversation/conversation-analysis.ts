import type { DueKind } from '../commitments/extract-commitments.js';
import type { TemperatureLevel } from '../message/analyze-message.js';

/*
 * What `analyzeConversation` returns. Every `index` and `messageIndex` is a position in the
 * caller's array of messages, whatever order the messages came in.
 */

/** How hot one customer message ran. */
export interface TemperaturePoint {
  index: number;
  at: string;
  temperature: number;
  level: TemperatureLevel;
}

/** Where the customer's last few temperatures are heading. */
export type TemperatureTrend = 'calming' | 'steady' | 'escalating';

/** Customer messages in quick succession with no agent reply between them. */
export interface Burst {
  indexes: number[];
  count: number;
  /** The first and the last message's `at`. */
  from: string;
  to: string;
  seconds: number;
}

/**
 * A customer message that did not wait its turn: `cut_in` came right after an agent message,
 * sooner than it could have been read; `chasing` came after the customer's own message had
 * waited unanswered for a while.
 */
export interface Interruption {
  index: number;
  kind: 'cut_in' | 'chasing';
  /** The message it came after: the agent's for `cut_in`, the customer's unanswered one for `chasing`. */
  afterIndex: number;
  seconds: number;
  why: string;
}

export interface ConversationTiming {
  bursts: Burst[];
  interruptions: Interruption[];
}

/** The de-escalation steps of the practice (brief, points 3-10), in the order they are taken. */
export type PlaybookStepName =
  | 'listened'
  | 'acknowledged'
  | 'apologised'
  | 'reflected'
  | 'owned'
  | 'asked_fair'
  | 'offered'
  | 'committed'
  | 'kept_follow_up';

/**
 * `done`: the agent took the step (in `messageIndex`); `missing`: the agent has replied without
 * it, or got it wrong (`messageIndex` then points at the reply at fault); `not_yet`: not due yet,
 * `why` says what comes first; `not_applicable`: the conversation does not call for it.
 */
export type PlaybookStatus = 'done' | 'missing' | 'not_yet' | 'not_applicable';

export interface PlaybookStep {
  step: PlaybookStepName;
  status: PlaybookStatus;
  messageIndex?: number;
  why: string;
}

/**
 * What the agent should do next, as a short id. `answer`: the customer wrote last and no step
 * of the playbook is due: answer them. `none` only when the agent wrote last, or no customer
 * has written: a customer who wrote last always gets an action.
 */
export type NextActionKind =
  | 'listen'
  | 'acknowledge'
  | 'apologise'
  | 'reflect'
  | 'own'
  | 'ask_fair'
  | 'offer'
  | 'commit'
  | 'follow_up'
  | 'escalate'
  | 'warn'
  | 'stop'
  | 'check_back'
  | 'answer'
  | 'none';

export interface NextAction {
  action: NextActionKind;
  why: string;
  /** A phrasing the agent can send or edit; words in [brackets] are for the agent to fill in. Empty for `none`. */
  suggestedReply: string;
}

/** What a supervisor reads before taking over, so the customer need not repeat the story. */
export interface Handoff {
  /** Readable in ten seconds: who, what went wrong, what was tried, what the customer wants. */
  summary: string;
  customer: string;
  problem: string;
  tried: string[];
  wants: string;
}

export interface EscalationRecommendation {
  recommended: boolean;
  /** Why, one line each. After a takeover, only the reasons new since then, for the supervisor. */
  reasons: string[];
  /**
   * When a supervisor took the conversation over (ISO 8601, UTC), while they hold it: the
   * reasons that held then are not repeated, and new ones are addressed to them.
   */
  takenOverAt?: string;
  /** Always written: ready when the recommendation holds, or when an agent asks for help anyway. */
  handoff?: Handoff;
}

/** The four things to do when stopping (brief, point 12), as phrasings and a record for the ticket. */
export interface StopScript {
  warn: string;
  apologise: string;
  close: string;
  record: string;
}

export interface StopRecommendation {
  recommended: boolean;
  reason?: string;
  script?: StopScript;
}

/**
 * `next_step`: the message the practice asks for within the hour after a heated exchange;
 * `check_back`: the check some days after an upset customer's issue was resolved;
 * `promise`: a commitment the agent made in a message.
 */
export type FollowUpKind = 'next_step' | 'check_back' | 'promise';

export interface FollowUp {
  kind: FollowUpKind;
  /** ISO 8601, UTC. */
  due: string;
  why: string;
  /** `kept`: an agent message reached the customer in time; `missed`: due has passed without one. */
  status: 'pending' | 'kept' | 'missed';
  /** For `promise`: the agent message that made it, and the promise as written. */
  messageIndex?: number;
  promised?: string;
  /** For `promise`: how its due time was read (`extractCommitments`); 'default' when no time was given. */
  dueKind?: DueKind;
  /** For `kept`: the agent message that kept it. */
  keptByIndex?: number;
}

/** Something about the input the caller should know: a message skipped, an order repaired. */
export interface ConversationNote {
  messageIndex?: number;
  note: string;
}

/**
 * A conversation read as a whole: the customer's temperature over time, the timing of their
 * messages, the playbook, the next best action and the recommendations.
 *
 * @example
 * const { nextAction, escalation, stop } = analyzeConversation(messages, options);
 * if (stop.recommended) showStopScript(stop.script);
 * else if (escalation.recommended) notifySupervisor(escalation.handoff);
 * else suggest(nextAction.suggestedReply);
 */
export interface ConversationAnalysis {
  /** One point per customer message read, in time order. */
  temperatures: TemperaturePoint[];
  trend: TemperatureTrend;
  /** The hottest customer message (the first of equals); absent without customer messages. */
  peak?: TemperaturePoint;
  /** The latest customer message. */
  current?: TemperaturePoint;
  timing: ConversationTiming;
  /** One entry per step, always all nine, in the practice's order. */
  playbook: PlaybookStep[];
  nextAction: NextAction;
  escalation: EscalationRecommendation;
  stop: StopRecommendation;
  /** Soonest due first. */
  followUps: FollowUp[];
  notes: ConversationNote[];
}
