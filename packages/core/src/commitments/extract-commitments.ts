/**
 * Commitments: the promises an agent makes in a message, each with the instant it falls due,
 * so that Calmdesk can keep every promise on a clock (the practice's step 10: "commit to next
 * steps with a time, and keep them").
 *
 * ## What counts as a promise
 * - Said by the agent or for the company: "I'll", "I will", "we'll", "I'm going to", "I promise
 *   to", "let me check and get back to you", "you'll get / receive / hear", "you should
 *   receive", "expect a call ...", "someone / a supervisor / our team will", "your refund will
 *   be processed", "... and should arrive within 2-3 days", "I'm sending you ...", "please
 *   allow 3-5 business days", "refunds can take up to 10 days". From "your refund will be
 *   processed" to "I'm sending you", a promise needs an action of a known kind or a time;
 *   "please allow", "can take" and "expect" need a time.
 * - Not a promise: questions ("Shall I call you tomorrow?": a "?" sentence that opens with a
 *   question word; "I'll call you tomorrow, OK?" still counts), denials and doubts ("I can't
 *   promise we'll ...", "I'm not sure we'll ...", "I will not ..."), reported words ("you said
 *   you would call", "I was told we'll ..."), quoted text ("..." and “...”, lines starting
 *   with ">", and everything after an "On ... wrote:" header), obligations put on the
 *   customer ("you'll need to ..."), offers ("I can call you", "I'd be happy to"), and
 *   "I'll be honest", "we'll be closed tomorrow", "I'll see what I can do".
 * - Hedges count: "I'll try to call you tomorrow", "it should arrive by Friday", "hopefully
 *   tomorrow". The customer hears a time, and an empty promise is worse than none, so the
 *   clock runs on them too. So do promises with a condition on the customer ("if you send the
 *   photos, I'll arrange a replacement within 2 days"): the team dismisses them if the
 *   condition never comes.
 * - A promise with no time ("I'll look into it") needs an action (look into, check, call,
 *   send, refund, ...) and is due by the team's default, `defaultDueBusinessDays` (1: close of
 *   the next business day), with dueKind 'default'. "I'll be glad to help" promises nothing.
 * - One sentence with two promises joined by "and" gives two ("I'll call you tomorrow and
 *   I'll email you by 5pm"); a promise with no time followed by one with a time in the same
 *   sentence is one promise ("I'll look into it and I'll call you tomorrow": a callback).
 *   Two actions under one "I'll" are one promise with the first action's kind.
 *
 * ## When it falls due (all in the team's time zone; "close" is the end of business hours)
 * - A clock time or a duration in minutes or hours is literal clock time, whatever the
 *   business hours: "within the hour" at 16:45 on a Friday is 17:45 that Friday, because that
 *   is what the customer was told ('exact'). "within 24 hours" is sentAt + 24h. "2 business
 *   hours" counts business time only.
 * - "by 5pm": today at 17:00 if that is still ahead, else the next business day at 17:00.
 *   A bare hour from 1 to 7 ("at 3", "5 o'clock") is in the afternoon. "5pm EST" uses EST.
 * - "today", "by end of day", "COB", "later (today)": today's close when sent on a business
 *   day before closing; otherwise 4 hours after sending, but not past midnight.
 * - "this morning" 12:00, "by lunchtime" 13:00, "this afternoon" 17:00, "this evening" 21:00,
 *   "tonight" 23:59:59 today; a part of the day already over when sent: within the hour.
 * - "tomorrow": tomorrow's close; when tomorrow is not a business day (a weekend, a holiday),
 *   the next business day's close. "tomorrow morning" etc.: the end of that part of that day.
 *   "first thing (tomorrow / Monday / in the morning)": an hour after opening on that day.
 *   "in the morning" is tomorrow morning; "the day after tomorrow" as tomorrow, a day later.
 * - A named day ("by Friday", "on Monday", "by the 3rd", "3rd December", "12/3") is kept as
 *   named, at that day's close, even when the team is off that day: the customer was told
 *   that day. A weekday is its next occurrence after today ("Friday" said on a Friday is next
 *   week's; "next Friday" is the coming Friday). "Friday at 2pm" is exact.
 * - Windows are due at their end, the latest moment the promise is still kept
 *   ('window_end'): "3-5 business days" → close of the 5th business day after today
 *   ("working" = "business", holidays skipped); "within 3 days" → close of the 3rd calendar
 *   day after today, rolled to the next business day like "tomorrow"; weeks and months
 *   likewise. "this week" / "by the end of the week" → close of this week's last business
 *   day; "next week" → close of next week's last business day ("early next week": its
 *   second; "start of next week": its first); "this month" / "next month" likewise;
 *   "over the weekend" → Sunday 23:59:59.
 * - Vague: "shortly", "right away", "in a moment" → within the hour; "asap", "soon", "as
 *   soon as I hear back" → 4 business hours.
 * - The due time is never before sentAt, and is rounded up to whole seconds.
 *
 * ## Limits
 * English only. Time words are read in the sentence of the promise. At most MAX_COMMITMENTS
 * are returned. Chrono reads named dates through the host's local calendar, so on a host
 * whose own zone changes its clocks within an hour of the message, a named day could be off;
 * every other rule is exact in any host zone.
 */
