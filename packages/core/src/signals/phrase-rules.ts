import {
  SIGNAL_CATALOGUE,
  SIGNAL_KINDS,
  type PhraseRule,
  type Phrasing,
  type SignalKind,
} from './signal-catalogue.js';

/**
 * The phrase detectors: for each kind of signal, its rules; for each rule, the phrasings that
 * show it, each with the key words that must appear in the text before it is worth looking for.
 *
 * Why key words: running every phrasing's regex over every message is too slow for the
 * throughput core promises, so `scanSignals` tokenises the text once and runs only the phrasings
 * whose key words it saw.
 *
 * Key words. A phrasing's `keys` is a list of groups, each a space-separated list of words; the
 * phrasing runs when every group has one of its words in the text. The scan's tokens are runs of
 * ASCII letters (digits, apostrophes, hyphens and everything else separate them), lower-cased and
 * cut to their first six letters: a key of six letters or more matches every token sharing its
 * first six ("cancel" matches "cancelled"), a shorter key only that exact token. Invariant: every
 * match of a phrasing holds, for each group, a token matching one of its words. Mind the places
 * where a pattern lets words touch (`\s*`, `[- ]?`): "oh great" may be written "ohgreat", so
 * such joined forms are keys too (`glue`). Keys starting with `#` are not words but marks the scan
 * sets itself: `#amp` ("&"), `#mark` ("..", "…", "/s", 🙄, 👏), `#slash` ("/s") and `#mask` (a
 * symbol right after a letter, as in "f*ck"). The tests check the invariant by comparing the
 * prefiltered result with a run of every phrasing on real and generated text.
 *
 * Every pattern is matched case-insensitively on the original text. Patterns use only
 * non-capturing groups. The phrasings of one detector are matched as if joined into one
 * alternation, in order: at each position the first phrasing that matches wins, and the search
 * resumes after the match, so splitting a rule into phrasings never changes what it finds.
 * Gaps between words are bounded (`{0,3}`) and the classes on either side of a quantifier are
 * disjoint, so matching stays linear in the text.
 */
export type { Phrasing, PhraseRule } from './signal-catalogue.js';

export interface PhraseDetector {
  kind: SignalKind;
  rules: readonly PhraseRule[];
}

/** Marks the scan sets itself, not words: see the comment above. */
export const MARK_KEYS = ['#amp', '#mark', '#slash', '#mask'] as const;

/** One phrasing: its key groups and its alternatives, joined into one pattern. */
function ph(keys: string | readonly string[], ...alternatives: string[]): Phrasing {
  return { keys: typeof keys === 'string' ? [keys] : keys, pattern: alternatives.join('|') };
}

/** Every `head` written together with every `tail` ("oh" + "great" → "ohgreat"), as a key group. */
function glue(heads: string, tails: string): string {
  const out: string[] = [];
  for (const head of heads.split(' ')) for (const tail of tails.split(' ')) out.push(head + tail);
  return out.join(' ');
}

const AP = `['’]`;
/** Up to `n` more words between two parts of a phrase. */
const gap = (n: number): string => String.raw`(?:\s+[\w'’-]+){0,${n}}?`;
const NT = String.raw`(?:n${AP}t|nt|\s+not)`;

/** "I'll", "I will", "I'm going to", "gonna": the speaker announcing what they will do. */
const I_WILL = String.raw`(?:i${AP}ll|i\s+will|i\s+shall|we${AP}ll|we\s+will|(?:i${AP}m|im|i\s+am|we${AP}re|we\s+are)\s+(?:(?:just|now|seriously|definitely|actually)\s+)?(?:going\s+to|gonna|about\s+to|ready\s+to)|going\s+to|gonna|about\s+to)`;
const I_AM = String.raw`(?:i${AP}m|im|i\s+am|we${AP}re|we\s+are)`;
const ACCOUNT = String.raw`(?:subscriptions?|accounts?|memberships?|contracts?|plans?|services?|orders?|subs?|policy|broadband|line)`;

const CANCEL_VERB = String.raw`cancel(?:l?ing)?`;

/** Key words of the tails of "switch to another provider" and "find a new company". */
const PROVIDER_KEYS =
  'competitor provider company carrier bank network supplier service store shop airline platform app brand isp insurer';

/**
 * Where a customer threatens to go public. Social platforms and review sites are listed apart:
 * a threat naming only review sites is a review threat; one naming a social platform is a
 * threat to go public, and its evidence runs over the whole list ("on Trustpilot and Twitter").
 */
const SOCIAL_PLATFORM = String.raw`(?:twitter|x|facebook|fb|instagram|insta|ig|tik\s*tok|reddit|youtube|linked\s*in|threads|mumsnet|bluesky|mastodon|social\s+media|socials|the\s+internet|every\s+platform)`;
const SOCIAL_PLATFORM_KEYS =
  'twitter x facebook fb instagram insta ig tiktok tik reddit youtube linkedin linked social socials threads mumsnet bluesky mastodon internet every';
const REVIEW_SITE = String.raw`(?:trust\s*pilot|yelp|trip\s*advisor|google(?:\s+reviews?)?|glassdoor|feefo|reviews\.io|sitejabber)`;
/** Between two names of a list: "Twitter, Facebook and TikTok", "Yelp/Google", "X & Reddit". */
const LIST_SEP = String.raw`(?:\s*,\s*(?:and\s+|or\s+|&\s+)?|\s+(?:and|or|&|\+|plus)\s+|\s*\/\s*)`;
const PLATFORM = String.raw`(?:${SOCIAL_PLATFORM}|${REVIEW_SITE})`;
/** A list of platforms holding at least one social platform, review sites allowed around it. */
const SOCIAL_LIST = String.raw`(?:${REVIEW_SITE}${LIST_SEP}){0,4}${SOCIAL_PLATFORM}(?:${LIST_SEP}${PLATFORM}){0,8}`;
/** Any list of platforms, social or review sites. */
const PLATFORM_LIST = String.raw`${PLATFORM}(?:${LIST_SEP}${PLATFORM}){0,8}`;
/** Verbs of putting something out in public: "post", "share", "write about"... */
const PUBLISH_VERB = String.raw`(?:post(?:ing|ed)?|shar(?:e|ing)|put(?:ting)?|blast(?:ing)?|expos(?:e|ing)|tweet(?:ing)?|broadcast(?:ing)?|spread(?:ing)?|writ(?:e|ing)\s+(?:about|up))`;
const PUBLISH_KEYS =
  'post posting posted share sharing put putting blast blasting expose exposing tweet tweeting broadcast broadcasting spread spreading write writing';
/**
 * Before a verb of publishing: trying or failing to use a share feature ("when I try to share
 * music on Twitter", "I can't post to Instagram") or declining it ("no interest in sharing my
 * music on Facebook"). That is a product question, not a threat to go public.
 */
const NOT_AN_INTENT = String.raw`(?<!\b(?:try(?:ing)?\s+to|tried\s+to|(?:un)?able\s+to|can${AP}?t|cannot|couldn${AP}?t|won${AP}?t\s+let\s+me|how\s+(?:do\s+i|can\s+i|to)|when(?:ever)?\s+i|used\s+to|no\s+(?:interest|intention|plans?|desire|need|way)\s+(?:in|of|to)|not\s+interested\s+in)\s+)`;
/** After a verb of publishing: what a music or photo app shares, not a complaint. */
const NOT_CONTENT = String.raw`(?!\s+(?:(?:my|the|a|an|your|our|this|that|some|these|their|his|her)\s+)?(?:music|songs?|playlists?|albums?|tracks?|artists?|podcasts?|episodes?|photos?|pictures?|videos?|links?|lyrics|art|album\s+art|function|feature|button|option)\b)`;

/** Verbs of leaving a review. */
const REVIEW_VERB = String.raw`(?:post(?:ing|ed)?|writ(?:e|ing)|leav(?:e|ing)|put(?:ting)?|shar(?:e|ing)|spread(?:ing)?|drop(?:ping)?)`;
const REVIEW_VERB_KEYS =
  'post posting posted write writing leave leaving put putting share sharing spread spreading drop dropping';

