import { isStopword } from '../text/stopwords.js';

/*
 * The small vocabulary of listening: sentences with their spans, content words reduced to a
 * rough stem, and the patterns that say what a sentence does (asks, holds, closes, gives a time).
 * Written for customer and agent messages in general, not for any one domain.
 */

/** A sentence of a message, with its UTF-16 span. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

// A full stop ends a sentence only before a space or the end: "£4.99", "e.g." and URLs stay whole.
const SENTENCE = /(?:[^.!?\n]|[.!?](?=[^\s.!?]))+(?:[.!?]+|\n|$)/g;

/** Splits a message into sentences (by `.`, `!`, `?` and line breaks), trimmed, with spans. */
export function sentencesOf(text: string): Sentence[] {
  const out: Sentence[] = [];
  SENTENCE.lastIndex = 0;
  for (let m = SENTENCE.exec(text); m !== null; m = SENTENCE.exec(text)) {
    if (m[0].length === 0) {
      SENTENCE.lastIndex += 1;
      continue;
    }
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length === 0) continue;
    const start = m.index + lead;
    out.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return out;
}

/** Words that say nothing about what a question is about, beyond the stopwords. */
const GENERIC = new Set(
  (
    'help please thanks thank know like want need tell sorry issue problem question able make ' +
    'still really hi hello hey ok okay yes yeah sure well thing things something anything way ' +
    'wondering wonder would could should can cant dont doesnt didnt isnt wont time today now ' +
    'asap quick quickly soon look looking check let'
  ).split(/\s+/),
);

/** A few spellings of one thing, so "USD" meets "dollars" and "€" meets "euros". */
const SAME: Record<string, string> = {
  usd: 'dollar',
  $: 'dollar',
  eur: 'euro',
  '€': 'euro',
  gbp: 'pound',
  '£': 'pound',
  cost: 'price',
  fee: 'price',
  charg: 'price',
  colour: 'color',
  cancell: 'cancel',
  refunded: 'refund',
};

/** A rough stem: lower case, common endings removed, a few spellings made one. */
export function stemOf(word: string): string {
  let w = word.toLowerCase().replace(/\u2019/g, "'");
  const same = SAME[w];
  if (same !== undefined) return same;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ied')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith('es') && !w.endsWith('ses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2);
  return SAME[w] ?? w;
}

const WORD = /[\p{L}\p{N}$€£][\p{L}\p{N}'’-]*/gu;

/**
 * The stems of words already looked at: a conversation repeats its words, and a stem costs a few
 * string copies. Bounded, and the same word always gives the same answer, so it is a cache only.
 */
const STEM_CACHE = new Map<string, string | null>();
const STEM_CACHE_SIZE = 20_000;

/** The stem of one word as `contentStems` reads it, or null when it carries no content. */
function contentStem(raw: string): string | null {
  let cached = STEM_CACHE.get(raw);
  if (cached !== undefined) return cached;
  const word = raw.toLowerCase().replace(/\u2019/g, "'");
  if ((word.length < 3 && !/^[$€£]$|^\d+$/.test(word)) || isStopword(word)) cached = null;
  else {
    const bare = word.replace(/'/g, '');
    cached = GENERIC.has(bare) ? null : stemOf(bare);
  }
  if (STEM_CACHE.size >= STEM_CACHE_SIZE) STEM_CACHE.clear();
  STEM_CACHE.set(raw, cached);
  return cached;
}

/** The content words of a text as stems: no function words, no words that say nothing. */
export function contentStems(text: string): Set<string> {
  const out = new Set<string>();
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const stem = contentStem(m[0]);
    if (stem !== null) out.add(stem);
  }
  return out;
}

/** How many of `a`'s stems are in `b`. */
export function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const s of a) if (b.has(s)) n += 1;
  return n;
}