import { BusinessCalendar, type BusinessCalendarOptions } from './business-calendar.js';
import {
  breaksClause,
  classifyPromise,
  clauseEnd,
  findCues,
  genericActionEnd,
  isQuestion,
  splitSentences,
  type CommitmentKind,
  type Cue,
  type CueStrength,
} from './promise-cues.js';
import {
  findTimeExpressions,
  findTimeExpressionsMany,
  type Due,
  type DueKind,
  type ResolveContext,
  type TimeExpression,
} from './time-expressions.js';
import { readInstant } from './time-zone.js';

export type { CommitmentKind } from './promise-cues.js';
export type { DueKind } from './time-expressions.js';
export {
  DEFAULT_BUSINESS_HOURS,
  MAX_BUSINESS_STEPS,
  addBusinessDays,
  addBusinessHours,
  endOfBusinessDay,
  nextBusinessMoment,
  type BusinessCalendarOptions,
  type BusinessHours,
} from './business-calendar.js';

/**
 * A promise the agent made, and when it falls due.
 *
 * @example
 * const [c] = extractCommitments("I'll call you back within the hour.",
 *   '2026-11-27T16:45:00+01:00', { timeZone: 'Europe/Paris' });
 * // c = { kind: 'callback', start: 0, end: 34, text: "I'll call you back within the hour",
 * //       due: '2026-11-27T17:45:00+01:00', dueKind: 'exact',
 * //       explanation: 'Promised a call back within the hour' }
 */
export interface Commitment {
  /** What was promised. */
  kind: CommitmentKind;
  /** UTF-16 span of the promise in the agent's text: `text === agentText.slice(start, end)`. */
  start: number;
  end: number;
  text: string;
  /** When it falls due: ISO 8601 with the team's UTC offset, e.g. "2026-11-27T16:00:00+01:00". */
  due: string;
  /**
   * How `due` was found: 'exact' (a clock time, or minutes and hours from sentAt: "by 5pm",
   * "within the hour"), 'end_of_day' (a day: "tomorrow", "by Friday"), 'window_end' (the end of
   * a window or a vague span: "3-5 business days", "next week", "asap"), 'default' (no time
   * given: the team's default).
   */
  dueKind: DueKind;
  /** One line for the agent, e.g. "Promised a call back within the hour". */
  explanation: string;
}

/**
 * The team's calendar, and how to read what it leaves open.
 *
 * @example
 * const options: ExtractCommitmentsOptions = {
 *   timeZone: 'Europe/London',
 *   businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' },
 *   holidays: ['2026-12-25', '2026-12-28'],
 * };
 */