const threat: PhraseDetector = {
  kind: 'threat',
  rules: [
    {
      threat: 'cancel',
      negatable: true,
      explanation: 'Threatens to cancel',
      phrasings: [
        ph(
          'cancel',
          String.raw`\b${I_WILL}\s+(?:(?:just|simply|have\s+to|be|definitely|seriously|happily)\s+)?${CANCEL_VERB}\b(?:\s+(?:my|our|the|this|everything)(?:\s+[\w-]+)?\s+${ACCOUNT}\b)?`,
        ),
        ph(
          'close closing terminate terminating end ending delete deleting',
          String.raw`\b${I_WILL}\s+(?:(?:just|simply|have\s+to|be|definitely)\s+)?(?:close|closing|terminate|terminating|end|ending|delete|deleting)\s+(?:my|our)\s+(?:[\w-]+\s+)?${ACCOUNT}\b`,
        ),
        ph(
          'cancel closing terminating ending deleting',
          String.raw`\b${I_AM}\s+(?:(?:now|officially|seriously|definitely|literally|just)\s+)?(?:cancel(?:l?ing)|closing|terminating|ending|deleting)\s+(?:my|our)\s+(?:[\w-]+\s+)?${ACCOUNT}\b`,
          String.raw`\b${I_AM}\s+(?:(?:now|officially|seriously|definitely)\s+)?cancel(?:l?ing)\b`,
          String.raw`\bcancel(?:l?ing)\s+(?:my|our)\s+(?:[\w-]+\s+)?${ACCOUNT}\b`,
          String.raw`\b(?:thinking\s+(?:about|of)|considering|(?:this|so)\s+close\s+to|on\s+the\s+verge\s+of)\s+(?:cancel(?:l?ing)|closing\s+my\s+account)\b`,
        ),
      ],
    },
    {
      threat: 'competitor',
      negatable: true,
      explanation: 'Threatens to take their business to a competitor',
      phrasings: [
        ph(
          [
            'switch move moving go going change changing',
            'competitor another different new better',
          ],
          String.raw`\b(?:switch(?:ing|ed)?|mov(?:e|ing)|go(?:ing)?|chang(?:e|ing))\s+(?:over\s+)?to\s+(?:(?:a|an|your)\s+)?(?:competitors?|(?:another|a\s+(?:different|new|better))\s+(?:[\w-]+\s+)?(?:provider|company|carrier|bank|network|supplier|service|store|shop|airline|platform|app|brand|isp|insurer))\b`,
        ),
        ph(
          'switch',
          String.raw`\b(?:${I_AM}|i${AP}ll|i\s+will|we${AP}ll|we\s+will|going\s+to|gonna|about\s+to|decided\s+to|time\s+to)\s+(?:be\s+)?switch(?:ing)?\s+(?:over\s+)?to\s+(?!(?:the|your|a|an|my|annual|monthly|yearly|premium|family|student|dark|light)\b)[\w&'’-]+`,
        ),
        ph(
          ['instead', 'go going switch move moving'],
          // "going to go premium instead" is a plan, not a competitor: no verb or plan after "to"
          String.raw`\b(?:go(?:ing)?|switch(?:ing)?|mov(?:e|ing))\s+(?:over\s+)?to\s+(?!(?:go|be|get|use|try|buy|pay|upgrade|downgrade|stick|stay|keep|wait|do|have|make|take|give|listen|play|download|reinstall|restart|just|the|your|my|premium|family|student|annual|monthly|yearly)\b)[\w&'’-]+(?:\s+[\w&'’-]+)?\s+instead\b`,
        ),
        ph(
          ['business money custom cash', 'take taking bring bringing spend spending move moving'],
          String.raw`\b(?:tak(?:e|ing)|bring(?:ing)?|spend(?:ing)?|mov(?:e|ing))\s+my\s+(?:business|money|custom|cash)\s+(?:elsewhere|somewhere\s+else|to\s+(?:a\s+)?(?:competitors?|another\s+\w+|[\w&'’-]+))`,
        ),
        ph(
          'elsewhere',
          String.raw`\b(?:shop(?:ping)?|go(?:ing)?|buy(?:ing)?|look(?:ing)?)\s+elsewhere\b`,
        ),
        ph(
          ['find finding look looking', 'new another different better', PROVIDER_KEYS],
          String.raw`\b(?:find(?:ing)?|look(?:ing)?\s+for)\s+(?:a\s+|an\s+)?(?:new|another|different|better)\s+(?:provider|company|carrier|bank|network|supplier|service|isp|airline|insurer)\b`,
        ),
        ph(
          ['done', 'with'],
          String.raw`\b${I_AM}\s+(?:(?:so|completely|totally|officially|just)\s+)?done\s+with\s+(?:you(?:\s+(?:guys|people|lot))?|your\s+(?:company|service|business|app|brand)|this\s+(?:company|service|app|brand))\b`,
        ),
      ],
    },
    {
      threat: 'competitor',
      explanation: 'Says they will never buy from you again',
      phrasings: [
        ph(
          ['never', 'again from with guys'],
          String.raw`\bnever\s+(?:again\s+)?(?:buy(?:ing)?|order(?:ing)?|shop(?:ping)?|us(?:e|ing)|fly(?:ing)?|book(?:ing)?|deal(?:ing)?|recommend(?:ing)?|com(?:e|ing)\s+back|return(?:ing)?|purchas(?:e|ing)|stay(?:ing)?|do(?:ing)?\s+business|trust(?:ing)?|renew(?:ing)?)\b${gap(3)}\s+(?:again|from\s+(?:you|your|this)|with\s+(?:you|your|this)|you\s+guys)\b`,
          String.raw`\bnever\s+again\s+(?:will\s+(?:i|we)\s+)?(?:buy|order|shop|use|fly|book|deal|recommend|come\s+back|return|purchase|stay|do\s+business|trust)\b`,
        ),
        ph(
          [
            'won wont not',
            'again anymore more',
            'buy buying order ordering shop shopping use using fly flying book booking deal dealing recommend come coming renew renewing purchase purchasing do doing',
          ],
          String.raw`\b(?:won${AP}t|wont|will\s+not|not\s+going\s+to)\s+(?:be\s+)?(?:buy(?:ing)?|order(?:ing)?|shop(?:ping)?|us(?:e|ing)|fly(?:ing)?|book(?:ing)?|deal(?:ing)?|recommend(?:ing)?|com(?:e|ing)\s+back|renew(?:ing)?|purchas(?:e|ing)|do(?:ing)?\s+business)\b${gap(3)}\s+(?:again|anymore|any\s+more)\b`,
        ),
        ph(
          ['lost', 'customer client business subscriber'],
          String.raw`\b(?:you${AP}ve|you\s+have|you\s+just|you\s+guys\s+(?:have|just))\s+(?:just\s+)?lost\s+(?:a|me\s+as\s+a|another|one|my)\s+(?:[\w-]+\s+)?(?:customer|client|business|subscriber)\b`,
          String.raw`\blost\s+(?:a|another)\s+(?:(?:loyal|long[- ]time|good|paying)\s+)?customer\b`,
        ),
      ],
    },
    {
      threat: 'legal',
      explanation: 'Threatens legal action',
      // A lawyer or a contract named calmly ("I'm a lawyer, could you update my address?") is
      // no threat: each phrasing needs an act (suing, going to court, bringing in a lawyer) or
      // a word that only ever names one (lawsuit, small claims).
      phrasings: [
        ph(
          'lawsuit lawsuits law class small litigation',
          String.raw`\b(?:lawsuits?|law\s+suits?|class[- ]action|small[- ]claims|litigation)\b`,
        ),
        ph(
          'legal',
          String.raw`\blegal\s+(?:action|proceedings|route|steps)\b`,
          String.raw`\b(?:sought|seeking|seek|get|getting|got|taken|taking|take)\s+legal\s+advice\b`,
        ),
        ph(
          ['lawyer lawyers attorney attorneys solicitor solicitors legal', 'my a our'],
          // bringing one in: "I'll call my lawyer", "I'm contacting a solicitor"
          String.raw`\b(?:contact(?:ing|ed)?|call(?:ing)?|ring(?:ing)?|phon(?:e|ing)|consult(?:ing)?|instruct(?:ing)?|involv(?:e|ing)|get(?:ting)?|hir(?:e|ing)|speak(?:ing)?\s+(?:to|with)|talk(?:ing)?\s+(?:to|with)|go(?:ing)?\s+to|pass(?:ing)?\s+(?:this|it)\s+(?:on\s+)?to|hand(?:ing)?\s+(?:this|it)\s+(?:over\s+)?to|forward(?:ing)?\s+(?:this|it)\s+to|refer(?:ring)?\s+(?:this|it)\s+to|bring(?:ing)?\s+in)\s+(?:my|a|our)\s+(?:lawyers?|attorneys?|solicitors?|legal\s+(?:team|department|representative))\b`,
          // the lawyer acting: "my solicitor will be in touch", "my lawyer is looking into it"
          String.raw`\b(?:my|our)\s+(?:lawyers?|attorneys?|solicitors?|legal\s+team)\s+(?:will|${AP}ll|shall|is|are|has|have)\s+(?:(?:already|now|be)\s+)?(?:going\s+to\s+)?(?:in\s+touch|contact(?:ing)?|writ(?:e|ing)|look(?:ing)?\s+into|review(?:ing)?|aware|involved|handl(?:e|ing)|deal(?:ing)?|hear|advised|been\s+(?:informed|contacted|notified|instructed))\b`,
          String.raw`\b(?:hear(?:ing)?|letter)\s+from\s+(?:my|our)\s+(?:lawyers?|attorneys?|solicitors?|legal\s+team)\b`,
        ),
        ph('lawyer lawyering', String.raw`\blawyer(?:ing)?\s+up\b`),
        ph(
          'court',
          String.raw`\b(?:take|taking|took|drag|dragging|see|seeing)\s+(?:you(?:\s+guys)?|this|them|it|your\s+company|the\s+company)\s+(?:to|in)\s+court\b`,
          String.raw`\bcourt\s+(?:case|action|claim|order)\b`,
          String.raw`\b(?:settle|settled|settling)\s+(?:this|it)\s+in\s+court\b`,
        ),
        ph(
          'sue sued sues suing',
          String.raw`\b(?:${I_WILL}|will|could|can|may|might|should|happy\s+to|ready\s+to|plan\s+to|planning\s+to)\s+sue\b`,
          String.raw`\bsue(?:d|s)?\s+(?:you|your|the\s+company|them|this\s+company)\b`,
          String.raw`\bsuing\b`,
        ),
      ],
    },
    {
      threat: 'chargeback',
      negatable: true,
      explanation: 'Threatens a chargeback or a dispute with their bank',
      phrasings: [
        ph('chargeback', String.raw`\bcharge[- ]?backs?\b`),
        ph(
          [
            'dispute disputing reverse reversing contest contesting challenge challenging',
            'charge charges transaction payment debit debits',
          ],
          String.raw`\b(?:dispute|disputing|reverse|reversing|contest|contesting|challenge|challenging)\s+(?:the|this|these|that|my|your)\s+(?:[\w-]+\s+)?(?:charges?|transactions?|payments?|debits?)\b`,
        ),
        ph(
          'bank card paypal visa mastercard amex',
          String.raw`\b(?:dispute|disputing|report|reporting)\s+(?:it|this|them)\s+(?:with|to)\s+my\s+(?:bank|card\s+(?:company|provider|issuer)|credit\s+card(?:\s+company)?)\b`,
          String.raw`\b(?:contact|contacting|call|calling|ring|ringing|phone|phoning|go\s+to|going\s+to|talk\s+to|speak\s+to|tell|email)\s+my\s+(?:bank|credit\s+card\s+(?:company|provider|issuer)|card\s+(?:company|provider|issuer))\b`,
          String.raw`\b(?:file|filing|open|opening|raise|raising|start|starting)\s+(?:a\s+)?(?:dispute|claim)\s+with\s+(?:my\s+bank|paypal|my\s+card(?:\s+company)?|visa|mastercard|amex|my\s+credit\s+card(?:\s+company)?)\b`,
        ),
        ph('paypal', String.raw`\bpaypal\s+(?:dispute|claim)\b`),
      ],
    },
    {
      threat: 'review',
      negatable: true,
      explanation: 'Threatens a bad review',
      phrasings: [
        ph(
          'review reviews rating rate star stars onestar zerostar',
          String.raw`\b(?:bad|negative|poor|terrible|awful|horrible|scathing|honest|brutal|damning|angry|furious|lowest)\s+(?:[\w-]+\s+)?(?:reviews?|ratings?)\b`,
          String.raw`\b(?:1|one|zero|0)[- ]?stars?(?:\s+(?:reviews?|ratings?))?\b`,
          String.raw`\b(?:review|rate|rating)\s+(?:you|this\s+(?:company|place|store|shop|service))\s+(?:on|at|with)\s+\w+`,
        ),
        // "I'll be posting about this on every review site", "writing about you on all the review sites"
        ph(
          [REVIEW_VERB_KEYS, 'review reviews rating ratings'],
          String.raw`\b${REVIEW_VERB}\b${gap(4)}\s+(?:on|to|across|in)\s+(?:every|each|all\s+(?:of\s+)?(?:the|those)|all)\s+(?:(?:single|online|possible)\s+)?(?:review|rating)\s+(?:sites?|websites?|platforms?|pages?|apps?)\b`,
        ),
        // "posting reviews everywhere", "I'll leave a review everywhere I can"
        ph(
          [REVIEW_VERB_KEYS, 'review reviews', 'everywhere every all'],
          String.raw`\b${REVIEW_VERB}\s+(?:[\w-]+\s+){0,2}?reviews?\s+(?:everywhere|all\s+over|(?:on|across)\s+(?:every|all)\b(?:\s+(?:the\s+)?[\w-]+)?)`,
        ),
      ],
    },
    {
      threat: 'social',
      negatable: true,
      explanation: 'Threatens to go public on social media or to the press',
      phrasings: [
        ph(
          'public viral',
          // the customer going public, not a company's listing ("before going public") or a
          // playlist made public ("I want to make it public so others can listen")
          String.raw`\b(?:${I_WILL}\s+(?:(?:be|just|definitely)\s+)?go(?:ing)?\s+public|${I_AM}\s+going\s+public|go(?:ing)?\s+public\s+with|${NOT_AN_INTENT}(?<!\b(?:want|wanted|wanna|would\s+like)\s+to\s+)make\s+(?:this|it)\s+public(?!\s+so\s+(?:that\s+)?(?:other|others|people|everyone|friends|my\s+friends|anyone)\b)|go(?:ing|es)?\s+viral)\b`,
        ),
        ph(
          [
            'tell telling warn warning let letting',
            'everyone everybody friends followers family world internet people customers others',
          ],
          String.raw`\b(?:tell|telling|warn|warning|let(?:ting)?)\s+(?:every(?:one|body)|all\s+(?:of\s+)?my\s+(?:friends|followers|family)|my\s+(?:\d+\s+|thousands\s+of\s+)?(?:followers|friends)|the\s+(?:world|internet)|other\s+(?:people|customers)|others)(?:\s+know)?\b(?:\s+(?:on|across|via|over|all\s+over)\s+${PLATFORM_LIST}\b)?`,
        ),
        ph(
          [PUBLISH_KEYS, SOCIAL_PLATFORM_KEYS],
          String.raw`${NOT_AN_INTENT}\b${PUBLISH_VERB}\b${NOT_CONTENT}${gap(4)}\s+(?:on|to|across|all\s+over|in)\s+${SOCIAL_LIST}\b`,
        ),
        // "I'm going to post this everywhere"
        ph(
          [PUBLISH_KEYS, 'everywhere'],
          String.raw`\b${I_WILL}\s+(?:(?:be|just|definitely)\s+)?${PUBLISH_VERB}\b${gap(4)}\s+everywhere\b`,
        ),
        // "...and posting this everywhere", "sharing it all over the internet": the thing
        // published is this complaint, whoever announces it
        ph(
          [PUBLISH_KEYS, 'everywhere all'],
          String.raw`\b${PUBLISH_VERB}\s+(?:this|it|that|everything|(?:this|the)\s+(?:whole\s+)?(?:story|experience|conversation|chat|thread|email|exchange|saga)|about\s+(?:this|you|it|your\s+company))\s+(?:everywhere|all\s+over\s+(?:the\s+(?:internet|place|web)|social\s+media|online))\b`,
        ),
        // "name and shame", "make sure everyone knows"
        ph(
          ['name naming shame shaming everyone everybody people world', 'shame shaming knows know'],
          String.raw`\bnam(?:e|ing)\s+(?:and|&)\s+sham(?:e|ing)\b|\bmake\s+sure\s+(?:every(?:one|body)|people|the\s+world)\s+knows?\b`,
        ),
        ph(
          'media press news newspaper newspapers papers journalist watchdog reporter twitter facebook tiktok instagram reddit youtube social',
          String.raw`\b(?:contact(?:ing)?|call(?:ing)?|tell(?:ing)?|go(?:ing)?\s+to|writ(?:e|ing)\s+to|alert(?:ing)?|tip(?:ping)?\s+off|email(?:ing)?)\s+(?:the\s+)?(?:media|press|news|newspapers?|papers|journalists?|local\s+news|watchdog|reporters?)\b`,
          String.raw`\b(?:twitter|facebook|tiktok|instagram|reddit|youtube|social\s+media|the\s+(?:press|media))\s+(?:will|would|is\s+going\s+to|are\s+going\s+to|gonna|might)\s+(?:hear|know|love|see|be\s+interested)\b`,
        ),
      ],
    },
    {
      threat: 'regulator',
      negatable: true,
      explanation: 'Threatens to report you to a regulator',
      phrasings: [
        ph(
          'bbb bureau ftc fcc ofcom ofgem ofwat ombudsman trading consumer cfpb attorney citizens accc fca regulator regulators',
          // not when the business is the one asked to go there: "Will you report this to Ofcom?"
          String.raw`(?<!\b(?:you|u)\s+(?:(?:already|also|please|ever|even|just|then)\s+)?(?:report|reported|reporting|contact|contacted|notify|notified|inform|informed|tell|told|escalate|escalated|refer|referred|pass|passed|send|sent)\s+(?:(?:this|it|that|them|me|us|my\s+\w+|the\s+\w+)\s+)?(?:on\s+)?(?:to\s+)?(?:the\s+)?(?:relevant\s+)?)\b(?:bbb|better\s+business\s+bureau|ftc|fcc|ofcom|ofgem|ofwat|ombuds(?:man|person)|trading\s+standards|consumer\s+(?:protection|affairs|council|rights\s+(?:agency|authority))|cfpb|attorney\s+general|citizens\s+advice|accc|fca|regulators?)\b`,
        ),
        ph(
          'authorities',
          String.raw`\b(?:report(?:ing)?|complain(?:ing)?)\s+(?:(?:you|this|it|them|your\s+company)\s+)?to\s+(?:the\s+)?(?:relevant\s+)?authorities\b`,
        ),
      ],
    },
  ],
};

/**
 * A review site named ("Trustpilot", "Yelp") is a review threat. Kept in a detector of its own
 * so that it is found even inside a longer threat's evidence: "tell everyone on Trustpilot and
 * Twitter" is a threat to go public and a review threat at once.
 */
