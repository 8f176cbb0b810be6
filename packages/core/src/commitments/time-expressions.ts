import * as chrono from 'chrono-node/en';
import type { BusinessCalendar } from './business-calendar.js';
import { RegexPrefilter } from '../reply/anchors.js';
import { civilDate, daysInMonth, epochDay, isoWeekday } from './time-zone.js';
import { sortInPlace } from '../util/sort-in-place.js';

/**
 * Finds the time expressions in one sentence of an agent's message and resolves each to the
 * instant a promise made with it falls due. The rules for every phrase live here, in one
 * place; extract-commitments.ts documents them for callers.
 *
 * Two sources, merged: our own patterns for what a date parser does not know (business days,
 * ranges, "end of day", "first thing", "asap", parts of the day, weeks and months as windows),
 * and chrono for named dates and clock times ("Friday", "3rd December", "12/3", "5pm",
 * "tomorrow at 10am", "5pm EST"). Where both match the same words, the longer match wins; on a
 * tie a chrono clock time wins ("at 9:30 tomorrow" over "tomorrow morning"), and otherwise our
 * own (business-aware) reading does.
 */

/**
 * How the due time was derived; see `Commitment.dueKind`.
 *
 * @example
 * extractCommitments("I'll call you by 5pm.", sentAt, options)[0]?.dueKind; // → 'exact'
 */
export type DueKind = 'exact' | 'end_of_day' | 'window_end' | 'default';

/** The instant a promise falls due, how it was derived, and why when that is not obvious. */
export interface Due {
  at: number;
  kind: DueKind;
  /** A short reason, shown in the explanation, when a rule moved the obvious reading. */
  note?: string;
}

/** What a time expression names, for joining neighbours ("Friday" + "5pm", "EOD" + "Monday"). */
type Role = 'day' | 'time' | 'end_of_today' | 'other';

/** A time expression found in a sentence, already resolved. Offsets are into the sentence. */
export interface TimeExpression {
  start: number;
  end: number;
  due: Due;
  role: Role;
  /** For 'day': the epoch day named. For 'time': minutes after midnight. */
  day?: number;
  minute?: number;
  /** Lower wins a tie in length: chrono's clock times (-1), our rules in order, other chrono (100). */
  rank: number;
}

/** Everything a rule needs to resolve a phrase. */
export interface ResolveContext {
  sentAt: number;
  calendar: BusinessCalendar;
  /** The epoch day of sentAt in the team's zone, and the minute of that day. */
  today: number;
  nowMinute: number;
  /** Chrono's reading of "3/12": day first outside the Americas. */
  littleEndian: boolean;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** A due time further away than this is not a promise a team keeps on a clock. */
const MAX_HORIZON_MS = 5 * 366 * 24 * HOUR_MS;
/** "shortly", "right away": the agent meant within the hour. */
const IMMEDIATE_MS = HOUR_MS;
/** "asap", "soon": half a business day. */
const SOON_BUSINESS_HOURS = 4;
/** "later today" and "by end of day" said after closing: this long, but not past midnight. */
const AFTER_HOURS_TODAY_MS = 4 * HOUR_MS;
/** A named part of today that is already over when the promise is made: within the hour. */
const PART_PASSED_MS = HOUR_MS;

/** Where parts of the day end, in minutes after midnight (tonight: 23:59:59). */
const PART_END: Record<string, number> = {
  morning: 12 * 60,
  am: 12 * 60,
  lunch: 13 * 60,
  lunchtime: 13 * 60,
  afternoon: 17 * 60,
  pm: 17 * 60,
  evening: 21 * 60,
  night: 24 * 60 - 1,
  tonight: 24 * 60 - 1,
};

// ---------------------------------------------------------------------------------------------
// Our own rules

/** A number as agents write it, or a vague amount. */
const NUM = String.raw`(\d{1,3}(?:[.,]5)?|a\s+couple(?:\s+of)?|couple(?:\s+of)?|a\s+few|few|several|half\s+an?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty[-\s]?four|twenty|thirty|forty[-\s]?eight|seventy[-\s]?two|ninety|the\s+next|next|the)`;
const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  the: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  ninety: 90,
  next: 1,
  thenext: 1,
  twentyfour: 24,
  fortyeight: 48,
  seventytwo: 72,
  couple: 2,
  few: 3,
  several: 5,
  half: 0.5,
};
const WEEKDAY_NAMES = String.raw`(monday|mon|tuesday|tues|tue|wednesday|weds|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun)`;
const MONTH_NAMES = String.raw`(?:january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec)\b`;

interface Rule {
  re: RegExp;
  role: Role;
  resolve(m: RegExpExecArray, ctx: ResolveContext, sentence: string): ResolvedRule | null;
}
interface ResolvedRule extends Due {
  day?: number;
}

