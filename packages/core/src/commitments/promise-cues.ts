/**
 * Where an agent's message makes a promise: sentences, the words that open a promise ("I'll",
 * "you'll receive", "your refund will be processed"), the words that cancel one (questions,
 * negation, reported speech, quotes), and what kind of promise it is.
 *
 * Everything here is regular expressions over one sentence at a time, bounded in length, so
 * the cost is linear in the message.
 */

import { RegexPrefilter } from '../reply/anchors.js';
import { sortInPlace } from '../util/sort-in-place.js';

/**
 * What the agent promised; see `Commitment.kind`.
 *
 * @example
 * extractCommitments("I'll call you back tomorrow.", sentAt, options)[0]?.kind; // → 'callback'
 */
export type CommitmentKind =
  | 'callback'
  | 'email'
  | 'reply'
  | 'refund'
  | 'replacement'
  | 'delivery'
  | 'check_back'
  | 'fix'
  | 'escalate'
  | 'other';

/** A sentence (or a piece of an overlong one) of the message: [start, end). */
export interface Sentence {
  start: number;
  end: number;
}

/**
 * How much a cue needs around it to count as a promise:
 * - strong ("I'll", "someone will", "you'll receive"): an action, or a time.
 * - medium ("I'm sending", "your parcel will arrive"): an action of a known kind, or a time.
 * - weak ("expect"): a time.
 */
export type CueStrength = 'strong' | 'medium' | 'weak';

/** The words that open a promise, with offsets into the sentence. */
export interface Cue {
  start: number;
  end: number;
  strength: CueStrength;
}

/** No sentence is scanned longer than this; longer runs are cut at a space. */
export const MAX_SENTENCE_LENGTH = 400;

const APOS = `['’‘\`]`;

/**
 * A person's name: one or two words ("Priya", "Jordan Lee", "O'Brien"), or "he" / "she" for a
 * colleague named before. The cues match case-insensitively; `isName` then asks for the
 * capital that tells a name from a word.
 */
const NAME = String.raw`(?:[a-z]+(?:[-'’][a-z]+)?(?:\s+[a-z]+(?:[-'’][a-z]+)?)?)`;

/** A name as `NAME` reads it, written as a name: with a capital, or "he" / "she". */
function isName(word: string): boolean {
  const c = word.charCodeAt(0);
  return (c >= 65 && c <= 90) || HE_OR_SHE.test(word);
}
const HE_OR_SHE = /^(?:he|she)$/i;

/**
 * A colleague named in lower case, as in a chat typed fast ("jordan will call you"): one word,
 * promising to contact the customer. Without the capital, only that makes the word a person:
 * "updates will help you" and "prices will update" are no promise.
 */