const reviewSites: PhraseDetector = {
  kind: 'threat',
  rules: [
    {
      threat: 'review',
      negatable: true,
      explanation: 'Threatens a bad review',
      phrasings: [
        ph(
          'trustpilot trust pilot yelp tripadvisor trip advisor google',
          String.raw`\b(?:trust\s*pilot|yelp|trip\s*advisor|google\s+reviews?)\b`,
        ),
      ],
    },
  ],
};

const insult: PhraseDetector = {
  kind: 'insult',
  rules: [
    {
      explanation: 'Personal attack on the agent or the staff',
      phrasings: [
        ph(
          'useless incompetent idiot idiots idiotic stupid clueless pathetic moron morons moronic imbecile imbeciles brainless hopeless worthless joke jokes jokers disgrace disgraceful liar liars lying thieves thief crook crooks crooked scammer scammers fraud frauds fraudsters clown clowns amateur amateurs muppet muppets numpties dumb dense thick retarded ignorant rude arrogant lazy garbage trash rubbish scum scumbag scumbags loser losers fool fools cowboys criminal criminals dishonest shameless disgusting waste worst shambles',
          String.raw`\b(?:you${AP}re|youre|you\s+are|ur|u\s+r|you\s+r|you\s+(?:guys|people|lot|all)\s+are|y${AP}all\s+are|your\s+(?:staff|agents?|team|employees|support(?:\s+team)?|people|reps?|representatives?|workers|advisors?|advisers?|colleagues?|call\s+cent(?:er|re)|customer\s+(?:service|support|care))\s+(?:are|is|were|was))\s+(?:(?:so|such|all|just|really|truly|clearly|obviously|absolutely|completely|totally|utterly|beyond|literally|nothing\s+but|an?|the|a\s+bunch\s+of|bunch\s+of)\s+){0,3}(?:useless|incompetent|idiots?|idiotic|stupid|clueless|pathetic|morons?|moronic|imbeciles?|brainless|hopeless|worthless|a\s+joke|jokes|jokers|disgrace|disgraceful|liars?|lying|thieves|thief|crooks?|crooked|scammers?|frauds?|fraudsters|clowns?|amateurs?|muppets?|numpties|dumb|dense|thick|retarded|ignorant|rude|arrogant|lazy|garbage|trash|rubbish|scum|scumbags?|losers?|fools?|cowboys|criminals?|dishonest|shameless|disgusting|waste\s+of\s+space|worst|shambles)\b`,
        ),
      ],
    },
    {
      explanation: 'Calls the agent the worst of their kind',
      phrasings: [
        // "you are the dumbest moron I have ever dealt with", "you're honestly the most useless agent"
        ph(
          ['you u ur youre', 'dumbest stupidest thickest rudest laziest worst most biggest'],
          String.raw`\b(?:you${AP}re|youre|you\s+are|ur|u\s+r|you\s+(?:guys|people|lot|all)\s+are|you)\s+(?:(?:honestly|literally|genuinely|seriously|truly|officially|easily|probably|clearly|definitely|actually|really|just)\s+)?(?:(?:the|a|an)\s+)?(?:(?:single|absolute|very)\s+)?(?:dumbest|stupidest|thickest|rudest|laziest|most\s+(?:incompetent|useless|clueless|ignorant|pathetic|arrogant|unhelpful|stupid|idiotic|rude|lazy|dishonest)|worst|biggest)\s+(?:[\w-]+\s+)?(?:person|people|agent|rep|representative|employee|human|idiot|moron|clown|fool|company|team|staff|bunch|lot|muppet|imbecile|loser|operator|advisor|adviser|individual|man|woman|guy|liar|excuse|joke|scammer|crook)s?\b`,
        ),
      ],
    },
    {
      explanation: 'Calls the agent worthless',
      phrasings: [
        ph(
          ['you u ya', 'waste excuse'],
          String.raw`\b(?:you|u|ya)\s+(?:(?:absolute|complete|total|utter|useless|pathetic|bloody|fucking|f\*+ing)\s+)?(?:waste\s+of\s+(?:space|oxygen|skin|time)|excuse\s+for\s+an?\s+[\w-]+)\b`,
        ),
      ],
    },
    {
      explanation: 'Talks down to the agent',
      phrasings: [
        // "Listen, sweetheart", "Now, honey": names used to belittle; "love" and "mate" are
        // how many people talk to anyone, and are left out
        ph(
          [
            'listen look now okay ok right',
            'sweetheart sweetie honey hun darling sunshine princess missy sonny little',
          ],
          String.raw`\b(?:listen|look|now|okay|ok|right)(?:\s+here)?\s*,?\s+(?:sweetheart|sweetie|honey|hun|darling|sunshine|princess|missy|sonny|little\s+(?:girl|boy|man|lady))\b`,
        ),
      ],
    },
    {
      explanation: 'Calls the staff names',
      phrasings: [
        ph(['people', 'you'], String.raw`(?<!thank\s)\byou\s+people\b`),
        ph(
          'idiots morons imbeciles cretins halfwits dimwits numpties buffoons nitwits dipshits dumbasses incompetents clowns muppets amateurs monkeys cowboys jokers crooks thieves scammers liars losers fools scumbags idiot moron imbecile clown muppet numpty halfwit dimwit cretin buffoon fool loser liar thief crook scammer donkey jobsworth',
          String.raw`\b(?:idiots|morons|imbeciles|cretins|halfwits|dimwits|numpties|buffoons|nitwits|dipshits|dumbasses|incompetents)\b`,
          String.raw`\b(?:your|these|those|such|what|bunch\s+of|pack\s+of|load\s+of|team\s+of)\s+(?:[\w-]+\s+)?(?:clowns|muppets|amateurs|monkeys|cowboys|jokers|crooks|thieves|scammers|liars|losers|fools|scumbags)\b`,
          String.raw`\b(?:you|u|ya|your\s+\w+|what\s+an?|such\s+an?|complete|absolute|total|utter|useless|incompetent|lying)\s+(?:[\w-]+\s+)?(?:idiot|moron|imbecile|clown|muppet|numpty|halfwit|dimwit|cretin|buffoon|fool|loser|liar|thief|crook|scammer|donkey|jobsworth)\b`,
        ),
      ],
    },
    {
      explanation: "Questions the agent's intelligence or competence",
      phrasings: [
        ph(
          [
            'are',
            'stupid dumb thick deaf blind illiterate incompetent idiot moron brain braindead simple slow mental insane crazy clueless',
          ],
          String.raw`\bare\s+you\s+(?:(?:all|guys|people|even|actually|just|really|completely|that)\s+)?(?:stupid|dumb|thick|deaf|blind|illiterate|incompetent|an\s+idiot|a\s+moron|brain\s*dead|simple|slow|mental|insane|crazy|clueless)\b`,
        ),
        ph(
          'learn',
          String.raw`\blearn\s+(?:how\s+)?to\s+(?:read|spell|listen|do\s+your\s+job|count|type)\b`,
        ),
        ph(
          ['read', 'can cant cannot'],
          String.raw`\b(?:can${AP}?t|cannot)\s+(?:you|u)\s+read\b|\bcan\s+(?:you|u)\s+not\s+read\b|\b(?:you|u)\s+(?:clearly\s+|obviously\s+)?(?:can${AP}?t|cannot)\s+read\b`,
        ),
        ph('job jobs', String.raw`\bdo\s+your\s+(?:[\w-]+\s+)?jobs?\b`),
        ph(
          'brain brains clue idea sense',
          String.raw`\bget\s+a\s+(?:brain|clue)\b|\b(?:any|a\s+single)\s+brain\s+cells?\b`,
          // "you have no idea what you're doing"; a bare "You have no idea!" is as often praise
          String.raw`\b(?:you|u|they)\s+(?:have|got)\s+(?:no|zero)\s+(?:idea\s+(?:what|how)|clue|brains?|common\s+sense)\b`,
        ),
        ph(
          ['doing', 'know'],
          String.raw`\bdon${AP}?t\s+know\s+what\s+(?:you${AP}re|youre|you\s+are|they${AP}re|they\s+are)\s+doing\b`,
        ),
        ph(
          'incompetence shut',
          String.raw`(?<!\b(?:user|my|our|own)\s+)\bincompetence\b|\bshut\s+up\b`,
        ),
      ],
    },
  ],
};

const managerDemand: PhraseDetector = {
  kind: 'manager_demand',
  rules: [
    {
      explanation: 'Asks for a manager or supervisor',
      phrasings: [
        ph(
          'manager supervisor boss superior lead leader',
          String.raw`\b(?:speak|talk|chat|speaking|talking)\s+(?:to|with)\s+(?:a|an|the|your|someone|somebody|anyone|anybody)\b${gap(2)}\s+(?:managers?|supervisors?|boss|superiors?|team\s+lead(?:er)?)\b`,
          String.raw`\b(?:i\s+(?:want|need|demand|would\s+like)|i${AP}d\s+like|get\s+me|give\s+me|put\s+me\s+(?:through|on)\s+(?:to|with)|transfer\s+me\s+to|connect\s+me\s+(?:to|with)|pass\s+me\s+(?:on\s+)?to|let\s+me\s+(?:speak|talk)\s+to|where\s+is|who\s+is|can\s+i\s+(?:have|get))\s+(?:to\s+(?:speak|talk)\s+(?:to|with)\s+)?(?:a|an|the|your)\s+(?:[\w-]+\s+)?(?:managers?|supervisors?|boss|superiors?|team\s+lead(?:er)?)\b`,
          String.raw`\b(?:managers?|supervisors?)\s*[.!,]*\s*(?:now|please|immediately|asap|right\s+now)\b`,
        ),
      ],
    },
    {
      explanation: 'Wants the case escalated',
      phrasings: [
        ph(
          'escalate',
          String.raw`\bescalat(?:e|ed|ing)\s+(?:this|it|my\s+(?:[\w-]+\s+)?(?:case|complaint|issue|ticket|problem|query|request)|(?:the|this)\s+(?:matter|issue|case|complaint|ticket))\b`,
          String.raw`\bescalation\b`,
        ),
      ],
    },
    {
      explanation: 'Asks for someone more senior or someone who can actually help',
      phrasings: [
        ph(
          ['someone somebody anyone anybody', 'senior higher charge authority'],
          String.raw`\b(?:someone|somebody|anyone|anybody)\s+(?:more\s+)?senior\b`,
          String.raw`\b(?:someone|somebody|anyone|anybody)\s+(?:higher\s+up|in\s+charge|with\s+(?:(?:more|real|some)\s+)?authority)\b`,
        ),
        ph(
          ['get find give', 'someone somebody person human'],
          String.raw`\b(?:get|find|give)\s+me\s+(?:someone|somebody|a\s+(?:real\s+)?(?:person|human))\b(?:\s+who\s+(?:actually\s+|really\s+)?(?:can|knows|will)\b)?`,
        ),
        ph(
          ['who', 'actually really'],
          String.raw`\b(?:someone|somebody|anyone|anybody|a\s+(?:real\s+)?person)\s+who\s+(?:actually|really)\s+(?:can|knows|will|cares)\b`,
        ),
        ph(
          ['speak talk chat', 'human person'],
          String.raw`\b(?:speak|talk|chat)\s+(?:to|with)\s+a\s+(?:real\s+)?(?:human|person)(?:\s+being)?\b`,
        ),
      ],
    },
  ],
};

const ORDINAL = String.raw`(?:second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th|eighth|8th|ninth|9th|tenth|10th|eleventh|twelfth|twentieth|hundredth|millionth|nth|umpteenth|\d{1,3}(?:st|nd|rd|th))`;
const MANY = String.raw`(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|multiple|numerous|countless|many|so\s+many|a\s+few|a\s+dozen|dozens\s+of|a\s+million|a\s+hundred|hundreds\s+of|a\s+bunch\s+of|loads\s+of|lots\s+of|a\s+lot\s+of)`;
const CONTACT_VERB = String.raw`(?:called|call|calling|rang|ring|ringing|phoned|phone|phoning|e-?mailed|e-?mail|e-?mailing|contacted|contact|contacting|messaged|message|messaging|written|wrote|writing|chatted|chat|tweeted|dm${AP}?e?d|reached\s+out|been\s+in\s+touch|asked|ask|asking|explained|explain|explaining|told\s+you|tell\s+you|complained|complain|reported|report|raised|chased|chasing|followed\s+up|sent|sending|spoke|spoken|talked|visited|submitted|logged)`;

