import type { ConversationMessage } from '../conversation/types.js';
import {
  contentStems,
  isQuestionSentence,
  sentencesOf,
  withoutLeadIn,
  type Sentence,
} from './listening-words.js';

/*
 * What the customer asked and told: the questions and requests in their messages, and the facts
 * they already gave (an order number, a device, an email address, what they tried), each with
 * where it was written. Patterns of asking and telling, not of any one product.
 */

/** What kind of answer a question wants. */
export type AskKind =
  'yes_no' | 'when' | 'where' | 'how' | 'how_much' | 'why' | 'what' | 'who' | 'request' | 'cannot';

/**
 * A question or request of the customer.
 *
 * @example
 * // In "Is that price in dollars?": { kind: 'yes_no', text: 'Is that price in dollars?',
 * //   messageIndex: 0, start: 0, end: 25, stems: Set { 'price', 'dollar' } }
 */
export interface CustomerAsk {
  kind: AskKind;
  text: string;
  /** Index of the customer's message in the conversation. */
  messageIndex: number;
  /** UTF-16 span in that message. */
  start: number;
  end: number;
  /** The content words it is about, as stems. */
  stems: ReadonlySet<string>;
}

/** The kinds of fact a customer gives that an agent must not ask for again. */
export type FactKind =
  | 'reference'
  | 'email'
  | 'phone'
  | 'device'
  | 'tried'
  | 'date'
  | 'plan'
  | 'username'
  | 'card'
  | 'bank';

/**
 * A fact the customer already gave.
 *
 * @example
 * // In "Order 48213 never came": { kind: 'reference', text: '48213', messageIndex: 0, start: 6, end: 11 }
 */
export interface CustomerFact {
  kind: FactKind;
  text: string;
  messageIndex: number;
  start: number;
  end: number;
}

/** Something the customer said they do not have or use ("I don't have a router"). */
export interface CustomerLacks {
  stem: string;
  messageIndex: number;
}

/**
 * Questions that want no answer but the reply itself: indignation ("are you kidding?"), and a
 * check that someone is there ("Is anyone there?"), which any reply answers.
 */
