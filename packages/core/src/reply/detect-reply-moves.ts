import { RegexPrefilter, requiredAnchors, type Need } from './anchors.js';
import type { ReplyMove, ReplyMoveKind } from './types.js';
import { sortInPlace } from '../util/sort-in-place.js';

/*
 * Hand-written phrase rules for what an agent's reply does (brief, points 3-12).
 *
 * How the patterns stay safe and fast:
 * - Each kind is one precompiled, case-insensitive regex: its phrasings joined into one
 *   alternation. At each position the first phrasing that matches wins and the search resumes
 *   after the match, so moves of one kind never overlap; moves of different kinds may.
 * - Every phrasing starts with a literal word behind `\b`, so a match can only start at the
 *   beginning of a word (after an apostrophe only in a contraction, "n't", "'ll", where no
 *   phrasing starts); gaps between words are bounded (`{0,3}`), and the classes on
 *   either side of a quantifier are disjoint (`\s+` then a word). Matching is linear in the
 *   text's length: no nested unbounded quantifiers, no backreferences.
 * - Patterns use only non-capturing groups.
 *
 * Where two kinds claim the same words, the more specific one wins (`SUPPRESSED_BY`):
 * "I'm sorry if you feel that way" is a conditional apology, not an apology; "I can't accept
 * abusive language" is a warning, not a blocking phrase.
 */

/** A straight or curly apostrophe. */
const AP = `['’]`;
/** Up to `n` more words between two parts of a phrase, as few as possible. */
const gap = (n: number): string => String.raw`(?:\s+[\w'’-]+){0,${n}}?`;

const I_AM = String.raw`(?:i${AP}?m|i\s+am)`;
const WE_ARE = String.raw`(?:we${AP}re|we\s+are)`;
const I_WILL = String.raw`(?:i${AP}?ll|i\s+will|i\s+shall|we${AP}ll|we\s+will|(?:${I_AM}|${WE_ARE})\s+(?:going\s+to|gonna))`;
const YOU_WILL = String.raw`(?:you${AP}?ll|you\s+will)`;
const YOU_ARE = String.raw`(?:you${AP}?re|you\s+are)`;
const THAT_IS = String.raw`(?:that${AP}?s|that\s+is|it${AP}s|its|it\s+is|this\s+is)`;
const THAT_IS_NOT = String.raw`(?:${THAT_IS}\s+not|(?:that|this|it)\s+isn${AP}?t)`;
const CANT = String.raw`(?:can${AP}?t|cannot|can\s+not)`;
const DONT = String.raw`(?:don${AP}?t|do\s+not)`;
const INTENSIFIER = String.raw`(?:so|very|really|truly|deeply|terribly|extremely|genuinely|incredibly|awfully|sincerely|profoundly)`;

/** Adjectives that name how a situation feels to the customer. */
const FEELING_ADJ = String.raw`(?:frustrating|annoying|upsetting|disappointing|stressful|infuriating|maddening|aggravating|exasperating|worrying|awful|terrible|unacceptable|inconvenient|not\s+(?:ok|okay|good\s+enough|what\s+you\s+expected))`;
/** How the customer feels. */
const FEELING_PARTICIPLE = String.raw`(?:frustrated|annoyed|upset|angry|disappointed|furious|mad|livid|stressed|worried|fed\s+up|unhappy|irritated)`;
/** Nouns for the customer's feelings. */
const FEELING_NOUN = String.raw`(?:frustrations?|concerns?|anger|disappointment|annoyance|point|worry|worries|situation|position|feelings|upset)`;

const CONVERSATION = String.raw`(?:chat|conversation|call|ticket|case|session|thread|interaction)`;
/** "I'll have to end this chat": the phrase that closes a conversation. */
const CLOSE_CONVERSATION = String.raw`(?:${I_WILL}|${I_AM}\s+(?:now\s+)?about\s+to|i\s+(?:have|need)\s+to|we\s+(?:have|need)\s+to)\s+(?:now\s+)?(?:(?:have|need)\s+to\s+|be\s+forced\s+to\s+)?(?:close|end|terminate|disconnect|conclude|leave)\s+(?:this|the|our)\s+${CONVERSATION}`;
/** What an abuse warning is about. */
const ABUSE_NOUN = String.raw`(?:language|abuse|behaviou?r|tone|swearing|cursing|profanity|insults?|comments?|messages?|remarks?|threats?)`;
const CONTINUES = String.raw`(?:continues?|persists?|carr(?:y|ies)\s+on|go(?:es)?\s+on|keeps?\s+(?:up|going|on)|(?:does\s+not|doesn${AP}?t|do\s+not|don${AP}?t)\s+stop)`;

/** Ways of reaching someone else. */
const CONTACT = String.raw`(?:contact|call|ring|phone|e-?mail|message|reach\s+out\s+to|speak\s+(?:to|with)|talk\s+to|get\s+in\s+touch\s+with|write\s+to|go\s+through|get\s+hold\s+of|raise\s+(?:it|this|that)\s+with|take\s+(?:it|this|that)\s+up\s+with)`;
/** Someone else than the agent: another team, the carrier, the bank. */
const ELSEWHERE = String.raw`(?:(?:our|the|a|another|your|their)\s+(?:[\w-]+\s+){0,2}(?:team|department|dept|support|billing|sales|returns|carrier|courier|manufacturer|bank|store|shop|branch|retailer|seller|provider|warehouse|office|specialists?|colleagues?|desk|helpline|hotline|number)|billing|sales|returns|customer\s+(?:service|care)|support|them\s+directly)\b`;
/** Self-service pages the customer gets sent to. */
const SITE = String.raw`(?:website|web\s*site|site|faqs?|help\s+(?:cent(?:er|re)|pages?|section|articles?)|knowledge\s+base|online\s+(?:form|portal)|terms(?:\s+and\s+conditions)?|t&cs)\b`;
/** A position where an imperative can start: the start of a sentence or after "please". */
const IMPERATIVE = String.raw`(?:(?<=(?:^|[.!?;:\n])\s{0,4})|(?:please|kindly|simply|just)\s+)`;