const repeatedContact: PhraseDetector = {
  kind: 'repeated_contact',
  rules: [
    {
      explanation: 'Says this is not the first time they have contacted you',
      phrasings: [
        ph(
          [
            'second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth hundredth millionth nth umpteenth st nd rd th',
            'time times attempt email emails mail mails message call calls chat chats ticket complaint request letter tweet tweets',
          ],
          String.raw`\b${ORDINAL}\s+(?:time|attempt|email|e-mail|message|call|chat|ticket|complaint|request|letter|tweet)s?\b`,
        ),
        ph(
          'times occasions twice',
          String.raw`\b${CONTACT_VERB}\b${gap(4)}\s+(?:${MANY}\s+(?:different\s+|separate\s+)?(?:times|occasions)|twice)\b`,
        ),
        ph(
          'emails mails calls messages chats tickets complaints attempts',
          String.raw`\b${MANY}\s+(?:separate\s+|different\s+)?(?:e-?mails|calls|phone\s+calls|messages|chats|tickets|complaints|attempts)\b`,
        ),
        ph(
          ['how', 'many'],
          String.raw`\bhow\s+many\s+(?:more\s+)?(?:times|e-?mails|calls|messages)\b`,
        ),
        ph(
          [
            'already previously',
            'told explained said asked contacted called reported answered described raised informed spoken spoke written wrote',
          ],
          String.raw`\b(?:(?:i|we)(?:${AP}ve|\s+have|\s+had)?\s+)?(?:already|previously)\s+(?:[\w-]+\s+)?(?:told|explained|said|asked|contacted|called|reported|answered|described|raised|informed|spoken|spoke|written|wrote)\b`,
        ),
        // "I already sent you a DM, thanks!" answers a request; only a repeat or no answer
        // makes sending again a complaint ("already sent it twice", "already emailed last week
        // and heard nothing")
        ph(
          ['already previously', 'sent given provided emailed mailed submitted gave messaged'],
          String.raw`\b(?:(?:i|we)(?:${AP}ve|\s+have|\s+had)?\s+)?(?:already|previously)\s+(?:[\w-]+\s+)?(?:sent|given|provided|e-?mailed|submitted|gave|messaged)\b(?=[^.!?\n]{0,60}?\b(?:twice|times|before|again|yesterday|ago|last\s+(?:week|month|time|night)|multiple|several|but|still|nothing|no\s+(?:reply|response|answer|one))\b)`,
        ),
        ph(
          ['as', 'said mentioned explained stated told wrote noted'],
          String.raw`\bas\s+(?:i|we)\s+(?:(?:have|${AP}ve|already)\s+)?(?:said|mentioned|explained|stated|told\s+you|wrote|noted)\s+(?:before|earlier|already|previously|above|twice|in\s+my\s+(?:last|previous|first|earlier)|${MANY}\s+times)\b`,
        ),
        ph(
          'keep repeat',
          String.raw`\bkeep\s+(?:having|needing|being\s+told)\s+to\b|\bhave\s+to\s+keep\s+(?:calling|asking|explaining|chasing|contacting|repeating|e-?mailing|writing|messaging|following\s+up|coming\s+back)\b|\bkeep\s+(?:calling|e-?mailing|chasing|contacting|writing|messaging|asking)\b|\brepeat(?:ing)?\s+myself\b`,
        ),
        ph(
          ['again over time', 'and again after'],
          String.raw`\b(?:again\s+and\s+again|over\s+and\s+over|time\s+(?:and\s+time\s+)?again|time\s+after\s+time)\b`,
        ),
        ph(
          ['every each', 'time'],
          String.raw`\b(?:every|each)\s+(?:single\s+)?time\s+(?:i|we)\s+(?:call|contact|e-?mail|chat|message|write|ring|phone|reach\s+out|get\s+in\s+touch|ask)\b`,
        ),
      ],
    },
  ],
};

const NUM_WORD = String.raw`(?:\d{1,4}(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty[- ]five|fifty|sixty|ninety|several|many|a\s+few|few|a\s+couple\s+(?:of\s+)?|couple\s+(?:of\s+)?)`;
const UNIT = String.raw`(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?)`;
const NO_REPLY = String.raw`(?:repl(?:y|ies)|responses?|answers?|updates?|call\s*backs?|word|feedback|follow[- ]?up|acknowledge?ment)`;

const longWait: PhraseDetector = {
  kind: 'long_wait',
  rules: [
    {
      explanation: 'Has been waiting a long time',
      phrasings: [
        ph(
          'wait waited waiting waits hold holding queue queued queuing queueing chasing',
          String.raw`(?<!\b(?:mind|happy\s+to|can|could|willing\s+to|fine\s+to|ok\s+to|okay\s+to|glad\s+to|please|will)\s)\b(?:wait(?:ed|ing|s)?(?!\s+a\s+(?:minute|min|sec|second|moment)\b)|on\s+hold|hold(?:ing)?|queu(?:e|ed|e?ing)|in\s+(?:a|the)\s+queue|been\s+chasing)\b${gap(3)}\s+(?:for\s+)?(?:(?:over|more\s+than|almost|nearly|about|around|like|at\s+least|literally|close\s+to)\s+)?${NUM_WORD}\s*(?:(?:more|whole|full|entire|long)\s+)?${UNIT}\b`,
        ),
        ph(
          ['wait waited waiting hold', 'ages forever eternity long weeks days months hours years'],
          String.raw`\b(?:wait(?:ed|ing)?|on\s+hold)\s+(?:for\s+)?(?:ages|forever|an\s+eternity|so\s+long|too\s+long|far\s+too\s+long|way\s+too\s+long|long\s+enough|weeks|days|months|hours|years)\b`,
        ),
        ph(
          'still',
          String.raw`\bstill\s+(?:waiting|nothing|no\s+(?:${NO_REPLY}|news|call|e-?mail|contact|resolution|fix|solution|sign|progress|help))\b`,
          String.raw`\bstill\s+(?:have${NT}|haven${AP}?t|not|never)\s+(?:heard|had|received|got(?:ten)?)\s+(?:back|anything|a\s+(?:reply|response|answer|call|word|update)|any\s+(?:reply|response|answer|update|word|news))\b`,
        ),
        ph(
          [
            'no zero not never',
            'reply replies response responses answer answers update updates call callback callbacks word feedback follow followup acknowledgement acknowledgment',
          ],
          String.raw`\b(?:no|zero|not\s+a\s+single|not\s+one|not\s+any|never\s+(?:got|received|had)\s+(?:a|any))\s+${NO_REPLY}\b(?!\s+(?:needed|necessary|required))`,
        ),
        ph(
          ['heard had received got gotten', 'back reply response answer call word update news'],
          String.raw`\b(?:haven${AP}?t|have\s+not|hasn${AP}?t|has\s+not|didn${AP}?t|did\s+not|never)\s+(?:heard|had|received|got(?:ten)?)\s+(?:back|a\s+(?:reply|response|answer|call|word|update)|any\s+(?:reply|response|answer|update|word|news)|anything\s+back)\b`,
        ),
        ph(
          ['minutes hours days weeks months years', 'later now counting since already waiting'],
          String.raw`\b(?:${NUM_WORD}\s+)?(?:(?:more|whole|long)\s+)?(?:minutes|hours|days|weeks|months|years)\s+(?:later|now|and\s+counting|since|already|of\s+waiting)\b`,
        ),
        // "4 hours on hold", "forty minutes in the queue"
        ph(
          ['minute minutes min mins hour hours hr hrs day days', 'hold queue queuing queueing'],
          String.raw`\b${NUM_WORD}(?:(?<=\d)\s*|\s+)(?:(?:more|whole|full|entire|long)\s+)?(?:minutes?|mins?|hours?|hrs?|days?)\s+(?:on\s+hold|in\s+(?:a|the)\s+queue|queu(?:e|e?ing))\b`,
        ),
        // "a month without internet", "three days with no heating": time lost without the service
        ph(
          ['minute minutes hour hours day days week weeks month months year years', 'without with'],
          String.raw`\b(?:${NUM_WORD}\s+)?(?:(?:whole|full|entire|long)\s+)?(?:hours?|days?|weeks?|months?|years?)\s+(?:now\s+)?(?:without|with\s+no)\s+(?:(?:a|any|my|our)\s+)?(?:working\s+)?(?:internet|broadband|wi-?fi|service|signal|connection|power|electricity|gas|heating|heat|hot\s+water|water|phone|landline|tv|fridge|car|washing\s+machine|boiler|oven|cooker|money|refund|reply|response|answer|update)\b`,
        ),
        ph(
          ['been taking taken takes took', 'forever ages long weeks months eternity'],
          String.raw`\b(?:been|taking|taken|takes|took|it${AP}s\s+been)\s+(?:[\w-]+\s+)?(?:forever|ages|so\s+long|too\s+long|way\s+too\s+long|weeks|months|an\s+eternity)\b`,
        ),
      ],
    },
  ],
};

const notHeard: PhraseDetector = {
  kind: 'not_heard',
  rules: [
    {
      explanation: 'Feels they are not being listened to',
      phrasings: [
        ph(
          'listening reading paying',
          String.raw`\b(?:(?:you${AP}re|youre|you\s+are|ur|you\s+r|you\s+(?:guys|people)\s+are|they${AP}re|they\s+are)\s+(?:[\w-]+\s+)?not\s+(?:(?:even|really|actually)\s+)?|(?:nobody${AP}s|nobody\s+is|no\s*one${AP}s|no\s*one\s+is|is\s+any(?:one|body)|are\s+you|is\s+nobody)\s+(?:(?:even|actually|really)\s+)?)(?:listening|reading|paying\s+attention)\b`,
        ),
        ph(
          [
            'don dont not didn didnt never can cant cannot won wont aren arent refuse',
            'care listen read understand get bother pay hear give',
          ],
          String.raw`\b(?:you|you\s+guys|you\s+people|they|u|your\s+\w+)\s+(?:(?:clearly|obviously|just|simply|really|still)\s+)?(?:don${AP}?t|do\s+not|didn${AP}?t|did\s+not|never|can${AP}?t|cannot|won${AP}?t|aren${AP}?t|refuse\s+to)\s+(?:even\s+)?(?:care|listen|read|understand|get\s+it|bother|pay\s+attention|hear\s+me|give\s+a\s+\w+)\b`,
        ),
        ph(
          ['less', 'care'],
          String.raw`\b(?:you|you\s+guys|you\s+people|your\s+(?:company|team|staff))\s+(?:(?:clearly|obviously|just|really|simply)\s+)?(?:couldn${AP}?t|could\s+not)\s+care\s+less\b`,
        ),
        // "I'd appreciate a reply this time": the last ones went unanswered.
        ph(
          ['reply response answer callback call update', 'this', 'time'],
          String.raw`\b(?:an?|some|actual|real|proper)\s+(?:(?:actual|real|proper)\s+)?(?:reply|response|answer|call\s*back|callback|update)\s+this\s+time\b`,
        ),
        ph(
          'read',
          String.raw`\b(?:(?:please|pls|plz|actually|bother\s+to|even)\s+(?:(?:even|actually|just)\s+)?read|(?:did|do)\s+(?:you|u)\s+(?:even\s+|actually\s+)?read|(?:you|u)\s+(?:didn${AP}?t|did\s+not)\s+(?:even\s+)?read)\s+(?:my|what\s+i|before|the\s+(?:whole|entire|full|previous|last|original|first))\b`,
        ),
        ph(
          'bot robot machine wall',
          String.raw`\b(?:are\s+you|am\s+i)\s+(?:even\s+)?(?:talking|speaking)\s+to\s+a\s+(?:bot|robot|machine|wall)\b|\b(?:talking|speaking|talk|speak|chatting)\s+to\s+a\s+(?:brick\s+)?(?:wall|robot|bot|machine)\b`,
        ),
      ],
    },
    {
      explanation: 'Says nobody helps or gets back to them',
      phrasings: [
        ph(
          ['nobody noone one body none', 'no nobody noone none'],
          String.raw`\b(?:nobody|no\s*one|no\s+body|none\s+of\s+you)\s+(?:(?:here|there|at\s+\w+|ever|even|actually)\s+)?(?:cares?|listens?|reads?|helps?|gets?\s+back|got\s+back|responds?|responded|replies|replied|answers?|answered|calls?\s+(?:me\s+)?back|called\s+(?:me\s+)?back|bothers?|bothered|seems?\s+to|wants?\s+to|knows?|understands?|gives?\s+a|is\s+(?:helping|able\s+to|willing\s+to|interested|taking)|has\s+(?:helped|replied|responded|answered|bothered|called|contacted|gotten\s+back|got\s+back)|will\s+(?:help|listen|respond|reply|answer|call)|can\s+(?:help|tell\s+me|explain|give\s+me))\b`,
        ),
      ],
    },
    {
      explanation: 'Feels ignored',
      phrasings: [
        ph(
          'ignore ignoring',
          String.raw`\b(?:you|they|you\s+guys|you\s+people|your\s+\w+)\s+(?:(?:keep|just|completely|totally|simply|always|still)\s+)?ignor(?:e|ed|es|ing)\s+(?:me|my|us|our)\b`,
          String.raw`\bignoring\s+(?:me|us|my\s+(?:e-?mails|messages|calls|complaints|requests|questions|tickets))\b`,
          String.raw`\b(?:being|been|getting|get|got|keep\s+getting|keep\s+being|feel|felt|completely|totally|just)\s+ignored\b`,
        ),
      ],
    },
    {
      explanation: 'Complains of scripted or automated replies',
      phrasings: [
        ph(
          'paste pasted copypaste copied',
          String.raw`\bcopy(?:\s+(?:and|&|n)\s+|[- ]?)paste(?:d)?\s+(?:[\w-]+\s+)?(?:repl(?:y|ies)|responses?|answers?|messages?|e-?mails?|texts?|script|nonsense|rubbish|garbage)\b`,
          String.raw`\b(?:you|they)\s+(?:just\s+)?(?:copy|copied)(?:\s+(?:and|&|n)\s+|[- ]?)paste(?:d)?\b`,
        ),
        ph(
          'canned scripted script generic robotic boilerplate cookie pre prewritten template templated bot automated',
          String.raw`\b(?:canned|scripted|generic|robotic|boilerplate|cookie[- ]cutter|pre[- ]?written|templated?|bot|(?:useless|pointless|another|same|more|stupid)\s+automated)\s+(?:[\w-]+\s+)?(?:responses?|repl(?:y|ies)|answers?|messages?|e-?mails?|script|nonsense|rubbish)\b`,
        ),
        ph(
          [
            'same',
            'response responses reply replies answer answers script excuse excuses nonsense rubbish',
          ],
          String.raw`\bsame\s+(?:(?:old|scripted|canned|generic|automated|useless|pointless|stupid)\s+)?(?:responses?|repl(?:y|ies)|answers?|script|excuses?|nonsense|rubbish)\b`,
        ),
      ],
    },
    {
      explanation: 'Feels misunderstood',
      phrasings: [
        ph(
          'misunderstood',
          String.raw`\b(?:you(?:${AP}ve|\s+have)?\s+(?:(?:completely|totally|clearly)\s+)?misunderstood|misunderst(?:and|ood)\s+(?:me|my|what))\b`,
        ),
        ph(
          ['not', 'what', 'asked said meant wrote requested need want wanted'],
          String.raw`\b(?:that${AP}s|thats|that\s+is|this\s+is|that\s+was|it${AP}s)\s+not\s+what\s+i\s+(?:asked|said|meant|wrote|requested|need|want(?:ed)?)\b`,
        ),
        ph(
          'point',
          String.raw`\b(?:you${AP}re|you\s+are|youre)\s+(?:completely\s+|totally\s+)?missing\s+the\s+point\b`,
        ),
      ],
    },
  ],
};