/** A concrete time: "within 10 minutes", "by 3pm", "tomorrow", "on Friday", "in an hour". */
export const CONCRETE_TIME =
  /\b(?:within (?:the |an? |\d+|one|two|three|five|ten|fifteen|twenty|thirty)[\w -]*?(?:minutes?|mins?|hours?|hrs?|days?|business days?|working days?)|in (?:the next )?(?:an? |\d+|one|two|five|ten|fifteen|twenty|thirty)[\w -]*?(?:minutes?|mins?|hours?|hrs?)|by (?:\d{1,2}(?::\d\d)?\s?(?:am|pm)?|noon|midday|tonight|tomorrow|the end of (?:the )?(?:day|today|week)|end of (?:day|today)|eod|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|(?:at|before) \d{1,2}(?::\d\d)?\s?(?:am|pm)\b|today|tonight|tomorrow|this (?:morning|afternoon|evening)|(?:on |by |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;

/** A time or date in an answer: "Thursday", "3 May", "2-3 business days", "at 5pm", "10:30". */
export const ANY_TIME =
  /\b(?:\d{1,2}(?::\d\d)?\s?(?:am|pm)|\d{1,2}:\d\d|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|today|tonight|tomorrow|yesterday|next (?:week|month)|this (?:week|month)|\d+(?:-\d+)? (?:business |working )?(?:days?|weeks?|hours?|minutes?|months?)|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?|end of (?:the )?(?:day|week|month))\b/i;

/** An amount: a currency sign or code, or a number with a unit of money. */
export const AMOUNT =
  /[$€£¥]\s?\d|\d\s?(?:usd|eur|gbp|dollars?|euros?|pounds?|cents?|pence|p\b)|\b(?:usd|eur|gbp|dollars?|euros?|pounds? sterling|free of charge|no charge|free)\b/i;

/** A sentence that explains: a reason or a way forward. */
export const EXPLANATION =
  /\b(?:because|since|as (?:the|your|our|it|this|that)|due to|the reason|which means|so that|that'?s why|this is why|instead|but you can|you can(?!'|no)|here'?s|here is|let me|what i can do|i can(?!'|no)|we can(?!'|no)|the way|so you|which is why|in order to|otherwise|unless|if you)\b/i;

/** Directions: where something is or how to do it. */
export const DIRECTIONS =
  /\b(?:go to|head to|click|tap|press|select|choose|open|under|in the (?:top|bottom|left|right|menu|app|settings|account)|settings|menu|you'?ll (?:find|see)|you can (?:find|see|use|do|change|update|pick|select|get)|located|at the (?:top|bottom)|scroll|link|https?:\/\/|www\.|steps?|first,|then|next,|button|tab|page|section)\b/i;

/** The first words of a direct answer to a yes-or-no question. */
export const YES_OR_NO =
  /^(?:yes|yeah|yep|no|nope|correct|that'?s (?:right|correct)|right|exactly|absolutely|certainly|sure|of course|definitely|indeed|unfortunately(?: not)?|it is|it'?s|it isn'?t|it'?s not|it was|it wasn'?t|not (?:on|with|for|in|at|yet|currently|right now|at the moment)|it does|it doesn'?t|it will|it won'?t|it can|it can'?t|they are|they aren'?t|they do|they don'?t|you can|you can'?t|you will|you won'?t|you do|you don'?t|we do|we don'?t|we can|we can'?t|we will|we won'?t|there is|there isn'?t|there are|there'?s|i'?m afraid|good news|great news|happy to say|not at the moment|not yet|only)\b/i;

/**
 * A holding line: the agent is (going to be) looking, with nothing yet to say. Whether a time
 * comes with it is checked apart.
 */
export const HOLDING =
  /^(?:(?:ok(?:ay)?|sure|thanks?(?: you)?|alright|right|good question|great question|no problem|of course|certainly|absolutely|understood|got it)[,!. —-]+)?(?:thank(?:s| you) for (?:your patience|waiting|bearing with me)(?: while [^.!?]*)?|(?:we|i)'?ll (?:be in touch|get back to you|come back to you|update you|let you know|follow up)|(?:we|i) will (?:be in touch|get back to you|come back to you|update you|let you know|follow up)|i'?m (?:still )?(?:working on|looking at) (?:it|this|that|your)|one (?:moment|minute|sec(?:ond)?)|just a (?:moment|minute|sec(?:ond)?)|a moment|(?:please )?(?:hold on|hold|wait|bear with me|give me a (?:moment|minute|sec(?:ond)?))|bear with me|hang on|let me (?:check|look|see|find out|take a look|have a look|verify|confirm|look into)|i'?m (?:checking|looking|having a look|looking into)|i'?ll (?:check|look into|have a look|find out|look)|checking(?: (?:now|that|this|on that))?|looking into (?:it|this|that)|allow me a (?:moment|minute)|(?:please )?stay (?:on the line|with me)|(?:i'?m )?still (?:checking|looking))\b/i;

/**
 * The end of the conversation from the agent's side, or passing the customer on. The agent
 * contacting a team themselves ("I'll contact our billing team") is taking it on, not passing on.
 */
export const CLOSING =
  /\b(?:(?:this|the|your) (?:chat|conversation|ticket|case|session|request) (?:will (?:now )?(?:be )?(?:closed|end)|is (?:now )?(?:closed|resolved)|has been (?:closed|resolved|forwarded|passed on|escalated))|(?:i'?ve|i have|we'?ve|we have) (?:passed|forwarded|sent|escalated|referred|handed) (?:your (?:message|request|details|query|case|complaint|feedback)|this|it) (?:on |over )?to|(?:our|the) [\w-]+ (?:team|department|colleagues?) will (?:be in touch|contact you|get back to you|reach out|call you)|(?:been|you'?ve been|you are|you'?re) inactive|enjoy (?:your|the) \w+|^enjoy \w+|have a (?:great|nice|good|lovely|wonderful|safe) [\w ]+|clos(?:e|ing) (?:this|the|our) (?:chat|conversation|ticket|case)|end(?:ing)? (?:this|the|our) (?:chat|conversation|session)|(?:since|as) i haven'?t heard|(?:looks|seems) like you'?(?:ve|re) (?:stepped away|left|gone|away|busy)|is there anything else|anything else (?:i|we) can (?:help|do|assist)|have a (?:great|nice|good|lovely|wonderful) (?:day|evening|weekend|one)|thank(?:s| you) for (?:contacting|reaching out|chatting|getting in touch|shopping|booking|choosing)[^.?!]*(?:goodbye|bye)?|i'?ll (?:transfer|pass|forward|redirect) you|(?:transfer|pass|forward|redirect)(?:ring)? you to|(?<!\b(?:i'?ll|i will|we'?ll|we will|let me|i'?m going to|i am going to|i can|we can) (?:personally )?(?:contact|call|email|speak (?:to|with)|talk to|ask|check with|chase|get onto|get in touch with) )(?:another|a different|the right|the relevant|our \w+) (?:team|department)|you(?:'ll)? (?:need|have|want) to (?:contact|call|email|reach out to|speak to|get in touch with)|please (?:contact|call|email|reach out to) (?:our|the)|(?<!\b(?:i'?ll|i will|we'?ll|we will|let me|i'?m going to|i am going to|i can|we can) )(?:contact|call|email) (?:our|the) \w+ (?:team|department|support|line)|not (?:something|a matter) (?:we|i) (?:handle|deal with|can help with))\b/i;

/** A reply that opens by refusing or contradicting. */
export const CONTRADICTION =
  /^(?:no|nope|wrong|there (?:is|'s|are) no(?:thing)?|nothing (?:wrong|we can do)|everyone (?:pays|has to|does)|it'?s (?:our (?:decision|policy)|required|mandatory|not (?:allowed|possible|available))|incorrect|not possible|impossible|that'?s (?:not possible|impossible|wrong|incorrect|not true|not how it works|not right)|that is (?:not possible|wrong|incorrect|not true)|you can'?t|you cannot|we don'?t|we can'?t|we do not|we cannot|can'?t be done|not our (?:problem|fault|responsibility)|that'?s not our)\b/i;

/** A question asking what the trouble is: fine to open with, not after the customer told it. */
export const WHAT_IS_THE_PROBLEM =
  /\b(?:how (?:can|may|could|might) (?:i|we) (?:help|assist)|what can (?:i|we) (?:do|help)|how can i be of (?:help|assistance)|what (?:seems to be|is|'?s) the (?:problem|issue|matter|trouble)|what (?:problem|issue)s? (?:are|is) you (?:having|facing|experiencing)|(?:can|could) you (?:describe|explain|tell me (?:more )?about) (?:the|your) (?:problem|issue)|what do you need help with|what brings you)\b/i;

/** True when a sentence is a question: a question mark, or the shape of one. */
export function isQuestionSentence(text: string): boolean {
  if (/\?\s*$/.test(text)) return true;
  return /^(?:what|when|where|why|how|which|who|whose|is|are|was|were|can|could|will|would|should|do|does|did|may|might|have|has|am)\b/i.test(
    withoutLeadIn(text),
  );
}

const LEAD_IN =
  /^(?:(?:hi|hello|hey|ok(?:ay)?|so|and|also|plus|or|but|um+|uh+|right|quick (?:one|question)|one more thing|oh|well|sorry|yes|no|thanks?|please)\b[\s,:;—–-]*)+/i;

/** The sentence without the words people start with ("hey, quick one — and ..."). */
export function withoutLeadIn(text: string): string {
  return text.replace(LEAD_IN, '');
}

/** Words that only thank or greet: a sentence of them alone says nothing. */
export const PLEASANTRY =
  /^(?:(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^.!?]*|thanks?(?: (?:so much|a lot|for [^.!?]*))?|thank you(?: (?:so much|very much|for [^.!?]*))?|(?:i'?m|we'?re|i am) (?:so |very |really |truly )?sorry[^.!?]*|(?:i|we) (?:\w+ly )?(?:understand|apologi[sz]e|appreciate|regret|value)[^.!?]*|(?:we|i) (?:\w+ly )?(?:hope|trust)[^.!?]*|my apologies[^.!?]*|no problem|no worries|you'?re welcome|(?:kind |best )?regards[^.!?]*|cheers)[.!]*$/i;