/** What the agent does themselves when they own the problem. */
const OWN_VERB = String.raw`(?:make\s+sure|ensure|see\s+to\s+it|take\s+care\s+of|sort\s+(?:this|it|that|everything)|look\s+into|follow\s+(?:up|this\s+through|it\s+through)|get\s+(?:this|it|that|everything)\s+(?:sorted|fixed|resolved|done)|get\s+back\s+to\s+you|handle|fix|chase|check|keep\s+you\s+(?:posted|updated|informed|in\s+the\s+loop)|call\s+you|ring\s+you|e-?mail\s+you|update\s+you|contact\s+(?:the|our)|stay\s+on|monitor|track|investigate|escalate|raise|push|arrange|resolve|process|send|issue|refund|credit|replace|expedite|reship|speak\s+to|talk\s+to|be\s+your|take\s+(?:this|it|ownership)|do\s+(?:everything|my\s+best|whatever)|see\s+what\s+(?:i|we)\s+can\s+do|find\s+out|cancel|change|update|book|order|organi[sz]e|set\s+up|add|remove|reset|restore|reactivate|unlock|waive|confirm|let\s+you\s+know|deal\s+with|make\s+(?:this|it|things)\s+right|put\s+(?:this|it|things)\s+right|sort\s+out|pass\s+(?:this|it)\s+on)\b`;

/** What has been done for the customer. */
const DONE = String.raw`(?:issued|processed|refunded|credited|sent|arranged|applied|cancell?ed|reset|fixed|resolved|booked|ordered|dispatched|re-?shipped|re-?sent|upgraded|waived|reversed|added|expedited|approved|corrected|restored|reactivated|unlocked|replaced|scheduled|authori[sz]ed|initiated|removed|extended)\b`;
/** What the agent can offer. */
const OFFER_VERB = String.raw`(?:offer|give|send|arrange|issue|refund|credit|replace|waive|upgrade|expedite|reship|re-?send|reset|cancel|extend|add|apply|book|organi[sz]e|provide|cover|reimburse|compensate|exchange|swap|match|honou?r|discount|fix|repair|set\s+up)\b`;

/** What the agent asks the customer for. */
const ASK_VERB = String.raw`(?:tell|send|share|confirm|provide|let\s+(?:me|us)\s+know|give\s+(?:me|us)|check|clarify|describe|explain|walk\s+me\s+through|forward|attach|upload|take\s+a\s+(?:photo|picture|screenshot)|double-?check|remind\s+me|dm|spell)\b`;
/** The details an agent asks for. */
const DETAIL = String.raw`(?:order|account|reference|tracking|invoice|e-?mail|postcode|post\s+code|zip|address|phone|number|name|model|serial|booking|case|ticket|username|device|receipt)\b`;

/** How an agent names the customer's feelings: "I understand how frustrating this is". */
const PHRASINGS_OF_ACKNOWLEDGEMENT: readonly string[] = [
  String.raw`i\s+(?:completely|totally|fully|really|absolutely|truly|do)\s+understand\b`,
  String.raw`i\s+(?:can\s+)?understand\s+(?:how|why|what\s+a|your\s+${FEELING_NOUN}|the\s+${FEELING_NOUN}|that\s+(?:this|it)\s+(?:has|is|was|must|would)|that\s+${YOU_ARE}\s+${FEELING_PARTICIPLE}|${YOU_ARE}\s+${FEELING_PARTICIPLE})\b`,
  String.raw`i\s+understand(?=\s*(?:[.,;!—–]|$))`,
  String.raw`i\s+(?:can${AP}?t\s+|cannot\s+|can\s+|could\s+)?(?:only\s+)?imagine\s+(?:how|what\s+a|the\s+${FEELING_NOUN}|${FEELING_ADJ})`,
  String.raw`i\s+(?:can\s+)?see\s+(?:how|why)\s+(?:this|that|it|you|much|${FEELING_ADJ})\b`,
  String.raw`(?:that|this|it)(?:${AP}s|\s+is|\s+was|\s+must|\s+sounds|\s+would|\s+has|\s+must\s+have)(?:\s+(?:be|been|sound))?(?:\s+(?:so|really|very|incredibly|truly|extremely|genuinely|understandably|absolutely|such|a|an|deeply)){0,3}\s+${FEELING_ADJ}`,
  String.raw`(?:how|so|really)\s+(?:frustrating|annoying|disappointing|upsetting|stressful|infuriating|maddening)\b`,
  String.raw`i(?:${AP}d|\s+would)\s+(?:be|feel)\s+(?:just\s+as\s+|exactly\s+)?(?:${FEELING_PARTICIPLE}|the\s+same)(?:\s+too)?\b`,
  String.raw`you\s+have\s+every\s+right\s+to\s+be\s+${FEELING_PARTICIPLE}`,
  String.raw`${YOU_ARE}\s+(?:completely\s+|absolutely\s+|totally\s+|quite\s+)?right\s+to\s+be\s+${FEELING_PARTICIPLE}`,
  String.raw`${THAT_IS}\s+(?:completely\s+|totally\s+|perfectly\s+|entirely\s+|very\s+)?understandable`,
  String.raw`i\s+(?:completely\s+|totally\s+)?hear\s+(?:you|what\s+you)\b`,
  String.raw`(?<!\b(?:can|could|may|shall|should|will|would|did|do|to)\s+)i\s+(?:completely\s+|totally\s+|really\s+)?get\s+(?:it|why)\b(?!\s+(?:sorted|fixed|done|to|back|over|for|from|resolved|working|delivered|sent))`,
  String.raw`i\s+know\s+(?:how|this|that|it)${gap(3)}\s+${FEELING_ADJ}`,
];