export interface ExtractCommitmentsOptions extends BusinessCalendarOptions {
  /**
   * A promise with no time ("I'll look into it") is due at the close of this many business
   * days after it is made: an integer from 0 (today's close, or the next business day's) to 30.
   * Default 1.
   */
  defaultDueBusinessDays?: number;
  /**
   * How to read "3/12": 'month-first' (March 12) in the United States, 'day-first' (3 December)
   * elsewhere. Default: 'month-first' for US time zones, else 'day-first'.
   */
  dateOrder?: 'day-first' | 'month-first';
}

/**
 * At most this many commitments come back from one message: a real message holds a few, and
 * the cap keeps a pasted 1 MB log cheap.
 *
 * @example
 * extractCommitments(hugeText, sentAt, options).length <= MAX_COMMITMENTS; // always true
 */
export const MAX_COMMITMENTS = 50;

const DEFAULT_DUE_BUSINESS_DAYS = 1;
const MAX_DEFAULT_DUE_BUSINESS_DAYS = 30;
const US_ZONE =
  /^(?:US\/|Pacific\/Honolulu$|America\/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise|Juneau|Sitka|Nome|Adak|Menominee|Metlakatla|Yakutat|Indianapolis|Louisville|Indiana\/|Kentucky\/|North_Dakota\/))/;