const brokenPromise: PhraseDetector = {
  kind: 'broken_promise',
  rules: [
    {
      explanation: 'Says a promise was not kept',
      phrasings: [
        ph(
          'said told promised assured guaranteed confirmed stated claimed swore committed',
          String.raw`\b(?:you|they|he|she|it|your\s+(?:[\w-]+\s+)?(?:agent|colleague|rep|representative|team|staff|support|website|site|app|e-?mail|advisor|adviser|employee|manager|store|shop)|the\s+(?:agent|rep|representative|advisor|adviser|website|site|app|person|guy|lady|man|woman|manager|store|shop|last\s+(?:agent|person|guy|lady))|someone|somebody|customer\s+(?:service|support|care))\s+(?:(?:clearly|specifically|literally|explicitly|even|definitely)\s+)?(?:said|told\s+(?:me|us)|promised|assured\s+(?:me|us)|guaranteed|confirmed|stated|claimed|swore|committed)\b${gap(2)}\s+(?:that\s+)?(?:you|it|i|we|they|he|she|this|someone|somebody|the\s+\w+|my\s+\w+|there)\s*(?:would|will|${AP}d|${AP}ll|should|could|was\s+going\s+to|were\s+going\s+to|is\s+going\s+to|are\s+going\s+to)\b`,
        ),
        ph(
          'promised guaranteed assured',
          String.raw`\b(?:you|they|he|she|we|your\s+\w+|the\s+\w+)\s+(?:[\w-]+\s+)?(?:promised|guaranteed|assured\s+(?:me|us))\b`,
        ),
        ph(
          ['was were been got', 'promised guaranteed assured told informed quoted'],
          // "I was told to go to the forum" is an instruction, not a promise
          String.raw`\b(?:i|we)\s+(?:was|were|had\s+been|have\s+been|${AP}ve\s+been|got)\s+(?:[\w-]+\s+)?(?:promised|guaranteed|assured|told(?!\s+to\b)|informed|quoted)\b`,
        ),
        ph(
          'supposed meant',
          // what was due and did not happen ("it was supposed to arrive Monday", "it's supposed
          // to be here by now"), not how a thing works ("how is this supposed to help", "music
          // is meant to be universal")
          String.raw`(?<!\bhow\s+(?:[\w-]+\s+){0,2})\b(?:(?:was|were)\s+(?:[\w-]+\s+)?(?:supposed|meant)\s+to|(?:is|are|it${AP}s|its)\s+(?:[\w-]+\s+)?(?:supposed|meant)\s+to\s+(?:arrive|come|ship|be\s+(?:here|delivered|shipped|refunded|fixed|sorted|resolved|credited|back|sent|dispatched|processed|with\s+me)|have\s+(?:arrived|been)))\b`,
        ),
        ph(
          'promise promises lied broke',
          String.raw`\b(?:broken|empty|false|hollow)\s+promises?\b|\bbroke\s+(?:your|their|his|her|the)\s+(?:promise|word)\b|\b(?:you|they)\s+lied\b`,
        ),
        ph(
          [
            'promised guaranteed said',
            'refund replacement call callback credit compensation discount engineer technician update reply',
          ],
          String.raw`\b(?:refund|replacement|call\s*back|credit|compensation|discount|engineer|technician|update|reply)\s+(?:that\s+)?(?:you|they|he|she|your\s+\w+)\s+(?:[\w-]+\s+)?(?:promised|guaranteed|said)\b`,
        ),
      ],
    },
    {
      explanation: 'Was promised a call back that never came',
      phrasings: [
        ph(
          ['back', 'called rang phoned emailed mailed got gotten came come get'],
          // "never called me back", "nobody got back to me"; "the option never came back" is
          // about a feature
          String.raw`\b(?:never|didn${AP}?t|did\s+not|hasn${AP}?t|has\s+not|haven${AP}?t|have\s+not|no\s*one|nobody)\s+(?:ever\s+)?(?:(?:called|rang|phoned|e-?mailed)\s+(?:me\s+|us\s+)?back\b|(?:got|gotten|came|come|get)\s+back\s+to\s+(?:me|us)\b)`,
        ),
        ph(
          ['never', 'callback call'],
          String.raw`\bnever\s+(?:got|received|had)\s+(?:the|a|my|that|any)\s+(?:promised\s+)?(?:call\s*back|callback|return\s+call)\b`,
        ),
        // "Still no call.", "still waiting for the callback": a call was due
        ph(
          ['still', 'call callback ring phone'],
          String.raw`\bstill\s+(?:no|not\s+(?:a|one)|no\s+sign\s+of\s+(?:a|the|my|any))\s+(?:phone\s+)?(?:call(?:\s*back)?|callback|ring)\b`,
          String.raw`\bstill\s+waiting\s+(?:on|for)\s+(?:the|a|my|that|your|this)\s+(?:promised\s+)?(?:phone\s+)?(?:call(?:\s*back)?|callback|ring\s*back)\b`,
        ),
        // "No one rang me.", "nobody called", "you never phoned"
        ph(
          [
            'nobody noone no one never didn didnt did',
            'rang called phoned rung emailed mailed mail contacted call ring phone email contact',
          ],
          String.raw`\b(?:no\s*one|nobody)\s+(?:ever\s+|actually\s+|even\s+)?(?:(?:has|have)\s+)?(?:rang|rung|called|phoned|e-?mailed|contacted)(?:\s+(?:me|us))?(?:\s+back)?\b(?!\s+(?:at|for|from|to)\b)`,
          String.raw`\b(?:you|they|he|she|your\s+\w+)\s+(?:never|didn${AP}?t|did\s+not)\s+(?:ever\s+|actually\s+|even\s+)?(?:rang|called|phoned|e-?mailed|contacted|call|ring|phone|e-?mail|contact)(?:\s+(?:me|us))?(?:\s+back)?\b(?!\s+(?:at|for|from|to)\b)`,
        ),
      ],
    },
    {
      explanation: 'A promised visit or call never happened',
      phrasings: [
        // "the engineer never showed up", "the callback never came"
        ph(
          [
            'engineer technician courier driver callback call calls visit visits appointment fitter plumber electrician installer',
            'never didn didnt did',
          ],
          String.raw`\b(?:engineer|technician|courier|driver|call\s*back|callback|call|visit|appointment|fitter|plumber|electrician|installer)s?\s+(?:(?:you|they)\s+(?:promised|booked|arranged|scheduled)\s+)?(?:never|didn${AP}?t|did\s+not)\s+(?:even\s+)?(?:show(?:ed)?(?:\s+up)?|turn(?:ed)?\s+up|c[oa]me|arrive[d]?|happen(?:ed)?)\b`,
        ),
        ph(['no', 'show'], String.raw`\bno-show\b|\ba\s+no\s+show\b`),
        // "three missed appointments"; "I missed your call" is the customer's miss
        ph(
          [
            'missed',
            'appointment appointments visit visits callback callbacks call calls engineer',
          ],
          String.raw`(?<!\b(?:i|we|you|he|she|they|just|had|have)\s+)\bmissed\s+(?:(?:engineer|technician)\s+)?(?:appointments?|visits?|call\s*backs?|callbacks?)\b`,
        ),
      ],
    },
  ],
};

/** Things customers thank or praise sarcastically: what went wrong. */
const WENT_WRONG = String.raw`(?:losing|breaking|ignoring|wasting|ruining|messing|screwing|ghosting|delaying|making\s+me\s+wait|leaving\s+me|keeping\s+me\s+waiting|nothing|absolutely\s+nothing|not\s+(?:helping|replying|responding|answering|fixing|calling)|the\s+non[- ]?(?:answer|response|help|reply)|hanging\s+up|cutting\s+me\s+off|stealing|ripping\s+me\s+off|sending\s+(?:me\s+)?the\s+wrong|damaging|destroying|lying|charging\s+me\s+(?:twice|again|double|extra))`;
/** The first word of every `WENT_WRONG` phrase ("the non-answer" is keyed on "non"). */
const WENT_WRONG_FIRST =
  'losing breaking ignoring wasting ruining messing screwing ghosting delaying making leaving keeping nothing absolutely not the hanging cutting stealing ripping sending damaging destroying lying charging';
const WENT_WRONG_KEYS = `${WENT_WRONG_FIRST.replace(' the ', ' ')} non ${glue('non', 'answer response help reply')}`;
const PRAISE = String.raw`(?:great|fantastic|amazing|brilliant|excellent|awesome|stellar|superb|wonderful|terrific|outstanding|top[- ]notch|world[- ]class|fabulous|lovely|helpful|useful)`;
const PRAISE_KEYS =
  'great fantastic amazing brilliant excellent awesome stellar superb wonderful terrific outstanding top world fabulous lovely helpful useful';
/** Marks that turn praise into sarcasm: a trailing ellipsis, an eye roll, clapping, "/s". */
const SARCASM_MARK = String.raw`(?:\.{2,}|…|\s*\uD83D\uDE44|\s*\uD83D\uDC4F|\s*\/s\b)`;

const GOOD_JOB = 'job work going effort one';
const OH_GREAT =
  'great wonderful perfect fantastic brilliant lovely marvellous marvelous joy super terrific fabulous splendid goody how';
const NOT_AFTER = `${PRAISE_KEYS} notch class good service support job work experience company help communication`;

/** A praise word said twice in scorn: "great, just great". */
const PRAISE_WORD = String.raw`(?:great|perfect|wonderful|brilliant|fantastic|lovely|marvell?ous|superb|terrific|fabulous|awesome|excellent|super)`;
const OH_GREAT_TWICE =
  'great perfect wonderful brilliant fantastic lovely marvellous marvelous superb terrific fabulous awesome excellent super';