/** The phrasings of each kind, tried in order at each position. */
const PHRASINGS: Record<ReplyMoveKind, readonly string[]> = {
  acknowledgement: PHRASINGS_OF_ACKNOWLEDGEMENT,
  undone_acknowledgement: undoneAcknowledgements(),
  conditional_apology: [
    ...conditionalApologies(),
    String.raw`mistakes\s+were\s+made\b`,
    String.raw`(?:we|i)\s+regret\s+(?:any|the)\s+(?:inconvenience|trouble|confusion|frustration)`,
  ],
  apology: [
    String.raw`(?:${I_AM}|${WE_ARE})\s+(?:${INTENSIFIER}\s+){0,2}sorry\b(?!\s+to\s+(?:say|inform))`,
    String.raw`(?<!\b(?:not|never|n${AP}t)\s+)(?:${INTENSIFIER}\s+)sorry\b`,
    String.raw`sorry\s+(?:about|for)\s+(?:the|this|that|all|your|my|our|keeping|making|having)\b`,
    String.raw`sorry\s+(?:to\s+hear|that\s+(?:this|the|your|it|we|you${AP}ve|you\s+have|you\s+had))\b`,
    String.raw`(?<!\b(?:not|never|n${AP}t)\s+)(?:i|we)\s+(?:sincerely\s+|truly\s+|really\s+|do\s+|deeply\s+)?apologi[sz]e\b`,
    String.raw`(?:please\s+)?accept\s+(?:my|our)\s+(?:sincere(?:st)?\s+|deepest\s+|heartfelt\s+|humble(?:st)?\s+)?apolog(?:ies|y)\b`,
    String.raw`(?:my|our)\s+(?:sincere(?:st)?\s+|deepest\s+|heartfelt\s+|humble(?:st)?\s+|genuine\s+)?apologies\b`,
    String.raw`apologies\s+for\s+(?:the|this|that|keeping|my|our)\b`,
    String.raw`(?:that|this|it)(?:${AP}s|\s+is|\s+was)\s+(?:completely\s+|entirely\s+|totally\s+|absolutely\s+)?(?:on\s+(?:us|me)|(?:our|my)\s+(?:fault|mistake|error|bad))\b`,
    String.raw`(?:we|i)\s+(?:really\s+|clearly\s+)?(?:messed|screwed|mucked)\s+up\b`,
    String.raw`(?:we|i)\s+(?:really\s+|clearly\s+)?(?:got\s+(?:this|it|that)\s+wrong|made\s+(?:a|an)\s+(?:mistake|error)|dropped\s+the\s+ball|let\s+you\s+down)\b`,
    String.raw`(?:we|i)\s+should\s+have\s+(?:done|been|caught|told|let|kept|checked|sent|fixed|called)\b`,
    String.raw`(?:i|we)\s+take\s+(?:full\s+|complete\s+|personal\s+)?responsibility\b`,
  ],
  ownership: [
    String.raw`(?:${I_WILL}|let\s+me)\s+(?:personally\s+|now\s+|also\s+|right\s+away\s+|immediately\s+|myself\s+){0,2}${OWN_VERB}`,
    String.raw`leave\s+(?:it|this|that)\s+with\s+me\b`,
    String.raw`i(?:${AP}?ve|\s+have)\s+got\s+(?:this|it)\b(?!\s+(?:wrong|right|here))`,
    String.raw`${I_AM}\s+(?:personally\s+)?(?:on\s+(?:it|this)|taking\s+care|looking\s+into|handling|following\s+(?:up|this\s+up)|taking\s+(?:ownership|this\s+on|charge))\b`,
    String.raw`you\s+have\s+my\s+word\b`,
    String.raw`i\s+(?:personally\s+)?(?:promise|guarantee)\b`,
    String.raw`i\s+take\s+(?:full\s+|personal\s+)?ownership\b`,
  ],
  fair_question: [
    String.raw`what\s+would\s+you\s+(?:consider|think\s+(?:is|would\s+be)|see\s+as|feel\s+(?:is|would\s+be)|regard\s+as|call)\s+(?:a\s+)?(?:fair|reasonable|acceptable|right)\b`,
    String.raw`what\s+(?:would|could|can|might)\s+(?:i|we)\s+do\s+to\s+(?:make\s+(?:this|it|things)\s+right|put\s+(?:this|it|things)\s+right|make\s+(?:it|this)\s+up\s+to\s+you|fix\s+this\s+for\s+you|earn\s+back|win\s+back|restore)\b`,
    String.raw`what\s+would\s+(?:make\s+(?:this|it|things)\s+right|put\s+(?:this|it|things)\s+right|be\s+(?:a\s+)?(?:fair|reasonable|acceptable)|feel\s+fair|seem\s+fair|work\s+(?:best\s+)?for\s+you|you\s+like\s+(?:me|us)\s+to\s+do|help\s+(?:most|the\s+most)|be\s+a\s+good\s+outcome)\b`,
    String.raw`how\s+(?:can|could|may|might)\s+(?:i|we)\s+(?:make\s+(?:this|it|things)\s+right|put\s+(?:this|it|things)\s+right|make\s+(?:it|this)\s+up\s+to\s+you|make\s+amends)\b`,
    String.raw`what\s+(?:outcome|resolution|solution|result)\s+(?:would|do)\s+you\s+(?:like|prefer|want|be\s+happy\s+with|consider\s+fair|have\s+in\s+mind)\b`,
    String.raw`(?:would|does)\s+(?:that|this)\s+(?:seem|sound|feel|be)\s+(?:fair|reasonable|acceptable)\b`,
    String.raw`what\s+do\s+you\s+(?:think\s+)?(?:would\s+be|is)\s+(?:a\s+)?(?:fair|reasonable)\b`,
  ],
  solution: [
    String.raw`(?:i|we)(?:${AP}ve|\s+have)\s+(?:just\s+|now\s+|already\s+|gone\s+ahead\s+and\s+|also\s+){0,2}${DONE}`,
    String.raw`(?:i|we)\s+just\s+${DONE}`,
    // A fix under way is a fix offered: "I'm refunding the duplicate £119 now".
    String.raw`(?:${I_AM}|${WE_ARE})\s+(?:now\s+|also\s+|just\s+)?(?:refunding|crediting|replacing|re-?sending|reissuing|issuing|reversing|cancell?ing|waiving|arranging|sending\s+(?:you\s+)?(?:a|an|the|your)\s+(?:new|replacement|refund|credit)|processing\s+(?:a|the|your)\s+(?:refund|replacement|credit))\b`,
    String.raw`(?:i|we)(?:\s+can|\s+could|(?:${AP}d|\s+would)\s+(?:like|love|be\s+happy|be\s+glad)\s+to|(?:${AP}m|\s+am|${AP}re|\s+are)\s+(?:happy|glad|able|pleased)\s+to)\s+(?:also\s+|certainly\s+|definitely\s+)?${OFFER_VERB}`,
    String.raw`here(?:${AP}?s|\s+is)\s+what\s+(?:i|we)\s+(?:can|will|${AP}ll)\s+do\b`,
    String.raw`(?:your|a|the)\s+(?:full\s+|partial\s+)?(?:refund|replacement|credit|voucher|discount|compensation|exchange)\s+(?:has|have|is|was|will\s+be)\s+(?:been\s+|now\s+|being\s+)?(?:issued|processed|approved|sent|applied|arranged|dispatched|on\s+its\s+way|added|credited)\b`,
    String.raw`(?:as\s+a\s+)?goodwill\s+(?:gesture|credit|payment)\b`,
    String.raw`(?:free|complimentary)\s+(?:month|months|upgrade|replacement|delivery|shipping|return|repair)\b`,
  ],
  clarifying_question: [
    String.raw`(?:could|can|would|will)\s+you\s+(?:please\s+|kindly\s+|just\s+|quickly\s+|also\s+){0,2}${ASK_VERB}`,
    String.raw`would\s+you\s+mind\s+(?:telling|sending|sharing|confirming|providing|checking|clarifying|describing|explaining|letting)\b`,
    String.raw`(?:may|can|could)\s+i\s+(?:please\s+)?(?:have|get|ask|confirm|check|take|grab)\s+(?:your|the|a|for|what|which|when|whether|if|you)\b`,
    String.raw`(?:do|did)\s+you\s+(?:have|know|remember|happen\s+to\s+have|still\s+have)\s+(?:the|your|an?)\s+(?:${DETAIL}|confirmation|photo|screenshot)`,
    String.raw`what(?:${AP}?s|\s+is|\s+was)\s+(?:the|your)\s+(?:[\w-]+\s+)?${DETAIL}`,
    String.raw`which\s+(?:order|item|product|account|device|card|address|e-?mail|plan|version|browser|model|store|branch|payment|flight|booking|one)\b`,
    String.raw`when\s+did\s+you\s+(?:first\s+)?(?:notice|order|place|receive|buy|purchase|contact|start|try|last|see|make|get)\b`,
    String.raw`(?:when|where|how)\s+(?:exactly\s+)?did\s+(?:this|it|the\s+[\w-]+)\s+(?:happen|start|break|stop|arrive|go)\b`,
    String.raw`just\s+to\s+(?:confirm|clarify|check|make\s+sure\s+i\s+(?:understand|have\s+(?:this|it|that)\s+right))\b`,
    String.raw`to\s+make\s+sure\s+i\s+(?:understand|have\s+(?:this|it|that)\s+right|get\s+(?:this|it)\s+right)\b`,
    String.raw`(?:is|was)\s+(?:that|this)\s+(?:right|correct)(?=\s*\?)`,
    String.raw`(?:did|have)\s+i\s+(?:got|get|understood|understand)\s+(?:that|this|it|you)\s+right\b`,
    String.raw`if\s+i\s+understand\s+(?:you\s+)?correctly\b`,
    String.raw`do\s+you\s+mean\b`,
  ],
  abuse_warning: [
    String.raw`(?:if|should|unless)\s+(?:the|this|such|that|your)\s+(?:[\w-]+\s+)?${ABUSE_NOUN}\s+${CONTINUES}(?:,?\s+(?:then\s+)?${CLOSE_CONVERSATION})?`,
    String.raw`unless\s+(?:the|this|your)\s+(?:[\w-]+\s+)?${ABUSE_NOUN}\s+(?:stops|changes|improves|ends)\b`,
    String.raw`${CLOSE_CONVERSATION}\s+(?:if|unless)\b`,
    String.raw`(?:please|kindly)\s+(?:refrain\s+from|stop|avoid|${DONT}\s+use)\s+(?:using\s+)?(?:swearing|cursing|abusive|offensive|foul|bad\s+language|such|insulting|personal|profanity|threatening|the\s+language|language|insults|name-?calling)\b`,
    String.raw`(?:i|we)\s+(?:will\s+not|won${AP}?t|${CANT}|${DONT}|will\s+no\s+longer)\s+(?:accept|tolerate|allow|put\s+up\s+with)\s+(?:abusive|offensive|foul|insulting|threatening|rude|this\s+(?:kind|type|sort)\s+of|such|that\s+kind\s+of|this\s+language|that\s+language|this\s+behaviou?r|personal\s+(?:attacks|insults|abuse)|being\s+(?:spoken|talked)\s+to|abuse|insults|swearing|threats)(?:\s+(?:language|behaviou?r|comments?|messages?|remarks?))?\b`,
    String.raw`(?:abusive|offensive|threatening|foul|insulting|inappropriate|rude)\s+(?:language|behaviou?r|messages?|comments?|remarks?)\s+(?:is|are|will)\s+not\s+(?:be\s+)?(?:tolerated|acceptable|accepted|allowed)\b`,
    String.raw`(?:this|that|such)\s+(?:language|behaviou?r|tone)\s+(?:is\s+not|isn${AP}?t)\s+(?:acceptable|appropriate|okay|ok)\b`,
    String.raw`(?:this|that|such)\s+(?:language|behaviou?r|tone)\s+is\s+(?:unacceptable|inappropriate|not\s+tolerated)\b`,
    String.raw`(?:please\s+)?keep\s+(?:this|the\s+conversation|it|things|our\s+conversation|the\s+chat)\s+(?:respectful|civil|polite|professional)\b`,
    String.raw`(?:this\s+is\s+(?:a|your|my)\s+)?(?:final|last)\s+warning\b`,
    // A boundary, and a reminder of one: "As I said earlier, I'm not able to continue while
    // the messages are abusive", "I can't continue if the messages get personal".
    String.raw`(?:(?:as|like)\s+(?:i|we)(?:\s+have|${AP}ve)?\s+(?:already\s+)?(?:said|mentioned|explained)(?:\s+(?:earlier|before|already))?\s*,?\s+)?(?:(?:i|we)\s+(?:${CANT}|(?:won${AP}?t|will\s+not)\s+be\s+able\s+to)|(?:${I_AM}|${WE_ARE})\s+(?:not\s+able|unable)\s+to)\s+(?:continue|carry\s+on|keep\s+going|go\s+on|help(?:\s+you)?)(?:\s+(?:this|the|our)\s+${CONVERSATION})?\s+(?:if|while|when|unless|as\s+long\s+as)${gap(4)}\s+(?:(?:abusive|personal|offensive|rude|insulting|threatening|aggressive)(?:\s+${ABUSE_NOUN})?|${ABUSE_NOUN})\b(?:\s+${CONTINUES}|\s+(?:are|is|get|gets|become|becomes|stay|stays)\s+(?:abusive|personal|offensive|rude|insulting|threatening|aggressive)\b)?`,
    String.raw`(?:please\s+)?(?:let${AP}s|let\s+us)\s+keep\s+(?:this|it|things|the\s+conversation|our\s+conversation)\s+(?:respectful|civil|polite|professional)\b`,
  ],
  closing: [
    String.raw`${CLOSE_CONVERSATION}\b`,
    String.raw`${I_WILL}\s+(?:now\s+)?be\s+(?:closing|ending)\s+(?:this|the|our)\s+${CONVERSATION}\b`,
    String.raw`(?:${I_AM}|${WE_ARE})\s+(?:now\s+)?(?:closing|ending|terminating|disconnecting|concluding|leaving)\s+(?:this|the|our)\s+${CONVERSATION}\b`,
    String.raw`(?:this|the|our)\s+${CONVERSATION}\s+(?:is|has\s+been|will\s+(?:now\s+)?be|will)\s+(?:now\s+)?(?:closed|ended|terminated|closing|ending|end)\b`,
    String.raw`good-?\s?bye\b`,
  ],
  handoff: [
    String.raw`${YOU_WILL}\s+(?:need|have)\s+to\s+${CONTACT}\b`,
    String.raw`you\s+(?:need\s+to|have\s+to|must|should|can|could|may\s+want\s+to|might\s+want\s+to)\s+${CONTACT}\s+${ELSEWHERE}`,
    String.raw`${IMPERATIVE}(?:please\s+)?${CONTACT}\s+${ELSEWHERE}`,
    String.raw`${THAT_IS_NOT}\s+(?:my|our)\s+(?:department|area|team|responsibility|job|remit|problem|issue|call|domain|division|concern)\b`,
    String.raw`${THAT_IS_NOT}\s+something\s+(?:i|we)\s+(?:handle|deal\s+with|cover|look\s+after|do\s+here)\b`,
    String.raw`(?:another|a\s+different|the\s+other|a\s+separate|a\s+specialist|the\s+relevant|the\s+right)\s+(?:department|team|dept)\s+(?:handles|deals\s+with|takes\s+care\s+of|is\s+responsible|looks\s+after|covers|manages)\b`,
    String.raw`${THAT_IS}\s+(?:handled|dealt\s+with|managed|covered|done)\s+by\s+(?:another|a\s+different|the\s+other|our|the|a\s+separate)\b`,
    String.raw`${YOU_ARE}\s+(?:in|contacting|talking\s+to|speaking\s+(?:to|with)|at)\s+the\s+wrong\s+(?:department|team|place|people|number|line)\b`,
    String.raw`(?:${I_WILL}|let\s+me|i\s+(?:need|have)\s+to)\s+(?:now\s+)?(?:transfer|pass|redirect|forward|refer|put)\s+you\s+(?:on\s+|over\s+|through\s+)?(?:to|on)\b`,
    String.raw`${I_AM}\s+(?:now\s+)?(?:transferring|passing|redirecting|referring|forwarding)\s+you\b`,
    String.raw`(?:i|we)\s+(?:${DONT}|${CANT})\s+(?:handle|deal\s+with|do)\s+(?:that|this|those|billing|refunds|returns|complaints)\s+(?:here|in\s+this\s+(?:team|department|chat))\b`,
  ],
  blocking: [
    String.raw`(?:i|we)\s+(?:really\s+|simply\s+|just\s+|honestly\s+)?${CANT}(?![\w'’])(?!\s+(?:wait|believe|thank|stress|say\s+enough|imagine|apologi[sz]e\s+enough|emphasi[sz]e|tell\s+you\s+how|help\s+but|agree\s+more|express|overstate|praise)\b)`,
    String.raw`(?:${I_AM}|${WE_ARE})\s+(?:really\s+|simply\s+|afraid\s+)?(?:not\s+able|unable|not\s+allowed|not\s+permitted|not\s+authori[sz]ed)\s+to\b`,
    String.raw`(?:i|we)\s+(?:won${AP}?t|will\s+not)\s+be\s+able\s+to\b`,
    String.raw`(?:that|this|it)(?:${AP}s|\s+is)\s+(?:just\s+|simply\s+)?(?:not\s+possible|impossible)\b`,
    String.raw`(?:that|this|it)\s+isn${AP}?t\s+possible\b`,
    String.raw`(?:that|this|it)\s+(?:won${AP}?t|will\s+not|wouldn${AP}?t|would\s+not)\s+be\s+possible\b`,
    String.raw`(?:that|this|it)(?:${AP}s|\s+is)\s+not\s+(?:something\s+(?:i|we)\s+can\s+do|an\s+option|allowed|permitted)\b`,
    String.raw`there(?:${AP}?s|\s+is)\s+(?:really\s+|simply\s+|just\s+|absolutely\s+)?nothing\s+(?:(?:more|else|further)\s+)?(?:i|we)\s+can\s+do\b`,
    String.raw`nothing\s+(?:more|else|further)\s+(?:i|we)\s+can\s+do\b`,
    String.raw`there(?:${AP}?s|\s+is)\s+no\s+way\s+(?:to|(?:i|we)\s+can)\b`,
    String.raw`${THAT_IS}\s+(?:just\s+|simply\s+)?(?:our|the|company|store)\s+policy\b`,
    String.raw`(?:our|company|store)\s+policy\s+(?:is|states|says|doesn${AP}?t|does\s+not|won${AP}?t|prevents|prohibits|requires|only)\b`,
    String.raw`(?:as\s+per|per|according\s+to|due\s+to|because\s+of|under)\s+(?:our|the|company|store)\s+(?:policy|policies)\b`,
    String.raw`(?:company|store)\s+policy\b`,
    String.raw`${THAT_IS}\s+(?:against|not\s+within|outside)\s+(?:our|the)\s+(?:policy|rules|terms)\b`,
    String.raw`no\s+exceptions\b`,
    String.raw`rules\s+are\s+rules\b`,
    String.raw`${YOU_WILL}\s+(?:need|have)\s+to\s+(?:go\s+(?:on)?to|visit|check|use|look\s+(?:at|on))\s+(?:our|the)\s+${SITE}`,
    String.raw`${YOU_WILL}\s+have\s+to\b`,
    String.raw`you\s+(?:have|need)\s+to\s+(?:go\s+(?:on)?to|visit|check)\s+(?:our|the)\s+${SITE}`,
    String.raw`${IMPERATIVE}(?:go\s+(?:on)?to|visit|check|see|refer\s+to|consult|read)\s+(?:our|the)\s+${SITE}`,
    String.raw`unfortunately\b`,
    String.raw`${THAT_IS}\s+(?:out\s+of|beyond)\s+(?:my|our)\s+(?:hands|control)\b`,
    String.raw`(?:i|we)\s+${DONT}\s+(?:offer|do|give|accept|allow|provide|make\s+exceptions|issue|refund|handle|have\s+(?:any\s+)?(?:control|way))\b`,
    String.raw`(?:i|we)\s+(?:have|had)\s+no\s+(?:control|way|choice)\b`,
    String.raw`there(?:${AP}?s|\s+is)\s+no\s+(?:option|exception)\b`,
    String.raw`the\s+system\s+(?:won${AP}?t|doesn${AP}?t|does\s+not|will\s+not)\s+(?:let|allow)\b`,
  ],
  blame: [
    String.raw`you\s+should(?:\s+have|${AP}ve|\s+of)(?!\s+(?:received|got|gotten|been|had|heard|seen|a|an|the|it|your|one|access|now|by|within|them)\b)`,
    String.raw`you\s+(?:shouldn${AP}?t|should\s+not)\s+have\b`,
    String.raw`you\s+(?:really\s+)?ought\s+to\s+have\b`,
    String.raw`as\s+(?:i|we)(?:\s+have|${AP}ve)?\s+(?:already\s+|previously\s+|just\s+|clearly\s+)?(?:said|told\s+you|mentioned|explained|stated|pointed\s+out|advised|informed\s+you)\b`,
    String.raw`like\s+(?:i|we)\s+(?:already\s+)?(?:said|told\s+you|mentioned|explained)\b`,
    String.raw`as\s+(?:previously|already|clearly)\s+(?:stated|mentioned|explained|advised)\b`,
    String.raw`i(?:${AP}ve|\s+have)?\s+already\s+(?:told|explained\s+(?:this\s+)?to)\s+you\b`,
    String.raw`you\s+(?:failed|neglected|forgot)\s+to\b`,
    String.raw`you\s+(?:didn${AP}?t|did\s+not)\s+(?:read|follow|check|pay\s+attention|provide|tell\s+us|fill|include|update|select|enter|listen)\b`,
    String.raw`you\s+(?:obviously|clearly|must\s+have|must${AP}ve)\s+(?:didn${AP}?t|did\s+not|${DONT}|misread|missed|entered|typed|clicked|selected|ignored|forgot|done|not)\b`,
    String.raw`(?:${THAT_IS}|it\s+was|that\s+was)\s+(?:entirely\s+|completely\s+|really\s+)?your\s+(?:own\s+)?(?:fault|responsibility|problem|mistake|error|issue)\b`,
    String.raw`if\s+you(?:${AP}d|\s+had)\s+(?:read|followed|checked|listened|paid\s+attention|bothered)\b`,
    String.raw`had\s+you\s+(?:read|followed|checked|listened|paid\s+attention|bothered)\b`,
    String.raw`you\s+were\s+(?:supposed|meant|told|asked|warned)\s+to\b`,
    String.raw`you\s+(?:ignored|misread|misunderstood)\b`,
    String.raw`(?:did|do)\s+you\s+(?:even|actually)\s+(?:read|try|check|look|listen)\b`,
    String.raw`user\s+error\b`,
    String.raw`(?:read|check)\s+the\s+(?:instructions|manual|terms|fine\s+print)\s+(?:next\s+time|properly|carefully|first)\b`,
    String.raw`(?:as|which)\s+(?:is|was)\s+(?:clearly|plainly)\s+(?:stated|explained|written|shown|mentioned)\b`,
  ],
  dismissive: [
    String.raw`calm\s+down\b`,
    String.raw`stop\s+(?:shouting|yelling|screaming|swearing|being\s+(?:rude|difficult|dramatic|silly))(?:\s+at\s+(?:me|us))?\b`,
    String.raw`relax\b`,
    String.raw`chill(?:\s+out)?\b`,
    String.raw`(?:settle|simmer)\s+down\b`,
    String.raw`cool\s+it\b`,
    String.raw`take\s+a\s+(?:deep\s+)?breath\b`,
    String.raw`(?:there(?:${AP}?s|\s+is)\s+)?no\s+need\s+(?:to|for)\s+(?:shout\w*|yell\w*|swear\w*|overreact\w*|get\s+(?:so\s+)?(?:upset|angry|worked\s+up|rude|dramatic|emotional|aggressive|mad|excited|defensive|nasty|personal)|be\s+(?:so\s+)?(?:rude|upset|angry|dramatic|aggressive|emotional|nasty)|that|this|the\s+(?:attitude|tone|language|drama|caps|capitals|shouting))\b`,
    String.raw`${DONT}\s+(?:get|be)\s+(?:so\s+)?(?:upset|angry|worked\s+up|emotional|dramatic|mad|excited|aggressive|rude|defensive|hysterical)\b`,
    String.raw`${YOU_ARE}\s+(?:just\s+|really\s+|clearly\s+)?(?:overreacting|being\s+(?:unreasonable|dramatic|emotional|ridiculous|rude|difficult|silly|hysterical|aggressive))\b`,
    String.raw`${THAT_IS}\s+(?:not\s+(?:a|that)\s+big\s+(?:of\s+a\s+)?deal|no\s+big\s+deal|not\s+the\s+end\s+of\s+the\s+world|(?:only|just)\s+a\s+(?:small|minor|little|few)\b)`,
    String.raw`(?:get|move)\s+over\s+it\b`,
    String.raw`whatever(?=\s*(?:[.!]|$))`,
    String.raw`${DONT}\s+take\s+it\s+personally\b`,
    String.raw`${YOU_ARE}\s+not\s+the\s+only\s+(?:one|customer)\b`,
  ],
};

