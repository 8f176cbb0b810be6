import type { ConversationMessage } from '../conversation/types.js';

/**
 * An amount of money written in a message: only a number marked as money (a currency symbol or
 * code, or a currency word) counts, so an order number, a date or a count never does.
 *
 * @example
 * const m: MoneyMention = { amount: 119, currency: 'GBP', text: '£119', start: 18, end: 22 };
 */
export interface MoneyMention {
  amount: number;
  /** ISO 4217 code. */
  currency: string;
  /** The words as written, e.g. "£119" or "119 pounds". */
  text: string;
  start: number;
  end: number;
}

/**
 * The amount a conversation's money problem is about, as the customer or the agent stated it.
 *
 * @example
 * const s: StatedAmount = {
 *   amount: 119, currency: 'GBP', text: '£119',
 *   tiedToProblem: true, wrongCharge: true, statedByBoth: true,
 * };
 */
export interface StatedAmount {
  amount: number;
  currency: string;
  /** The first mention of it, as written. */
  text: string;
  /** Mentioned with a charge, a double charge, an overcharge or a refund. */
  tiedToProblem: boolean;
  /** Mentioned with words that say the charge was wrong: charged twice, overcharged, a refund. */
  wrongCharge: boolean;
  /** Both the customer and the agent wrote this amount. */
  statedByBoth: boolean;
}

/** Symbols and words, each with the ISO code it stands for; "$" is decided by the team. */
const MARKS: readonly [RegExp, string][] = [
  [/^(?:us\$|usd|us dollars?|dollars?|bucks)$/i, 'USD'],
  [/^(?:£|gbp|pounds?(?: sterling)?|quid|sterling)$/i, 'GBP'],
  [/^(?:€|eur|euros?)$/i, 'EUR'],
  [/^(?:ca\$|c\$|cad)$/i, 'CAD'],
  [/^(?:a\$|au\$|aud)$/i, 'AUD'],
  [/^(?:nz\$|nzd)$/i, 'NZD'],
  [/^(?:chf|francs?)$/i, 'CHF'],
  [/^(?:¥|jpy|yen)$/i, 'JPY'],
  [/^(?:₹|inr|rupees?)$/i, 'INR'],
  [/^(?:sek|nok|dkk|kr)$/i, 'SEK'],
  [/^(?:zł|pln|zloty)$/i, 'PLN'],
];

/** Currencies written with a bare "$". */
const DOLLARS = new Set(['USD', 'CAD', 'AUD', 'NZD', 'SGD', 'HKD', 'MXN']);