/** Before a time that precedes its promise: the start of a clause ("Sorry, tomorrow I'll ..."). */
const CLAUSE_OPENING =
  /(?:^|[,;:.!?\u2013\u2014])[\s"'“‘(]*(?:(?:and|so|then|but|ok|okay|also|great|right)[\s,]+)*$/i;

// Made once: a regex literal in a function makes a new RegExp object each time it runs.
const ONLY_COMMAS = /^[\s,]*$/;
const SPACES = /\s+/g;
const CAPITALISED = /^[A-Z][a-z]/;
const TRAILING_MARK = /[\s.,;:!?\u2026\u2013\u2014-]/;
const DANGLING_CONJUNCTION = /\s+(?:and|but|or|then|so|also|plus)$/i;

const WEEKDAY_OR_MONTH =
  /^(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

const KIND_LABEL: Record<CommitmentKind, string> = {
  callback: 'Promised a call back',
  email: 'Promised an email',
  reply: 'Promised a reply',
  refund: 'Promised a refund',
  replacement: 'Promised a replacement',
  delivery: 'Promised delivery',
  check_back: 'Promised to check back',
  fix: 'Promised a fix',
  escalate: 'Promised to escalate',
  other: 'Promised to follow through',
};

const STRENGTH_ORDER: Record<CueStrength, number> = { weak: 0, medium: 1, strong: 2 };

/** Cues of one sentence that make one promise, and the stretch of text it may use. */
interface PromiseGroup {
  start: number;
  cueEnd: number;
  /** Where the next promise's cue starts, or the sentence's end. */
  end: number;
  strength: CueStrength;
  time?: TimeExpression;
  /** Where the part of the promise that named its time starts (after a merge, the later part). */
  timedStart: number;
}

/**
 * Finds the promises in an agent's message and when each falls due, in the team's time zone
 * and business calendar. The rules for every phrasing are in this module's header.
 *
 * Never throws for any `agentText`; throws a TypeError only on programmer error: an unknown
 * time zone, an invalid `sentAt` (a Date or ISO 8601 text; text with no offset is read as the
 * team's wall-clock time), malformed business hours or holidays, or a bad
 * `defaultDueBusinessDays`. Spans are UTF-16 offsets with `text === agentText.slice(start,
 * end)`, in order, and no due time is before `sentAt`.
 *
 * @example
 * extractCommitments(
 *   "So sorry about this. I'll call you back within the hour, and your refund will be processed in 3-5 business days.",
 *   '2026-11-27T16:45:00+00:00',
 *   { timeZone: 'Europe/London' },
 * );
 * // → [ { kind: 'callback', due: '2026-11-27T17:45:00+00:00', dueKind: 'exact', ... },
 * //     { kind: 'refund', due: '2026-12-04T17:00:00+00:00', dueKind: 'window_end', ... } ]
 */
export function extractCommitments(
  agentText: string,
  sentAt: string | Date,
  options: ExtractCommitmentsOptions,
): Commitment[] {
  const calendar = new BusinessCalendar(options);
  const sent = readInstant(sentAt, calendar.clock, 'sentAt');
  const team = readTeam(options, calendar);
  if (typeof agentText !== 'string') {
    throw new TypeError(`agentText must be a string, got ${typeof agentText}`);
  }
  return extractDue(team, agentText, sent, cuedSentences(agentText)).map((c) => written(team, c));
}

/**
 * Reads the commitments of many messages with the same options: the options are checked and
 * the calendar built once, up front (a malformed one throws here, with the messages of
 * `extractCommitments`), and each call then does what `extractCommitments(agentText, sentAt,
 * options)` does, with the same results and errors.
 *
 * @example
 * const read = commitmentReader({ timeZone: 'Europe/London' });
 * read("I'll call you back within the hour.", '2026-11-27T16:45:00Z'); // as extractCommitments
 */
export function commitmentReader(
  options: ExtractCommitmentsOptions,
): (agentText: string, sentAt: string | Date) => Commitment[] {
  const calendar = new BusinessCalendar(options);
  const team = readTeam(options, calendar);
  const read = readerFor(team);
  return (agentText, sentAt) => read(agentText, sentAt).map((c) => written(team, c));
}

/** A commitment with its due time in epoch milliseconds rather than written out. @internal */
export interface DueCommitment extends Omit<Commitment, 'due'> {
  dueMs: number;
}

/** The commitment as `extractCommitments` returns it, its due time written in the team's zone. */
function written(team: Team, c: DueCommitment): Commitment {
  return {
    kind: c.kind,
    start: c.start,
    end: c.end,
    text: c.text,
    due: team.calendar.clock.formatIso(c.dueMs),
    dueKind: c.dueKind,
    explanation: c.explanation,
  };
}

/**
 * `commitmentReader` with each due time in epoch milliseconds, for a caller that computes with
 * it rather than shows it, reading many messages in one call: `read(texts, sentAts)[i]` is what
 * `commitmentReader(options)(texts[i], sentAts[i])` finds, with due times in milliseconds, and
 * the first bad message throws what it would throw there. The reader keeps what it found in
 * the last few distinct texts that does not depend on when they were sent (their sentences and
 * promise cues): agents send the same canned replies again and again. @internal
 */
export function dueCommitmentReader(
  options: ExtractCommitmentsOptions,
): (agentTexts: readonly string[], sentAts: readonly (string | Date)[]) => DueCommitment[][] {
  const team = readTeam(options, new BusinessCalendar(options));
  const cuedOf = cuedSentencesReader();
  return (agentTexts, sentAts) => {
    // In passes: every message's sentences and cues, then the time expressions in all of
    // them, then every promise and its due time. Each step runs over all the messages before
    // the next starts, which keeps its regexes hot in the processor's caches; all are pure,
    // so the order changes no result.
    const sent: number[] = [];
    const cued: (readonly CuedSentence[])[] = [];
    for (let i = 0; i < agentTexts.length; i++) {
      sent.push(readInstant(sentAts[i] as string | Date, team.calendar.clock, 'sentAt'));
      cued.push(cuedOf(agentTexts[i] as string));
    }
    const prepared = prepareDue(team, agentTexts, sent, cued);
    const out: DueCommitment[][] = [];
    for (let i = 0; i < agentTexts.length; i++) {
      out.push(
        extractDue(team, agentTexts[i] as string, sent[i] as number, cued[i] ?? [], prepared[i]),
      );
    }
    return out;
  };
}

function readerFor(team: Team): (agentText: string, sentAt: string | Date) => DueCommitment[] {
  const cuedOf = cuedSentencesReader();
  return (agentText, sentAt) => {
    const sent = readInstant(sentAt, team.calendar.clock, 'sentAt');
    return extractDue(team, agentText, sent, cuedOf(agentText));
  };
}

/** `cuedSentences`, kept for the last few distinct texts; throws for a text that is no string. */
function cuedSentencesReader(): (agentText: string) => CuedSentence[] {
  const cache = new Map<string, CuedSentence[]>();
  return (agentText) => {
    if (typeof agentText !== 'string') {
      throw new TypeError(`agentText must be a string, got ${typeof agentText}`);
    }
    let cued = cache.get(agentText);
    if (cued === undefined) {
      cued = cuedSentences(agentText);
      if (agentText.length <= MAX_CACHED_TEXT) {
        if (cache.size >= MAX_CACHED_TEXTS) cache.clear();
        cache.set(agentText, cued);
      }
    }
    return cued;
  };
}

/** The reader's cache: this many texts at most, of at most this many characters each. */
const MAX_CACHED_TEXTS = 64;
const MAX_CACHED_TEXT = 4000;

/** A sentence that holds promise cues and is no question: where promises may be. */
interface CuedSentence {
  start: number;
  end: number;
  cues: Cue[];
}

/** The sentences of a message that may hold promises, with their cues, in order. */
function cuedSentences(agentText: string): CuedSentence[] {
  const out: CuedSentence[] = [];
  for (const sentence of splitSentences(agentText)) {
    const s = agentText.slice(sentence.start, sentence.end);
    const cues = findCues(s);
    if (cues.length === 0 || isQuestion(s)) continue;
    out.push({ start: sentence.start, end: sentence.end, cues });
  }
  return out;
}

/** The options, checked, with the team's calendar. */
interface Team {
  calendar: BusinessCalendar;
  defaultDays: number;
  dateOrder: 'day-first' | 'month-first';
}

function readTeam(options: ExtractCommitmentsOptions, calendar: BusinessCalendar): Team {
  const defaultDays = options.defaultDueBusinessDays ?? DEFAULT_DUE_BUSINESS_DAYS;
  if (
    !Number.isInteger(defaultDays) ||
    defaultDays < 0 ||
    defaultDays > MAX_DEFAULT_DUE_BUSINESS_DAYS
  ) {
    throw new TypeError(
      `defaultDueBusinessDays must be an integer from 0 to ${MAX_DEFAULT_DUE_BUSINESS_DAYS}, got ${String(defaultDays)}`,
    );
  }
  const dateOrder =
    options.dateOrder ?? (US_ZONE.test(options.timeZone) ? 'month-first' : 'day-first');
  if (dateOrder !== 'day-first' && dateOrder !== 'month-first') {
    throw new TypeError(`dateOrder must be "day-first" or "month-first", got ${String(dateOrder)}`);
  }
  return { calendar, defaultDays, dateOrder };
}

/** What `extractDue` reads in a message, worked out beforehand for many messages at once. */
interface PreparedDue {
  ctx: ResolveContext;
  /** The text of each cued sentence, and the time expressions in it. */
  sentences: readonly string[];
  times: readonly TimeExpression[][];
}

function dueContext(team: Team, sent: number): ResolveContext {
  const wall = team.calendar.clock.wall(sent);
  return {
    sentAt: sent,
    calendar: team.calendar,
    today: wall.day,
    nowMinute: wall.minute,
    littleEndian: team.dateOrder === 'day-first',
  };
}

function extractDue(
  team: Team,
  agentText: string,
  sent: number,
  cued: readonly CuedSentence[],
  prepared?: PreparedDue,
): DueCommitment[] {
  // Most agent messages promise nothing: no sentence with a cue, nothing to resolve.
  if (cued.length === 0) return [];
  const { defaultDays } = team;
  const ctx = prepared?.ctx ?? dueContext(team, sent);
  const sentCeil = ceilSecond(sent);
  const out: DueCommitment[] = [];
  for (let k = 0; k < cued.length; k++) {
    const sentence = cued[k] as CuedSentence;
    const s = prepared?.sentences[k] ?? agentText.slice(sentence.start, sentence.end);
    const times = prepared?.times[k] ?? findTimeExpressions(s, ctx);
    for (const group of groupPromises(s, sentence.cues, times)) {
      const commitment = toCommitment(s, group, ctx, defaultDays);
      if (!commitment) continue;
      const at = Math.max(ceilSecond(commitment.due.at), sentCeil);
      out.push({
        kind: commitment.kind,
        start: sentence.start + commitment.start,
        end: sentence.start + commitment.end,
        text: s.slice(commitment.start, commitment.end),
        dueMs: at,
        dueKind: commitment.due.kind,
        explanation: commitment.explanation,
      });
      if (out.length >= MAX_COMMITMENTS) return out;
    }
  }
  return out;
}

/**
 * The time expressions of the cued sentences of many messages, found all at once (see
 * `findTimeExpressionsMany`). A message with more cued sentences than MAX_COMMITMENTS is left
 * out: `extractDue` may stop before its last sentences, and reads the ones it needs itself.
 */
function prepareDue(
  team: Team,
  agentTexts: readonly string[],
  sent: readonly number[],
  cued: readonly (readonly CuedSentence[])[],
): (PreparedDue | undefined)[] {
  const sentences: string[] = [];
  const contexts: ResolveContext[] = [];
  const firsts: number[] = [];
  const ctxOf: (ResolveContext | undefined)[] = [];
  for (let i = 0; i < agentTexts.length; i++) {
    const list = cued[i] ?? [];
    firsts.push(sentences.length);
    if (list.length === 0 || list.length > MAX_COMMITMENTS) {
      ctxOf.push(undefined);
      continue;
    }
    const ctx = dueContext(team, sent[i] as number);
    ctxOf.push(ctx);
    const text = agentTexts[i] as string;
    for (const sentence of list) {
      sentences.push(text.slice(sentence.start, sentence.end));
      contexts.push(ctx);
    }
  }
  const times = findTimeExpressionsMany(sentences, contexts);
  const out: (PreparedDue | undefined)[] = [];
  for (let i = 0; i < agentTexts.length; i++) {
    const ctx = ctxOf[i];
    if (ctx === undefined) {
      out.push(undefined);
      continue;
    }
    const from = firsts[i] as number;
    const to = from + (cued[i] ?? []).length;
    out.push({ ctx, sentences: sentences.slice(from, to), times: times.slice(from, to) });
  }
  return out;
}

/** Splits a sentence's cues into promises, and gives each the time it names. */
function groupPromises(s: string, cues: Cue[], times: TimeExpression[]): PromiseGroup[] {
  const groups: PromiseGroup[] = [];
  for (const cue of cues) {
    const last = groups[groups.length - 1];
    if (last && !breaksClause(s.slice(last.cueEnd, cue.start))) {
      last.cueEnd = cue.end;
      if (STRENGTH_ORDER[cue.strength] > STRENGTH_ORDER[last.strength])
        last.strength = cue.strength;
      continue;
    }
    if (last) last.end = cue.start;
    groups.push({
      start: cue.start,
      cueEnd: cue.end,
      end: s.length,
      strength: cue.strength,
      timedStart: cue.start,
    });
  }
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (g) g.time = timeFor(s, g, times, groups[i - 1]);
  }
  // A promise with no time, followed in the same sentence by one with a time, is one promise.
  const merged: PromiseGroup[] = [];
  for (const g of groups) {
    const last = merged[merged.length - 1];
    if (last && last.time === undefined && g.time !== undefined) {
      last.end = g.end;
      last.time = g.time;
      last.timedStart = g.start;
      if (STRENGTH_ORDER[g.strength] > STRENGTH_ORDER[last.strength]) last.strength = g.strength;
      continue;
    }
    merged.push(g);
  }
  return merged;
}

/**
 * The time a promise names: the first time expression after its cue and before the next
 * promise; else one just before the cue with nothing but a comma between ("Tomorrow
 * morning, I'll call you", "Within 24 hours you will receive").
 */
function timeFor(
  s: string,
  g: PromiseGroup,
  times: TimeExpression[],
  previous: PromiseGroup | undefined,
): TimeExpression | undefined {
  const after = times.find((t) => t.start >= g.start && t.start < g.end);
  if (after) return after;
  const floor = previous ? Math.max(previous.cueEnd, previous.time?.end ?? 0) : 0;
  for (let i = times.length - 1; i >= 0; i--) {
    const t = times[i];
    if (!t || t.end > g.start) continue;
    const lead = s.slice(floor, t.start);
    if (
      t.start >= floor &&
      ONLY_COMMAS.test(s.slice(t.end, g.start)) &&
      CLAUSE_OPENING.test(lead)
    ) {
      return t;
    }
    break;
  }
  return undefined;
}

interface DraftCommitment {
  kind: CommitmentKind;
  start: number;
  end: number;
  due: Due;
  explanation: string;
}

function toCommitment(
  s: string,
  g: PromiseGroup,
  ctx: ResolveContext,
  defaultDays: number,
): DraftCommitment | null {
  const region = s.slice(g.start, g.end);
  // After a merge, the kind is the timed part's ("I'll pass this on and we'll let you know
  // by Wednesday" is a reply by Wednesday).
  const timedPart = g.timedStart > g.start ? classifyPromise(s.slice(g.timedStart, g.end)) : null;
  const classified = timedPart
    ? { kind: timedPart.kind, end: timedPart.end + (g.timedStart - g.start) }
    : classifyPromise(region);
  const genericEnd = classified ? -1 : genericActionEnd(region);
  const time = g.time;
  const promised =
    time !== undefined ||
    (g.strength !== 'weak' && classified !== null) ||
    (g.strength === 'strong' && genericEnd >= 0);
  if (!promised) return null;

  const kind = classified?.kind ?? 'other';
  const start = Math.min(g.start, time?.start ?? g.start);
  let needed = Math.max(g.cueEnd, time?.end ?? 0, g.start + (classified?.end ?? genericEnd));
  needed = Math.min(needed, s.length);
  let end = Math.max(Math.min(clauseEnd(s, needed), g.end), needed);
  end = trimEnd(s, start, end);
  if (end <= start) return null;

  let due: Due;
  let explanation: string;
  if (time) {
    due = time.due;
    let said = s.slice(time.start, time.end).replace(SPACES, ' ').trim().slice(0, 60);
    if (CAPITALISED.test(said) && !WEEKDAY_OR_MONTH.test(said))
      said = said.charAt(0).toLowerCase() + said.slice(1);
    explanation = `${KIND_LABEL[kind]} ${said}${due.note ? ` (${due.note})` : ''}`;
  } else {
    due = defaultDue(ctx, defaultDays);
    const days = `${defaultDays} business day${defaultDays === 1 ? '' : 's'}`;
    explanation = `${KIND_LABEL[kind]}, with no time given (the team's default: ${days})`;
  }
  return { kind, start, end, due, explanation };
}

function defaultDue(ctx: ResolveContext, days: number): Due {
  const cal = ctx.calendar;
  const at =
    days === 0
      ? cal.endOfBusinessDay(ctx.sentAt)
      : cal.closing(cal.addBusinessDays(ctx.today, days));
  return { at, kind: 'default' };
}

/** Drops trailing spaces, punctuation and dangling conjunctions from [start, end). */
function trimEnd(s: string, start: number, end: number): number {
  let e = end;
  for (;;) {
    while (e > start && TRAILING_MARK.test(s.charAt(e - 1))) e--;
    const tail = DANGLING_CONJUNCTION.exec(s.slice(start, e));
    if (!tail) return e;
    e -= tail[0].length;
  }
}

function ceilSecond(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}