/**
 * An acknowledgement taken back by the "but" after it: "I understand your frustration, but
 * that's our policy". The customer hears only what follows the "but", as with "sorry, but".
 * The acknowledgement's own phrasings, then a few words of the same sentence, then the "but".
 */
function undoneAcknowledgements(): string[] {
  const acknowledgements = PHRASINGS_OF_ACKNOWLEDGEMENT.join('|');
  return [String.raw`(?:${acknowledgements})(?:\s+[\w'’-]+){0,6}?\s*[,;.]?\s+(?:but|however)\b`];
}

/** The phrasings of conditional and non-apologies, with or without "I'm" in front. */
function conditionalApologies(): string[] {
  const sorry = String.raw`(?:(?:(?:${I_AM}|${WE_ARE})\s+(?:${INTENSIFIER}\s+){0,2})?sorry|(?:i\s+|we\s+)?apologi[sz]e|(?:my\s+|our\s+)?apologies)`;
  const upsetWord = String.raw`(?:upset|offended|inconvenienced|frustrated|disappointed|confused|unhappy|annoyed|angry|bothered)`;
  const trouble = String.raw`(?:inconvenience|trouble|confusion|frustration|issues?|problems?|misunderstanding|disruption|upset|distress)`;
  return [
    String.raw`${sorry}\s+if\s+you\s+(?:feel|felt|think|thought)(?:\s+(?:that|this)\s+way)?\b`,
    String.raw`${sorry}\s+if\s+(?:you\s+(?:were|are|have\s+been|got|feel|felt)\s+)?${upsetWord}\b`,
    String.raw`${sorry}\s+if\s+(?:this|that|it|anything|we|i)\s+(?:has\s+|may\s+have\s+|might\s+have\s+|have\s+)?(?:caused\s+(?:you\s+)?(?:any\s+)?${trouble}|caused|upset\s+you|offended\s+you|upset|offended|inconvenienced\s+you|came\s+across|seemed|sounded|was)\b`,
    String.raw`${sorry}\s+if\b`,
    String.raw`${sorry}\s+(?:that\s+)?you\s+(?:feel|felt|think|thought|see\s+it)(?:\s+(?:that|this)\s+way)?\b`,
    String.raw`${sorry}\s+(?:that\s+)?${YOU_ARE}\s+(?:so\s+)?${upsetWord}\b`,
    String.raw`${sorry}\s+(?:that\s+)?you\s+(?:were|got|have\s+been|became)\s+(?:so\s+)?${upsetWord}\b`,
    String.raw`${sorry}(?:\s*,\s*|\s+)but\b`,
    String.raw`${sorry}\s+for\s+(?:any\s+${trouble}|the\s+inconvenience)s?(?:\s+(?:this|that|it)\s+(?:may\s+have\s+|might\s+have\s+|has\s+)?caused(?:\s+you)?|\s+caused(?:\s+to\s+you)?)?\b`,
  ];
}

