import type { ConversationMessage } from '../conversation/types.js';
import {
  AMOUNT,
  ANY_TIME,
  CLOSING,
  CONCRETE_TIME,
  CONTRADICTION,
  DIRECTIONS,
  EXPLANATION,
  HOLDING,
  PLEASANTRY,
  WHAT_IS_THE_PROBLEM,
  YES_OR_NO,
  contentStems,
  isQuestionSentence,
  sentencesOf,
  shared,
  type Sentence,
} from './listening-words.js';
import {
  CustomerMessages,
  type CustomerAsk,
  type CustomerFact,
  type FactKind,
} from './read-asks.js';

/*
 * Does the reply answer what the customer said? The practice starts with listening: answer what
 * they actually asked, never make them repeat themselves, do not close while they still need
 * help. Each check reads a pattern of conversation, never a product's words.
 */

/** The ways a reply fails to listen. */
export type ListeningFindingKind =
  'unanswered' | 'asks_again' | 'stall' | 'closes_open' | 'template' | 'curt';

/**
 * One way the reply does not listen, pointing at the draft and, where it applies, at the
 * customer's words it misses.
 *
 * @example
 * // Customer: "Is that price in dollars?"; draft: "One moment please."
 * // { kind: 'stall', start: 0, end: 18, text: 'One moment please.', severity: 'warning',
 * //   why: 'A holding line with nothing after it: say what you are checking and when you will reply',
 * //   rewrite: { start: 18, end: 18, replacement: " I'm checking that for you now and will reply within 10 minutes." } }
 */
export interface ListeningFinding {
  kind: ListeningFindingKind;
  /** UTF-16 span in the draft (the whole draft when no one part is to blame). */
  start: number;
  end: number;
  text: string;
  severity: 'warning' | 'problem';
  why: string;
  /** The customer's question or request it leaves open. */
  ask?: CustomerAsk;
  /** The fact the customer already gave that the draft asks for again. */
  fact?: CustomerFact;
  /** An honest fix when one exists: a holding line with a time, never an invented answer. */
  rewrite?: { start: number; end: number; replacement: string };
}

/**
 * What listening found: the customer's open questions before the draft, those it answers (or
 * acknowledges with a time), those it leaves open, and the findings.
 *
 * @example
 * // { open: [ask], answered: [], unanswered: [ask], findings: [{ kind: 'unanswered', ... }], listens: false }
 */
export interface ListeningResult {
  /** The customer's questions and requests waiting for this reply, oldest first. */
  open: CustomerAsk[];
  /** Of those, the ones the draft answers or acknowledges with a concrete time. */
  answered: CustomerAsk[];
  /** Of those, the ones the draft leaves open. */
  unanswered: CustomerAsk[];
  findings: ListeningFinding[];
  /** The facts the customer gave in the conversation. */
  facts: CustomerFact[];
  /** True when there is nothing to find. */
  listens: boolean;
}

/** What a reply to an open question must hold, beyond words it shares with the question. */
function evidenceFor(ask: CustomerAsk, statements: string, first: string): boolean {
  switch (ask.kind) {
    case 'how_much':
      return AMOUNT.test(statements);
    case 'when':
      return ANY_TIME.test(statements);
    case 'where':
    case 'how':
    case 'cannot':
      return DIRECTIONS.test(statements) || /\n\s*(?:\d+[.)]|[-*•])\s/.test(statements);
    case 'why':
      return EXPLANATION.test(statements);
    case 'yes_no':
      return YES_OR_NO.test(first);
    case 'request':
      return (
        YES_OR_NO.test(first) ||
        /\b(?:i'?ve|i have|we'?ve|we have|i'?ll|i will|we'?ll|we will|has been|have been|is now|are now|done|all set|sorted|here'?s|here is|here are|attached|below)\b/i.test(
          statements,
        )
      );
    default:
      return true;
  }
}