const sarcasm: PhraseDetector = {
  kind: 'sarcasm',
  rules: [
    {
      explanation: 'Sarcastic thanks for something that went wrong',
      phrasings: [
        ph(
          ['thanks thank thx ty cheers', WENT_WRONG_KEYS],
          String.raw`\b(?:thanks|thank\s+you|thx|ty|cheers)\s+(?:(?:so\s+much|a\s+lot|a\s+bunch|very\s+much|again)\s+)?for\s+${WENT_WRONG}\b`,
        ),
      ],
    },
    {
      explanation: 'Sarcastic praise for something that went wrong',
      phrasings: [
        ph(
          [
            'great good fantastic amazing brilliant excellent awesome stellar superb wonderful nice terrific outstanding',
            `${GOOD_JOB} ${glue(GOOD_JOB, `guys team there again on with in ${WENT_WRONG_FIRST}`)}`,
          ],
          String.raw`\b(?:great|good|fantastic|amazing|brilliant|excellent|awesome|stellar|superb|wonderful|nice|terrific|outstanding)\s+(?:job|work|going|effort|one)\s*,?\s*(?:(?:guys|team|there|again)\s*,?\s*)?(?:on\s+|with\s+|in\s+)?${WENT_WRONG}\b`,
        ),
        ph(
          ['well', `done ${glue('done', `guys team again on for with ${WENT_WRONG_FIRST}`)}`],
          String.raw`\bwell\s+done\s*,?\s*(?:(?:guys|team|again)\s*,?\s*)?(?:on\s+|for\s+|with\s+)?${WENT_WRONG}\b`,
        ),
      ],
    },
    {
      explanation: 'Praise marked as sarcastic (an ellipsis, an eye roll or a "not")',
      phrasings: [
        ph(
          [PRAISE_KEYS, '#mark'],
          String.raw`\b(?:(?:so|very|really|super|such|how|truly|soo+|just)\s+(?:an?\s+)?${PRAISE}|${PRAISE}\s+(?:customer\s+)?(?:service|support|job|work|experience|company|help|communication))(?:\s+(?:as\s+(?:always|usual|ever)|again|yet\s+again))?${SARCASM_MARK}`,
        ),
        ph(
          [`${PRAISE_KEYS} good ${glue('great good', 'not')}`, `not ${glue(NOT_AFTER, 'not')}`],
          String.raw`\b(?:${PRAISE}|great|good)(?:\s+(?:customer\s+)?(?:service|support|job|work|experience|company|help|communication))?\s*(?:\.{2,}|…|[,.!-])?\s*not\s*(?=[.!\n…]|$)`,
        ),
      ],
    },
    {
      explanation: 'Sarcastic "great"',
      phrasings: [
        ph(
          [`oh ah ${glue('oh ah', OH_GREAT)}`, `${OH_GREAT} ${glue('oh ah', OH_GREAT)}`],
          String.raw`\b(?:oh|ah)\s*,?\s*(?:great|wonderful|perfect|fantastic|brilliant|lovely|marvell?ous|joy|super|terrific|fabulous|splendid|goody|how\s+lovely)\b(?![\s,!.]*(?:thanks?|thank\s+you|cheers|news|to\s+hear|job|work|service|that\s+(?:worked|works|fixed|helped)|it\s+(?:worked|works)))`,
        ),
        // "Great, another week without internet."
        ph(
          ['great perfect wonderful brilliant fantastic lovely awesome super', 'another'],
          String.raw`(?<![\w'’]\s*)\b(?:great|perfect|wonderful|brilliant|fantastic|lovely|awesome|super)\s*(?:,|…|\.{2,}|-)\s*(?:yet\s+)?another\b(?!\s+(?:question|thing|quick|query|point|one|request|idea|tip))`,
        ),
        ph(
          'great perfect wonderful brilliant fantastic lovely peachy dandy needed',
          String.raw`\b(?:that${AP}s|thats|that\s+is|this\s+is|it${AP}s|well|oh|ah)\s*,?\s*just\s+(?:great|perfect|wonderful|brilliant|fantastic|lovely|peachy|dandy|what\s+i\s+needed)\b`,
        ),
        ph(
          [`wow gee ${glue('wow gee', 'thanks thank thx')}`, '#mark'],
          String.raw`\b(?:wow|gee)\s*,?\s*(?:thanks|thank\s+you|thx)(?:\s+(?:so\s+much|a\s+lot|a\s+bunch|again))?${SARCASM_MARK}`,
        ),
      ],
    },
    {
      explanation: 'Sarcastic praise, said twice',
      phrasings: [
        // "Great, just great", "Perfect. Just perfect."
        ph(
          [OH_GREAT_TWICE, 'just'],
          String.raw`\b${PRAISE_WORD}(?:\s*[,.!…-]+\s*|\s+)just\s+${PRAISE_WORD}\b`,
        ),
      ],
    },
    {
      explanation: "Quotes the company's stock phrase back in scorn",
      phrasings: [
        // "Another 'we're looking into it' email", "another "sorry for the inconvenience""
        ph(
          'another',
          String.raw`\banother\s+['‘"“][^\n"“”]{3,60}?['’"”](?=\s+(?:e-?mails?|messages?|repl(?:y|ies)|responses?|excuses?|updates?|answers?|texts?|letters?|calls?|promises?|apolog(?:y|ies))\b|\s*[.!?,…;]|\s*$)`,
        ),
        ph(
          'called',
          String.raw`\bso[- ]called\s+['‘"“]?(?:(?:customer|premium|priority|express|next[- ]day|fast|free|24\/7|expert)\s+)*(?:service|support|help|care|delivery|guarantee|team|experts?|warranty|promise)\b`,
        ),
        // "So much for next-day delivery." at the start of a sentence; "thanks so much for" is thanks
        ph(
          ['so', 'much', 'for'],
          String.raw`(?:^|(?<=[.!?…\n]\s*))so\s+much\s+for\s+(?:the\s+|your\s+|my\s+)?['‘"“]?[\w-]+(?:\s+[\w-]+){0,3}`,
        ),
      ],
    },
    {
      explanation: 'Weary sarcasm: the same failure again',
      phrasings: [
        // "Another week, another excuse."
        ph(
          [
            'another',
            'day week month year hour morning time monday tuesday wednesday thursday friday saturday sunday',
          ],
          String.raw`\banother\s+(?:day|week|month|year|hour|morning|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s*[,.;…-]?\s*another\s+[\w'’-]+`,
        ),
      ],
    },
    {
      explanation: "Puts the company's claim in scare quotes",
      phrasings: [
        // 'the "quick" reply', 'my refund has been "processed"'
        ph(
          'quick fast express priority processed escalated investigating looking dispatched sorted resolved fixed helpful guaranteed next urgent shortly soon working way',
          // claims, not the labels of buttons ("Help", "Support") a customer quotes to say where
          String.raw`['‘"“](?:quick|fast|express|priority|processed|escalated|investigating|looking\s+into\s+it|dispatched|sorted|resolved|fixed|helpful|guaranteed|next[- ]day|urgent|shortly|soon|on\s+its\s+way|working\s+on\s+it)['’"”](?![\w'’])`,
        ),
      ],
    },
    {
      explanation: 'Mock patience about a long wait',
      phrasings: [
        // "Sure, take your time, it's only been a month"; "No rush, I've been waiting three weeks"
        ph(
          ['time rush hurry', 'been waited'],
          String.raw`\b(?:take\s+your\s+(?:sweet\s+)?time|no\s+rush|no\s+hurry|don${AP}?t\s+rush)\s*[,.!…-]*\s*(?:it${AP}s|its|it\s+has|(?:i|we)(?:${AP}ve|\s+have))\s+(?:(?:only|just)\s+)?(?:been|waited)\s+(?:(?:waiting|chasing)\s+(?:for\s+)?)?(?:(?:about|over|nearly|almost|like)\s+)?(?:${NUM_WORD}\s+)?(?:(?:whole|full|entire|long)\s+)?${UNIT}\b`,
        ),
        // "it's only been a month without internet"
        ph(
          ['only', 'been'],
          String.raw`\bonly\s+been\s+(?:${NUM_WORD}\s+)?(?:(?:whole|full|entire|long)\s+)?${UNIT}\s+(?:without|with\s+no|and\s+(?:still|no|nothing)|of\s+(?:waiting|chasing))\b`,
        ),
        ph('sweet', String.raw`\b(?:take|took|taking|takes)\s+(?:your|their)\s+sweet\s+time\b`),
      ],
    },
    {
      explanation: 'Sarcastic praise beside a complaint',
      withTrouble: true,
      phrasings: [
        // "Fantastic service as always", "great communication yet again": praise on its own,
        // sarcasm in a message that also complains
        // "Wow, what amazing service, 4 hours on hold."
        ph(
          [PRAISE_KEYS, 'what such'],
          String.raw`\b(?:what|such)\s+(?:an?\s+)?${PRAISE}\s+(?:(?:customer|after[- ]sales)\s+)?(?:service|support|job|work|experience|company|help|communication|effort|response|delivery)\b`,
        ),
        // "Fantastic. The replacement is broken too.": a praise word alone as a sentence
        ph(
          OH_GREAT_TWICE,
          String.raw`(?:^|(?<=[.!?…\n]\s*))${PRAISE_WORD}\s*[.!…]+(?=\s+[\w'‘"“])`,
        ),
        ph(
          [PRAISE_KEYS, 'always usual ever again'],
          String.raw`\b${PRAISE}\s+(?:(?:customer|after[- ]sales)\s+)?(?:service|support|job|work|experience|company|help|communication|effort|response|delivery)\s*,?\s*(?:as\s+(?:always|usual|ever)|yet\s+again|once\s+again|again)\b`,
        ),
      ],
    },
    {
      explanation: 'Does not believe what they were told',
      phrasings: [
        ph(
          `right ${glue('yeah yea ya', 'right')}`,
          String.raw`\b(?:yeah|yea|ya)\s*,?\s*right\b(?=\s*(?:[.!…\n]|$|,?\s*(?:like|as\s+if|sure)\b))`,
        ),
        ph(
          'sure',
          String.raw`\bsure\s+(?:you|they|it)\s+(?:will|did|are|do|can|have|does|would)\b(?=\s*(?:[.!…\n]|$))`,
        ),
        ph(
          'breath',
          String.raw`\b(?:i${AP}ll|i\s+will|i${AP}m|im|i\s+am)\s+not\s+hold(?:ing)?\s+my\s+breath\b|\bwon${AP}?t\s+(?:be\s+)?hold(?:ing)?\s+my\s+breath\b`,
        ),
      ],
    },
    {
      explanation: 'Marks the message as sarcasm',
      phrasings: [
        ph('#slash', String.raw`(?<=^|\s)\/s\b`),
        ph('clap', String.raw`\bslow\s+clap\b`),
        ph(['said', 'ever'], String.raw`\bsaid\s+no\s*(?:one|body)\s+ever\b`),
      ],
    },
    {
      explanation: 'Sarcastic surprise: expected it to go wrong',
      phrasings: [
        ph(
          'surprise shock shocker shocked colour color who',
          String.raw`\b(?:what|such)\s+a\s+(?:surprise|shock|shocker)\b|\bsurprise[,!\s]+surprise\b|\bcolou?r\s+me\s+(?:shocked|surprised)\b|\bwho\s+(?:would(?:\s+have|${AP}ve)\s+thought|knew)\b(?=\s*[?!.…])`,
        ),
        ph(
          'usual',
          String.raw`\b(?:late|delayed|broken|down|useless|ignored|wrong|nothing|nobody|no\s*one|rubbish|terrible|awful|incompetent|again)\s+(?:[\w-]+\s+)?as\s+(?:per\s+)?usual\b`,
          String.raw`\bas\s+(?:per\s+)?usual\s*,?\s+(?:nobody|no\s*one|nothing|no\s+(?:reply|response|answer|help|update)|late|delayed|broken|useless|another\s+(?:delay|excuse))\b`,
        ),
      ],
    },
    {
      explanation: 'Sarcastic "love how…"',
      phrasings: [
        ph(
          ['love', 'how when'],
          String.raw`\b(?:gotta|got\s+to|have\s+to|just|don${AP}?t\s+you\s+just|i\s+just)\s+love\s+(?:how|it\s+when)\b`,
          String.raw`\blove\s+how\s+(?:you|your\s+\w+|they|nobody|no\s*one|i|it|there${AP}s|i${AP}m|i${AP}ve)\b${gap(2)}\s+(?:still|never|keep|keeps|can${AP}?t|cannot|won${AP}?t|don${AP}?t|doesn${AP}?t|didn${AP}?t|isn${AP}?t|aren${AP}?t|have\s+to|had\s+to|nothing|again|another)\b`,
        ),
      ],
    },
  ],
};

/**
 * Let down or fed up: the customer says the business failed them, or that they have had
 * enough, in words a sentiment lexicon misses ("joke" even counts as positive there).
 */
const disappointment: PhraseDetector = {
  kind: 'disappointment',
  rules: [
    {
      explanation: 'Says you let them down',
      negatable: true,
      phrasings: [
        ph(
          ['expected expect deserve deserved', 'better'],
          String.raw`\b(?:i|we)\s+(?:(?:really|honestly|genuinely|frankly|just)\s+)?(?:expected|expect|deserve|deserved)\s+(?:(?:so\s+|a\s+lot\s+|far\s+|much\s+)*)better(?=\s*(?:[.!?…,;\n]|$|(?:from|than|of|service|treatment|support|care)\b))`,
        ),
        ph(
          ['let', 'down'],
          String.raw`\b(?:(?:you(?:\s+(?:guys|people))?|your\s+(?:company|team|service|staff))\s+(?:(?:have|has|really|totally|completely|just)\s+)*let\s+(?:me|us)\s+down|(?:(?:i|we)\s+(?:feel|felt|am|was|were)|(?:i${AP}m|we${AP}re|im))\s+(?:(?:so|very|really|totally|completely|massively|hugely|incredibly)\s+)?let\s+down|(?:(?:so|very|really|totally|completely|massively|hugely|incredibly|feeling)\s+)?let\s+down\s+by\s+(?:you|your|this|the)\b)\b`,
        ),
        ph(
          ['paid signed ordered', 'for'],
          String.raw`\bnot\s+what\s+(?:i|we)\s+(?:paid|signed\s+up|ordered)\s+for\b`,
        ),
        ph(
          'treat',
          String.raw`\b(?:this\s+is|is\s+this)\s+how\s+you\s+treat\s+(?:me|us|your\s+(?:loyal\s+|long[-\s]?time\s+|paying\s+)?customers|(?:a\s+)?(?:loyal|long[-\s]?time|paying)\s+customers?)\b`,
        ),
      ],
    },
    {
      explanation: 'Demands their money back',
      negatable: true,
      phrasings: [
        ph(
          ['want demand need expect give', 'money'],
          String.raw`\b(?:i|we)\s+(?:(?:just|really|now|still)\s+)?(?:want|demand|need|expect)\s+(?:all\s+)?(?:my|our)\s+(?:\w+\s+)?money\s+back\b`,
          String.raw`\bgive\s+(?:me|us)\s+(?:back\s+)?(?:my|our)\s+(?:\w+\s+)?money(?:\s+back)?\b`,
        ),
        ph(
          ['want demand', 'refund'],
          String.raw`\b(?:i|we)\s+(?:(?:just|really|now|still)\s+)?(?:want|demand)\s+(?:a\s+)?(?:full\s+|complete\s+)?refund\b`,
        ),
      ],
    },
    {
      explanation: 'Exasperated: calls it unbelievable',
      phrasings: [
        ph(
          'unbelievable',
          // on its own, or said of the situation at the end of a sentence; "unbelievable service,
          // thank you" is praise
          String.raw`(?:^|(?<=[.!?…\n]\s*))(?:(?:just|absolutely|truly|simply|honestly|actually)\s+)?unbelievable(?=\s*(?:[.!?…\n]|$))`,
          String.raw`\b(?:this|it|that)(?:\s+is|${AP}s)\s+(?:(?:just|absolutely|truly|simply|honestly|actually)\s+)?unbelievable(?=\s*(?:[.!?…\n]|$))`,
        ),
      ],
    },
    {
      explanation: 'Has had enough',
      negatable: true,
      phrasings: [
        ph(
          'done fed sick tired',
          String.raw`\b(?:i${AP}m|im|i\s+am|we${AP}re|we\s+are)\s+(?:(?:so|just|absolutely|completely|totally|officially|really)\s+)?(?:done(?=\s*(?:[.!…\n]|$|with\s+(?:you|this|your|it|the\s+lot)\b))|fed\s+up|sick\s+(?:and\s+tired\s+)?of|tired\s+of)`,
        ),
        ph(
          'joke farce disgrace shambles',
          String.raw`\b(?:this|it|that|your\s+(?:service|company|support|app))(?:\s+is|${AP}s)\s+(?:(?:an?|such\s+an?)\s+)?(?:(?:absolute|complete|total|utter|bloody|fucking|actual)\s+)?(?:joke|farce|disgrace|shambles)\b(?=\s*(?:[.!?…,;\n]|$))`,
        ),
        ph(['job'], String.raw`\byou(?:\s+(?:guys|people|lot))?\s+had\s+one\s+job\b`),
        ph(['hard'], String.raw`\bhow\s+hard\s+can\s+it\s+(?:really\s+)?be\b`),
      ],
    },
  ],
};