/**
 * Kinds that give way to a more specific kind claiming overlapping words: "I'm sorry" inside
 * "I'm sorry if you feel that way" is no apology; "I can't" inside "I can't accept abusive
 * language" is a warning, not a refusal; "you'll have to" inside "you'll have to call
 * billing" is a hand-off.
 */
const SUPPRESSED_BY: Partial<Record<ReplyMoveKind, readonly ReplyMoveKind[]>> = {
  apology: ['conditional_apology'],
  acknowledgement: ['undone_acknowledgement'],
  blame: ['abuse_warning'],
  blocking: ['handoff', 'abuse_warning', 'closing', 'acknowledgement'],
  closing: ['abuse_warning'],
  clarifying_question: ['handoff'],
  ownership: ['abuse_warning', 'closing', 'handoff'],
};

/** Every kind, in the order ties are reported. */
const KINDS = Object.keys(PHRASINGS) as ReplyMoveKind[];

const KIND_ORDER = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<ReplyMoveKind, number>;

/** The source of each kind's regex: its phrasings, each starting at the start of a word. */
const SOURCES: ReadonlyMap<ReplyMoveKind, string> = new Map(
  KINDS.map((kind) => [kind, String.raw`\b(?:${PHRASINGS[kind].join('|')})`]),
);