/** A short statement giving a value: "It is 4471.", "Standard, £10.99 a month.", "Gate B12." */
const GIVES_VALUE =
  /^(?:(?:it|that|this|the \w+)(?:'s| is| was)\s+)?[^.!?]{0,40}?(?:\d|\b\p{Lu}[\p{L}\d]+)/u;

/** "yes" or "no" said anywhere in a statement: "Free, and yes, ...", "Saturday yes, Sunday no". */
const SAYS_YES_OR_NO = /\b(?:yes|no|yep|nope|yeah)\b(?!\s+(?:problem|worries|longer|one|need))/i;

const SAYS_DONE =
  /^(?:thanks?|thank you|great|perfect|brilliant|awesome|that (?:works|worked|fixed it|did it)|it works|all (?:good|sorted|set)|cheers|ok(?:ay)? thanks?|got it|no(?:thing)?(?: else)?,? thanks?|that'?s all|bye)\b/i;

const COMMITS_TO_CHECK =
  /\b(?:i'?ll|i will|we'?ll|we will|let me|i'?m going to|i am going to)\b[^.?!]*\b(?:check|find out|look into|confirm|get back|reply|update|come back|investigate|ask|send|call|email|message|let you know)\b/i;

const ASKS_FOR: readonly [FactKind, RegExp][] = [
  [
    'reference',
    /\b(?:(?:order|booking|reservation|reference|confirmation|ticket|case|account|tracking|invoice|policy|membership)\s+(?:number|no\.?|id|code|details|reference)|which (?:order|booking|reservation|account|item|product|purchase)|order (?:was it|is it|are you)|(?:the|your) order\b[^.?!]*\?)/i,
  ],
  ['email', /\b(?:e-?mail(?: address)?)\b/i],
  ['phone', /\b(?:phone|mobile|contact) number\b/i],
  [
    'device',
    /\b(?:(?:what|which) (?:kind of |type of )?(?:device|phone|model|version|browser|operating system|os|tv|router|printer|computer|laptop|platform|app)|(?:device|model|browser|phone) (?:are|do) you|are you (?:on|using) (?:an? )?(?:iphone|android|mac|windows|pc|ios|app|browser))\b/i,
  ],
  [
    'tried',
    /\b(?:have you (?:already )?(?:tried|restarted|rebooted|reset|cleared|reinstalled|updated|logged out|turned|unplugged|checked)|(?:did|could|can) you (?:try|restart|reboot|reset|clear|reinstall|update|log out|turn|unplug)|(?:please |first,? |try )(?:restart|reboot|reset|clear|reinstall|update|log out|turn|unplug)\w*)\b/i,
  ],
  [
    'date',
    /\b(?:when did you (?:order|book|buy|purchase|place|sign up|subscribe|pay)|what (?:date|day) did)\b/i,
  ],
  ['plan', /\b(?:what|which) (?:plan|tier|tariff|package|subscription|membership|bundle)\b/i],
  ['username', /\b(?:username|user name|login (?:name|id)|user id)\b/i],
  ['card', /\b(?:which card|card (?:number|details)|last (?:four|4) digits)\b/i],
  ['bank', /\b(?:bank details|sort code|account number|iban|routing number)\b/i],
];

/** Any of `ASKS_FOR` at once: most sentences ask for nothing, and one test says so. */
const ASKS_FOR_ANY = new RegExp(ASKS_FOR.map(([, p]) => `(?:${p.source})`).join('|'), 'i');

/** A sentence that asks the customer to do or check something. */
const INSTRUCTS =
  /^(?:please |first,? |try |could you |can you |make sure |check |have you |did you |is (?:the|your) |are (?:the|your) )/i;

/** The agent doing something: an action taken or promised, an offer, directions. */
const ACTS =
  /\b(?:i'?ve|i have|we'?ve|we have|i'?ll|i will|we'?ll|we will|let me|i can(?!'|no)|we can(?!'|no)|i'?m (?:going to|sending|issuing|refunding|arranging|booking)|could you|can you|would you like|please (?!accept))\b/i;

const DEVICE_FAMILIES: readonly RegExp[] = [
  /\b(?:iphone|ipad|ios|mac(?:book)?|imac|safari|apple)\b/i,
  /\b(?:android|samsung|galaxy|pixel|huawei|xiaomi|oneplus|google play)\b/i,
  /\b(?:windows|pc|edge)\b/i,
];

const HOLD_LINE = " I'm checking that for you now and will reply within 10 minutes.";

function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Stands in for a message that is not one (null, a text that is no string): read as a note. */
const NOT_A_MESSAGE: ConversationMessage = { role: 'note', text: '', at: '' };

/**
 * The conversation with anything malformed read as an empty note, so indices still match the
 * caller's: data from outside may break its own types, and listening must never throw on it.
 */
function wellFormed(conversation: unknown): readonly ConversationMessage[] {
  if (!Array.isArray(conversation)) return [];
  let out: ConversationMessage[] | undefined;
  conversation.forEach((m: unknown, i) => {
    const ok =
      typeof m === 'object' &&
      m !== null &&
      typeof (m as ConversationMessage).text === 'string' &&
      typeof (m as ConversationMessage).role === 'string';
    if (ok) return;
    out ??= [...(conversation as ConversationMessage[])];
    out[i] = NOT_A_MESSAGE;
  });
  return out ?? (conversation as ConversationMessage[]);
}

/** Indices of the customer messages after the last agent message, and of those before it. */
function turns(conversation: readonly ConversationMessage[]): {
  recent: number[];
  previous: number[];
  lastAgent: number;
} {
  let lastAgent = -1;
  let agentBefore = -1;
  for (let i = conversation.length - 1; i >= 0; i--) {
    if (conversation[i]?.role !== 'agent') continue;
    if (lastAgent === -1) lastAgent = i;
    else {
      agentBefore = i;
      break;
    }
  }
  const recent: number[] = [];
  const previous: number[] = [];
  conversation.forEach((m, i) => {
    if (m.role !== 'customer') return;
    if (i > lastAgent) recent.push(i);
    else if (i > agentBefore) previous.push(i);
  });
  return { recent, previous, lastAgent };
}

interface ReplyReading {
  sentences: Sentence[];
  /** Sentences that say something: not a question, a pleasantry or a bare holding line. */
  statements: Sentence[];
  holding: Sentence[];
  stems: ReadonlySet<string>;
  acknowledgesWithTime: boolean;
}

function readReply(text: string): ReplyReading {
  const sentences = sentencesOf(text);
  const statements: Sentence[] = [];
  const holding: Sentence[] = [];
  let acknowledgesWithTime = false;
  for (const s of sentences) {
    const timed = CONCRETE_TIME.test(s.text);
    const holds = HOLDING.test(s.text);
    if ((holds || COMMITS_TO_CHECK.test(s.text)) && timed) acknowledgesWithTime = true;
    if (holds && !timed && s.text.split(/\s+/).length <= 20) {
      holding.push(s);
      continue;
    }
    if (PLEASANTRY.test(s.text)) continue;
    if (isQuestionSentence(s.text) && /\?\s*$/.test(s.text)) continue;
    statements.push(s);
  }
  return {
    sentences,
    statements,
    holding,
    stems: contentStems(statements.map((s) => s.text).join(' ')),
    acknowledgesWithTime,
  };
}

/**
 * The content stems of the whole reply: those of its statements and of its other sentences.
 * Words never cross a sentence's bounds, so this is `contentStems` of the whole text.
 */
function allStemsOf(reply: ReplyReading): Set<string> {
  const all = new Set(reply.stems);
  const statements = new Set(reply.statements);
  for (const s of reply.sentences) {
    if (statements.has(s)) continue;
    for (const stem of contentStems(s.text)) all.add(stem);
  }
  return all;
}

/**
 * Whether the reply answers one question. `others` are the other open questions: with several,
 * an answer must touch what is particular to this one, not only what they share.
 */
function answers(
  ask: CustomerAsk,
  reply: ReplyReading,
  others: readonly CustomerAsk[] = [],
): boolean {
  if (reply.statements.length === 0) return false;
  let stems = ask.stems;
  if (others.length > 1) {
    const own = new Set<string>();
    for (const s of ask.stems) {
      if (/^\d+$/.test(s)) continue;
      if (!others.some((o) => o !== ask && o.stems.has(s))) own.add(s);
    }
    if (own.size > 0) stems = own;
  }
  const text = reply.statements.map((s) => s.text).join('\n');
  const overlap = shared(stems, reply.stems);
  const leads = reply.statements.some((s) => YES_OR_NO.test(s.text) || SAYS_YES_OR_NO.test(s.text));
  const evidence =
    evidenceFor(ask, text, reply.statements[0]?.text ?? '') || (ask.kind === 'yes_no' && leads);
  if (ask.kind === 'yes_no') {
    if (evidence && (overlap >= 1 || stems.size <= 2)) return true;
    // A plain "Yes: Ctrl+Shift+X" to the one question asked.
    const words = text.split(/\s+/).length;
    if (others.length <= 1 && YES_OR_NO.test(reply.statements[0]?.text ?? '') && words <= 25)
      return true;
    // A statement about what the question turns on: its last words ("...work offline?").
    const ordered = [...stems];
    const predicate = new Set(ordered.slice(Math.floor(ordered.length / 2)));
    return shared(predicate, reply.stems) >= 1 && overlap >= Math.min(2, stems.size);
  }
  if (
    evidence &&
    (ask.kind === 'how_much' || ask.kind === 'when') &&
    reply.statements.length <= 2 &&
    (ask.kind !== 'how_much' || AMOUNT.test(text))
  )
    return true;
  if (evidence && (overlap >= 1 || stems.size <= (ask.kind === 'request' ? 1 : 0))) return true;
  if (
    (ask.kind === 'what' || ask.kind === 'who') &&
    others.length <= 1 &&
    text.split(/\s+/).length <= 8 &&
    GIVES_VALUE.test(reply.statements[0]?.text ?? '')
  )
    return true;
  return overlap >= Math.max(1, Math.ceil(stems.size / 2)) && (overlap >= 2 || stems.size <= 2);
}

/**
 * Reads whether a draft reply listens to the customer: every open question answered (or
 * acknowledged with a concrete time), nothing the customer already gave asked for again, no
 * bare holding line, no closing or passing on while they still need help, no template that
 * ignores their situation, no curt contradiction. Pure and fast: one pass over the draft and the
 * customer's latest messages.
 *
 * @example
 * const conversation = [{ role: 'customer', text: 'Is that price in dollars?', at: '2026-01-05T10:00:00Z' }];
 * checkListening('One moment please.', conversation).findings[0]?.kind; // 'stall'
 * checkListening('Yes, the price is in US dollars.', conversation).listens; // true
 */
export function checkListening(
  draft: string,
  conversation: readonly ConversationMessage[],
): ListeningResult {
  return readListening(draft, conversation, true);
}

/**
 * `checkListening`, with `facts` left empty unless `withFacts`: the coach never shows them, and
 * gathering them means reading every customer message of a long conversation. @internal
 */
export function readListening(
  draft: string,
  conversation: readonly ConversationMessage[],
  withFacts: boolean,
): ListeningResult {
  const messages = wellFormed(conversation);
  const { recent, previous, lastAgent } = turns(messages);
  const allCustomer = messages.flatMap((m, i) => (m.role === 'customer' ? [i] : []));
  // Each customer message is read at most once, and the whole conversation's facts only when
  // the draft asks for something: the latest turns' questions are what every draft needs.
  const customer = new CustomerMessages(messages);
  const recentRead = customer.asksAndProblemIn(recent);
  let told: ReturnType<CustomerMessages['readIn']> | undefined;
  const toldAll = () => (told ??= customer.readIn(allCustomer));
  let facts: CustomerFact[] | undefined;
  const factsAll = () => (facts ??= told?.facts ?? customer.factsIn(allCustomer));
  // Questions asked before the last agent reply that it did not answer are still open.
  const carried: CustomerAsk[] = [];
  if (lastAgent >= 0 && previous.length > 0) {
    const before = customer.asksIn(previous);
    const last = readReply(messages[lastAgent]?.text ?? '');
    for (const ask of before)
      if (!answers(ask, last, before) && !last.acknowledgesWithTime) carried.push(ask);
  }
  const lastCustomer = messages[recent[recent.length - 1] ?? -1]?.text ?? '';
  const thanked =
    recentRead.asks.length === 0 &&
    /\b(?:thanks?|thank you|cheers|much appreciated|appreciate it|(?:works|working|fine|sorted|fixed|resolved) now|all (?:good|sorted|set))\b/i.test(
      lastCustomer,
    ) &&
    !/\b(?:but|still|however|not|n't)\b/i.test(lastCustomer);
  // A customer who says it works now has nothing open from before.
  const open = thanked ? [...recentRead.asks] : [...carried, ...recentRead.asks];
  const text = draft.length > 10_000 ? draft.slice(0, 10_000) : draft;
  const reply = readReply(text);
  const findings: ListeningFinding[] = [];
  const whole = { start: 0, end: text.length, text };
  if (text.trim() === '') {
    return {
      open,
      answered: [],
      unanswered: open,
      findings,
      facts: withFacts ? factsAll() : [],
      listens: true,
    };
  }

  const answered: CustomerAsk[] = [];
  const unanswered: CustomerAsk[] = [];
  for (const ask of open) {
    if (answers(ask, reply, open) || reply.acknowledgesWithTime) answered.push(ask);
    else unanswered.push(ask);
  }
  const customerDone =
    thanked ||
    (recent.length > 0 && SAYS_DONE.test(lastCustomer.trim()) && recentRead.asks.length === 0);

  // A bare holding line, or the same holding line again.
  const previousAgent = lastAgent >= 0 ? norm(messages[lastAgent]?.text ?? '') : '';
  const repeatsHold =
    previousAgent !== '' &&
    recent.length > 0 &&
    ((reply.holding.length > 0 &&
      reply.holding.some((h) => previousAgent.includes(norm(h.text)))) ||
      norm(text) === previousAgent);
  const bareHold =
    reply.holding.length > 0 && reply.statements.length === 0 && !reply.acknowledgesWithTime;
  if ((bareHold && (unanswered.length > 0 || recent.length > 0)) || repeatsHold) {
    const h = reply.holding[0] ?? { start: 0, end: text.length, text };
    findings.push({
      kind: 'stall',
      start: h.start,
      end: h.end,
      text: h.text,
      severity: repeatsHold ? 'problem' : 'warning',
      why: repeatsHold
        ? 'The same holding line again: give the answer, or say what you are checking and when you will reply'
        : 'A holding line with nothing after it: say what you are checking and when you will reply',
      rewrite: { start: text.length, end: text.length, replacement: HOLD_LINE },
    });
  }

  // Closing or passing them on while a question is open, or right after they described a problem.
  const closing = reply.sentences.find((s) => CLOSING.test(s.text));
  if (
    closing !== undefined &&
    !customerDone &&
    (unanswered.length > 0 ||
      (recent.length > 0 && recentRead.problemTold && reply.statements.length <= 1))
  ) {
    findings.push({
      kind: 'closes_open',
      start: closing.start,
      end: closing.end,
      text: closing.text,
      severity: 'problem',
      why: 'Closes or passes them on while they still need help: answer first, or say who will answer and when',
    });
  }

  // Asking for what the customer already gave. Anything of eight words or more told them something.
  const explained = () =>
    allCustomer.some((i) => (messages[i]?.text.split(/\s+/).length ?? 0) >= 8);
  for (const s of reply.sentences) {
    if (
      WHAT_IS_THE_PROBLEM.test(s.text) &&
      (toldAll().problemTold || toldAll().asks.length > 0 || explained())
    ) {
      findings.push({
        kind: 'asks_again',
        start: s.start,
        end: s.end,
        text: s.text,
        severity: 'problem',
        why: 'They already told you what is wrong: answer that instead of asking again',
      });
      break;
    }
    if (!ASKS_FOR_ANY.test(s.text)) continue;
    for (const [kind, pattern] of ASKS_FOR) {
      if (!pattern.test(s.text)) continue;
      const fact = (told?.facts ?? customer.factsIn(allCustomer, kind)).find(
        (f) =>
          f.kind === kind &&
          !text.toLowerCase().includes(f.text.toLowerCase().trim()) &&
          (kind !== 'tried' || shared(contentStems(f.text), contentStems(s.text)) > 0),
      );
      if (fact === undefined) continue;
      findings.push({
        kind: 'asks_again',
        start: s.start,
        end: s.end,
        text: s.text,
        severity: 'problem',
        why: `They already gave this ("${fact.text.trim().slice(0, 60)}"): use it instead of asking again`,
        fact,
      });
      break;
    }
  }

  // Asking them to do or check what they said they already did.
  if (!findings.some((f) => f.kind === 'asks_again')) {
    for (const s of reply.sentences) {
      if (!INSTRUCTS.test(s.text) && !/\?\s*$/.test(s.text)) continue;
      const tried = (told?.facts ?? customer.factsIn(allCustomer, 'tried')).filter(
        (f) => f.kind === 'tried',
      );
      if (tried.length === 0) break;
      const stems = contentStems(s.text);
      const fact = tried.find(
        (f) => f.kind === 'tried' && shared(contentStems(f.text), stems) >= 2,
      );
      if (fact === undefined) continue;
      findings.push({
        kind: 'asks_again',
        start: s.start,
        end: s.end,
        text: s.text,
        severity: 'problem',
        why: `They already did this ("${fact.text.trim().slice(0, 60)}"): take the next step instead`,
        fact,
      });
      break;
    }
  }

  // A template that ignores their situation: long, sharing little with what they wrote, or about
  // a thing they said they do not have.
  const customerStems = contentStems(recent.map((i) => messages[i]?.text ?? '').join(' '));
  const replyAll = allStemsOf(reply);
  const words = text.split(/\s+/).length;
  const listLines = (text.match(/(?:^|\n)\s*(?:\d+[.)]|[-*•]|step \d)/gi) ?? []).length;
  // Only a reply about something else, to an open question, can be written for the wrong thing:
  // the whole conversation is searched for what they lack or use only then.
  const lacked = () =>
    (told?.lacks ?? customer.lacksIn(allCustomer)).find((l) => replyAll.has(l.stem));
  const otherFamily = () => {
    const customerText = allCustomer.map((i) => messages[i]?.text ?? '').join(' ');
    const family = DEVICE_FAMILIES.findIndex((f) => f.test(customerText));
    return (
      family >= 0 &&
      !DEVICE_FAMILIES[family]!.test(text) &&
      DEVICE_FAMILIES.some((f, i) => i !== family && f.test(text))
    );
  };
  const steps = listLines + (text.match(/(?:^|\s)\d[.)]\s+\p{Lu}/gu) ?? []).length;
  const generic =
    (words >= 25 || steps >= 3) &&
    customerStems.size >= 6 &&
    shared(customerStems, replyAll) <= 1 &&
    (open.length === 0 || unanswered.length > 0);
  const wrongThing =
    open.length > 0 &&
    shared(customerStems, replyAll) <= 3 &&
    (lacked() !== undefined || otherFamily());
  if (wrongThing || generic) {
    findings.push({
      ...whole,
      kind: 'template',
      severity: 'warning',
      why: wrongThing
        ? 'Written for a situation they are not in: fit the steps to what they told you'
        : 'Reads like a template: it shares almost nothing with what they wrote',
    });
  }

  // A curt contradiction: "No." with no reason or way forward.
  const first = reply.sentences[0];
  const bare =
    words <= 10 &&
    !EXPLANATION.test(text) &&
    !reply.sentences.some((s) => PLEASANTRY.test(s.text)) &&
    !reply.acknowledgesWithTime &&
    reply.holding.length === 0;
  const needsReason = open.some(
    (a) => a.kind === 'why' || a.kind === 'request' || a.kind === 'cannot' || a.kind === 'how',
  );
  const refuses =
    /\b(?:not|no|never|n't|failed|required|extra|only|everyone|our decision|policy|can'?t|cannot)\b/i.test(
      text,
    );
  if (
    first !== undefined &&
    words <= 15 &&
    CONTRADICTION.test(first.text) &&
    !EXPLANATION.test(text)
  ) {
    findings.push({
      kind: 'curt',
      start: first.start,
      end: first.end,
      text: first.text,
      severity: 'problem',
      why: 'A bare "no": say why, and what they can do instead',
    });
  } else if (first !== undefined && bare && refuses && (needsReason || recentRead.problemTold)) {
    findings.push({
      kind: 'curt',
      start: first.start,
      end: first.end,
      text: first.text,
      severity: 'problem',
      why: 'A flat answer to someone who needs a reason: say why, and what they can do now',
    });
  } else if (
    words <= 12 &&
    /^(?:you (?:need|have|'ll have) to|just|simply)\b/i.test(first?.text ?? '') &&
    !EXPLANATION.test(text.replace(/^you/i, '')) &&
    open.length > 0
  ) {
    findings.push({
      kind: 'curt',
      start: first!.start,
      end: first!.end,
      text: first!.text,
      severity: 'warning',
      why: 'An order with no explanation: say how, or offer to do it with them',
    });
  }

  // A problem told without a question, met with words that touch nothing of it and do nothing.
  if (
    open.length === 0 &&
    recentRead.problemTold &&
    !customerDone &&
    findings.length === 0 &&
    reply.holding.length === 0 &&
    !ACTS.test(text) &&
    shared(customerStems, reply.stems) === 0
  ) {
    findings.push({
      ...whole,
      kind: 'unanswered',
      severity: 'warning',
      why: 'Nothing here answers what they told you: name their problem and what you will do about it',
    });
  }

  // Open questions the draft neither answers nor acknowledges with a time.
  if (!findings.some((f) => f.kind === 'stall' || f.kind === 'curt')) {
    for (const ask of unanswered.slice(0, 3)) {
      const carriedOver = carried.includes(ask);
      findings.push({
        ...whole,
        kind: 'unanswered',
        severity: carriedOver ? 'problem' : 'warning',
        why: `${carriedOver ? 'Still not answered' : 'Not answered'}: "${ask.text.slice(0, 80)}". Answer it, or say when you will`,
        ask,
        rewrite: { start: text.length, end: text.length, replacement: HOLD_LINE },
      });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    open,
    answered,
    unanswered,
    findings,
    facts: withFacts ? factsAll() : [],
    listens: findings.length === 0,
  };
}

/**
 * The customer's oldest open question: one the agent's replies have neither answered nor said
 * when they would, with `carried` true when it stayed open across an agent reply (they asked
 * before the agent's last message). Undefined when none is open, or when the customer has since
 * said all is well. The agent's messages after the customer's last are read as one reply, so a
 * second holding line keeps the question open.
 *
 * @example
 * const conversation = [
 *   { role: 'customer', text: 'Is that price in dollars?', at: '2026-01-05T10:00:00Z' },
 *   { role: 'agent', text: 'One moment please.', at: '2026-01-05T10:01:00Z' },
 * ];
 * findOpenQuestion(conversation); // { ask: { text: 'Is that price in dollars?', ... }, carried: true }
 */
export function findOpenQuestion(
  conversation: readonly ConversationMessage[],
): { ask: CustomerAsk; carried: boolean } | undefined {
  const messages = holdsAsOne(wellFormed(conversation));
  const { lastAgent } = turns(messages);
  const ask = readListening('', messages, false).open[0];
  return ask === undefined ? undefined : { ask, carried: ask.messageIndex < lastAgent };
}

/**
 * The agent's messages after the customer's last one read as one reply: "One moment please."
 * then "Thanks for waiting." answers nothing, and the question stays open across both; an answer
 * in any of them closes it. Messages before the customer's last keep their indices.
 */
function holdsAsOne(messages: readonly ConversationMessage[]): readonly ConversationMessage[] {
  let lastCustomer = -1;
  for (let i = messages.length - 1; i >= 0 && lastCustomer === -1; i--)
    if (messages[i]?.role === 'customer') lastCustomer = i;
  const after = messages.slice(lastCustomer + 1).filter((m) => m.role === 'agent');
  if (after.length < 2) return messages;
  const last = after[after.length - 1]!;
  return [
    ...messages.slice(0, lastCustomer + 1),
    { ...last, text: after.map((m) => m.text).join(' ') },
  ];
}