const FEELING_HURT = String.raw`(?:heart\s*broken|devastated|distraught|gutted|beside\s+myself|in\s+(?:floods\s+of\s+)?tears|crying|sobbing|in\s+pieces|a\s+(?:nervous\s+)?wreck|a\s+mess|at\s+(?:my|our)\s+wits${AP}?\s+end|distressed|traumati[sz]ed|heart\s*sick|sick\s+(?:with|from)\s+worry|worried\s+sick|panicking|in\s+a\s+panic|terrified|humiliated|mortified|desperate|so\s+stressed|stressed\s+out|shaking|shaken|broken[- ]hearted|crushed|miserable|in\s+despair|losing\s+(?:my|our)\s+mind)`;
const FEELING_KEYS =
  'heart heartbroken devastated distraught gutted beside tears crying sobbing pieces wreck mess wits distressed traumatised traumatized heartsick sick worried panicking panic terrified humiliated mortified desperate stressed shaking shaken broken crushed miserable despair losing';
/** Occasions and things that matter to a person beyond their price: "ruined my birthday". */
const OCCASION = String.raw`(?:day|birthday|wedding|holiday|holidays|vacation|christmas|xmas|weekend|anniversary|trip|party|evening|night|honeymoon|celebration|surprise|life|week|plans|event|funeral|graduation|dinner|meal|memories|moment|big\s+day|special\s+day)`;

/**
 * Distress: emotional harm in the customer's own words. A sentiment lexicon reads
 * "heartbroken" or "ruined my daughter's birthday" as mildly negative; a team lead reads a
 * customer who needs acknowledgement before anything else.
 */
const distress: PhraseDetector = {
  kind: 'distress',
  rules: [
    {
      explanation: 'Says they are distressed',
      negatable: true,
      phrasings: [
        // "I'm heartbroken", "we are absolutely devastated", "I was in tears", "left me in tears"
        ph(
          [`i im am we re are was were feel feeling felt left me us been`, FEELING_KEYS],
          String.raw`\b(?:(?:i${AP}m|im|i\s+am|we${AP}re|we\s+are|i\s+was|we\s+were|i\s+feel|we\s+feel|i\s+felt|we\s+felt|feeling|i${AP}ve\s+been|i\s+have\s+been|we${AP}ve\s+been|(?:left|leaving|has\s+left|have\s+left)\s+(?:me|us|my\s+\w+|our\s+\w+))\s+(?:(?:so|absolutely|completely|utterly|totally|really|just|honestly|literally|truly|genuinely|quite|very|now|still|actually)\s+){0,2}${FEELING_HURT})\b`,
        ),
        // "my daughter was in tears", "the kids are devastated"
        ph(
          ['my our the kid kids child children', 'is was are were', FEELING_KEYS],
          String.raw`\b(?:my|our|the)\s+(?:(?:little|young|old|elderly|poor)\s+)?(?:daughter|son|kids?|child|children|wife|husband|partner|mum|mom|mother|dad|father|family|baby|girl|boy|grandmother|grandfather|nan|gran)(?:${AP}s)?\s+(?:is|was|are|were)\s+(?:left\s+)?(?:(?:so|absolutely|completely|utterly|totally|really|just|literally)\s+)?${FEELING_HURT}\b`,
        ),
        // "This has caused me so much stress", "given my mum sleepless nights"
        ph(
          [
            'caused causing cause causes given giving gave',
            'stress anxiety distress heartache upset grief worry sleepless',
          ],
          String.raw`\b(?:caus(?:ed|ing|es?)|giv(?:en|ing|es?)|gave)\s+(?:me|us|my\s+\w+|our\s+\w+)\s+(?:(?:so\s+much|a\s+lot\s+of|such|huge|enormous|untold|real|serious|considerable|endless)\s+)?(?:stress|anxiety|distress|heartache|upset|grief|worry|sleepless\s+nights)\b`,
        ),
        ph(
          ['broke breaking breaks', 'heart hearts'],
          String.raw`\b(?:broke|breaking|breaks)\s+(?:my|our|her|his|their)\s+hearts?\b`,
        ),
      ],
    },
    {
      explanation: 'Says it ruined something that mattered to them',
      phrasings: [
        // "ruined my daughter's birthday", "spoilt our holiday"; "ruined my shirt" is damage
        ph(
          [
            'ruined ruin ruins ruining wrecked wreck wrecks wrecking spoiled spoilt spoil spoils spoiling destroyed destroy',
            'day days birthday wedding holiday holidays vacation christmas xmas weekend anniversary trip party evening night honeymoon celebration surprise life week plans event funeral graduation dinner meal memories moment',
          ],
          String.raw`\b(?:ruin(?:ed|s|ing)?|wreck(?:ed|s|ing)?|spoil(?:ed|t|s|ing)?|destroy(?:ed|s|ing)?)\s+(?:my|our|his|her|their|the|a)\s+(?:[\w'’-]+\s+){0,2}?${OCCASION}\b`,
        ),
      ],
    },
    {
      explanation: 'Says it costs them sleep or tears',
      negatable: true,
      phrasings: [
        ph(
          ['sleep slept', 'can cant cannot couldn couldnt haven havent hasn hasnt not lost losing'],
          String.raw`\b(?:can${AP}?t|cannot|couldn${AP}?t|could\s+not|haven${AP}?t|have\s+not|hasn${AP}?t|not)\s+(?:even\s+)?(?:sleep|slept)\b|\b(?:lost|losing)\s+(?:(?:so\s+much|any|a\s+lot\s+of)\s+)?sleep\b`,
        ),
        ph(
          ['cry crying cried', 'me made making make makes her him us my i we'],
          String.raw`\b(?:made|making|make|makes)\s+(?:me|us|her|him|my\s+\w+)\s+cry\b|\b(?:i|we)\s+(?:(?:actually|literally|just)\s+)?(?:cried|was\s+crying|were\s+crying|have\s+been\s+crying|${AP}ve\s+been\s+crying)\b`,
        ),
      ],
    },
  ],
};

const faultyProduct: PhraseDetector = {
  kind: 'faulty_product',
  rules: [
    {
      explanation: 'Says the product is broken or damaged',
      phrasings: [
        ph(
          'broken damaged defective faulty malfunction cracked smashed shattered dented scratched leak leaks leaking leaked arrival doa unusable',
          String.raw`\b(?:broken|damaged|defective|faulty|malfunction(?:ing|ed|s)?|cracked|smashed|shattered|dented|scratched|leak(?:ing|s|ed)|dead\s+on\s+arrival|doa|unusable)\b`,
        ),
        ph(
          'broke',
          String.raw`\b(?:it|this|that|they|which|has|have|just|already|screen|handle|strap|zip|zipper|lid)\s+broke\b|\bbroke\s+(?:down|after|within|apart|again)\b`,
        ),
      ],
    },
    {
      explanation: 'Says something does not work: errors, crashes or failures',
      phrasings: [
        ph('working', String.raw`\b(?:stopped|stops|stop|quit|quits)\s+working\b`),
        ph(
          [
            'not isn isnt aren arent wasn wasnt weren werent never',
            'working functioning loading charging connecting responding',
          ],
          String.raw`\b(?:not|isn${AP}?t|aren${AP}?t|wasn${AP}?t|weren${AP}?t|never)\s+(?:(?:even|properly|been)\s+)?(?:working|functioning|loading|charging|connecting|responding)\b`,
        ),
        ph(
          [
            'doesn doesnt does not don dont do didn didnt did won wont will never',
            'work turn switch power start boot charge load open connect sync play stream pair print install update respond',
          ],
          String.raw`\b(?:does${NT}|don${AP}?t|do\s+not|did${NT}|won${AP}?t|will\s+not|never)\s+(?:(?:even|properly|actually)\s+)?(?:work|turn\s+on|switch\s+on|power\s+on|start(?:\s+up)?|boot(?:\s+up)?|charge|load|open|connect|sync|play|stream|pair|print|install|update|respond)\b`,
        ),
        ph(
          ['can cant cannot unable', 'log login sign connect load open turn start boot'],
          String.raw`\b(?:can${AP}?t|cannot|unable\s+to)\s+(?:(?:even|properly|actually)\s+)?(?:log\s+in|login|sign\s+in|connect|load|open|turn\s+(?:it\s+)?on|start|boot)\b`,
        ),
        ph(
          [
            'keep keeps',
            'crashing freezing dying disconnecting dropping restarting rebooting breaking failing glitching buffering lagging logging shutting turning cutting',
          ],
          String.raw`\bkeeps?\s+(?:on\s+)?(?:crashing|freezing|dying|disconnecting|dropping|restarting|rebooting|breaking|failing|glitching|buffering|lagging|logging\s+me\s+out|shutting\s+(?:down|off)|turning\s+off|cutting\s+out)\b`,
        ),
        ph(
          'crash crashes crashed crashing freezes froze glitch bug bugs buggy outage',
          String.raw`\b(?:crash(?:es|ed|ing)?|freezes|froze|glitch(?:es|y|ing)?|bugs?|buggy|outage)\b`,
        ),
        ph(
          'error errors',
          String.raw`(?<!\b(?:billing|payment|pricing|charging|invoice|invoicing|human|typing|spelling|clerical|my)\s)\berrors?\b`,
        ),
        ph('down', String.raw`\b(?:is|are|was|keeps\s+going)\s+down\b(?!\s+(?:to|by|from)\b)`),
      ],
    },
    {
      explanation: 'Reports missing parts or poor quality',
      phrasings: [
        ph(
          'part parts piece pieces component components screws accessories charger cable battery instructions',
          String.raw`\b(?:missing|no)\s+(?:parts?|pieces?|components?|screws|accessories|charger|cable|battery|instructions)\b`,
        ),
        ph(
          'missing',
          String.raw`\b(?:parts?|pieces?|components?|screws|accessories)\s+(?:(?:are|were|was|is)\s+)?missing\b`,
        ),
        ph(
          'apart quality cheaply purpose',
          String.raw`\b(?:fell|falling|came|coming)\s+apart\b|\b(?:poor|low|terrible|awful|shoddy|cheap|bad)\s+quality\b|\bcheaply\s+made\b|\bnot\s+fit\s+for\s+purpose\b`,
        ),
      ],
    },
  ],
};

const ITEM = String.raw`(?:orders?|packages?|parcels?|deliver(?:y|ies)|items?|shipments?|goods|purchases?|products?|stuff|box(?:es)?|furniture|phone|laptop|food|groceries|letter|card|replacement)`;
const ITEM_KEYS =
  'order orders package packages parcel parcels delivery deliveries item items shipment shipments goods purchase purchases product products stuff box boxes furniture phone laptop food groceries letter card replacement';
const NOT_YET = String.raw`(?:hasn${AP}?t|has\s+not|haven${AP}?t|have\s+not|didn${AP}?t|did\s+not|never|still\s+(?:not|hasn${AP}?t|haven${AP}?t)|not\s+yet|yet\s+to)`;
const NOT_YET_KEYS = 'hasn hasnt not haven havent didn didnt never still yet';