/** One regex per kind. */
const PATTERNS: ReadonlyMap<ReplyMoveKind, RegExp> = new Map(
  KINDS.map((kind) => [kind, new RegExp(SOURCES.get(kind) as string, 'gi')]),
);

/**
 * The prefilter: what every match of each kind's regex must hold, read off the regex itself
 * (see anchors.ts), and one scan that finds all those anchors in a reply. A kind whose anchors
 * are missing cannot match, so its regex is not run: most replies make two or three moves of
 * thirteen kinds.
 */
const PREFILTER = new RegexPrefilter(KINDS.map((kind) => PATTERNS.get(kind) as RegExp));

/** For tests: each kind's regex source, prefilter condition and scanned anchors. @internal */
export function replyMovePrefilter(): ReadonlyMap<
  ReplyMoveKind,
  { source: string; need: Need; anchors: string[] | null }
> {
  return new Map(
    KINDS.map((kind, i) => [
      kind,
      {
        source: SOURCES.get(kind) as string,
        need: requiredAnchors(SOURCES.get(kind) as string),
        anchors: (PREFILTER.anchors[i] as string[] | null) ?? null,
      },
    ]),
  );
}

function findAll(text: string, pattern: RegExp, kind: ReplyMoveKind): ReplyMove[] {
  const out: ReplyMove[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (end === start) {
      // No phrasing matches the empty string; this guards the loop all the same.
      pattern.lastIndex = start + 1;
      continue;
    }
    out.push({ kind, start, end, text: m[0] });
  }
  return out;
}