const RULES: Rule[] = [
  // "shortly", "right away", "in a moment": within the hour.
  {
    re: /\b(?:shortly|momentarily|(?:right|straight)\s*away|immediately|right\s+now|promptly|in\s+(?:just\s+)?(?:a|one)\s+(?:moment|minute|min|sec(?:ond)?|bit|jiffy|tick|mo)\b|in\s+no\s+time|any\s+(?:minute|moment)(?:\s+now)?|as\s+we\s+speak|in\s+a\s+(?:little\s+|short\s+)?(?:while|bit))\b/gi,
    role: 'other',
    resolve: (_m, ctx) => ({
      at: ctx.sentAt + IMMEDIATE_MS,
      kind: 'window_end',
      note: 'read as within the hour',
    }),
  },
  // "asap", "soon", "as soon as I hear back": half a business day.
  {
    re: /\b(?:asap|a\.s\.a\.p\b\.?|as\s+soon\s+as\s+(?:possible|poss|(?:I|we|they)\s+(?:can|have|get|hear|receive|know)|it\s+is|it['’]s|there\s+is|there['’]s)|as\s+(?:quickly|fast)\s+as\s+(?:possible|(?:I|we)\s+can)|at\s+the\s+earliest\s+opportunity|without\s+delay|(?:very\s+)?soon(?!\s+as\b))\b/gi,
    role: 'other',
    resolve: (_m, ctx) => ({
      at: ctx.calendar.addBusinessHours(ctx.sentAt, SOON_BUSINESS_HOURS),
      kind: 'window_end',
      note: `read as within ${SOON_BUSINESS_HOURS} business hours`,
    }),
  },
  // Durations and windows: "within the hour", "in 10 minutes", "24-48 hours", "3-5 business
  // days", "within 7-10 working days", "in a couple of weeks", "a day or two".
  {
    re: new RegExp(
      String.raw`(?:\b(?:within|in|inside(?:\s+of)?|under|(?:in|within|over|during)\s+the\s+(?:next|coming)|(?:no|not)\s+(?:later|longer|more)\s+than|less\s+than|up\s+to)\s+)?` +
        String.raw`(?:\b(?:about|around|approximately|approx\.?|roughly|another|the\s+next|a\s+maximum\s+of|maximum(?:\s+of)?|max\.?|at\s+(?:the\s+)?most|up\s+to|between)\s+)?` +
        String.raw`\b${NUM}(?:\s*(?:-|–|—|to|or|and|\/)\s*${NUM})?` +
        String.raw`\s*(?:(business|working|work|week|bank)[\s-]*)?` +
        String.raw`(minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?)\b` +
        String.raw`(?:\s+or\s+(two|three|so))?(?:\s+and\s+a\s+half)?(?:['’]s?\s+time)?(?:\s+from\s+(?:now|today))?`,
      'gi',
    ),
    role: 'other',
    resolve: resolveDuration,
  },
  // "today", "later", "by end of day", "COB", "before we close".
  {
    re: /(?:\b(?:by|before|until|till|at)\s+)?(?:\b(?:the\s+)?end\s+of\s+(?:the\s+|today['’]?s?\s+|my\s+|our\s+|your\s+)?(?:(?:business|work(?:ing)?)\s+)?(?:day|today|shift|business|play)\b|\b(?:the\s+)?close\s+of\s+(?:business|play)\b|\b(?:cob|eod|eob|cop)\b|\blater\s+(?:on\s+)?today\b|\blater(?:\s+on)?\b(?!\s+(?:than|this|next|in)\b)|\b(?:some\s*time|at\s+some\s+point)\s+today\b|\btoday\b|\b(?:before|by)\s+(?:(?:I|we)\s+)?close\b|\bbefore\s+(?:I|we)\s+(?:leave|finish|go\s+home|log\s+off|sign\s+off)(?:\s+(?:today|tonight))?\b|\bthis\s+(?:working|business)\s+day\b|\bwithin\s+the\s+day\b)/gi,
    role: 'end_of_today',
    resolve: (_m, ctx) => endOfToday(ctx),
  },
  // "this morning", "this afternoon", "tonight", "by lunchtime", "after lunch".
  {
    re: /(?:\b(?:by|before|until|till|later|sometime|some\s+time|during|in)\s+)?\b(?:this\s+(morning|afternoon|evening)|(tonight)|(?:later\s+)?(?:at\s+|around\s+)?(lunch(?:time)?))\b|\b(after)\s+lunch(?:time)?\b/gi,
    role: 'other',
    resolve: (m, ctx) => {
      const part = (m[1] ?? m[2] ?? (m[4] ? 'afternoon' : m[3]) ?? 'evening').toLowerCase();
      return partOfToday(ctx, part);
    },
  },
  // "tomorrow", "by tomorrow afternoon", "tomorrow EOD", "(the) next day".
  {
    re: /(?:\b(?:by|before|until|till|on|for|sometime|some\s+time|at\s+some\s+point|during|in\s+the)\s+)?\b(?:(morning|afternoon|evening|lunchtime)\s+)?(?:tomorrow|tmrw?|tmr|2moro|2morrow|(?:the\s+)?next\s+day)\b(?:['’]s)?(?:\s+(morning|afternoon|evening|night|lunch(?:time)?|am\b|pm\b|a\.m\.|p\.m\.))?(?:\s+(?:by\s+)?(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+)?(?:day|business)|close\s+of\s+business|cob|eod))?/gi,
    role: 'day',
    resolve: (m, ctx) => {
      const part = (m[1] ?? m[2])?.toLowerCase().replace(/\./g, '');
      return relativeDay(ctx, 1, 'tomorrow', part);
    },
  },
  // "the day after tomorrow".
  {
    re: /(?:\b(?:by|on)\s+)?\bthe\s+day\s+after\s+tomorrow\b/gi,
    role: 'day',
    resolve: (_m, ctx) => relativeDay(ctx, 2, 'the day after tomorrow', undefined),
  },
  // "the next business day", "by next working day".
  {
    re: /(?:\b(?:by|on|within|before)\s+)?\b(?:the\s+)?next\s+(?:business|working|work)\s+day\b/gi,
    role: 'day',
    resolve: (_m, ctx) => {
      const day = ctx.calendar.nextBusinessDay(ctx.today);
      return { at: ctx.calendar.closing(day), kind: 'end_of_day', day };
    },
  },
  // "first thing", "first thing tomorrow", "first thing Monday", "first thing next week":
  // an hour after opening.
  {
    re: new RegExp(
      String.raw`\bfirst\s+thing(?:\s+(?:in\s+the\s+morning|tomorrow(?:\s+morning)?|next\s+week|(?:on\s+)?${WEEKDAY_NAMES}\b(?:\s+morning)?))?\b`,
      'gi',
    ),
    role: 'other',
    resolve: (m, ctx) => firstThing(m, ctx),
  },
  // "in the morning" (tomorrow's), "in the afternoon" (today's, or tomorrow's once it is over).
  {
    re: /\bin\s+the\s+(morning|afternoon|evening)\b/gi,
    role: 'other',
    resolve: (m, ctx) => {
      const part = (m[1] ?? 'morning').toLowerCase();
      const end = PART_END[part] ?? 12 * 60;
      if (part !== 'morning' && ctx.nowMinute < end) return partOfToday(ctx, part);
      return relativeDay(ctx, 1, `the ${part}`, part);
    },
  },
  // "by the end of the week", "this week", "by the weekend": the week's last business day.
  {
    re: /(?:\b(?:by|before|until|till|at|towards?)\s+)?\b(?:(?:the\s+)?end\s+of\s+(?:the|this)\s+week\b|(?:by|before)\s+the\s+weekend\b|(?:later|sometime|some\s+time|at\s+some\s+point)\s+this\s+week\b|this\s+week\b|within\s+the\s+week\b|(?:the\s+)?week['’]?s\s+end\b)/gi,
    role: 'other',
    resolve: (_m, ctx) => weekWindow(ctx, 0, 'last'),
  },
  // "next week" (its last business day), "early next week", "start of next week", "the week
  // after next".
  {
    re: /(?:\b(?:by|before|until|till|sometime|some\s+time|later|at\s+some\s+point|during|within|over|in)\s+)?\b(?:(?:the\s+)?end\s+of\s+next\s+week|(early)\s+next\s+week|(?:the\s+)?(beginning|start)\s+of\s+next\s+week|(?:the\s+)?next\s+week|the\s+(?:coming|following)\s+week|(?:the\s+)?(week\s+after\s+next))\b/gi,
    role: 'other',
    resolve: (m, ctx) => {
      if (m[1]) return weekWindow(ctx, 1, 'early');
      if (m[2]) return weekWindow(ctx, 1, 'first');
      return weekWindow(ctx, m[3] ? 2 : 1, 'last');
    },
  },
  // "over the weekend", "this weekend": by Sunday night.
  {
    re: /(?:\b(?:over|during|at|on|by|for)\s+)?\b(?:this|the)\s+weekend\b/gi,
    role: 'other',
    resolve: (_m, ctx) => {
      const weekday = isoWeekday(ctx.today);
      const sunday = ctx.today + (7 - weekday);
      return { at: ctx.calendar.at(sunday, PART_END.night ?? 1439, 59), kind: 'window_end' };
    },
  },
  // "by the end of the month", "this month", "next month", "start of next month".
  {
    re: /(?:\b(?:by|before|until|till|sometime|some\s+time|later|during|within|in)\s+)?\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)month|this\s+month|within\s+the\s+month|(?:the\s+)?month['’]?s\s+end|(?:the\s+)?end\s+of\s+(next)\s+month|(?:the\s+)?(beginning|start)\s+of\s+next\s+month|early\s+(next)\s+month|(next)\s+month)\b/gi,
    role: 'other',
    resolve: (m, ctx) => {
      if (m[2]) return monthWindow(ctx, 1, 'first');
      if (m[3]) return monthWindow(ctx, 1, 'early');
      return monthWindow(ctx, m[1] || m[4] ? 1 : 0, 'last');
    },
  },
  // "by the 3rd", "on the 21st": the next such date, not followed by a month (chrono has those).
  {
    re: new RegExp(
      String.raw`\b(?:(?:on|by|before|until|till|for|no\s+later\s+than)\s+(?:the\s+)?)(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?${MONTH_NAMES})`,
      'gi',
    ),
    role: 'day',
    resolve: (m, ctx) => dayOfMonth(Number(m[1]), ctx),
  },
];

// The regexes of the functions below, made once: a regex literal in a function makes a new
// RegExp object each time it runs.
const TRAILING_OF = /\s+of$/;
const WORD_BREAK = /[-\s]+/;
const LEADING_DIGIT = /^\d/;
const DURATION_LEAD = /^(?:within|in|inside|under|over|during|no|not|less|up)\b/;
const TAKES_BEFORE = /\btak(?:e|es|ing)\s+$/i;
const FROM_NOW = /from\s+(?:now|today)$/;
const VAGUE_AMOUNT = /couple|few|several/;
const AND_A_HALF = /and\s+a\s+half/;

function wordNumber(raw: string): number | null {
  const words = raw
    .toLowerCase()
    .replace(TRAILING_OF, '')
    .split(WORD_BREAK)
    .filter((w) => w !== '');
  const first = words[0];
  if (first === undefined) return null;
  if (LEADING_DIGIT.test(first)) return Number(first.replace(',', '.'));
  if (first === 'half') return 0.5;
  // "a couple", "a few": the second word counts; "twenty four", "the next": all of them
  const key =
    (first === 'a' || first === 'an') && words.length > 1 ? (words[1] ?? '') : words.join('');
  return WORD_NUMBERS[key] ?? null;
}

function resolveDuration(
  m: RegExpExecArray,
  ctx: ResolveContext,
  sentence: string,
): ResolvedRule | null {
  const text = m[0].toLowerCase();
  const low = wordNumber(m[1] ?? '');
  const high = m[2] === undefined ? null : wordNumber(m[2]);
  const qualifier = m[3]?.toLowerCase();
  const unitWord = (m[4] ?? '').toLowerCase();
  const orMore = m[5]?.toLowerCase();
  if (low === null || (m[2] !== undefined && high === null)) return null;
  const rawFirst = (m[1] ?? '').toLowerCase();
  // "the" only works for "within the hour"; "within the day/week/month" are other rules.
  if ((rawFirst === 'the' || m[2]?.toLowerCase() === 'the') && !unitWord.startsWith('h'))
    return null;
  // A bare "3 days" is a duration, not a deadline ("it's been 3 days"): it needs a preposition,
  // a range, "business"/"working", or "take(s)".
  const hasLead =
    DURATION_LEAD.test(text) ||
    TAKES_BEFORE.test(sentence.slice(Math.max(0, m.index - 12), m.index));
  const isRange = high !== null || orMore !== undefined;
  const business = qualifier !== undefined; // business, working, work, week or bank days
  if (!hasLead && !isRange && !business && !FROM_NOW.test(text)) return null;
  const vague = VAGUE_AMOUNT.test(rawFirst);
  let amount = Math.max(low, high ?? 0);
  if (orMore === 'two') amount = Math.max(amount, 2);
  if (orMore === 'three') amount = Math.max(amount, 3);
  if (AND_A_HALF.test(text)) amount += 0.5;
  if (!(amount > 0)) return null;
  const kind: DueKind = isRange || vague ? 'window_end' : 'exact';
  const cal = ctx.calendar;

  if (unitWord.startsWith('m') && unitWord !== 'month' && unitWord !== 'months') {
    // minutes: "a few minutes" is not three
    const minutes = vague
      ? rawFirst.includes('couple')
        ? 5
        : rawFirst.includes('few')
          ? 10
          : 15
      : amount;
    return { at: ctx.sentAt + minutes * MINUTE_MS, kind };
  }
  if (unitWord.startsWith('h')) {
    if (business) return { at: cal.addBusinessHours(ctx.sentAt, amount), kind };
    return { at: ctx.sentAt + amount * HOUR_MS, kind };
  }
  const whole = Math.ceil(amount);
  if (unitWord.startsWith('d')) {
    if (business) {
      const day = cal.addBusinessDays(ctx.today, whole);
      return { at: cal.closing(day), kind: 'window_end', day };
    }
    return rolledDay(ctx, ctx.today + whole, 'window_end', `that day is not a business day`);
  }
  if (unitWord.startsWith('w')) {
    if (business) {
      const day = cal.addBusinessDays(ctx.today, whole * 5);
      return { at: cal.closing(day), kind: 'window_end', day };
    }
    return rolledDay(ctx, ctx.today + whole * 7, 'window_end', 'that day is not a business day');
  }
  // months
  const { year, month, date } = civilDate(ctx.today);
  const target = month - 1 + whole;
  const y = year + Math.floor(target / 12);
  const mo = (target % 12) + 1;
  const day = epochDay(y, mo, Math.min(date, daysInMonth(y, mo)));
  return rolledDay(ctx, day, 'window_end', 'that day is not a business day');
}

/** Close of business on `day`, or of the next business day when `day` is not one. */
function rolledDay(ctx: ResolveContext, day: number, kind: DueKind, why: string): ResolvedRule {
  const cal = ctx.calendar;
  if (cal.isBusinessDay(day)) return { at: cal.closing(day), kind, day };
  const next = cal.nextBusinessDay(day);
  return { at: cal.closing(next), kind, day: next, note: `${why}, so the next business day` };
}

/** "today", "by end of day", "later". */
function endOfToday(ctx: ResolveContext): ResolvedRule {
  const cal = ctx.calendar;
  if (cal.isBusinessDay(ctx.today)) {
    const close = cal.closing(ctx.today);
    if (ctx.sentAt < close) return { at: close, kind: 'end_of_day', day: ctx.today };
  }
  const midnight = cal.at(ctx.today, 24 * 60 - 1, 59);
  return {
    at: Math.max(ctx.sentAt, Math.min(ctx.sentAt + AFTER_HOURS_TODAY_MS, midnight)),
    kind: 'end_of_day',
    note: 'sent outside business hours: 4 hours, and before midnight',
  };
}

/** "this morning", "this afternoon", "tonight", "by lunchtime". */
function partOfToday(ctx: ResolveContext, part: string): ResolvedRule {
  const end = PART_END[part] ?? 17 * 60;
  if (ctx.nowMinute >= end) {
    return {
      at: ctx.sentAt + PART_PASSED_MS,
      kind: 'window_end',
      note: `the ${part} was over, so within the hour`,
    };
  }
  const second = end === 24 * 60 - 1 ? 59 : 0;
  return { at: ctx.calendar.at(ctx.today, end, second), kind: 'window_end', day: ctx.today };
}

/**
 * "tomorrow" (offset 1) and "the day after tomorrow" (2): close of business that day; when it is
 * not a business day, the next business day's. With a part of the day ("tomorrow morning"),
 * the end of that part on the same (rolled) day.
 */
function relativeDay(
  ctx: ResolveContext,
  offset: number,
  name: string,
  part: string | undefined,
): ResolvedRule {
  const cal = ctx.calendar;
  let day = ctx.today + offset;
  let note: string | undefined;
  if (!cal.isBusinessDay(day)) {
    day = cal.nextBusinessDay(day);
    note = `${name} is not a business day, so the next business day`;
  }
  const end = part === undefined ? undefined : PART_END[part.startsWith('lunch') ? 'lunch' : part];
  if (end === undefined)
    return { at: cal.closing(day), kind: 'end_of_day', day, ...(note ? { note } : {}) };
  const second = end === 24 * 60 - 1 ? 59 : 0;
  return { at: cal.at(day, end, second), kind: 'window_end', day, ...(note ? { note } : {}) };
}

function firstThing(m: RegExpExecArray, ctx: ResolveContext): ResolvedRule {
  const cal = ctx.calendar;
  const text = m[0].toLowerCase();
  let day: number;
  if (text.includes('tomorrow')) {
    day = cal.nextBusinessDay(ctx.today);
  } else if (text.includes('next week')) {
    day = cal.nextBusinessDay(ctx.today + (8 - isoWeekday(ctx.today)) - 1);
  } else if (m[1] !== undefined) {
    day = nextWeekday(ctx.today, weekdayNumber(m[1]));
  } else {
    // "first thing" / "first thing in the morning": the next opening after sentAt
    const next = cal.nextBusinessMoment(ctx.sentAt);
    day = cal.dayOf(next);
    if (next === ctx.sentAt) day = cal.nextBusinessDay(day); // at work now: tomorrow's first thing
  }
  return { at: cal.opening(day) + HOUR_MS, kind: 'exact', day, note: 'an hour after opening' };
}

/**
 * The business day of a week window: `weeksAhead` 0 = this week, 1 = next week. 'last' is its
 * last business day (the latest the promise is kept), 'first' its first, 'early' its second.
 * This week with no business time left rolls to next week.
 */
function weekWindow(
  ctx: ResolveContext,
  weeksAhead: number,
  which: 'first' | 'early' | 'last',
): ResolvedRule {
  const cal = ctx.calendar;
  for (let w = weeksAhead; w < weeksAhead + 8; w++) {
    const monday = ctx.today - (isoWeekday(ctx.today) - 1) + 7 * w;
    const days: number[] = [];
    for (let d = monday; d < monday + 7; d++) if (cal.isBusinessDay(d)) days.push(d);
    const pick =
      which === 'last' ? days[days.length - 1] : which === 'first' ? days[0] : (days[1] ?? days[0]);
    if (pick !== undefined && cal.closing(pick) > ctx.sentAt) {
      const note = w > weeksAhead ? 'no business time left that week, so the next' : undefined;
      return { at: cal.closing(pick), kind: 'window_end', day: pick, ...(note ? { note } : {}) };
    }
  }
  return { at: cal.endOfBusinessDay(ctx.sentAt), kind: 'window_end' };
}

/** Like weekWindow, for months: 'early' is the fifth business day. */
function monthWindow(
  ctx: ResolveContext,
  monthsAhead: number,
  which: 'first' | 'early' | 'last',
): ResolvedRule {
  const cal = ctx.calendar;
  const { year, month } = civilDate(ctx.today);
  for (let k = monthsAhead; k < monthsAhead + 3; k++) {
    const first = epochDay(year, month + k, 1);
    const last = epochDay(year, month + k + 1, 1) - 1;
    let pick: number;
    if (which === 'last') pick = cal.previousBusinessDay(last, true);
    else pick = cal.addBusinessDays(cal.nextBusinessDay(first, true), which === 'early' ? 4 : 0);
    if (pick >= first && pick <= last && cal.closing(pick) > ctx.sentAt) {
      const note = k > monthsAhead ? 'no business time left that month, so the next' : undefined;
      return { at: cal.closing(pick), kind: 'window_end', day: pick, ...(note ? { note } : {}) };
    }
  }
  return { at: cal.endOfBusinessDay(ctx.sentAt), kind: 'window_end' };
}

/** "by the 3rd": this month's 3rd if its close is still ahead, else the next month that has one. */
function dayOfMonth(n: number, ctx: ResolveContext): ResolvedRule | null {
  if (n < 1 || n > 31) return null;
  const { year, month } = civilDate(ctx.today);
  for (let k = 0; k < 13; k++) {
    const y = year + Math.floor((month - 1 + k) / 12);
    const mo = ((month - 1 + k) % 12) + 1;
    if (n > daysInMonth(y, mo)) continue;
    const day = epochDay(y, mo, n);
    const at = ctx.calendar.closing(day);
    if (at > ctx.sentAt) return { at, kind: 'end_of_day', day };
  }
  return null;
}

function weekdayNumber(name: string): number {
  const key = name.toLowerCase().slice(0, 2);
  const order = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
  return order.indexOf(key) + 1;
}

/** The first `weekday` (1-7) strictly after `day`. */
function nextWeekday(day: number, weekday: number): number {
  const delta = (weekday - isoWeekday(day) + 7) % 7;
  return day + (delta === 0 ? 7 : delta);
}

// ---------------------------------------------------------------------------------------------
// chrono, for named dates and clock times

/**
 * What a chrono reading must hold for us to keep it: a weekday, a month, noon or o'clock, or a
 * number. chrono's readings of other words ("tomorrow morning", "this weekend", "tonight") are
 * left to our own rules, which know business days and parts of the day.
 */
const CHRONO_WORDS = new RegExp(
  String.raw`\b(?:noon|midday|midnight|o['’]?clock)\b|\b${WEEKDAY_NAMES}\b|\b${MONTH_NAMES}`,
  'i',
);
const DIGIT = /\d/;

/** The words chrono's casual reader takes for a day or a moment. */
const CASUAL_DAY = String.raw`(?:now|today|tonight|tomorrow|overmorrow|tmrw?|tmr|yesterday|last\s*night)`;

/**
 * A word chrono's casual reader takes for a day ("today", "tomorrow", "tonight", "now") next
 * to a number or a `CHRONO_WORDS` word, which its reading may join ("today at 5pm", "tomorrow
 * noon"). On its own such a word is a reading we drop (`CASUAL_DAY_ONLY`, or no number and no
 * such word in it), and it is our own rules that read it; so when none is next to one, chrono
 * runs without that reader, which costs as much as all the others. Runs of white space count
 * as one character.
 */
const CASUAL_DAY_JOINED = new RegExp(
  String.raw`\b${CASUAL_DAY}\b(?:\s+|[^\d\s]){0,16}?(?:\d|${CHRONO_WORDS.source})|(?:\d|${CHRONO_WORDS.source})(?:\s+|[^\d\s]){0,16}?\b${CASUAL_DAY}\b`,
  'i',
);

/** Words chrono reads as a day or a time of day, which a number next to them may join. */
const DAY_WORDS = String.raw`(?:${CASUAL_DAY}|night|noon|midday|midnight|morning|afternoon|evening|week|weekend|fortnight|month|quarter|year)s?`;

/**
 * A number written as part of a date or a clock time. A number on its own ("order 123456",
 * "£120", "within 2 hours") gives chrono nothing we keep: a bare number is no time to it, and
 * a number with a unit is a relative time, which our own rules read (`fromChrono` drops
 * chrono's). So a sentence whose only hint is such a number skips chrono. Each branch below is
 * a way chrono's parsers and refiners can make a kept result of a number; the tests read every
 * sentence both with and without this check, and the results must be the same.
 */
const CLOCK_OR_DATE_NUMBER = new RegExp(
  [
    // "at 5", "from 9"
    String.raw`\b(?:at|from)\s*\d`,
    // "5:30", "5.30", "2026-11-27", "3/12", "2-4pm", "10 to 5"
    String.raw`\d\s*(?:[:.：/\-–~〜?]|to|until|through|till)\s*\d`,
    // "5pm", "5 p.m.", "5a"
    String.raw`\d\s*[ap](?:\.?m)?(?![a-z])`,
    // "5 o'clock", "9 at night", "8 in the morning"
    String.raw`\d\s*(?:o\W*clock|at\s*night|in\s*the\s*(?:morning|afternoon))`,
    // "2026 11 27", "the 3rd"
    String.raw`\d{4}[\s.\-/]|\d(?:st|nd|rd|th)\b`,
    // a time zone after an hour: "12 EST", "12 (GMT)", "12 +0100" (one digit alone, or three
    // and more, are no clock time to chrono, zone or not)
    String.raw`(?<!\d)\d\d\s*,?\s*\(?(?:[a-z]{2,4}\b|[+-]\s*\d)`,
    // a number joined to a day word: "today 12", "tomorrow at 10", "12 tonight"
    String.raw`\b${DAY_WORDS}\b\D{0,16}\d|\d\D{0,16}\b${DAY_WORDS}\b`,
  ].join('|'),
  'i',
);
/** Words that may stand before a chrono match and belong to the deadline. */
const LEAD_IN =
  /(?:\b(?:by|on|before|until|till|no\s+later\s+than|(?:the\s+)?end\s+of|(?:the\s+)?close\s+of\s+business(?:\s+on)?|at|around|for|this\s+coming|sometime|some\s+time)\s+)+$/i;
const RANGE_LEAD =
  /\b(?:between|from)\s+\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:and|to|until|till|-|–)\s*$/i;
/** A match right after these is about the past or a repeat, not a deadline. */
const PAST_LEAD =
  /\b(?:was|were|had|did|placed|ordered|made|paid|bought|purchased|received|arrived|happened|charged|since|from|last|every|each|dated)\s+(?:(?:on|at|in|the|this|that|by)\s+)*$/i;
const CASUAL_DAY_ONLY = /^(?:now|today|tonight|tomorrow|tmrw?|tmr|yesterday|last\s*night)$/i;
const PART_WORD = /\b(morning|afternoon|evening|night|tonight)\b/i;
const WEEKDAY_ABBREVIATION = /^(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)$/;
const PAST_WORDS = /\b(?:yesterday|last\s+night|ago)\b/i;
const AGO_AFTER = /^\s+ago\b/i;
/** Words that put an hour without am/pm in the afternoon or evening. */
const LATER_IN_DAY = /\b(?:tonight|evening|night|afternoon|pm)\b/i;

/**
 * chrono, running only the parsers that can find something. chrono runs each of its parsers'
 * regexes over the whole sentence, and most sentences hold words for few of them; a parser
 * whose regex cannot match finds nothing, and chrono's refiners then see the very same results
 * without it. So each parse runs the parsers whose anchors (reply/anchors.ts) the sentence
 * holds, through a Chrono made once per set of parsers. Parsers whose regex the analysis cannot
 * read always run.
 */
class ChronoRunner {
  private readonly prefilter: RegexPrefilter | null;
  /** A Chrono per set of parsers, by bit mask: a few dozen sets in practice. */
  private readonly byMask = new Map<number, chrono.Chrono>();

  constructor(private readonly base: chrono.Chrono) {
    // The regexes chrono runs with the options readChrono passes. The parsers read only
    // `option` from the context when building them (and most read nothing).
    const context = { option: { forwardDate: true } } as unknown as Parameters<
      chrono.Parser['pattern']
    >[0];
    const patterns = base.parsers.map((parser): RegExp => {
      try {
        const re = parser.pattern(context);
        return re instanceof RegExp ? re : ALWAYS_RUNS;
      } catch {
        return ALWAYS_RUNS;
      }
    });
    this.prefilter = patterns.length <= 31 ? new RegexPrefilter(patterns) : null;
    // Found by what it reads, not by class name (a minifier renames classes): the only
    // parser that reads "tmrw".
    const casual = patterns.findIndex((re) => re !== ALWAYS_RUNS && 'tmrw'.search(re) === 0);
    this.casualDayBit = casual < 0 || casual > 30 ? 0 : 1 << casual;
  }

  /** Which of `base`'s parsers is chrono's reader of "today", "tomorrow", "tonight", "now". */
  private readonly casualDayBit: number;

  /**
   * The Chrono that runs what may match in `sentence`; `all` runs every parser. With
   * `withoutCasualDays`, the reader of "today", "tomorrow"... is left out too.
   */
  parserFor(sentence: string, all = false, withoutCasualDays = false): chrono.Chrono {
    if (all || this.prefilter === null) return this.base;
    let mask = this.prefilter.scan(sentence);
    if (withoutCasualDays) mask &= ~this.casualDayBit;
    let runner = this.byMask.get(mask);
    if (runner === undefined) {
      runner = new chrono.Chrono({
        parsers: this.base.parsers.filter((_, i) => ((mask >>> i) & 1) === 1),
        refiners: this.base.refiners,
      });
      if (this.byMask.size >= MAX_CHRONO_RUNNERS) this.byMask.clear();
      this.byMask.set(mask, runner);
    }
    return runner;
  }
}

/** A regex the anchor analysis can say nothing about: its parser always runs. */
const ALWAYS_RUNS = /(?:)/;
const MAX_CHRONO_RUNNERS = 256;
const CHRONO_GB = new ChronoRunner(chrono.GB);
const CHRONO_CASUAL = new ChronoRunner(chrono.casual);

function readChrono(sentence: string, ctx: ResolveContext, allParsers = false): TimeExpression[] {
  // A sentence with no `CHRONO_WORDS` word and no `CLOCK_OR_DATE_NUMBER` has no reading we
  // keep, and chrono is not run (`allParsers`, for tests, runs it anyway).
  if (!allParsers && !CHRONO_WORDS.test(sentence) && !CLOCK_OR_DATE_NUMBER.test(sentence)) {
    return [];
  }
  let results: chrono.ParsedResult[];
  try {
    results = chronoResults(
      sentence,
      ctx,
      allParsers,
      !allParsers && !CASUAL_DAY_JOINED.test(sentence),
    );
  } catch {
    return []; // a parser bug must not take the agent's message down with it
  }
  const found: TimeExpression[] = [];
  for (const r of results) {
    const expression = fromChrono(r, sentence, ctx);
    if (expression) found.push(expression);
  }
  return found;
}

/**
 * What chrono reads in a sentence, with the parsers that may match (`allParsers`: all of them,
 * for tests). @internal
 */
export function chronoResults(
  sentence: string,
  ctx: ResolveContext,
  allParsers: boolean,
  withoutCasualDays = false,
): chrono.ParsedResult[] {
  const parser = (ctx.littleEndian ? CHRONO_GB : CHRONO_CASUAL).parserFor(
    sentence,
    allParsers,
    withoutCasualDays,
  );
  const reference = {
    instant: new Date(ctx.sentAt),
    timezone: ctx.calendar.clock.offsetMinutes(ctx.sentAt),
  };
  return parser.parse(sentence, reference, { forwardDate: true });
}

function fromChrono(
  r: chrono.ParsedResult,
  sentence: string,
  ctx: ResolveContext,
): TimeExpression | null {
  const tags = r.tags();
  if (tags.has('result/relativeDate') || tags.has('parser/ENEndOfCurrentMonthParser')) return null;
  if (CASUAL_DAY_ONLY.test(r.text.trim())) return null;
  if (!DIGIT.test(r.text) && !CHRONO_WORDS.test(r.text)) return null;
  if (PAST_WORDS.test(r.text)) return null;
  const c = r.end ?? r.start;
  const weekdayOnly = c.isCertain('weekday') && !c.isCertain('day');
  if (weekdayOnly && WEEKDAY_ABBREVIATION.test(r.text.trim())) return null; // "sat", "sun": words
  const hasDate = c.isCertain('day') || c.isCertain('weekday');
  const hasTime = c.isCertain('hour');
  if (!hasDate && !hasTime) return null;

  let start = r.index;
  const end = r.index + r.text.length;
  const lead = LEAD_IN.exec(sentence.slice(Math.max(0, start - 40), start));
  if (lead) start -= lead[0].length;
  // "between 2 and 4pm": chrono reads "4pm"; the window is due at its end.
  const rangeLead = RANGE_LEAD.exec(sentence.slice(Math.max(0, start - 40), start));
  if (rangeLead) start -= rangeLead[0].length;
  const isRange = Boolean(r.end) || rangeLead !== null;
  if (PAST_LEAD.test(sentence.slice(Math.max(0, start - 40), start))) return null;
  if (AGO_AFTER.test(sentence.slice(end, end + 8))) return null;

  const cal = ctx.calendar;
  let day: number | undefined;
  if (c.isCertain('day')) {
    day = epochDay(c.get('year') ?? 1970, c.get('month') ?? 1, c.get('day') ?? 1);
  } else if (weekdayOnly) {
    // A weekday is its next occurrence after today: "Friday" said on a Friday is next week's.
    day = nextWeekday(ctx.today, (((c.get('weekday') ?? 0) + 6) % 7) + 1);
  }

  let minute: number | undefined;
  if (hasTime) {
    let hour = c.get('hour') ?? 0;
    if (!c.isCertain('meridiem') && hour < 12 && LATER_IN_DAY.test(r.text)) {
      hour += 12;
    } else if (!c.isCertain('meridiem') && hour >= 1 && hour <= 7) {
      hour += 12; // "at 3", "5 o'clock": business hours, so the afternoon
    }
    minute = hour * 60 + (c.get('minute') ?? 0);
  }

  // A clock time is more specific than our day-level reading of the same words.
  const span = { start, end, rank: hasTime ? -1 : 100 };
  const offset = c.isCertain('timezoneOffset') ? c.get('timezoneOffset') : null;
  let due: Due;
  if (day !== undefined && minute !== undefined) {
    const at = offset === null ? cal.at(day, minute) : instantWithOffset(day, minute, offset);
    due = { at, kind: isRange ? 'window_end' : 'exact' };
    return checked({ ...span, due, role: 'other' }, ctx);
  }
  if (minute !== undefined) {
    due = { at: nextClockTime(ctx, minute, offset), kind: isRange ? 'window_end' : 'exact' };
    return checked({ ...span, due, role: 'time', minute }, ctx);
  }
  if (day === undefined) return null;
  const part = PART_WORD.exec(r.text)?.[1]?.toLowerCase();
  const partEnd = part === undefined ? undefined : PART_END[part];
  if (partEnd !== undefined) {
    due = { at: cal.at(day, partEnd, partEnd === 24 * 60 - 1 ? 59 : 0), kind: 'window_end' };
    return checked({ ...span, due, role: 'other' }, ctx);
  }
  // A named day is honoured as named, even when the team is off that day.
  due = { at: cal.closing(day), kind: 'end_of_day' };
  return checked({ ...span, due, role: 'day', day }, ctx);
}

/**
 * A clock time with no day ("by 5pm"): today if that time is still ahead; else the next
 * business day at that time.
 */
function nextClockTime(ctx: ResolveContext, minute: number, offset: number | null): number {
  const cal = ctx.calendar;
  const at = (day: number): number =>
    offset === null ? cal.at(day, minute) : instantWithOffset(day, minute, offset);
  const today = at(ctx.today);
  if (today > ctx.sentAt) return today;
  return at(cal.nextBusinessDay(ctx.today));
}

function instantWithOffset(day: number, minute: number, offsetMinutes: number): number {
  return day * 86_400_000 + (minute - offsetMinutes) * MINUTE_MS;
}

function checked(expression: TimeExpression, ctx: ResolveContext): TimeExpression | null {
  const at = expression.due.at;
  if (!Number.isFinite(at) || at < ctx.sentAt || at - ctx.sentAt > MAX_HORIZON_MS) return null;
  return expression;
}

// ---------------------------------------------------------------------------------------------

/**
 * All time expressions in `sentence`, resolved against `ctx`, without overlaps, in order.
 * Neighbours that name one moment together are joined: a day and a clock time ("Friday, by
 * 5pm"), and "end of day" with the day it belongs to ("Monday EOD", "COB on Friday").
 */
export function findTimeExpressions(sentence: string, ctx: ResolveContext): TimeExpression[] {
  return timeExpressionsOf(sentence, ctx, RULE_PREFILTER.scan(sentence), false);
}

/**
 * `findTimeExpressions` with every rule and every chrono parser run, ignoring the prefilters.
 * For tests: the result must equal `findTimeExpressions`, which shows the prefilters never hide
 * a time.
 * @internal
 */
export function findTimeExpressionsWithoutPrefilter(
  sentence: string,
  ctx: ResolveContext,
): TimeExpression[] {
  return timeExpressionsOf(sentence, ctx, -1, true);
}

/** The regex of each of our rules, in order. For tests. @internal */
export function timeRuleRegexes(): readonly RegExp[] {
  return RULES.map((rule) => rule.re);
}

/** Which of our rules may match in a sentence: a rule whose anchors are missing cannot. */
const RULE_PREFILTER = new RegexPrefilter(RULES.map((rule) => rule.re));

function timeExpressionsOf(
  sentence: string,
  ctx: ResolveContext,
  rules: number,
  allParsers: boolean,
): TimeExpression[] {
  const all = ruleExpressions(sentence, ctx, rules);
  for (const e of readChrono(sentence, ctx, allParsers)) all.push(e);
  return settle(all, sentence, ctx);
}

/**
 * `findTimeExpressions` for many sentences, each with its own context: `out[i]` is
 * `findTimeExpressions(sentences[i], contexts[i])`. Our rules run over every sentence, then
 * chrono over every sentence: each keeps its regexes hot in the processor's caches, which a
 * sentence-by-sentence walk through both would not.
 */
export function findTimeExpressionsMany(
  sentences: readonly string[],
  contexts: readonly ResolveContext[],
): TimeExpression[][] {
  const found: TimeExpression[][] = [];
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i] as string;
    found.push(
      ruleExpressions(sentence, contexts[i] as ResolveContext, RULE_PREFILTER.scan(sentence)),
    );
  }
  for (let i = 0; i < sentences.length; i++) {
    const all = found[i] as TimeExpression[];
    for (const e of readChrono(sentences[i] as string, contexts[i] as ResolveContext, false)) {
      all.push(e);
    }
  }
  const out: TimeExpression[][] = [];
  for (let i = 0; i < sentences.length; i++) {
    out.push(
      settle(found[i] as TimeExpression[], sentences[i] as string, contexts[i] as ResolveContext),
    );
  }
  return out;
}

/** What our rules whose bit is set in `rules` find in `sentence`, rule by rule. */
function ruleExpressions(sentence: string, ctx: ResolveContext, rules: number): TimeExpression[] {
  const all: TimeExpression[] = [];
  RULES.forEach((rule, rank) => {
    if (((rules >>> rank) & 1) === 0) return;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(sentence); m !== null; m = rule.re.exec(sentence)) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const start = m.index + (m[0].length - m[0].trimStart().length);
      if (PAST_LEAD.test(sentence.slice(Math.max(0, start - 40), start))) continue;
      let resolved: ResolvedRule | null;
      try {
        resolved = rule.resolve(m, ctx, sentence);
      } catch {
        resolved = null;
      }
      if (!resolved) continue;
      const { day, ...due } = resolved;
      const expression = checked(
        {
          start,
          end: m.index + m[0].length,
          due,
          role: rule.role,
          rank,
          ...(day === undefined ? {} : { day }),
        },
        ctx,
      );
      if (expression) all.push(expression);
    }
  });
  return all;
}

/** Our rules' and chrono's expressions, without overlaps, in order, neighbours joined. */
function settle(all: TimeExpression[], sentence: string, ctx: ResolveContext): TimeExpression[] {
  // Longest first, then our own rules before chrono; keep what does not overlap a keeper.
  sortInPlace(
    all,
    (a, b) => b.end - b.start - (a.end - a.start) || a.rank - b.rank || a.start - b.start,
  );
  const kept: TimeExpression[] = [];
  for (const e of all) {
    if (kept.every((k) => e.end <= k.start || e.start >= k.end)) kept.push(e);
  }
  sortInPlace(kept, (a, b) => a.start - b.start);
  return join(kept, sentence, ctx);
}

const JOIN_GAP = /^[\s,]*(?:(?:on|of|by|at|before|around|from)\s+)?$/i;

function join(list: TimeExpression[], sentence: string, ctx: ResolveContext): TimeExpression[] {
  const out: TimeExpression[] = [];
  for (const e of list) {
    const prev = out[out.length - 1];
    if (!prev || !JOIN_GAP.test(sentence.slice(prev.end, e.start))) {
      out.push(e);
      continue;
    }
    const joined = joinPair(prev, e, ctx);
    if (joined) out[out.length - 1] = joined;
    else out.push(e);
  }
  return out;
}

function joinPair(
  a: TimeExpression,
  b: TimeExpression,
  ctx: ResolveContext,
): TimeExpression | null {
  const span = { start: a.start, end: b.end, rank: Math.min(a.rank, b.rank) };
  const dayOf = (e: TimeExpression): number | undefined => (e.role === 'day' ? e.day : undefined);
  const day = dayOf(a) ?? dayOf(b);
  const time = a.role === 'time' ? a : b.role === 'time' ? b : undefined;
  if (day !== undefined && time?.minute !== undefined) {
    const at = ctx.calendar.at(day, time.minute);
    if (at < ctx.sentAt) return null;
    return { ...span, role: 'other', due: { at, kind: time.due.kind } };
  }
  const dayExpression = a.role === 'day' ? a : b.role === 'day' ? b : undefined;
  const endOfToday = a.role === 'end_of_today' || b.role === 'end_of_today';
  if (dayExpression && endOfToday) return { ...dayExpression, ...span, role: 'day' };
  return null;
}