const deliveryProblem: PhraseDetector = {
  kind: 'delivery_problem',
  rules: [
    {
      explanation: 'Delivery problem: late, lost or never arrived',
      phrasings: [
        ph(
          [
            NOT_YET_KEYS,
            'arrive arrived delivered shipped dispatched turned shown showed show turn come came posted sent left',
          ],
          String.raw`\b${NOT_YET}\s+(?:(?:even|yet|actually)\s+)?(?:been\s+)?(?:arrived?|delivered|shipped|dispatched|turned\s+up|shown\s+up|showed\s+up|show\s+up|turn\s+up|come|came|posted|sent\s+out|left\s+the\s+warehouse)\b(?!\s+with\b)`,
        ),
        ph(
          [NOT_YET_KEYS, 'received receive got gotten get', ITEM_KEYS],
          String.raw`\b${NOT_YET}\s+(?:(?:even|yet|actually)\s+)?(?:received|got(?:ten)?|get|receive)\s+(?:my|the|our|a|an|any|this|that|his|her)\s+(?:[\w-]+\s+)?${ITEM}\b`,
        ),
        ph(
          [
            'late delayed lost missing stolen undelivered misdelivered partial incomplete',
            'delivery deliveries package packages parcel parcels order orders shipment shipments item items box boxes shipping post mail',
          ],
          String.raw`\b(?:late|delayed|lost|missing|stolen|undelivered|misdelivered|partial|incomplete)\s+(?:[\w-]+\s+)?(?:deliver(?:y|ies)|packages?|parcels?|orders?|shipments?|items?|box(?:es)?|shipping|post|mail)\b`,
        ),
        ph(
          [
            ITEM_KEYS,
            'lost missing stolen delayed late stuck held returned sent nowhere overdue undelivered',
          ],
          String.raw`\b${ITEM}\s+(?:[\w-]+\s+)?(?:is|was|has\s+been|have\s+been|got|went|are|were|still|seems\s+to\s+be|appears\s+to\s+be)\s+(?:[\w-]+\s+)?(?:lost|missing|stolen|delayed|late|stuck|held\s+up|returned\s+to\s+sender|sent\s+back|nowhere\s+to\s+be\s+(?:found|seen)|overdue|undelivered)\b`,
        ),
        ph(
          'delivered',
          String.raw`\b(?:tracking|tracker|app|website|status|it|e-?mail|notification)\s+(?:[\w-]+\s+)?(?:says|said|shows|showed|claims|claimed|states|stated|reads)\s+(?:it\s+(?:was|has\s+been|is|${AP}s)\s+|(?:as\s+)?)?delivered\b|\bmarked\s+(?:as\s+)?delivered\b|\b(?:says|said|shows)\s+delivered\b`,
        ),
        ph(
          [
            'where wheres',
            'order orders package packages parcel parcels delivery deliveries stuff item items shipment goods purchase food groceries box',
          ],
          String.raw`\bwhere(?:${AP}s|s|\s+is|\s+are|\s+the\s+hell\s+is|\s+on\s+earth\s+is|\s+tf\s+is)\s+my\s+(?:[\w-]+\s+)?(?:orders?|packages?|parcels?|deliver(?:y|ies)|stuff|items?|shipment|goods|purchase|food|groceries|box)\b`,
        ),
        ph(
          'post mail transit customs warehouse limbo delivered',
          String.raw`\b(?:lost|stuck|held)\s+(?:up\s+)?in\s+(?:the\s+)?(?:post|mail|transit|customs|warehouse|limbo)\b|\bdelivered\s+to\s+(?:the\s+)?wrong\s+(?:address|house|person|door|building|flat|apartment|city)\b|\b(?:missed|failed|attempted)\s+deliver(?:y|ies)\b`,
        ),
        ph('delivered', String.raw`\b(?:not|never)\s+(?:been\s+)?delivered\b`),
        ph(
          ['still', 'here arrived delivered'],
          String.raw`\bstill\s+(?:not|isn${AP}?t|hasn${AP}?t)\s+(?:here|arrived|delivered)\b`,
        ),
        ph(
          ['tracking delivery shipping', 'updates update info information number'],
          String.raw`\b(?:no|zero|without)\s+(?:tracking|delivery|shipping)\s+(?:updates?|info(?:rmation)?|number)\b`,
        ),
      ],
    },
    {
      explanation: 'Received the wrong item',
      phrasings: [
        ph(
          'wrong incorrect',
          String.raw`\b(?:wrong|incorrect)\s+(?:[\w-]+\s+)?(?:deliver(?:y|ies)|packages?|parcels?|orders?|items?|products?|size|colou?r|model|box(?:es)?)\b`,
        ),
      ],
    },
  ],
};

const CHARGED_KEYS = 'charge charged charges charging billed billing debited';

const billingProblem: PhraseDetector = {
  kind: 'billing_problem',
  rules: [
    {
      explanation: 'Billing problem: charged wrongly or unexpectedly',
      phrasings: [
        ph(
          [`${CHARGED_KEYS} deducted taken took paid`, 'twice times double triple without'],
          String.raw`\b(?:charged|billed|debited|deducted|taken|took|charging|billing|charges?|paid)\s+(?:(?:me|us|my\s+(?:card|account))\s+)?(?:twice|two\s+times|three\s+times|double|triple|multiple\s+times|\d+\s+times|several\s+times|without\s+(?:my\s+)?(?:permission|consent|authori[sz]ation|asking))\b`,
        ),
        ph(
          ['charged billed charging overcharged', 'much extra more'],
          String.raw`\b(?:charged|billed|charging|overcharged)\s+(?:(?:me|us)\s+)?(?:too\s+much|extra|more\s+than)\b`,
        ),
        ph(
          'double triple duplicate over overcharge overbill',
          String.raw`\b(?:double|triple|duplicate)[- ]?(?:charged|billed|charges?|billing|payments?|debits?|transactions?)\b|\bover[- ]?(?:charg(?:ed|ing|es?)|bill(?:ed|ing))\b`,
        ),
        ph(
          [
            'wrong incorrect inflated unexpected unknown mystery random surprise sneaky hidden unfair unauthorized unauthorised fraudulent strange weird bogus excessive',
            'amount amounts charge charges bill bills billing invoice invoices fee fees payment payments transaction transactions debit debits deduction deductions cost costs price prices surcharge surcharges',
          ],
          String.raw`\b(?:wrong|incorrect|inflated|unexpected|unknown|mystery|random|surprise|sneaky|hidden|unfair|unauthori[sz]ed|fraudulent|strange|weird|bogus|excessive)\s+(?:[\w-]+\s+)?(?:amounts?|charges?|bills?|billing|invoices?|fees?|payments?|transactions?|debits?|deductions?|costs?|prices?|surcharges?)\b`,
        ),
        ph(
          'billing payment charging invoice invoicing pricing',
          String.raw`\bbilling\s+(?:error|mistake|issue|problem|screw[- ]?up|nightmare|mess|fiasco|glitch)s?\b|\b(?:payment|charging|invoice|invoicing|pricing)\s+(?:error|mistake)s?\b`,
        ),
        ph(
          [
            `${CHARGED_KEYS} taking taken took`,
            'cancelled canceled unsubscribed closed returned terminated ended stopped',
          ],
          String.raw`\b(?:charged|billed|charging|billing|debited|taking\s+money|taken\s+money|took\s+money)\s+(?:(?:me|us)\s+)?(?:[\w-]+\s+){0,2}?(?:after|even\s+though|despite|although|though|when)\s+(?:i|we)\s+(?:(?:had|have|already)\s+)*(?:cancell?ed|unsubscribed|closed|returned|terminated|ended|stopped)\b`,
        ),
        ph(
          [
            'still keep keeps kept continue continues continued continuing',
            'charged charging billed billing debited debiting taking',
          ],
          String.raw`\b(?:still|keep|keeps|kept|continu(?:e|es|ed|ing)\s+to)\s+(?:(?:being|getting)\s+)?(?:charg(?:ed|ing)|bill(?:ed|ing)|debit(?:ed|ing)|taking\s+(?:money|payments?))\b`,
        ),
        ph(
          [
            'never did didn didnt',
            'authorized authorised authorize authorise agreed agree signed sign',
          ],
          String.raw`\b(?:never\s+(?:authori[sz]ed|agreed\s+to|signed\s+up\s+for)|did${NT}\s+(?:authori[sz]e|agree\s+to|sign\s+up\s+for))\s+(?:this|that|the|these|any)\s+(?:[\w-]+\s+)?(?:charges?|payments?|subscription|renewal|transactions?|upgrade|plan|fees?)\b`,
        ),
        ph(
          ['without', 'renewed renewal autorenew'],
          String.raw`\b(?:auto[- ]?renew(?:ed|al)|renewed)\s+without\b`,
        ),
      ],
    },
  ],
};

const refund: PhraseDetector = {
  kind: 'refund',
  rules: [
    {
      explanation: 'Asks for a refund or their money back',
      phrasings: [
        ph(
          'refund reimburse money credit',
          String.raw`\b(?:refund(?:s|ed|ing|able)?|money\s+back|reimburs(?:e|ed|es|ing|ements?))\b`,
          String.raw`\b(?:give|send|return|pay)\s+(?:me\s+)?(?:back\s+)?my\s+money\b|\breturn\s+of\s+my\s+money\b|\bcredit\s+(?:it\s+)?back\b`,
        ),
      ],
    },
    {
      explanation: 'Asks for compensation',
      phrasings: [ph('compensate', String.raw`\bcompensat(?:e|ed|ion|ing)\b`)],
    },
  ],
};

const cancellation: PhraseDetector = {
  kind: 'cancellation',
  rules: [
    {
      explanation: 'Wants to cancel or talks about cancelling',
      phrasings: [
        ph(
          'cancel unsubscribe opt opting',
          String.raw`\b(?:cancel(?:l?ing|l?ed|s)?|cancell?ations?|unsubscrib(?:e|ed|ing)|opt(?:ing)?\s+out)\b`,
        ),
        ph(
          [
            'close closing delete deleting terminate terminating end ending stop stopping shut deactivate',
            'account accounts subscription membership contract contracts plan plans service services sub subs',
          ],
          String.raw`\b(?:close|closing|delete|deleting|terminate|terminating|end|ending|stop|stopping|shut\s+down|deactivate|deactivating)\s+(?:my|our)\s+(?:[\w-]+\s+)?(?:accounts?|subscriptions?|memberships?|contracts?|plans?|services?|subs?)\b`,
        ),
      ],
    },
  ],
};

const policyDispute: PhraseDetector = {
  kind: 'policy_dispute',
  rules: [
    {
      explanation: 'Disputes a policy or its terms',
      phrasings: [
        ph(
          ['policy policies rules terms', 'your their company'],
          String.raw`\b(?:your|their|company|the\s+company${AP}?s?)\s+(?:(?:stupid|ridiculous|absurd|silly|crazy|unfair|dumb|pathetic|idiotic|terrible|awful|new|so[- ]called|return|returns|refund|cancellation|warranty)\s+){0,2}(?:polic(?:y|ies)|rules|terms)\b`,
        ),
        ph(
          'policy policies rule rules terms restriction',
          String.raw`\b(?:ridiculous|stupid|absurd|unfair|silly|crazy|dumb|idiotic|ludicrous|outrageous|terrible|awful|insane|pathetic|nonsense|draconian|unreasonable|bs|bullshit|rubbish|garbage|joke\s+of\s+a)\s+(?:[\w-]+\s+)?(?:polic(?:y|ies)|rules?|terms|restrictions?)\b`,
          String.raw`\b(?:polic(?:y|ies)|rules)\s+(?:is|are)\s+(?:a\s+)?(?:ridiculous|stupid|absurd|unfair|joke|nonsense|insane|crazy|outrageous|unreasonable)\b`,
        ),
        ph(
          'conditions #amp c andc sandc print',
          String.raw`\bterms\s+(?:and|&|n)\s+conditions\b|\bt\s*&\s*cs?\b|\bt${AP}s\s*(?:and|&)\s*c${AP}s\b|\b(?:fine|small)\s+print\b`,
        ),
        ph(
          'window period deadline',
          String.raw`\b(?:(?:outside|past|beyond|after|missed|over|exceeded|passed)\s+(?:the|your|my|our|a)\s+(?:\d+[- ]days?\s+)?)?(?:return|returns|refund|exchange|cancellation|cooling[- ]off|warranty)\s+(?:window|period|deadline)\b`,
        ),
        ph(
          'exception covered',
          String.raw`\bno\s+exceptions?\b|\b(?:not|isn${AP}?t|is\s+not|wasn${AP}?t|aren${AP}?t|won${AP}?t\s+be)\s+covered\s+(?:by|under)\s+(?:(?:the|your|my|our)\s+)?(?:warranty|guarantee|policy|insurance|plan|protection)\b`,
        ),
        ph(
          'warranty guarantee',
          String.raw`\bwarranty\s+(?:doesn${AP}?t|does\s+not|won${AP}?t|will\s+not|didn${AP}?t)\s+cover\b|\b(?:void(?:s|ed)?|invalidat(?:e|es|ed|ing))\s+(?:(?:the|my|your)\s+)?(?:warranty|guarantee)\b`,
        ),
        ph(
          'policy policies rules terms',
          String.raw`\b(?:against|violates?|per|according\s+to)\s+(?:your|the|company|their)\s+(?:[\w-]+\s+)?(?:polic(?:y|ies)|rules|terms)\b|\b(?:that${AP}s|thats|that\s+is|it${AP}s|it\s+is|this\s+is)\s+(?:(?:just|apparently|supposedly)\s+)?the\s+policy\b`,
        ),
        ph(
          'restocking non nonrefundable',
          String.raw`\brestocking\s+fees?\b|\bnon[- ]?refundable\b`,
        ),
      ],
    },
  ],
};

/** Profanity that is more than a single word: "the hell", and swear words masked with symbols. */
const profanityPhrases: PhraseDetector = {
  kind: 'profanity',
  rules: [
    {
      explanation: 'Swearing',
      phrasings: [
        ph(
          'hell',
          String.raw`\b(?:the|to|like|from|holy|bloody|living|in|as)\s+hell\b|\bhell\s+(?:no|nah)\b`,
        ),
        ph(
          '#mask',
          String.raw`\b(?:f[*#@%$]{1,3}c?k(?:ing|in|ed|er|ers|s)?|f[*#@%$]{2,4}(?:ing|in|ed)?|sh?[*#@%$]{1,2}i?t(?:ty|s)?|b[*#@%$]{1,2}t?ch(?:es)?|b[*#@%$]{3,4}h?|a[*#@%$]{1,2}hole|c[*#@%$]{1,2}nt|c[*#@%$]{3}|d[*#@%$]mn|bull[*#@%$]{1,4}t?)(?![\w*#@%$])`,
        ),
      ],
    },
  ],
};

/** Every phrase detector, in the order its signals are gathered. */
export const PHRASE_DETECTORS: readonly PhraseDetector[] = [
  insult,
  threat,
  reviewSites,
  managerDemand,
  repeatedContact,
  longWait,
  notHeard,
  brokenPromise,
  sarcasm,
  disappointment,
  distress,
  faultyProduct,
  deliveryProblem,
  billingProblem,
  refund,
  cancellation,
  policyDispute,
  profanityPhrases,
  // Kinds whose rules are in their catalogue record.
  ...SIGNAL_KINDS.flatMap((kind): PhraseDetector[] => {
    const rules = SIGNAL_CATALOGUE[kind].rules;
    return rules === undefined ? [] : [{ kind, rules }];
  }),
];