/**
 * The moves of `moves` that overlap none of `by`. Both lists are sorted and each is free of
 * overlaps within itself, so one sweep suffices: linear, not quadratic, in long texts.
 */
function withoutOverlaps(
  moves: readonly ReplyMove[],
  by: readonly ReplyMove[],
): readonly ReplyMove[] {
  if (moves.length === 0 || by.length === 0) return moves;
  const kept: ReplyMove[] = [];
  let j = 0;
  for (const m of moves) {
    while (j < by.length && (by[j] as ReplyMove).end <= m.start) j++;
    const b = by[j];
    if (b === undefined || b.start >= m.end) kept.push(m);
  }
  return kept;
}

/** Which moves to look for. */
export interface DetectReplyMovesOptions {
  /**
   * Only these kinds (default: every kind). The kinds that could overrule them are still
   * looked for, so "sorry if you feel that way" is no apology whichever kinds are asked for.
   */
  kinds?: readonly ReplyMoveKind[];
}

/**
 * Finds what an agent's reply does, in the terms of the de-escalation practice: apologies
 * (sincere or conditional), acknowledgement, ownership, solutions, questions, and the phrasings
 * that make an upset customer angrier (blocking, blame, dismissive, hand-offs).
 *
 * Moves come sorted by start (ties in a fixed order of kinds), each with its exact evidence:
 * `move.text === agentText.slice(move.start, move.end)`. Moves of one kind never overlap; moves
 * of different kinds may ("I'll make sure" inside a sentence that also offers a refund). Never
 * throws for a string; time is linear in its length.
 *
 * @example
 * detectReplyMoves("I'm sorry if you feel that way, but that's our policy.");
 * // [{ kind: 'conditional_apology', start: 0, end: 30, text: "I'm sorry if you feel that way" },
 * //  { kind: 'blocking', start: 36, end: 53, text: "that's our policy" }]
 * detectReplyMoves("I'm so sorry. Calm down.", { kinds: ['apology'] });
 * // [{ kind: 'apology', start: 0, end: 12, text: "I'm so sorry" }]
 */