const NUMBER = String.raw`\d{1,3}(?:[,.\u00a0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const SYMBOL = String.raw`us\$|ca\$|c\$|au\$|a\$|nz\$|\$|£|€|¥|₹`;
const CODE = String.raw`usd|gbp|eur|cad|aud|nzd|chf|jpy|inr|sek|nok|dkk|pln`;
const WORD = String.raw`pounds? sterling|pounds?|quid|sterling|euros?|dollars?|bucks|francs?|yen|rupees?|zloty|zł|kr`;

// A symbol or code before the number ("£119", "GBP 119", "€ 89,50"), or a symbol, code or word
// after it ("119€", "119 GBP", "119 pounds"). A number inside a longer one or a word
// ("#1190", "A119") is not an amount.
const MONEY = new RegExp(
  String.raw`(?<![\p{L}\p{N}#])(?:(${SYMBOL}|(?:${CODE})\s?)\s?(${NUMBER})(?![\d\p{L}])|(${NUMBER})\s?(${SYMBOL}|(?:${CODE}|${WORD})(?![\p{L}])))`,
  'giu',
);

// "5 pounds of flour", "a 10-pound bag": a weight, not money.
const WEIGHT_AFTER = /^\s*(?:of\b|in weight|heavy|bag|box|sack|parcel|weight)/i;

/** Words that say a charge went wrong: the amount beside them is owed back. */
const WRONG_CHARGE =
  /\b(?:double[- ]?charg\w*|double[- ]?bill\w*|twice|two times|duplicate\w*|over-?charg\w*|over-?bill\w*|refund\w*|reimburs\w*|money back|wrong amount|extra|never (?:agreed|authori[sz]ed)|unauthori[sz]ed)\b/gi;

/** Words that tie an amount to a charge at all. */
const CHARGE = /\b(?:charg\w*|bill(?:ed|ing)|debit\w*|taken|took|deducted)\b/gi;

function currencyOf(mark: string, fallback: string): string | null {
  const m = mark.trim();
  if (m === '$') return DOLLARS.has(fallback) ? fallback : 'USD';
  if (/^kr$/i.test(m)) return ['SEK', 'NOK', 'DKK'].includes(fallback) ? fallback : 'SEK';
  for (const [pattern, code] of MARKS) if (pattern.test(m)) return code;
  const code = m.toUpperCase();
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

/** "1,234.56", "1.234,56", "119,50", "119": the last separator followed by one or two digits is the decimal point. */
function parseNumber(text: string): number {
  const compact = text.replace(/[\u00a0 ]/g, '');
  const decimal = /[.,](\d{1,2})$/.exec(compact);
  const whole = (decimal === null ? compact : compact.slice(0, decimal.index)).replace(/[.,]/g, '');
  return Number(decimal === null ? whole : `${whole}.${decimal[1]}`);
}

/**
 * Reads every amount of money in a text: symbols ("£119", "$85.50", "119€"), codes ("GBP 119",
 * "119 EUR") and words ("119 pounds", "50 quid", "20 dollars"). A bare "$" is the team's
 * currency when it is a dollar, else US dollars. Numbers without a currency mark are never read
 * as money.
 *
 * @example
 * readMoneyAmounts('You took £119 twice for order 48213.', 'USD');
 * // [{ amount: 119, currency: 'GBP', text: '£119', start: 9, end: 13 }]
 */
export function readMoneyAmounts(text: string, teamCurrency: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  for (const match of text.matchAll(MONEY)) {
    const [whole, before, numberBefore, numberAfter, after] = match;
    const mark = before ?? after ?? '';
    const number = numberBefore ?? numberAfter ?? '';
    const end = match.index + whole.length;
    if (after !== undefined && /^pound/i.test(after) && WEIGHT_AFTER.test(text.slice(end))) {
      continue;
    }
    const currency = currencyOf(mark, teamCurrency);
    const amount = parseNumber(number);
    if (currency === null || !Number.isFinite(amount) || amount <= 0) continue;
    found.push({ amount, currency, text: whole.trim(), start: match.index, end });
  }
  return found;
}

/** The sentence around a mention, where the words that tie it to the problem would be. */
function sentenceAround(text: string, start: number, end: number): { text: string; from: number } {
  const before = text.slice(0, start);
  const from =
    Math.max(before.lastIndexOf('. '), before.lastIndexOf('!'), before.lastIndexOf('?')) + 1;
  const rest = text.slice(end);
  const stop = rest.search(/[.!?](?:\s|$)/);
  return { text: text.slice(from, stop === -1 ? text.length : end + stop), from };
}

/** How far (in characters) the nearest of `words` is from a mention in its sentence; Infinity if none. */
function distanceTo(words: RegExp, text: string, start: number, end: number): number {
  const sentence = sentenceAround(text, start, end);
  let nearest = Infinity;
  for (const w of sentence.text.matchAll(words)) {
    const from = sentence.from + w.index;
    const to = from + w[0].length;
    nearest = Math.min(nearest, to <= start ? start - to : from >= end ? from - end : 0);
  }
  return nearest;
}

interface Seen {
  amount: number;
  currency: string;
  text: string;
  roles: Set<string>;
  /** The nearest words saying the charge was wrong, and the nearest charge word. */
  wrong: number;
  charge: number;
}

/**
 * The amount a conversation's money problem is about: of the amounts of money its messages
 * state, one the customer and the agent both wrote counts most, then one written beside words
 * that say a charge was wrong (twice, overcharged, a refund), then beside a charge at all, the
 * nearest first, then the earliest. Null when no message states an amount of money;
 * `teamCurrency` decides only what a bare "$" means.
 *
 * @example
 * readStatedAmount(
 *   [
 *     { role: 'customer', text: 'You charged me £119 twice!', at: '2026-03-01T10:00:00Z' },
 *     { role: 'agent', text: "I'm refunding the duplicate £119 now.", at: '2026-03-01T10:05:00Z' },
 *   ],
 *   'USD',
 * );
 * // { amount: 119, currency: 'GBP', text: '£119', tiedToProblem: true, wrongCharge: true, statedByBoth: true }
 */
export function readStatedAmount(
  conversation: readonly ConversationMessage[],
  teamCurrency: string,
): StatedAmount | null {
  const seen = new Map<string, Seen>();
  for (const message of conversation) {
    // A note is the team's own writing to itself, not something stated to the customer.
    if (message.role !== 'customer' && message.role !== 'agent') continue;
    for (const m of readMoneyAmounts(message.text, teamCurrency)) {
      const key = `${m.amount} ${m.currency}`;
      const entry = seen.get(key) ?? {
        amount: m.amount,
        currency: m.currency,
        text: m.text,
        roles: new Set<string>(),
        wrong: Infinity,
        charge: Infinity,
      };
      entry.roles.add(message.role);
      entry.wrong = Math.min(entry.wrong, distanceTo(WRONG_CHARGE, message.text, m.start, m.end));
      entry.charge = Math.min(entry.charge, distanceTo(CHARGE, message.text, m.start, m.end));
      seen.set(key, entry);
    }
  }
  const rank = (e: Seen): [number, number] => [
    (e.roles.size === 2 ? 4 : 0) + (e.wrong < Infinity ? 2 : 0) + (e.charge < Infinity ? 1 : 0),
    Math.min(e.wrong, e.charge),
  ];
  let best: Seen | null = null;
  for (const e of seen.values()) {
    if (best === null) {
      best = e;
      continue;
    }
    const [score, distance] = rank(e);
    const [bestScore, bestDistance] = rank(best);
    if (score > bestScore || (score === bestScore && distance < bestDistance)) best = e;
  }
  if (best === null) return null;
  return {
    amount: best.amount,
    currency: best.currency,
    text: best.text,
    tiedToProblem: best.wrong < Infinity || best.charge < Infinity,
    wrongCharge: best.wrong < Infinity,
    statedByBoth: best.roles.size === 2,
  };
}