function isLowerCaseNameContacting(match: RegExpExecArray, sentence: string): boolean {
  const name = match[1] ?? '';
  if (!ONE_LOWER_CASE_WORD.test(name)) return false;
  // "the app will message you": a word after a determiner is a thing, not a person
  if (DETERMINER_BEFORE.test(sentence.slice(Math.max(0, match.index - 8), match.index))) {
    return false;
  }
  if (REACHING_OUT.test(match[0])) return true;
  const after = sentence.slice(match.index + match[0].length, match.index + match[0].length + 16);
  return CONTACT_ACTION.test(match[0]) && TO_YOU.test(after);
}
const REACHING_OUT = /(?:reach\s+out|(?:get|be)\s+in\s+touch)$/i;
const ONE_LOWER_CASE_WORD = /^[a-z]+(?:[-'’][a-z]+)?$/;
const DETERMINER_BEFORE = /\b(?:the|a|an|our|your|my|their|its|this|that|these|those)\s+$/i;
/** The action a lower-case name ends on, to be followed by "you": "jordan will get back to you". */
const CONTACT_ACTION =
  /(?:\b(?:call|ring|phone|e-?mail|contact|text|message|write|reply|respond)|\bget\s+back)$/i;
const TO_YOU = /^\s+(?:back\s+)?(?:to\s+)?(?:you|u)\b/i;
/** Capitalised words that open a sentence and are no colleague ("Tomorrow will be busy"). */
const NOT_A_NAME = String.raw`(?:It|Its|This|That|These|Those|There|Here|What|Which|Who|Whoever|When|Where|Everything|Nothing|Something|Anything|Everyone|Everybody|Nobody|Someone|Somebody|Anyone|Anybody|None|Nobody|You|We|They|I|One|Each|Both|All|Some|Most|Many|Few|Nor|Neither|If|And|But|So|Then|Also|Maybe|Perhaps|Hopefully|Today|Tonight|Tomorrow|Yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Christmas|Easter|Time|Nothing|Please|Thanks|Thank)`;
/** Who a colleague is, as the agent introduces them: "my colleague Priya", "our engineer, Sam,". */
const COLLEAGUE = String.raw`(?:colleague|teammate|team\s*mate|co-?worker|manager|supervisor|team\s+lead(?:er)?|specialist|technician|engineer|advis[eo]r|agent|rep|representative|courier|driver)s?`;
const NAMED_ADVERB = String.raw`also|then|now|personally|definitely|certainly|directly|soon|shortly|happily|be\s+able\s+to|try\s+(?:and|to)`;
/**
 * What a named colleague will do that is a promise to the customer: a bare name needs one
 * ("Jordan will call you"), so that "Monday will work" or "Amazon will be closed" is none.
 */
const NAMED_ACTION = String.raw`(?:call|ring|phone|give\s+you|e-?mail|contact|reach\s+out|get\s+back|get\s+in\s+touch|be\s+(?:in\s+touch|calling|contacting|reaching\s+out|emailing|sending|following\s+up|back\s+(?:to|in\s+touch)|with\s+you|over|round)|follow\s+up|update|message|text|write|reply|respond|send|look\s+into|investigate|check|visit|come\s+(?:out|round|over|by|to)|arrange|process|handle|sort|fix|take\s+(?:over|care)|let\s+you\s+know|review|confirm|refund|issue|book|pick\s+up|collect|deliver|drop|escalate|speak|talk|chat|walk\s+you|help\s+you|pop)\b`;

/** The opening words of a promise. Each entry is one family of phrasings. */
const CUES: {
  re: RegExp;
  strength: CueStrength;
  checkContinuation: boolean;
  /** A check on the match the regex cannot make. */
  accept?: (match: RegExpExecArray, sentence: string) => boolean;
}[] = [
  // I'll / I will / we'll / we shall / I'm going to / we're about to / I'm aiming to
  {
    re: new RegExp(
      String.raw`\b(?:I|we)(?:\s*${APOS}\s*ll|\s+will|\s+shall|(?:\s*${APOS}\s*m|\s+am|\s*${APOS}\s*re|\s+are)\s+(?:going\s+to|gonna|about\s+to|planning\s+to|hoping\s+to|aiming\s+to))\b`,
      'gi',
    ),
    strength: 'strong',
    checkContinuation: true,
  },
  // I promise to / we guarantee that
  {
    re: /\b(?:I|we)\s+(?:promise|guarantee|commit|undertake|pledge)\s+(?:to|that)\b/gi,
    strength: 'strong',
    checkContinuation: false,
  },
  // you'll get / you will receive / you should hear / you'll be contacted
  {
    re: new RegExp(
      String.raw`\byou(?:\s*${APOS}\s*ll|\s+will|\s+should|\s+shall|(?:\s+are|\s*${APOS}\s*re)\s+going\s+to|\s+can\s+expect\s+to)\s+(?:(?:also|then|now|soon|shortly|definitely|certainly|hopefully|probably|likely|usually|normally)\s+)?(?:get|receive|hear|see|have(?!\s+(?:to|been|received|got|gotten|heard|had|seen|already)\b)|be\s+(?:contacted|called|phoned|rung|emailed|e-mailed|refunded|reimbursed|credited|sent|notified|updated|hearing|receiving|getting|seeing|able\s+to\s+(?:see|use|access|log)))\b`,
      'gi',
    ),
    strength: 'strong',
    checkContinuation: false,
  },
  // let me check ... and get back to you (only with a follow-up in the same sentence)
  {
    re: /\blet\s+me\b(?!\s+know\b)(?=[^.!?\n]{0,120}?\b(?:get\s+back|come\s+back|revert|update\s+you|let\s+you\s+know|follow\s*-?\s*up|call\s+you|e-?mail\s+you|be\s+in\s+touch|reply|respond|send\s+you|ring\s+you|message\s+you|keep\s+you\s+(?:posted|updated|informed))\b)/gi,
    strength: 'strong',
    checkContinuation: false,
  },
  // someone will / a supervisor will / our billing team will
  {
    re: /\b(?:someone|somebody|a\s+(?:member\s+of\s+(?:our|the|my)\s+(?:[\w-]+\s+)?team|colleague|supervisor|manager|specialist|technician|engineer|courier|driver|team\s*(?:member|leader|lead)|senior\s+[\w-]+)|(?:one\s+of\s+)?(?:our|the|my)\s+(?:[\w-]+\s+)?(?:team|specialists?|technicians?|engineers?|courier|driver|supervisor|manager|colleague|department|warehouse|partner)s?)(?:\s+(?:from|in|at|on|of)\s+(?:(?:our|the|my)\s+(?:[\w-]+\s+){0,2}?(?:team|department|warehouse|side)|(?:[\w-]+\s+)?(?:team|department|dept|desk)|billing|accounts|returns|support|sales|shipping|logistics|dispatch|customer\s+(?:care|service|services)|tech(?:nical)?\s+support))?\s+(?:will|['’]ll|shall|should|is\s+going\s+to|are\s+going\s+to)\b(?!\s+(?:not|never|no\s+longer)\b)/gi,
    strength: 'strong',
    checkContinuation: true,
  },
  // my colleague Priya will / our specialist, Sam, will: a promise in a colleague's name
  {
    re: new RegExp(
      String.raw`\b(?:my|our)\s+(?:[\w-]+\s+)?${COLLEAGUE},?\s+${NAME},?\s*(?:${APOS}\s*ll|\s+will|\s+shall|\s+is\s+going\s+to)\b(?!\s+(?:not|never|no\s+longer)\b)`,
      'gi',
    ),
    strength: 'strong',
    checkContinuation: true,
  },
  // Jordan will call you / Jordan from billing will email you / she'll ring you: a bare name
  // needs an action for the customer, so that "Monday will work" is no promise
  {
    re: new RegExp(
      String.raw`(?<![\w'’-])(?!${NOT_A_NAME}\b)(${NAME})(?:\s+(?:and|&)\s+${NAME})?(?:\s+(?:from|in|at|on)\s+(?:(?:our|the|my)\s+)?[\w-]+(?:\s+(?:team|department|dept|desk))?)?\s*(?:${APOS}\s*ll|\s+will|\s+shall|\s+is\s+going\s+to)\s+(?:(?:${NAMED_ADVERB})\s+)*${NAMED_ACTION}`,
      'gi',
    ),
    strength: 'strong',
    checkContinuation: true,
    accept: (m, sentence) => isName(m[1] ?? '') || isLowerCaseNameContacting(m, sentence),
  },
  // your refund will be processed / the parcel should arrive / it will be fixed
  {
    re: /\b(?:it|this|that|they|these|those|(?:your|the|this|that|our)\s+(?:[\w-]+\s+){0,2}?(?:refund|replacement|order|package|parcel|item|items|delivery|shipment|money|payment|credit|card|device|phone|unit|product|fix|update|account|access|service|connection|issue|problem|engineer|technician|courier|driver|voucher|code|label|invoice|receipt|email|confirmation|request|claim|case|ticket|complaint|return|exchange|goods|box|bill|funds))\s+(?:should|will|['’]ll|is\s+(?:going|due|expected)\s+to|are\s+(?:going|due|expected)\s+to)\s+(?:now\s+|then\s+|also\s+|usually\s+|normally\s+|typically\s+)?(?:be\s+)?(?:arrive|arriving|reach\s+(?:you|your\s+[\w-]+)|land|get\s+to\s+you|go\s+out|ship(?:ped)?|dispatch(?:ed)?|deliver(?:ed)?|with\s+you|processed|refunded|credited|issued|sent|posted|back|fixed|resolved|restored|working|sorted|live|active|reactivated|available|visible|showing|in\s+your\s+(?:account|inbox)|on\s+(?:its|their)\s+way|completed|done|ready|replaced|repaired|collected|picked\s+up|take|reflect(?:ed)?|appear|show(?:\s+up)?|clear(?:ed)?|out\s+for\s+delivery|returned|applied|approved|reviewed|investigated|escalated)\b/gi,
    strength: 'medium',
    checkContinuation: false,
  },
  // ... will be dispatched today, ... and should arrive by Friday (the subject is further back)
  {
    re: /(?:\b[\w'’-]+\s+){0,6}?\b(?:will|should|['’]ll)\s+(?:now\s+|then\s+|also\s+)?(?:be\s+(?:dispatched|delivered|shipped|processed|refunded|credited|issued|sent|posted|fixed|resolved|restored|replaced|repaired|collected|reactivated|escalated|with\s+you|back\s+(?:up|online))|arrive|reach\s+you|get\s+to\s+you)\b/gi,
    strength: 'medium',
    checkContinuation: false,
  },
  // I'm sending / we're processing (present for future)
  {
    re: /\b(?:I\s*['’]\s*m|I\s+am|we\s*['’]\s*re|we\s+are)\s+(?:now\s+|just\s+|currently\s+|also\s+)?(?:calling|sending|emailing|refunding|replacing|escalating|arranging|processing|issuing|shipping|dispatching|raising|passing|booking|scheduling|crediting|organi[sz]ing|posting|fixing|following\s+up|looking\s+into|investigating|chasing|reaching\s+out)\b/gi,
    strength: 'medium',
    checkContinuation: false,
  },
  // please allow 3-5 business days / refunds can take up to 10 days
  {
    re: /\b(?:please\s+allow|(?:it|this|that|they|refunds?|deliver(?:y|ies)|orders?|replacements?|the\s+[\w-]+)\s+(?:can|may|will|should|usually|normally|typically)\s+take)\b/gi,
    strength: 'weak',
    checkContinuation: false,
  },
  // expect a call within the hour / you can expect delivery by Friday
  {
    re: /\b(?:you\s+can\s+|please\s+|you\s+should\s+|you\s+may\s+)?expect\b/gi,
    strength: 'weak',
    checkContinuation: false,
  },
];

/** Adverbs between "I'll" and the verb, skipped before checking what follows. */
const ADVERBS =
  /^\s+(?:(?:also|then|now|just|personally|definitely|certainly|absolutely|still|happily|gladly|immediately|actually|really|of\s+course|of\s+course,|try\s+(?:and|to)|aim\s+to|endeavou?r\s+to|be\s+sure\s+to|make\s+sure\s+to)\s+)*/i;

/** What after "I'll" / "we will" makes it no promise at all. */
const NOT_A_PROMISE =
  /^(?:not|never|no\s+longer|n['’]t|be\s+(?:honest|frank|blunt|straight|upfront|brief|clear|closed|open|away|off|out(?:\s+of\s+(?:the\s+)?office)?|unavailable|unable|on\s+(?:leave|holiday|vacation))|(?:need|require)\s+(?:you|your|the|a|an|some|more|to\s+ask)|have\s+to\s+(?:wait|ask|leave|go|end|close)|want|admit|say|tell\s+you\s+(?:what|that)|note|leave\s+(?:it|this|you)|let\s+you\s+go|wait|miss|remember|see(?!\s+to\b)|close\s+(?:the|this|your)\s+(?:ticket|case|chat|conversation)|put\s+you\s+on\s+hold|transfer\s+you|(?:speak|talk|chat)\s+(?:to\s+you\s+|with\s+you\s+)?soon|be\s+(?:here|around|available|online|on\s+shift|in\s+the\s+office|working))\b/i;

/** Before a cue (in the same clause): the promise is denied or in doubt. */
const NEGATED_BEFORE =
  /\b(?:(?:can(?:['’]?t|not|\s+not)|could(?:n['’]?t|\s+not)|unable\s+to|not\s+able\s+to|won['’]?t\s+be\s+able\s+to|don['’]?t|do\s+not)\s+(?:promise|guarantee|confirm|commit|say|tell|be\s+sure|know)|\bno\s+guarantee|\b(?:not|never)\s+(?:sure|certain|clear)|\b(?:don['’]?t|do\s+not|doesn['’]?t|does\s+not|didn['’]?t|did\s+not)\s+(?:know|think|expect)|\bI\s+doubt|\b(?:it['’]?s|it\s+is)\s+unlikely|\bwish\s+(?:I|we)|\bif\s+only|\bno\s+way)\b/i;

/** Right before a cue: someone's words reported, not a promise made now. */
const REPORTED_BEFORE =
  /\b(?:said|told(?:\s+(?:me|us|you|him|her|them))?|promised|mentioned|claimed|stated|wrote|thought|hoped|assumed|understood|expected|heard|informed\s+(?:me|us|you)|was\s+told|were\s+told|been\s+told|asked\s+(?:if|whether))\s+(?:that\s+)?$/i;

/** Right before a "expect" cue: not expecting. */
const NEGATED_EXPECT = /\b(?:not|n['’]t|never|as\s+you['’]?d|as\s+you\s+would|than)\s+$/i;

/** Opening words of a question; a sentence with one of these and a "?" promises nothing. */
const QUESTION_START =
  /^[\s"'“‘(*_-]*(?:(?:and|so|but|ok|okay|also|then)[\s,]+)?(?:shall|should|can|could|would|will|may|might|do|does|did|is|are|am|was|were|have|has|had|what|when|where|why|how|who|which|whose|whom|is\s+it|would\s+you|any\s+chance)\b/i;

/** Where one clause ends and another may begin, between two cues. */
const CLAUSE_BREAK =
  /[,;:()\u2013\u2014]|\s-\s|\b(?:and|but|then|so|also|plus|or|while|whereas|once|after|before|when|until|if)\b/i;

/** Where a promise's text ends (after its last needed word). */
const CLAUSE_END = /[,;:()\u2013\u2014!?]|\.(?:\s|$)|\s-\s/;

const KIND_PATTERNS: [CommitmentKind, RegExp][] = [
  [
    'callback',
    /\b(?:call(?:ing)?\s+(?:you|u)\b|call(?:ing)?\b(?!\s+(?:the|a|an|our|my|your|their|them|him|her|it|this|that|in|on|for|off|out)\b)|call(?:ing)?\s+(?:you\s+)?back\b|give\s+you\s+a\s+(?:call|ring|buzz|phone)|ring(?:ing)?\s+you|phon(?:e|ing)\s+you|(?:get|receive|expect)\s+a\s+(?:call|phone\s*call|ring)|a\s+call\s+(?:back\s+)?from|call\s*-?\s*back|phone\s*call|be\s+(?:called|phoned|rung))\b/i,
  ],
  [
    'email',
    /\b(?:e-?mail(?:ed|ing)?|drop\s+you\s+a\s+(?:line|note)|write\s+(?:to\s+)?you|in\s+your\s+inbox)\b/i,
  ],
  [
    'refund',
    /\b(?:refund\w*|reimburs\w*|money\s+back|credit(?:ed|ing)?|repa(?:y|id)|chargeback\s+reversal)\b/i,
  ],
  ['replacement', /\b(?:replac\w*|exchang\w*|send\s+(?:you\s+)?(?:a\s+)?(?:new|another|fresh))\b/i],
  [
    'delivery',
    /\b(?:deliver\w*|arriv\w*|ship(?:ped|ping|s)?|dispatch\w*|be\s+with\s+you|reach\s+you|on\s+(?:its|their)\s+way|in\s+the\s+post|post(?:ed)?\s+(?:it|them|out)|go(?:es)?\s+out|out\s+for\s+delivery)\b/i,
  ],
  [
    'check_back',
    /\b(?:check(?:ing)?\s+(?:back|in)\b|keep\s+an\s+eye\s+on|monitor\w*|touch\s+base|follow(?:ing)?\s*-?\s*up\s+with\s+you|see\s+how\s+(?:you|things|it|everything)|make\s+sure\s+(?:everything|all|it)\s+is\s+(?:still\s+)?(?:ok|okay|fine|working|well|good|right))/i,
  ],
  [
    'fix',
    /\b(?:(?:engineer|technician)s?\s+(?:will|should|['’]ll|is\s+going\s+to|are\s+going\s+to)(?!\s+(?:call|ring|phone|e-?mail|contact|text|message)\b)|fix\w*|resolv\w*|repair\w*|sort(?:ed|ing)?(?:\s+(?:it|this|that|things|everything))?\s+out|sort(?:ed|ing)?\s+(?:it|this|that|things|everything)\b|sorted|restor\w*|working\s+again|back\s+(?:up|online)|patch\w*|put\s+(?:it|this|that|things)\s+right|rectif\w*|unblock\w*|reactivat\w*|reinstat\w*)\b/i,
  ],
  [
    'escalate',
    /\b(?:escalat\w*|pass(?:ing)?\s+(?:this|it|that|your\s+\w+)\s+(?:on|up)|rais(?:e|ing)\s+(?:this|it|that)\s+with|refer(?:ring)?\s+(?:this|it|that|you)|hand(?:ing)?\s+(?:this|it|that|you)\s+(?:over|on)|flag(?:ging)?\s+(?:this|it|that))\b/i,
  ],
  [
    'reply',
    /\b(?:get(?:ting)?\s+back\s+(?:to|in\s+touch)|come\s+back\s+to\s+you|(?:be|get)\s+(?:back\s+)?in\s+touch|repl(?:y|ies)|respond|update\s+you|(?:an?\s+)?update|let\s+you\s+know|revert|hear\s+(?:back\s+)?from|(?:send|give)\s+you\s+(?:an?\s+)?(?:answer|response)|answer|follow\s*-?\s*up|reach(?:ing)?\s+out|contact(?:ed)?|message\s+you|keep\s+you\s+(?:posted|updated|informed|in\s+the\s+loop))\b/i,
  ],
];

/** Things that tell the kind only when no action does ("I'll chase the courier"). */
const KIND_FALLBACK: [CommitmentKind, RegExp][] = [
  ['delivery', /\b(?:courier|parcel|package|tracking)\b/i],
];

/** Actions that make a promise even when their kind is 'other'. */
const GENERIC_ACTION =
  /\b(?:look(?:ing)?\s+(?:into|at|after)|investigat\w*|check(?:ing)?|find\s+out|chas(?:e|ing)|arrang\w*|process\w*|handl\w*|take\s+care|send\w*|sent|confirm\w*|book\w*|schedul\w*|organi[sz]\w*|rais(?:e|ing)|log\w*|review\w*|speak(?:ing)?\s+(?:to|with)|talk(?:ing)?\s+to|ask(?:ing)?|make\s+sure|ensure|get\s+(?:this|that|it)\s+(?:done|sorted|moving)|set\s+up|cancel\w*|apply|waive|issu\w*|look\s+after|work(?:ing)?\s+on|provide|prepare|see\s+to|personally|receiv\w*|get\s+(?:you|it|this|that|them|your)|get\s+to\s+the\s+bottom\s+of|have\s+(?:a\s+(?:look|word|chat)|it|this|that|them|your|someone))\b/i;

/**
 * Sentences of `text`, in order. A line quoted with ">" is skipped, and so is everything after
 * a quoted-thread header ("On ... wrote:", "-----Original Message-----"): that is the
 * customer's text, not the agent's.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (THREAD_HEADER.test(line)) break;
    if (!QUOTED_LINE.test(line)) splitLine(text, lineStart, lineEnd, out);
    lineStart = lineEnd + 1;
  }
  return out;
}

// Module constants, not literals in the loops below: a regex literal makes a new RegExp object
// each time it is evaluated, and these run for every punctuation mark of every agent message.
const THREAD_HEADER = /^\s*(?:-{2,}\s*original message\s*-{2,}|on\s.{1,200}\swrote:\s*)$/i;
const QUOTED_LINE = /^\s*>/;
/** What may follow a sentence's last mark before the space: more marks, closing quotes. */
const CLOSING = /[.!?\u2026"'”’)]/;
const SPACE = /\s/;
const LOWER_CASE = /[a-z]/;

function splitLine(text: string, start: number, end: number, out: Sentence[]): void {
  let s = start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    // . ! ? … end a sentence when followed by space; "." only before a non-lowercase letter,
    // so "5 p.m. tomorrow" and "approx. 3 days" stay whole.
    if (c !== 46 && c !== 33 && c !== 63 && c !== 0x2026) continue;
    let j = i + 1;
    while (j < end && CLOSING.test(text.charAt(j))) j++;
    if (j < end && !SPACE.test(text.charAt(j))) continue;
    let k = j;
    while (k < end && SPACE.test(text.charAt(k))) k++;
    if (c === 46 && k < end && LOWER_CASE.test(text.charAt(k))) continue;
    pushSentence(text, s, j, out);
    s = j;
    i = j - 1;
  }
  pushSentence(text, s, end, out);
}

function pushSentence(text: string, start: number, end: number, out: Sentence[]): void {
  let s = start;
  while (s < end && SPACE.test(text.charAt(s))) s++;
  while (end - s > MAX_SENTENCE_LENGTH) {
    let cut = text.lastIndexOf(' ', s + MAX_SENTENCE_LENGTH);
    if (cut <= s + MAX_SENTENCE_LENGTH / 2) cut = s + MAX_SENTENCE_LENGTH;
    out.push({ start: s, end: cut });
    s = cut;
  }
  if (end > s) out.push({ start: s, end });
}

/** A question asks rather than promises: "Shall I call you tomorrow?", "Would Friday work?". */
export function isQuestion(sentence: string): boolean {
  return QUESTION_END.test(sentence) && QUESTION_START.test(sentence);
}

const QUESTION_END = /\?[\s"'”’)]*$/;

/** Ranges of `sentence` inside double quotes: someone else's words. */
function quotedRanges(sentence: string): [number, number][] {
  const ranges: [number, number][] = [];
  const re = /"[^"\n]{1,300}"|“[^”\n]{1,300}”/g;
  for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
    ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/** The regex of each cue family, in order. For tests. @internal */
export function cueRegexes(): readonly RegExp[] {
  return CUES.map((family) => family.re);
}

/** Which cue families may match in a sentence: a family whose anchors are missing cannot. */
const CUE_PREFILTER = new RegexPrefilter(CUES.map((family) => family.re));

/**
 * The promise cues in a sentence, in order, without overlaps, leaving out those that are
 * negated, reported, quoted or followed by words that make them no promise.
 */
export function findCues(sentence: string): Cue[] {
  return cuesOf(sentence, CUE_PREFILTER.scan(sentence));
}

/**
 * `findCues` with every family run, ignoring the prefilter. For tests: the result must equal
 * `findCues`, which shows the prefilter never hides a cue.
 * @internal
 */
export function findCuesWithoutPrefilter(sentence: string): Cue[] {
  return cuesOf(sentence, -1);
}

/** The cues of the families whose bit is set in `families`. */
function cuesOf(sentence: string, families: number): Cue[] {
  const found: Cue[] = [];
  let quotes: [number, number][] | undefined;
  for (let f = 0; f < CUES.length; f++) {
    if (((families >>> f) & 1) === 0) continue;
    const family = CUES[f] as (typeof CUES)[number];
    family.re.lastIndex = 0;
    for (let m = family.re.exec(sentence); m !== null; m = family.re.exec(sentence)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        family.re.lastIndex++;
        continue;
      }
      if (family.accept !== undefined && !family.accept(m, sentence)) {
        // Look again from the next character: "news Jordan will" holds "Jordan will".
        family.re.lastIndex = start + 1;
        continue;
      }
      quotes ??= quotedRanges(sentence);
      if (quotes.some(([a, b]) => start > a && start < b)) continue;
      const before = clauseBefore(sentence, start);
      if (NEGATED_BEFORE.test(before) || REPORTED_BEFORE.test(before)) continue;
      if (family.strength === 'weak' && NEGATED_EXPECT.test(before)) continue;
      if (family.checkContinuation) {
        const rest = sentence.slice(end, end + 80);
        const skipped = ADVERBS.exec(rest)?.[0].length ?? 0;
        if (NOT_A_PROMISE.test(rest.slice(skipped).trimStart())) continue;
      }
      found.push({ start, end, strength: family.strength });
    }
  }
  sortInPlace(found, (a, b) => a.start - b.start || b.end - a.end);
  const out: Cue[] = [];
  for (const cue of found) {
    const last = out[out.length - 1];
    if (last && cue.start < last.end) continue;
    out.push(cue);
  }
  return out;
}

/** The text of the sentence before `at`, back to the start of its clause. */
function clauseBefore(sentence: string, at: number): string {
  const before = sentence.slice(Math.max(0, at - 160), at);
  const re = /;|\bbut\b|\bhowever\b|\bthough\b|\balthough\b|\bmeanwhile\b/gi;
  let cut = 0;
  for (let m = re.exec(before); m !== null; m = re.exec(before)) cut = m.index + m[0].length;
  return before.slice(cut);
}

/** True when text between two cues holds a clause break, so the second opens a new promise. */
export function breaksClause(between: string): boolean {
  return CLAUSE_BREAK.test(between);
}

/** The kind of a promise, from the earliest telling words in its text, and where they end. */
export function classifyPromise(text: string): { kind: CommitmentKind; end: number } | null {
  let best: { kind: CommitmentKind; index: number; end: number } | null = null;
  for (const [kind, re] of KIND_PATTERNS) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.index)) {
      best = { kind, index: m.index, end: m.index + m[0].length };
    }
  }
  if (best) return { kind: best.kind, end: best.end };
  for (const [kind, re] of KIND_FALLBACK) {
    const m = re.exec(text);
    if (m) return { kind, end: m.index + m[0].length };
  }
  return null;
}

/** Where the first generic action word ends in `text`, or -1. */
export function genericActionEnd(text: string): number {
  const m = GENERIC_ACTION.exec(text);
  return m ? m.index + m[0].length : -1;
}

/** Where the clause that holds `from` ends in `text` (its length when it runs to the end). */
export function clauseEnd(text: string, from: number): number {
  const m = CLAUSE_END.exec(text.slice(from));
  return m ? from + m.index : text.length;
}