export function detectReplyMoves(
  agentText: string,
  options: DetectReplyMovesOptions = {},
): ReplyMove[] {
  return detect(agentText, options, true);
}

/**
 * Runs every kind's regex, ignoring the anchor prefilter. For tests: the result must equal
 * `detectReplyMoves`, which shows the prefilter never hides a move.
 * @internal
 */
export function detectReplyMovesWithoutPrefilter(
  agentText: string,
  options: DetectReplyMovesOptions = {},
): ReplyMove[] {
  return detect(agentText, options, false);
}

/** Every kind, as a bit mask over KINDS. */
const ALL_KINDS = (1 << KINDS.length) - 1;
const PATTERN_LIST: readonly RegExp[] = KINDS.map((kind) => PATTERNS.get(kind) as RegExp);
/** For each kind, the positions in KINDS of the kinds that overrule it. */
const OVERRULED_BY: readonly (readonly number[])[] = KINDS.map((kind) =>
  (SUPPRESSED_BY[kind] ?? []).map((by) => KIND_ORDER[by]),
);
const NO_MOVES: readonly ReplyMove[] = [];

function byPosition(a: ReplyMove, b: ReplyMove): number {
  return a.start - b.start || KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
}

function detect(
  agentText: string,
  options: DetectReplyMovesOptions,
  prefilter: boolean,
): ReplyMove[] {
  if (typeof agentText !== 'string') throw new TypeError('detectReplyMoves expects a string');
  // Bit masks over KINDS: the kinds asked for, and those plus the kinds that overrule them.
  let wanted = ALL_KINDS;
  let needed = ALL_KINDS;
  if (options.kinds !== undefined) {
    const kinds = options.kinds;
    const neededSet = new Set<ReplyMoveKind>(kinds);
    for (const kind of kinds) for (const by of SUPPRESSED_BY[kind] ?? []) neededSet.add(by);
    wanted = 0;
    needed = 0;
    KINDS.forEach((kind, i) => {
      if (kinds.includes(kind)) wanted |= 1 << i;
      if (neededSet.has(kind)) needed |= 1 << i;
    });
  }
  const seen = prefilter ? PREFILTER.scan(agentText) : -1;
  const found: (readonly ReplyMove[])[] = [];
  for (let i = 0; i < KINDS.length; i++) {
    const run = ((needed & seen) >>> i) & 1;
    found.push(
      run ? findAll(agentText, PATTERN_LIST[i] as RegExp, KINDS[i] as ReplyMoveKind) : NO_MOVES,
    );
  }
  return settle(found, wanted);
}

/**
 * `detectReplyMoves(texts[i])` for every reply, all kinds: `out[i]` is what it returns. Each
 * kind's regex runs over every reply before the next kind's does, which keeps it hot in the
 * processor's caches; the regexes are pure, so the order changes no result. @internal
 */
export function detectReplyMovesMany(texts: readonly string[]): ReplyMove[][] {
  const seen: number[] = [];
  for (const text of texts) {
    if (typeof text !== 'string') throw new TypeError('detectReplyMoves expects a string');
    seen.push(PREFILTER.scan(text));
  }
  const found: (readonly ReplyMove[])[][] = texts.map(() => []);
  for (let i = 0; i < KINDS.length; i++) {
    const pattern = PATTERN_LIST[i] as RegExp;
    const kind = KINDS[i] as ReplyMoveKind;
    for (let t = 0; t < texts.length; t++) {
      const run = ((seen[t] as number) >>> i) & 1;
      (found[t] as (readonly ReplyMove[])[]).push(
        run ? findAll(texts[t] as string, pattern, kind) : NO_MOVES,
      );
    }
  }
  return found.map((f) => settle(f, ALL_KINDS));
}

/**
 * The moves of the kinds in `wanted` (a bit mask over KINDS), from what each kind's regex
 * found (`found[i]` for KINDS[i]), without those an overruling kind covers, in order.
 */
function settle(found: readonly (readonly ReplyMove[])[], wanted: number): ReplyMove[] {
  const all: ReplyMove[] = [];
  for (let i = 0; i < KINDS.length; i++) {
    if (((wanted >>> i) & 1) === 0) continue;
    let moves = found[i] as readonly ReplyMove[];
    for (const by of OVERRULED_BY[i] as readonly number[]) {
      moves = withoutOverlaps(moves, found[by] as readonly ReplyMove[]);
    }
    for (const m of moves) all.push(m);
  }
  // By start, then kind: a total order (moves of one kind never share a start), so any sort
  // gives the same answer.
  return sortInPlace(all, byPosition);
}