const RHETORICAL =
  /\?!|!\?|\b(?:(?:is|are) (?:any|some)(?:one|body) (?:there|here|around|listening|reading (?:this|these|my \w+))|are you (?:kidding|serious|joking)|what(?:'s| is) wrong with (?:you|your)|how (?:hard|difficult) (?:can|is) it|who does that|seriously|really\?|is this a joke|do you even|how (?:many|much) (?:more )?times|why (?:is|does) (?:this|it) (?:always|keep))\b/i;
const INDIRECT =
  /\b(?:i'?d like to know|i (?:want|need|would like) to know|i(?:'m| am)? wonder(?:ing)?|wondering (?:if|whether|when|how|what|why|where)|(?:can|could|would) you (?:please )?(?:tell|let) me|please (?:tell|let) me (?:know)?|let me know (?:if|whether|when|how|what|why|where)|i(?:'m| am) trying to (?:find|figure out|work out|get|change|cancel|update|download|log ?in|sign ?in)|is there (?:a|any) way|do you know (?:if|whether|when|how|what|why|where)|not sure (?:how|where|if|whether|when|what))\b/i;
const CANNOT =
  /\b(?:can'?t|cannot|can ?not|couldn'?t|unable to|not able to|don'?t know how to|doesn'?t let me|won'?t let me) (?:find|see|locate|figure out|work out|get|access|log ?in|sign ?in|open|download|install|update|change|cancel|pay|use|connect|reset|add|remove|book|check ?in|track|print|upload|load)\b/i;
const REQUEST =
  /\b(?:please (?:send|refund|cancel|change|update|fix|check|confirm|call|email|reset|help|tell|explain|add|remove|extend|waive|process|sort|look|arrange|replace|move|switch|reverse|close|reopen)|i (?:want|need|would like|'d like) (?:a |my |to )?(?:refund|replacement|cancel|change|speak|talk|update|reset|return|exchange|upgrade|downgrade|switch|move|transfer|pause|close|reopen|rebook|reschedule)|(?:can|could|would) you (?:please |kindly )?(?:send|refund|cancel|change|update|fix|check|confirm|call|reset|help|explain|add|remove|extend|waive|process|sort|look|arrange|replace|move|switch|reverse|close|reopen|resend|rebook|reschedule))\b/i;

const INDIRECT_LEAD =
  /^(?:i'?d like to know|i (?:want|need|would like) to know|i(?:'m| am)? wonder(?:ing)?|wondering|(?:can|could|would) you (?:please )?tell me|please tell me|let me know|do you know|not sure)\s*/i;

function kindOf(text: string): AskKind {
  const t = withoutLeadIn(text).toLowerCase().replace(INDIRECT_LEAD, '');
  if (CANNOT.test(t)) return 'cannot';
  const money =
    /\bhow (?:much|many)\b|\b(?:price|cost|fee|charge|how expensive|cheap\w*|rate)\b/.test(t);
  const first = /^(\w+)(?:\s+(\w+))?/.exec(t);
  const word = first?.[1] ?? '';
  if (/^(?:can|could|would|will)$/.test(word) && first?.[2] === 'you') return 'request';
  const wh = /^(?:what|which|when|where|why|how|who)$/.test(word)
    ? word
    : /^(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|may|might|am|if|whether)$/.test(
          word,
        )
      ? ''
      : (/\b(what|which|when|where|why|how|who)\b/.exec(t)?.[1] ?? '');
  if (/\bhow long\b|\bwhat time\b|\bwhat date\b|\beta\b/.test(t)) return 'when';
  if (money && (wh === 'what' || wh === 'which' || wh === 'how')) return 'how_much';
  switch (wh) {
    case 'when':
      return 'when';
    case 'where':
      return 'where';
    case 'why':
      return 'why';
    case 'how':
      return 'how';
    case 'who':
      return 'who';
    case 'what':
    case 'which':
      return 'what';
  }
  if (REQUEST.test(t) && !/\?\s*$/.test(t)) return 'request';
  return 'yes_no';
}

/** Splits "X? and does Y" or "What is X and is Y?" into its questions. */
const COMPOUND =
  /,?\s+(?:and|also|plus|or)\s+(?=(?:is|are|do|does|did|can|could|will|would|should|what|when|where|why|how|which|who)\b)/gi;

function partsOf(s: Sentence): Sentence[] {
  const parts: Sentence[] = [];
  let from = 0;
  COMPOUND.lastIndex = 0;
  for (let m = COMPOUND.exec(s.text); m !== null; m = COMPOUND.exec(s.text)) {
    const head = s.text.slice(from, m.index);
    // Only a real question on each side: "black and white" stays whole.
    if (head.split(/\s+/).length >= 3) {
      parts.push({ text: head.trim(), start: s.start + from, end: s.start + m.index });
      from = m.index + m[0].length;
    }
  }
  parts.push({ text: s.text.slice(from).trim(), start: s.start + from, end: s.end });
  return parts.length > 1 && parts.every((p) => p.text.split(/\s+/).length >= 3) ? parts : [s];
}

const FACTS: readonly [FactKind, RegExp][] = [
  ['email', /[\w.+-]+@[\w-]+\.[\w.]+/g],
  [
    'reference',
    /\b(?:order|booking|reservation|ticket|case|reference|ref|confirmation|invoice|account|tracking|policy|member(?:ship)?|customer)(?:\s+(?:no\.?|number|num|#|id|code))?\s*[:#]?\s*([A-Z]{0,4}[-#]?\d[\dA-Z-]{2,})\b|#\s?\d{4,}\b|\b[A-Z]{2,4}-?\d{4,}\b/gi,
  ],
  ['phone', /(?:\+|\b0)\d[\d\s-]{7,}\d\b/g],
  [
    'device',
    /\b(?:iphone|ipad|android|samsung|galaxy|pixel|huawei|xiaomi|oneplus|mac(?:book)?|imac|windows(?: \d+)?|linux|chromebook|kindle|router|modem|hub|smart ?tv|\btv\b|roku|fire ?stick|apple tv|xbox|playstation|ps[45]|switch|printer|tablet|laptop|desktop|chrome|safari|firefox|edge browser|ios(?: \d+)?|android \d+)(?: \d+(?: pro| max| plus)?)?/gi,
  ],
  [
    'tried',
    /\b(?:i(?:'ve| have)? )?(?:already |also |even )?(?:tried|restarted|rebooted|reset|resetting|reinstalled|cleared|updated|logged (?:out|in)|turned (?:it|the \w+) (?:off|on)|unplugged|re-?entered|checked|power[- ]?cycled|switched (?:it|the \w+) (?:off|on))\b[^.!?\n]*/gi,
  ],
  [
    'plan',
    /\b(?:i'?m|i am|we'?re|we are|i have|i'?ve got|i pay for) (?:on )?(?:the |a |an )?[\w-]+ (?:plan|tier|tariff|package|subscription|membership|account|bundle)\b/gi,
  ],
  ['username', /\b(?:username|user name|login|user id|handle)(?: is|:)\s*\S+/gi],
  ['card', /\bcard (?:ending|ending in|ending with|number ending)\s*\d{4}\b/gi],
  ['bank', /\b(?:sort code|iban|routing number|account number)\s*:?\s*[\d-]{4,}/gi],
  [
    'date',
    /\b(?:on |since |last )?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{1,2}(?:st|nd|rd|th)?|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?)\b/gi,
  ],
];

const PROBLEM =
  /\b(?:not working|doesn'?t work|isn'?t working|stopped working|broken|broke|won'?t|can'?t|cannot|unable|never (?:arrived|came|got)|hasn'?t (?:arrived|come)|missing|wrong|error|charged|twice|late|delayed|cancel|refund|damaged|faulty|crash\w*|keeps?|still)\b/i;

const LACKS =
  /\b(?:i (?:don'?t|do not) (?:have|own|use)|i(?:'m| am) not (?:on|using)|i have no|not an?|there is no|we don'?t have) (?:an? |any |the )?([\p{L}\d]+(?: [\p{L}\d]+)?)/giu;

/** What the customer asked and told in some of their messages. */
export interface CustomerReading {
  asks: CustomerAsk[];
  facts: CustomerFact[];
  lacks: CustomerLacks[];
  /** They described a problem (or gave a reference, or asked at length). */
  problemTold: boolean;
}

/** What one message asks: its questions and requests, and whether it describes a problem. */
interface AsksReading {
  asks: CustomerAsk[];
  /** A sentence of four words or more that describes a problem. */
  problem: boolean;
  /** Twelve words or more: tells a problem once a question has been asked by then. */
  long: boolean;
}

/** A customer message's text as read: the first 5,000 characters. */
function textOf(message: ConversationMessage): string {
  return message.text.length > 5_000 ? message.text.slice(0, 5_000) : message.text;
}

function readAsks(text: string, i: number): AsksReading {
  const asks: CustomerAsk[] = [];
  let problem = false;
  for (const s of sentencesOf(text).flatMap(partsOf)) {
    const words = s.text.split(/\s+/).length;
    if (PROBLEM.test(s.text) && words >= 4) problem = true;
    const question = isQuestionSentence(s.text);
    const asked =
      (question &&
        (words >= 2 || /^(?:why|when|how|where|what)\b/i.test(s.text)) &&
        !RHETORICAL.test(s.text)) ||
      INDIRECT.test(s.text) ||
      CANNOT.test(s.text) ||
      REQUEST.test(s.text);
    if (!asked) continue;
    asks.push({
      kind: kindOf(s.text),
      text: s.text,
      messageIndex: i,
      start: s.start,
      end: s.end,
      // A bare "Why?" is about everything the message said.
      stems: contentStems(words <= 2 ? text : s.text),
    });
  }
  return { asks, problem, long: text.split(/\s+/).length >= 12 };
}

function readFacts(text: string, i: number, kind: FactKind, pattern: RegExp): CustomerFact[] {
  const facts: CustomerFact[] = [];
  // An address needs an "@": the pattern's scan from every character costs more than this look.
  if (kind === 'email' && !text.includes('@')) return facts;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    facts.push({ kind, text: m[0], messageIndex: i, start: m.index, end: m.index + m[0].length });
  }
  return facts;
}

function readLacks(text: string, i: number): CustomerLacks[] {
  const lacks: CustomerLacks[] = [];
  LACKS.lastIndex = 0;
  for (let m = LACKS.exec(text); m !== null; m = LACKS.exec(text)) {
    for (const stem of contentStems(m[1] ?? '')) lacks.push({ stem, messageIndex: i });
  }
  return lacks;
}

/**
 * The customer's messages of one conversation, each read at most once and only for what is
 * asked of it: their questions (`asksIn`), the facts they gave (`factsIn`), or both (`readIn`).
 * A reply checker reads the latest turns' questions on every draft, but the facts of a long
 * conversation only when the draft asks for something.
 *
 * @example
 * const messages = new CustomerMessages([{ role: 'customer', text: 'Order 48213: is it shipped?', at: '2026-01-05T10:00:00Z' }]);
 * messages.asksIn([0])[0]?.kind;   // 'yes_no'
 * messages.factsIn([0])[0]?.text;  // 'Order 48213'
 */
export class CustomerMessages {
  private readonly asked = new Map<number, AsksReading>();
  /** By kind, then by message index: each kind of fact is looked for only when asked for. */
  private readonly told = new Map<FactKind, Map<number, CustomerFact[]>>();
  private readonly lacking = new Map<number, CustomerLacks[]>();

  constructor(private readonly conversation: readonly ConversationMessage[]) {}

  private textAt(i: number): string | undefined {
    const message = this.conversation[i];
    if (message === undefined || message.role !== 'customer') return undefined;
    return textOf(message);
  }

  private asks(i: number): AsksReading | undefined {
    let r = this.asked.get(i);
    if (r === undefined) {
      const text = this.textAt(i);
      if (text === undefined) return undefined;
      r = readAsks(text, i);
      this.asked.set(i, r);
    }
    return r;
  }

  private factsAt(i: number, kind: FactKind, pattern: RegExp): CustomerFact[] | undefined {
    let byIndex = this.told.get(kind);
    if (byIndex === undefined) {
      byIndex = new Map();
      this.told.set(kind, byIndex);
    }
    let r = byIndex.get(i);
    if (r === undefined) {
      const text = this.textAt(i);
      if (text === undefined) return undefined;
      r = readFacts(text, i, kind, pattern);
      byIndex.set(i, r);
    }
    return r;
  }

  private lacksAt(i: number): CustomerLacks[] | undefined {
    let r = this.lacking.get(i);
    if (r === undefined) {
      const text = this.textAt(i);
      if (text === undefined) return undefined;
      r = readLacks(text, i);
      this.lacking.set(i, r);
    }
    return r;
  }

  /** The questions and requests of the given messages, in order. */
  asksIn(indices: readonly number[]): CustomerAsk[] {
    return indices.flatMap((i) => this.asks(i)?.asks ?? []);
  }

  /** The facts of one kind (or of every kind) the given messages gave, message by message. */
  factsIn(indices: readonly number[], kind?: FactKind): CustomerFact[] {
    const kinds = kind === undefined ? FACTS : FACTS.filter(([k]) => k === kind);
    return indices.flatMap((i) => kinds.flatMap(([k, p]) => this.factsAt(i, k, p) ?? []));
  }

  /** What the given messages lack ("I don't have a router"), in order. */
  lacksIn(indices: readonly number[]): CustomerLacks[] {
    return indices.flatMap((i) => this.lacksAt(i) ?? []);
  }

  /**
   * Everything the given messages asked and told, in the order given: a long message tells a
   * problem once a question has been asked in it or before.
   */
  readIn(indices: readonly number[]): CustomerReading {
    const facts = this.factsIn(indices);
    return { ...this.asksAndProblemIn(indices), facts, lacks: this.lacksIn(indices) };
  }

  /**
   * The questions of the given messages and whether they tell a problem, reading of their facts
   * only the references (a reference tells a problem).
   */
  asksAndProblemIn(indices: readonly number[]): { asks: CustomerAsk[]; problemTold: boolean } {
    const asks: CustomerAsk[] = [];
    let problemTold = false;
    for (const i of indices) {
      const a = this.asks(i);
      if (a === undefined) continue;
      asks.push(...a.asks);
      if (a.problem || (a.long && asks.length > 0) || this.factsIn([i], 'reference').length > 0) {
        problemTold = true;
      }
    }
    return { asks, problemTold };
  }
}

/**
 * Reads what the customer asked and told in the given messages (by index into `conversation`).
 *
 * @example
 * const r = readCustomerMessages([{ role: 'customer', text: 'Is that price in dollars?', at: '2026-01-05T10:00:00Z' }], [0]);
 * r.asks[0]?.kind; // 'yes_no'
 */
export function readCustomerMessages(
  conversation: readonly ConversationMessage[],
  indices: readonly number[],
): CustomerReading {
  return new CustomerMessages(conversation).readIn(indices);
}
