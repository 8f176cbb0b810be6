import type { SignalKind, ThreatKind } from './types.js';

/**
 * The phrase detectors: for each kind of signal, the phrasings that show it, and the key words
 * that must appear in the text before those phrasings are worth looking for.
 *
 * Why key words: running every detector's regex over every message is too slow for the
 * throughput core promises, so `detectSignals` first tokenises the text once and runs only
 * the detectors whose key words it saw. Invariant: every match of a rule contains at least one
 * of its detector's `keys` as a whole word or as a word's first six letters (keys longer than
 * six letters match any word sharing their first six). The tests check this by comparing the
 * prefiltered result with a run of every detector.
 *
 * Every pattern is matched case-insensitively on the original text. Patterns use only
 * non-capturing groups: each rule becomes one capturing group of its detector's regex, which
 * is how a match is traced back to its rule. Gaps between words are bounded (`{0,3}`) and the
 * classes on either side of a quantifier are disjoint, so matching stays linear in the text.
 */
export interface PhraseRule {
  pattern: string;
  explanation: string;
  threat?: ThreatKind;
  /** Skip the match when the word just before it is "not", "never" or ends in "n't". */
  negatable?: boolean;
}

export interface PhraseDetector {
  kind: SignalKind;
  keys: readonly string[];
  rules: readonly PhraseRule[];
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

const threat: PhraseDetector = {
  kind: 'threat',
  keys: [
    // cancel
    'cancel', 'close', 'closing', 'terminate', 'terminating', 'end', 'ending', 'delete', 'deleting',
    // competitor
    'switch', 'switching', 'switched', 'move', 'moving', 'instead', 'business', 'money', 'custom',
    'cash', 'elsewhere', 'new', 'another', 'different', 'better', 'competitor', 'competitors', 'done',
    'never', "won't", 'wont', 'will', 'going', 'lost', 'losing', 'customer', 'again',
    // legal
    'lawyer', 'lawyers', 'attorney', 'attorneys', 'solicitor', 'solicitors', 'legal', 'lawsuit',
    'lawsuits', 'law', 'class', 'small', 'litigation', 'court', 'sue', 'sues', 'sued', 'suing',
    // chargeback
    'chargeback', 'chargebacks', 'charge', 'dispute', 'disputing', 'disputed', 'reverse',
    'reversing', 'reversed', 'contest', 'contesting', 'challenge', 'challenging', 'bank', 'paypal',
    'card', 'claim',
    // review
    'review', 'reviews', 'star', 'stars', 'trustpilot', 'trust', 'yelp', 'tripadvisor', 'rating',
    'feedback',
    // social
    'public', 'viral', 'everyone', 'everybody', 'friends', 'followers', 'world', 'internet', 'people',
    'others', 'twitter', 'facebook', 'instagram', 'tiktok', 'reddit', 'youtube', 'linkedin',
    'social', 'socials', 'threads', 'mumsnet', 'media', 'press', 'news', 'newspaper', 'newspapers',
    'papers', 'journalist', 'journalists', 'watchdog', 'reporter', 'reporters', 'platform',
    // regulator
    'bbb', 'bureau', 'ftc', 'fcc', 'ofcom', 'ofgem', 'ofwat', 'ombudsman', 'ombudsperson',
    'trading', 'consumer', 'cfpb', 'general', 'citizens', 'accc', 'fca', 'regulator',
    'regulators', 'authorities',
  ],
  rules: [
    {
      threat: 'cancel',
      negatable: true,
      explanation: 'Threatens to cancel',
      pattern: [
        String.raw`\b${I_WILL}\s+(?:(?:just|simply|have\s+to|be|definitely|seriously|happily)\s+)?${CANCEL_VERB}\b(?:\s+(?:my|our|the|this|everything)(?:\s+[\w-]+)?\s+${ACCOUNT}\b)?`,
        String.raw`\b${I_WILL}\s+(?:(?:just|simply|have\s+to|be|definitely)\s+)?(?:close|closing|terminate|terminating|end|ending|delete|deleting)\s+(?:my|our)\s+(?:[\w-]+\s+)?${ACCOUNT}\b`,
        String.raw`\b${I_AM}\s+(?:(?:now|officially|seriously|definitely|literally|just)\s+)?(?:cancel(?:l?ing)|closing|terminating|ending|deleting)\s+(?:my|our)\s+(?:[\w-]+\s+)?${ACCOUNT}\b`,
        String.raw`\b${I_AM}\s+(?:(?:now|officially|seriously|definitely)\s+)?cancel(?:l?ing)\b`,
        String.raw`\bcancel(?:l?ing)\s+(?:my|our)\s+(?:[\w-]+\s+)?${ACCOUNT}\b`,
        String.raw`\b(?:thinking\s+(?:about|of)|considering|(?:this|so)\s+close\s+to|on\s+the\s+verge\s+of)\s+(?:cancel(?:l?ing)|closing\s+my\s+account)\b`,
      ].join('|'),
    },
    {
      threat: 'competitor',
      negatable: true,
      explanation: 'Threatens to take their business to a competitor',
      pattern: [
        String.raw`\b(?:switch(?:ing|ed)?|mov(?:e|ing)|go(?:ing)?|chang(?:e|ing))\s+(?:over\s+)?to\s+(?:(?:a|an|your)\s+)?(?:competitors?|(?:another|a\s+(?:different|new|better))\s+(?:provider|company|carrier|bank|network|supplier|service|store|shop|airline|platform|app|brand|isp|insurer))\b`,
        String.raw`\b(?:${I_AM}|i${AP}ll|i\s+will|we${AP}ll|we\s+will|going\s+to|gonna|about\s+to|decided\s+to|time\s+to)\s+(?:be\s+)?switch(?:ing)?\s+(?:over\s+)?to\s+(?!(?:the|your|a|an|my|annual|monthly|yearly|premium|family|student|dark|light)\b)[\w&'’-]+`,
        String.raw`\b(?:go(?:ing)?|switch(?:ing)?|mov(?:e|ing))\s+(?:over\s+)?to\s+[\w&'’-]+(?:\s+[\w&'’-]+)?\s+instead\b`,
        String.raw`\b(?:tak(?:e|ing)|bring(?:ing)?|spend(?:ing)?|mov(?:e|ing))\s+my\s+(?:business|money|custom|cash)\s+(?:elsewhere|somewhere\s+else|to\s+(?:a\s+)?(?:competitors?|another\s+\w+|[\w&'’-]+))`,
        String.raw`\b(?:shop(?:ping)?|go(?:ing)?|buy(?:ing)?|look(?:ing)?)\s+elsewhere\b`,
        String.raw`\b(?:find(?:ing)?|look(?:ing)?\s+for)\s+(?:a\s+|an\s+)?(?:new|another|different|better)\s+(?:provider|company|carrier|bank|network|supplier|service|isp|airline|insurer)\b`,
        String.raw`\b${I_AM}\s+(?:(?:so|completely|totally|officially|just)\s+)?done\s+with\s+(?:you(?:\s+(?:guys|people|lot))?|your\s+(?:company|service|business|app|brand)|this\s+(?:company|service|app|brand))\b`,
      ].join('|'),
    },
    {
      threat: 'competitor',
      explanation: 'Says they will never buy from you again',
      pattern: [
        String.raw`\bnever\s+(?:again\s+)?(?:buy(?:ing)?|order(?:ing)?|shop(?:ping)?|us(?:e|ing)|fly(?:ing)?|book(?:ing)?|deal(?:ing)?|recommend(?:ing)?|com(?:e|ing)\s+back|return(?:ing)?|purchas(?:e|ing)|stay(?:ing)?|do(?:ing)?\s+business|trust(?:ing)?|renew(?:ing)?)\b${gap(3)}\s+(?:again|from\s+(?:you|your|this)|with\s+(?:you|your|this)|you\s+guys)\b`,
        String.raw`\bnever\s+again\s+(?:will\s+(?:i|we)\s+)?(?:buy|order|shop|use|fly|book|deal|recommend|come\s+back|return|purchase|stay|do\s+business|trust)\b`,
        String.raw`\b(?:won${AP}t|wont|will\s+not|not\s+going\s+to)\s+(?:be\s+)?(?:buy(?:ing)?|order(?:ing)?|shop(?:ping)?|us(?:e|ing)|fly(?:ing)?|book(?:ing)?|deal(?:ing)?|recommend(?:ing)?|com(?:e|ing)\s+back|renew(?:ing)?|purchas(?:e|ing)|do(?:ing)?\s+business)\b${gap(3)}\s+(?:again|anymore|any\s+more)\b`,
        String.raw`\b(?:you${AP}ve|you\s+have|you\s+just|you\s+guys\s+(?:have|just))\s+(?:just\s+)?lost\s+(?:a|me\s+as\s+a|another|one|my)\s+(?:[\w-]+\s+)?(?:customer|client|business|subscriber)\b`,
        String.raw`\blost\s+(?:a|another)\s+(?:(?:loyal|long[- ]time|good|paying)\s+)?customer\b`,
      ].join('|'),
    },
    {
      threat: 'legal',
      explanation: 'Threatens legal action',
      pattern: [
        String.raw`\b(?:lawyers?|attorneys?(?!\s+general)|solicitors?|lawsuits?|law\s+suits?|class[- ]action|small[- ]claims|litigation)\b`,
        String.raw`\blegal\s+(?:action|proceedings|team|advice|counsel|route|steps|claim|case)\b`,
        String.raw`\b(?:take|taking|took|drag|dragging|see)\s+(?:you(?:\s+guys)?|this|them|it|your\s+company|the\s+company)\s+(?:to|in)\s+court\b`,
        String.raw`\b(?:court\s+(?:case|action|claim)|in\s+court)\b`,
        String.raw`\b(?:${I_WILL}|will|could|can|may|might|should|happy\s+to|ready\s+to|plan\s+to|planning\s+to)\s+sue\b`,
        String.raw`\bsue(?:d|s)?\s+(?:you|your|the\s+company|them|this\s+company)\b`,
        String.raw`\bsuing\b`,
      ].join('|'),
    },
    {
      threat: 'chargeback',
      negatable: true,
      explanation: 'Threatens a chargeback or a dispute with their bank',
      pattern: [
        String.raw`\bcharge[- ]?backs?\b`,
        String.raw`\b(?:dispute|disputing|reverse|reversing|contest|contesting|challenge|challenging)\s+(?:the|this|these|that|my|your)\s+(?:[\w-]+\s+)?(?:charges?|transactions?|payments?|debits?)\b`,
        String.raw`\b(?:dispute|disputing|report|reporting)\s+(?:it|this|them)\s+(?:with|to)\s+my\s+(?:bank|card\s+(?:company|provider|issuer)|credit\s+card(?:\s+company)?)\b`,
        String.raw`\b(?:contact|contacting|call|calling|ring|ringing|phone|phoning|go\s+to|going\s+to|talk\s+to|speak\s+to|tell|email)\s+my\s+(?:bank|credit\s+card\s+(?:company|provider|issuer)|card\s+(?:company|provider|issuer))\b`,
        String.raw`\b(?:file|filing|open|opening|raise|raising|start|starting)\s+(?:a\s+)?(?:dispute|claim)\s+with\s+(?:my\s+bank|paypal|my\s+card(?:\s+company)?|visa|mastercard|amex|my\s+credit\s+card(?:\s+company)?)\b`,
        String.raw`\bpaypal\s+(?:dispute|claim)\b`,
      ].join('|'),
    },
    {
      threat: 'review',
      negatable: true,
      explanation: 'Threatens a bad review',
      pattern: [
        String.raw`\b(?:bad|negative|poor|terrible|awful|horrible|scathing|honest|brutal|damning|angry|furious|lowest)\s+(?:[\w-]+\s+)?(?:reviews?|ratings?)\b`,
        String.raw`\b(?:1|one|zero|0)[- ]?stars?(?:\s+(?:reviews?|ratings?))?\b`,
        String.raw`\b(?:trust\s*pilot|yelp|tripadvisor|google\s+reviews?)\b`,
        String.raw`\b(?:review|rate|rating)\s+(?:you|this\s+(?:company|place|store|shop|service))\s+(?:on|at|with)\s+\w+`,
      ].join('|'),
    },
    {
      threat: 'social',
      negatable: true,
      explanation: 'Threatens to go public on social media or to the press',
      pattern: [
        String.raw`\b(?:go(?:ing)?\s+public|make\s+(?:this|it)\s+public|go(?:ing|es)?\s+viral)\b`,
        String.raw`\b(?:tell|telling|warn|warning|let)\s+(?:every(?:one|body)|all\s+(?:of\s+)?my\s+(?:friends|followers|family)|my\s+(?:\d+\s+|thousands\s+of\s+)?(?:followers|friends)|the\s+(?:world|internet)|other\s+(?:people|customers)|others)(?:\s+know)?\b`,
        String.raw`\b(?:post(?:ing|ed)?|shar(?:e|ing)|put(?:ting)?|blast(?:ing)?|expos(?:e|ing)|tweet(?:ing)?|broadcast(?:ing)?|spread(?:ing)?)\b${gap(4)}\s+(?:on|to|across|all\s+over|in)\s+(?:twitter|x|facebook|fb|instagram|insta|ig|tiktok|reddit|youtube|linkedin|social\s+media|socials|threads|mumsnet|the\s+internet|every\s+platform)\b`,
        String.raw`\b(?:contact(?:ing)?|call(?:ing)?|tell(?:ing)?|go(?:ing)?\s+to|writ(?:e|ing)\s+to|alert(?:ing)?|tip(?:ping)?\s+off|email(?:ing)?)\s+(?:the\s+)?(?:media|press|news|newspapers?|papers|journalists?|local\s+news|watchdog|reporters?)\b`,
        String.raw`\b(?:twitter|facebook|tiktok|instagram|reddit|youtube|social\s+media|the\s+(?:press|media))\s+(?:will|would|is\s+going\s+to|are\s+going\s+to|gonna|might)\s+(?:hear|know|love|see|be\s+interested)\b`,
      ].join('|'),
    },
    {
      threat: 'regulator',
      negatable: true,
      explanation: 'Threatens to report you to a regulator',
      pattern: [
        String.raw`\b(?:bbb|better\s+business\s+bureau|ftc|fcc|ofcom|ofgem|ofwat|ombuds(?:man|person)|trading\s+standards|consumer\s+(?:protection|affairs|council|rights\s+(?:agency|authority))|cfpb|attorney\s+general|citizens\s+advice|accc|fca|regulators?)\b`,
        String.raw`\b(?:report(?:ing)?|complain(?:ing)?)\s+(?:(?:you|this|it|them|your\s+company)\s+)?to\s+(?:the\s+)?(?:relevant\s+)?authorities\b`,
      ].join('|'),
    },
  ],
};

const insult: PhraseDetector = {
  kind: 'insult',
  keys: [
    'useless', 'incompetent', 'idiot', 'idiots', 'idiotic', 'stupid', 'clueless', 'pathetic',
    'moron', 'morons', 'moronic', 'imbecile', 'imbeciles', 'brainless', 'hopeless', 'worthless',
    'joke', 'jokes', 'disgrace', 'disgraceful', 'bunch', 'liar', 'liars', 'lying', 'thieves',
    'thief', 'crook', 'crooks', 'crooked', 'scammer', 'scammers', 'fraud', 'frauds', 'fraudsters',
    'clown', 'clowns', 'amateur', 'amateurs', 'muppet', 'muppets', 'numpty', 'numpties', 'dumb',
    'dense', 'thick', 'retarded', 'ignorant', 'rude', 'arrogant', 'lazy', 'garbage', 'trash',
    'rubbish', 'scum', 'scumbag', 'scumbags', 'loser', 'losers', 'fool', 'fools', 'cowboys',
    'criminal', 'criminals', 'dishonest', 'shameless', 'disgusting', 'waste', 'worst', 'people',
    'halfwit', 'halfwits', 'dimwit', 'dimwits', 'cretin', 'cretins', 'buffoon', 'buffoons',
    'nitwits', 'dipshits', 'dumbasses', 'incompetents', 'monkeys', 'donkey', 'jobsworth', 'deaf',
    'blind', 'illiterate', 'braindead', 'brain', 'simple', 'slow', 'mental', 'insane', 'crazy',
    'read', 'job', 'jobs', 'clue', 'life', 'idea', 'sense', 'competence', 'incompetence', 'brains',
    'shut', 'spell', 'listen', 'count', 'type', 'jokers', 'shambles',
  ],
  rules: [
    {
      explanation: 'Personal attack on the agent or the staff',
      pattern: String.raw`\b(?:you${AP}re|youre|you\s+are|ur|u\s+r|you\s+r|you\s+(?:guys|people|lot|all)\s+are|y${AP}all\s+are|your\s+(?:staff|agents?|team|employees|support(?:\s+team)?|people|reps?|representatives?|workers|advisors?|advisers?|colleagues?|call\s+cent(?:er|re)|customer\s+(?:service|support|care))\s+(?:are|is|were|was))\s+(?:(?:so|such|all|just|really|truly|clearly|obviously|absolutely|completely|totally|utterly|beyond|literally|nothing\s+but|an?|the|a\s+bunch\s+of|bunch\s+of)\s+){0,3}(?:useless|incompetent|idiots?|idiotic|stupid|clueless|pathetic|morons?|moronic|imbeciles?|brainless|hopeless|worthless|a\s+joke|jokes|jokers|disgrace|disgraceful|liars?|lying|thieves|thief|crooks?|crooked|scammers?|frauds?|fraudsters|clowns?|amateurs?|muppets?|numpties|dumb|dense|thick|retarded|ignorant|rude|arrogant|lazy|garbage|trash|rubbish|scum|scumbags?|losers?|fools?|cowboys|criminals?|dishonest|shameless|disgusting|waste\s+of\s+space|worst|shambles)\b`,
    },
    {
      explanation: 'Calls the staff names',
      pattern: [
        String.raw`(?<!thank\s)\byou\s+people\b`,
        String.raw`\b(?:idiots|morons|imbeciles|cretins|halfwits|dimwits|numpties|buffoons|nitwits|dipshits|dumbasses|incompetents)\b`,
        String.raw`\b(?:your|these|those|such|what|bunch\s+of|pack\s+of|load\s+of|team\s+of)\s+(?:[\w-]+\s+)?(?:clowns|muppets|amateurs|monkeys|cowboys|jokers|crooks|thieves|scammers|liars|losers|fools|scumbags)\b`,
        String.raw`\b(?:you|u|ya|your\s+\w+|what\s+an?|such\s+an?|complete|absolute|total|utter|useless|incompetent|lying)\s+(?:[\w-]+\s+)?(?:idiot|moron|imbecile|clown|muppet|numpty|halfwit|dimwit|cretin|buffoon|fool|loser|liar|thief|crook|scammer|donkey|jobsworth)\b`,
      ].join('|'),
    },
    {
      explanation: "Questions the agent's intelligence or competence",
      pattern: [
        String.raw`\bare\s+you\s+(?:(?:all|guys|people|even|actually|just|really|completely|that)\s+)?(?:stupid|dumb|thick|deaf|blind|illiterate|incompetent|an\s+idiot|a\s+moron|brain\s*dead|simple|slow|mental|insane|crazy|clueless)\b`,
        String.raw`\blearn\s+(?:how\s+)?to\s+(?:read|spell|listen|do\s+your\s+job|count|type)\b`,
        String.raw`\b(?:can${AP}?t|cannot)\s+(?:you|u)\s+read\b|\bcan\s+(?:you|u)\s+not\s+read\b|\b(?:you|u)\s+(?:clearly\s+|obviously\s+)?(?:can${AP}?t|cannot)\s+read\b`,
        String.raw`\bdo\s+your\s+(?:[\w-]+\s+)?jobs?\b`,
        String.raw`\bget\s+a\s+(?:brain|clue)\b|\b(?:any|a\s+single)\s+brain\s+cells?\b`,
        String.raw`\b(?:you|u|they)\s+(?:have|got)\s+(?:no|zero)\s+(?:idea|clue|brains?|common\s+sense)\b`,
        String.raw`\bdon${AP}?t\s+know\s+what\s+(?:you${AP}re|youre|you\s+are|they${AP}re|they\s+are)\s+doing\b`,
        String.raw`\bincompetence\b|\bshut\s+up\b`,
      ].join('|'),
    },
  ],
};

const managerDemand: PhraseDetector = {
  kind: 'manager_demand',
  keys: [
    'manager', 'managers', 'supervisor', 'supervisors', 'boss', 'superior', 'superiors', 'senior',
    'charge', 'higher', 'lead', 'leader', 'escalate', 'escalated', 'escalating', 'escalation',
    'someone', 'somebody', 'anyone', 'person', 'human', 'authority',
  ],
  rules: [
    {
      explanation: 'Asks for a manager or supervisor',
      pattern: [
        String.raw`\b(?:speak|talk|chat|speaking|talking)\s+(?:to|with)\s+(?:a|an|the|your|someone|somebody|anyone|anybody)\b${gap(2)}\s+(?:managers?|supervisors?|boss|superiors?|team\s+lead(?:er)?)\b`,
        String.raw`\b(?:i\s+(?:want|need|demand|would\s+like)|i${AP}d\s+like|get\s+me|give\s+me|put\s+me\s+(?:through|on)\s+(?:to|with)|transfer\s+me\s+to|connect\s+me\s+(?:to|with)|pass\s+me\s+(?:on\s+)?to|let\s+me\s+(?:speak|talk)\s+to|where\s+is|who\s+is|can\s+i\s+(?:have|get))\s+(?:to\s+(?:speak|talk)\s+(?:to|with)\s+)?(?:a|an|the|your)\s+(?:[\w-]+\s+)?(?:managers?|supervisors?|boss|superiors?|team\s+lead(?:er)?)\b`,
        String.raw`\b(?:managers?|supervisors?)\s*[.!,]*\s*(?:now|please|immediately|asap|right\s+now)\b`,
      ].join('|'),
    },
    {
      explanation: 'Wants the case escalated',
      pattern: [
        String.raw`\bescalat(?:e|ed|ing)\s+(?:this|it|my\s+(?:[\w-]+\s+)?(?:case|complaint|issue|ticket|problem|query|request)|(?:the|this)\s+(?:matter|issue|case|complaint|ticket))\b`,
        String.raw`\bescalation\b`,
      ].join('|'),
    },
    {
      explanation: 'Asks for someone more senior or someone who can actually help',
      pattern: [
        String.raw`\b(?:someone|somebody|anyone|anybody)\s+(?:more\s+)?senior\b`,
        String.raw`\b(?:someone|somebody|anyone|anybody)\s+(?:higher\s+up|in\s+charge|with\s+(?:(?:more|real|some)\s+)?authority)\b`,
        String.raw`\b(?:get|find|give)\s+me\s+(?:someone|somebody|a\s+(?:real\s+)?(?:person|human))\b(?:\s+who\s+(?:actually\s+|really\s+)?(?:can|knows|will)\b)?`,
        String.raw`\b(?:someone|somebody|anyone|anybody|a\s+(?:real\s+)?person)\s+who\s+(?:actually|really)\s+(?:can|knows|will|cares)\b`,
        String.raw`\b(?:speak|talk|chat)\s+(?:to|with)\s+a\s+(?:real\s+)?(?:human|person)(?:\s+being)?\b`,
      ].join('|'),
    },
  ],
};

const ORDINAL = String.raw`(?:second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th|eighth|8th|ninth|9th|tenth|10th|eleventh|twelfth|twentieth|hundredth|millionth|nth|umpteenth|\d{1,3}(?:st|nd|rd|th))`;
const MANY = String.raw`(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|multiple|numerous|countless|many|so\s+many|a\s+few|a\s+dozen|dozens\s+of|a\s+million|a\s+hundred|hundreds\s+of|a\s+bunch\s+of|loads\s+of|lots\s+of|a\s+lot\s+of)`;
const CONTACT_VERB = String.raw`(?:called|call|calling|rang|ring|ringing|phoned|phone|phoning|e-?mailed|e-?mail|e-?mailing|contacted|contact|contacting|messaged|message|messaging|written|wrote|writing|chatted|chat|tweeted|dm${AP}?e?d|reached\s+out|been\s+in\s+touch|asked|ask|asking|explained|explain|explaining|told\s+you|tell\s+you|complained|complain|reported|report|raised|chased|chasing|followed\s+up|sent|sending|spoke|spoken|talked|visited|submitted|logged)`;

const repeatedContact: PhraseDetector = {
  kind: 'repeated_contact',
  keys: [
    'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth',
    'eleventh', 'twelfth', 'twentieth', 'hundredth', 'millionth', 'nth', 'umpteenth',
    ...Array.from({ length: 100 }, (_, i) => ordinalSuffix(i + 1)),
    'times', 'twice', 'occasions', 'emails', 'calls', 'messages', 'chats', 'tickets',
    'complaints', 'attempts', 'again', 'over', 'time', 'many', 'already', 'previously', 'said',
    'mentioned', 'explained', 'stated', 'told', 'wrote', 'noted', 'keep', 'repeat', 'repeating',
    'every', 'each',
  ],
  rules: [
    {
      explanation: 'Says this is not the first time they have contacted you',
      pattern: [
        String.raw`\b${ORDINAL}\s+(?:time|attempt|email|e-mail|message|call|chat|ticket|complaint|request|letter|tweet)s?\b`,
        String.raw`\b${CONTACT_VERB}\b${gap(4)}\s+(?:${MANY}\s+(?:different\s+|separate\s+)?(?:times|occasions)|twice)\b`,
        String.raw`\b${MANY}\s+(?:separate\s+|different\s+)?(?:e-?mails|calls|phone\s+calls|messages|chats|tickets|complaints|attempts)\b`,
        String.raw`\bhow\s+many\s+(?:more\s+)?(?:times|e-?mails|calls|messages)\b`,
        String.raw`\b(?:(?:i|we)(?:${AP}ve|\s+have|\s+had)?\s+)?(?:already|previously)\s+(?:[\w-]+\s+)?(?:told|explained|sent|given|provided|said|asked|contacted|called|e-?mailed|reported|submitted|answered|gave|described|raised|informed|spoken|spoke|written|wrote|messaged)\b`,
        String.raw`\bas\s+(?:i|we)\s+(?:(?:have|${AP}ve|already)\s+)?(?:said|mentioned|explained|stated|told\s+you|wrote|noted)\s+(?:before|earlier|already|previously|above|twice|in\s+my\s+(?:last|previous|first|earlier)|${MANY}\s+times)\b`,
        String.raw`\bkeep\s+(?:having|needing|being\s+told)\s+to\b|\bhave\s+to\s+keep\s+(?:calling|asking|explaining|chasing|contacting|repeating|e-?mailing|writing|messaging|following\s+up|coming\s+back)\b|\bkeep\s+(?:calling|e-?mailing|chasing|contacting|writing|messaging|asking)\b|\brepeat(?:ing)?\s+myself\b`,
        String.raw`\b(?:again\s+and\s+again|over\s+and\s+over|time\s+(?:and\s+time\s+)?again|time\s+after\s+time)\b`,
        String.raw`\b(?:every|each)\s+(?:single\s+)?time\s+(?:i|we)\s+(?:call|contact|e-?mail|chat|message|write|ring|phone|reach\s+out|get\s+in\s+touch|ask)\b`,
      ].join('|'),
    },
  ],
};

const NUM_WORD = String.raw`(?:\d{1,4}(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty[- ]five|fifty|sixty|ninety|several|many|a\s+few|few|a\s+couple\s+(?:of\s+)?|couple\s+(?:of\s+)?)`;
const UNIT = String.raw`(?:minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|years?|yrs?)`;
const NO_REPLY = String.raw`(?:repl(?:y|ies)|responses?|answers?|updates?|call\s*backs?|word|feedback|follow[- ]?up|acknowledge?ment)`;

const longWait: PhraseDetector = {
  kind: 'long_wait',
  keys: [
    'wait', 'waits', 'waited', 'waiting', 'hold', 'holding', 'queue', 'queued', 'queuing',
    'queueing', 'chasing', 'still', 'reply', 'replies', 'response', 'responses', 'answer', 'answers',
    'update', 'updates', 'callback', 'callbacks', 'call', 'calls', 'word', 'feedback', 'follow',
    'followup', 'acknowledgement', 'acknowledgment', 'heard', 'had', 'received', 'got', 'gotten',
    'back', 'anything', 'nothing', 'later', 'now', 'counting', 'since', 'already', 'forever', 'ages',
    'eternity', 'long', 'minutes', 'mins', 'hours', 'hrs', 'days', 'weeks', 'months', 'years',
  ],
  rules: [
    {
      explanation: 'Has been waiting a long time',
      pattern: [
        String.raw`(?<!\b(?:mind|happy\s+to|can|could|willing\s+to|fine\s+to|ok\s+to|okay\s+to|glad\s+to|please|will)\s)\b(?:wait(?:ed|ing|s)?(?!\s+a\s+(?:minute|min|sec|second|moment)\b)|on\s+hold|hold(?:ing)?|queu(?:e|ed|e?ing)|in\s+(?:a|the)\s+queue|been\s+chasing)\b${gap(3)}\s+(?:for\s+)?(?:(?:over|more\s+than|almost|nearly|about|around|like|at\s+least|literally|close\s+to)\s+)?${NUM_WORD}\s*(?:(?:more|whole|full|entire|long)\s+)?${UNIT}\b`,
        String.raw`\b(?:wait(?:ed|ing)?|on\s+hold)\s+(?:for\s+)?(?:ages|forever|an\s+eternity|so\s+long|too\s+long|far\s+too\s+long|way\s+too\s+long|long\s+enough|weeks|days|months|hours|years)\b`,
        String.raw`\bstill\s+(?:waiting|nothing|no\s+(?:${NO_REPLY}|news|call|e-?mail|contact|resolution|fix|solution|sign|progress|help))\b`,
        String.raw`\bstill\s+(?:have${NT}|haven${AP}?t|not|never)\s+(?:heard|had|received|got(?:ten)?)\s+(?:back|anything|a\s+(?:reply|response|answer|call|word|update)|any\s+(?:reply|response|answer|update|word|news))\b`,
        String.raw`\b(?:no|zero|not\s+a\s+single|not\s+one|not\s+any|never\s+(?:got|received|had)\s+(?:a|any))\s+${NO_REPLY}\b(?!\s+(?:needed|necessary|required))`,
        String.raw`\b(?:haven${AP}?t|have\s+not|hasn${AP}?t|has\s+not|didn${AP}?t|did\s+not|never)\s+(?:heard|had|received|got(?:ten)?)\s+(?:back|a\s+(?:reply|response|answer|call|word|update)|any\s+(?:reply|response|answer|update|word|news)|anything\s+back)\b`,
        String.raw`\b(?:${NUM_WORD}\s+)?(?:(?:more|whole|long)\s+)?(?:minutes|hours|days|weeks|months|years)\s+(?:later|now|and\s+counting|since|already|of\s+waiting)\b`,
        String.raw`\b(?:been|taking|taken|takes|took|it${AP}s\s+been)\s+(?:[\w-]+\s+)?(?:forever|ages|so\s+long|too\s+long|way\s+too\s+long|weeks|months|an\s+eternity)\b`,
      ].join('|'),
    },
  ],
};

const notHeard: PhraseDetector = {
  kind: 'not_heard',
  keys: [
    'listening', 'listen', 'listens', 'reading', 'read', 'reads', 'attention', 'care', 'cares',
    'understand', 'understands', 'bother', 'bothers', 'bothered', 'nobody', 'noone', 'one', 'none',
    'body', 'ignore', 'ignored', 'ignores', 'ignoring', 'copy', 'copied', 'canned', 'scripted',
    'script', 'generic', 'robotic', 'bot', 'bots', 'boilerplate', 'cookie', 'pre', 'prewritten',
    'automated', 'template', 'templated', 'same', 'wall', 'robot', 'machine', 'misunderstood',
    'misunderstand', 'point', 'asked', 'said', 'meant', 'wrote', 'requested', 'need', 'want',
    'wanted', 'hear', 'less',
  ],
  rules: [
    {
      explanation: 'Feels they are not being listened to',
      pattern: [
        String.raw`\b(?:(?:you${AP}re|youre|you\s+are|ur|you\s+r|you\s+(?:guys|people)\s+are|they${AP}re|they\s+are)\s+(?:[\w-]+\s+)?not\s+(?:(?:even|really|actually)\s+)?|(?:nobody${AP}s|nobody\s+is|no\s*one${AP}s|no\s*one\s+is|is\s+any(?:one|body)|are\s+you|is\s+nobody)\s+(?:(?:even|actually|really)\s+)?)(?:listening|reading|paying\s+attention)\b`,
        String.raw`\b(?:you|you\s+guys|you\s+people|they|u|your\s+\w+)\s+(?:(?:clearly|obviously|just|simply|really|still)\s+)?(?:don${AP}?t|do\s+not|didn${AP}?t|did\s+not|never|can${AP}?t|cannot|won${AP}?t|aren${AP}?t|refuse\s+to)\s+(?:even\s+)?(?:care|listen|read|understand|get\s+it|bother|pay\s+attention|hear\s+me|give\s+a\s+\w+)\b`,
        String.raw`\b(?:you|you\s+guys|you\s+people|your\s+(?:company|team|staff))\s+(?:(?:clearly|obviously|just|really|simply)\s+)?(?:couldn${AP}?t|could\s+not)\s+care\s+less\b`,
        String.raw`\b(?:(?:please|pls|plz|actually|bother\s+to|even)\s+(?:(?:even|actually|just)\s+)?read|(?:did|do)\s+(?:you|u)\s+(?:even\s+|actually\s+)?read|(?:you|u)\s+(?:didn${AP}?t|did\s+not)\s+(?:even\s+)?read)\s+(?:my|what\s+i|before|the\s+(?:whole|entire|full|previous|last|original|first))\b`,
        String.raw`\b(?:are\s+you|am\s+i)\s+(?:even\s+)?(?:talking|speaking)\s+to\s+a\s+(?:bot|robot|machine|wall)\b|\b(?:talking|speaking|talk|speak|chatting)\s+to\s+a\s+(?:brick\s+)?(?:wall|robot|bot|machine)\b`,
      ].join('|'),
    },
    {
      explanation: 'Says nobody helps or gets back to them',
      pattern: String.raw`\b(?:nobody|no\s*one|no\s+body|none\s+of\s+you)\s+(?:(?:here|there|at\s+\w+|ever|even|actually)\s+)?(?:cares?|listens?|reads?|helps?|gets?\s+back|got\s+back|responds?|responded|replies|replied|answers?|answered|calls?\s+(?:me\s+)?back|called\s+(?:me\s+)?back|bothers?|bothered|seems?\s+to|wants?\s+to|knows?|understands?|gives?\s+a|is\s+(?:helping|able\s+to|willing\s+to|interested|taking)|has\s+(?:helped|replied|responded|answered|bothered|called|contacted|gotten\s+back|got\s+back)|will\s+(?:help|listen|respond|reply|answer|call)|can\s+(?:help|tell\s+me|explain|give\s+me))\b`,
    },
    {
      explanation: 'Feels ignored',
      pattern: [
        String.raw`\b(?:you|they|you\s+guys|you\s+people|your\s+\w+)\s+(?:(?:keep|just|completely|totally|simply|always|still)\s+)?ignor(?:e|ed|es|ing)\s+(?:me|my|us|our)\b`,
        String.raw`\bignoring\s+(?:me|us|my\s+(?:e-?mails|messages|calls|complaints|requests|questions|tickets))\b`,
        String.raw`\b(?:being|been|getting|get|got|keep\s+getting|keep\s+being|feel|felt|completely|totally|just)\s+ignored\b`,
      ].join('|'),
    },
    {
      explanation: 'Complains of scripted or automated replies',
      pattern: [
        String.raw`\bcopy(?:\s+(?:and|&|n)\s+|[- ]?)paste(?:d)?\s+(?:[\w-]+\s+)?(?:repl(?:y|ies)|responses?|answers?|messages?|e-?mails?|texts?|script|nonsense|rubbish|garbage)\b`,
        String.raw`\b(?:you|they)\s+(?:just\s+)?(?:copy|copied)(?:\s+(?:and|&|n)\s+|[- ]?)paste(?:d)?\b`,
        String.raw`\b(?:canned|scripted|generic|robotic|boilerplate|cookie[- ]cutter|pre[- ]?written|templated?|bot|(?:useless|pointless|another|same|more|stupid)\s+automated)\s+(?:[\w-]+\s+)?(?:responses?|repl(?:y|ies)|answers?|messages?|e-?mails?|script|nonsense|rubbish)\b`,
        String.raw`\bsame\s+(?:(?:old|scripted|canned|generic|automated|useless|pointless|stupid)\s+)?(?:responses?|repl(?:y|ies)|answers?|script|excuses?|nonsense|rubbish)\b`,
      ].join('|'),
    },
    {
      explanation: 'Feels misunderstood',
      pattern: [
        String.raw`\b(?:you(?:${AP}ve|\s+have)?\s+(?:(?:completely|totally|clearly)\s+)?misunderstood|misunderst(?:and|ood)\s+(?:me|my|what))\b`,
        String.raw`\b(?:that${AP}s|thats|that\s+is|this\s+is|that\s+was|it${AP}s)\s+not\s+what\s+i\s+(?:asked|said|meant|wrote|requested|need|want(?:ed)?)\b`,
        String.raw`\b(?:you${AP}re|you\s+are|youre)\s+(?:completely\s+|totally\s+)?missing\s+the\s+point\b`,
      ].join('|'),
    },
  ],
};

const brokenPromise: PhraseDetector = {
  kind: 'broken_promise',
  keys: [
    'promised', 'promise', 'promises', 'guaranteed', 'assured', 'told', 'informed', 'quoted',
    'supposed', 'meant', 'said', 'confirmed', 'stated', 'claimed', 'swore', 'committed', 'broke',
    'broken', 'empty', 'false', 'hollow', 'lied', 'back', 'callback',
  ],
  rules: [
    {
      explanation: 'Says a promise was not kept',
      pattern: [
        String.raw`\b(?:you|they|he|she|it|your\s+(?:[\w-]+\s+)?(?:agent|colleague|rep|representative|team|staff|support|website|site|app|e-?mail|advisor|adviser|employee|manager|store|shop)|the\s+(?:agent|rep|representative|advisor|adviser|website|site|app|person|guy|lady|man|woman|manager|store|shop|last\s+(?:agent|person|guy|lady))|someone|somebody|customer\s+(?:service|support|care))\s+(?:(?:clearly|specifically|literally|explicitly|even|definitely)\s+)?(?:said|told\s+(?:me|us)|promised|assured\s+(?:me|us)|guaranteed|confirmed|stated|claimed|swore|committed)\b${gap(2)}\s+(?:that\s+)?(?:you|it|i|we|they|he|she|this|someone|somebody|the\s+\w+|my\s+\w+|there)\s*(?:would|will|${AP}d|${AP}ll|should|could|was\s+going\s+to|were\s+going\s+to|is\s+going\s+to|are\s+going\s+to)\b`,
        String.raw`\b(?:you|they|he|she|we|your\s+\w+|the\s+\w+)\s+(?:[\w-]+\s+)?(?:promised|guaranteed|assured\s+(?:me|us))\b`,
        String.raw`\b(?:i|we)\s+(?:was|were|had\s+been|have\s+been|${AP}ve\s+been|got)\s+(?:[\w-]+\s+)?(?:promised|guaranteed|assured|told|informed|quoted)\b`,
        String.raw`\b(?:was|were|is|are|it${AP}s|its)\s+(?:[\w-]+\s+)?(?:supposed|meant)\s+to\b`,
        String.raw`\b(?:broken|empty|false|hollow)\s+promises?\b|\bbroke\s+(?:your|their|his|her|the)\s+(?:promise|word)\b|\b(?:you|they)\s+lied\b`,
        String.raw`\b(?:refund|replacement|call\s*back|credit|compensation|discount|engineer|technician|update|reply)\s+(?:that\s+)?(?:you|they|he|she|your\s+\w+)\s+(?:[\w-]+\s+)?(?:promised|guaranteed|said)\b`,
      ].join('|'),
    },
    {
      explanation: 'Was promised a call back that never came',
      pattern: [
        String.raw`\b(?:never|didn${AP}?t|did\s+not|hasn${AP}?t|has\s+not|haven${AP}?t|have\s+not|no\s*one|nobody)\s+(?:ever\s+)?(?:called|rang|phoned|e-?mailed|got|gotten|came|come|get)\s+(?:me\s+|us\s+)?back\b`,
        String.raw`\bnever\s+(?:got|received|had)\s+(?:the|a|my|that|any)\s+(?:promised\s+)?(?:call\s*back|callback|return\s+call)\b`,
      ].join('|'),
    },
  ],
};

/** Things customers thank or praise sarcastically: what went wrong. */
const WENT_WRONG = String.raw`(?:losing|breaking|ignoring|wasting|ruining|messing|screwing|ghosting|delaying|making\s+me\s+wait|leaving\s+me|keeping\s+me\s+waiting|nothing|absolutely\s+nothing|not\s+(?:helping|replying|responding|answering|fixing|calling)|the\s+non[- ]?(?:answer|response|help|reply)|hanging\s+up|cutting\s+me\s+off|stealing|ripping\s+me\s+off|sending\s+(?:me\s+)?the\s+wrong|damaging|destroying|lying|charging\s+me\s+(?:twice|again|double|extra))`;
const PRAISE = String.raw`(?:great|fantastic|amazing|brilliant|excellent|awesome|stellar|superb|wonderful|terrific|outstanding|top[- ]notch|world[- ]class|fabulous|lovely|helpful|useful)`;
/** Marks that turn praise into sarcasm: a trailing ellipsis, an eye roll, clapping, "/s". */
const SARCASM_MARK = String.raw`(?:\.{2,}|…|\s*\uD83D\uDE44|\s*\uD83D\uDC4F|\s*\/s\b)`;

const sarcasm: PhraseDetector = {
  kind: 'sarcasm',
  keys: [
    'thanks', 'thank', 'thx', 'ty', 'cheers', 'great', 'good', 'fantastic', 'amazing', 'brilliant',
    'excellent', 'awesome', 'stellar', 'superb', 'wonderful', 'nice', 'terrific', 'outstanding',
    'top', 'world', 'fabulous', 'marvellous', 'marvelous', 'lovely', 'perfect', 'helpful',
    'useful', 'well', 'oh', 'just', 'ah', 'wow', 'gee', 'joy', 'super', 'splendid', 'peachy',
    'dandy', 'goody', 'yeah', 'yea', 'ya', 'sure', 'what', 'such', 'surprise', 'shock', 'shocker',
    'colour', 'color', 'who', 'usual', 'love', 'gotta', 'slow', 'breath', 'not', 'needed',
  ],
  rules: [
    {
      explanation: 'Sarcastic thanks for something that went wrong',
      pattern: String.raw`\b(?:thanks|thank\s+you|thx|ty|cheers)\s+(?:(?:so\s+much|a\s+lot|a\s+bunch|very\s+much|again)\s+)?for\s+${WENT_WRONG}\b`,
    },
    {
      explanation: 'Sarcastic praise for something that went wrong',
      pattern: [
        String.raw`\b(?:great|good|fantastic|amazing|brilliant|excellent|awesome|stellar|superb|wonderful|nice|terrific|outstanding)\s+(?:job|work|going|effort|one)\s*,?\s*(?:(?:guys|team|there|again)\s*,?\s*)?(?:on\s+|with\s+|in\s+)?${WENT_WRONG}\b`,
        String.raw`\bwell\s+done\s*,?\s*(?:(?:guys|team|again)\s*,?\s*)?(?:on\s+|for\s+|with\s+)?${WENT_WRONG}\b`,
      ].join('|'),
    },
    {
      explanation: 'Praise marked as sarcastic (an ellipsis, an eye roll or a "not")',
      pattern: [
        String.raw`\b(?:(?:so|very|really|super|such|how|truly|soo+|just)\s+(?:an?\s+)?${PRAISE}|${PRAISE}\s+(?:customer\s+)?(?:service|support|job|work|experience|company|help|communication))(?:\s+(?:as\s+(?:always|usual|ever)|again|yet\s+again))?${SARCASM_MARK}`,
        String.raw`\b(?:${PRAISE}|great|good)(?:\s+(?:customer\s+)?(?:service|support|job|work|experience|company|help|communication))?\s*(?:\.{2,}|…|[,.!-])?\s*not\s*(?=[.!\n…]|$)`,
      ].join('|'),
    },
    {
      explanation: 'Sarcastic "great"',
      pattern: [
        String.raw`\b(?:oh|ah)\s*,?\s*(?:great|wonderful|perfect|fantastic|brilliant|lovely|marvell?ous|joy|super|terrific|fabulous|splendid|goody|how\s+lovely)\b(?![\s,!.]*(?:thanks?|thank\s+you|cheers|news|to\s+hear|job|work|service|that\s+(?:worked|works|fixed|helped)|it\s+(?:worked|works)))`,
        String.raw`\b(?:that${AP}s|thats|that\s+is|this\s+is|it${AP}s|well|oh|ah)\s*,?\s*just\s+(?:great|perfect|wonderful|brilliant|fantastic|lovely|peachy|dandy|what\s+i\s+needed)\b`,
        String.raw`\b(?:wow|gee)\s*,?\s*(?:thanks|thank\s+you|thx)(?:\s+(?:so\s+much|a\s+lot|a\s+bunch|again))?${SARCASM_MARK}`,
      ].join('|'),
    },
    {
      explanation: 'Does not believe what they were told',
      pattern: [
        String.raw`\b(?:yeah|yea|ya)\s*,?\s*right\b(?=\s*(?:[.!…\n]|$|,?\s*(?:like|as\s+if|sure)\b))`,
        String.raw`\bsure\s+(?:you|they|it)\s+(?:will|did|are|do|can|have|does|would)\b(?=\s*(?:[.!…\n]|$))`,
        String.raw`\b(?:i${AP}ll|i\s+will|i${AP}m|im|i\s+am)\s+not\s+hold(?:ing)?\s+my\s+breath\b|\bwon${AP}?t\s+(?:be\s+)?hold(?:ing)?\s+my\s+breath\b`,
      ].join('|'),
    },
    {
      explanation: 'Marks the message as sarcasm',
      pattern: String.raw`(?<=^|\s)\/s\b|\bslow\s+clap\b`,
    },
    {
      explanation: 'Sarcastic surprise: expected it to go wrong',
      pattern: [
        String.raw`\b(?:what|such)\s+a\s+(?:surprise|shock|shocker)\b|\bsurprise[,!\s]+surprise\b|\bcolou?r\s+me\s+(?:shocked|surprised)\b|\bwho\s+(?:would(?:\s+have|${AP}ve)\s+thought|knew)\b(?=\s*[?!.…])`,
        String.raw`\b(?:late|delayed|broken|down|useless|ignored|wrong|nothing|nobody|no\s*one|rubbish|terrible|awful|incompetent|again)\s+(?:[\w-]+\s+)?as\s+(?:per\s+)?usual\b`,
        String.raw`\bas\s+(?:per\s+)?usual\s*,?\s+(?:nobody|no\s*one|nothing|no\s+(?:reply|response|answer|help|update)|late|delayed|broken|useless|another\s+(?:delay|excuse))\b`,
      ].join('|'),
    },
    {
      explanation: 'Sarcastic "love how…"',
      pattern: [
        String.raw`\b(?:gotta|got\s+to|have\s+to|just|don${AP}?t\s+you\s+just|i\s+just)\s+love\s+(?:how|it\s+when)\b`,
        String.raw`\blove\s+how\s+(?:you|your\s+\w+|they|nobody|no\s*one|i|it|there${AP}s|i${AP}m|i${AP}ve)\b${gap(2)}\s+(?:still|never|keep|keeps|can${AP}?t|cannot|won${AP}?t|don${AP}?t|doesn${AP}?t|didn${AP}?t|isn${AP}?t|aren${AP}?t|have\s+to|had\s+to|nothing|again|another)\b`,
      ].join('|'),
    },
  ],
};

const faultyProduct: PhraseDetector = {
  kind: 'faulty_product',
  keys: [
    'broken', 'damaged', 'defective', 'faulty', 'malfunction', 'malfunctioning', 'cracked',
    'smashed', 'shattered', 'dented', 'scratched', 'leak', 'leaks', 'leaking', 'leaked', 'dead',
    'doa', 'stopped', 'stops', 'stop', 'quit', 'quits', 'working', 'functioning', 'loading',
    'charging', 'connecting', 'responding', 'work', 'works', 'turn', 'switch', 'power', 'start',
    'boot', 'charge', 'load', 'open', 'connect', 'sync', 'play', 'stream', 'pair', 'print',
    'install', 'update', 'respond', 'log', 'sign', 'crashing', 'freezing', 'dying',
    'disconnecting', 'dropping', 'restarting', 'rebooting', 'breaking', 'failing', 'glitching',
    'buffering', 'lagging', 'logging', 'shutting', 'turning', 'cutting', 'crash', 'crashes',
    'crashed', 'freezes', 'froze', 'glitch', 'glitches', 'glitchy', 'bug', 'bugs', 'buggy', 'error',
    'errors', 'missing', 'parts', 'part', 'pieces', 'piece', 'components', 'screws', 'accessories',
    'charger', 'cable', 'battery', 'instructions', 'apart', 'quality', 'cheaply', 'unusable', 'fit',
    'broke', 'outage', 'down', 'keep', 'keeps',
  ],
  rules: [
    {
      explanation: 'Says the product is broken or damaged',
      pattern: [
        String.raw`\b(?:broken|damaged|defective|faulty|malfunction(?:ing|ed|s)?|cracked|smashed|shattered|dented|scratched|leak(?:ing|s|ed)|dead\s+on\s+arrival|doa|unusable)\b`,
        String.raw`\b(?:it|this|that|they|which|has|have|just|already|screen|handle|strap|zip|zipper|lid)\s+broke\b|\bbroke\s+(?:down|after|within|apart|again)\b`,
      ].join('|'),
    },
    {
      explanation: 'Says something does not work: errors, crashes or failures',
      pattern: [
        String.raw`\b(?:stopped|stops|stop|quit|quits)\s+working\b`,
        String.raw`\b(?:not|isn${AP}?t|aren${AP}?t|wasn${AP}?t|weren${AP}?t|never)\s+(?:(?:even|properly|been)\s+)?(?:working|functioning|loading|charging|connecting|responding)\b`,
        String.raw`\b(?:does${NT}|don${AP}?t|do\s+not|did${NT}|won${AP}?t|will\s+not|never)\s+(?:(?:even|properly|actually)\s+)?(?:work|turn\s+on|switch\s+on|power\s+on|start(?:\s+up)?|boot(?:\s+up)?|charge|load|open|connect|sync|play|stream|pair|print|install|update|respond)\b`,
        String.raw`\b(?:can${AP}?t|cannot|unable\s+to)\s+(?:(?:even|properly|actually)\s+)?(?:log\s+in|login|sign\s+in|connect|load|open|turn\s+(?:it\s+)?on|start|boot)\b`,
        String.raw`\bkeeps?\s+(?:on\s+)?(?:crashing|freezing|dying|disconnecting|dropping|restarting|rebooting|breaking|failing|glitching|buffering|lagging|logging\s+me\s+out|shutting\s+(?:down|off)|turning\s+off|cutting\s+out)\b`,
        String.raw`\b(?:crash(?:es|ed|ing)?|freezes|froze|glitch(?:es|y|ing)?|bugs?|buggy|outage)\b`,
        String.raw`(?<!\b(?:billing|payment|pricing|charging|invoice|invoicing|human|typing|spelling|clerical|my)\s)\berrors?\b`,
        String.raw`\b(?:is|are|was|keeps\s+going)\s+down\b(?!\s+(?:to|by|from)\b)`,
      ].join('|'),
    },
    {
      explanation: 'Reports missing parts or poor quality',
      pattern: [
        String.raw`\b(?:missing|no)\s+(?:parts?|pieces?|components?|screws|accessories|charger|cable|battery|instructions)\b`,
        String.raw`\b(?:parts?|pieces?|components?|screws|accessories)\s+(?:(?:are|were|was|is)\s+)?missing\b`,
        String.raw`\b(?:fell|falling|came|coming)\s+apart\b|\b(?:poor|low|terrible|awful|shoddy|cheap|bad)\s+quality\b|\bcheaply\s+made\b|\bnot\s+fit\s+for\s+purpose\b`,
      ].join('|'),
    },
  ],
};

const ITEM = String.raw`(?:orders?|packages?|parcels?|deliver(?:y|ies)|items?|shipments?|goods|purchases?|products?|stuff|box(?:es)?|furniture|phone|laptop|food|groceries|letter|card|replacement)`;
const NOT_YET = String.raw`(?:hasn${AP}?t|has\s+not|haven${AP}?t|have\s+not|didn${AP}?t|did\s+not|never|still\s+(?:not|hasn${AP}?t|haven${AP}?t)|not\s+yet|yet\s+to)`;

const deliveryProblem: PhraseDetector = {
  kind: 'delivery_problem',
  keys: [
    'arrive', 'arrived', 'arriving', 'delivered', 'delivery', 'deliveries', 'shipped', 'shipping',
    'shipment', 'shipments', 'dispatched', 'turned', 'turn', 'shown', 'showed', 'show', 'come',
    'came', 'posted', 'sent', 'left', 'received', 'receive', 'got', 'gotten', 'get', 'late',
    'delayed', 'lost', 'missing', 'stolen', 'wrong', 'incorrect', 'damaged', 'undelivered',
    'misdelivered', 'partial', 'incomplete', 'order', 'orders', 'package', 'packages', 'parcel',
    'parcels', 'item', 'items', 'goods', 'purchase', 'purchases', 'product', 'products', 'stuff',
    'box', 'boxes', 'furniture', 'phone', 'laptop', 'food', 'groceries', 'letter', 'card',
    'replacement', 'tracking', 'tracker', 'marked', 'says', 'said', 'shows', 'where', 'wheres',
    'stuck', 'held', 'transit', 'customs', 'warehouse', 'missed', 'failed', 'attempted', 'here',
    'post', 'mail',
  ],
  rules: [
    {
      explanation: 'Delivery problem: late, lost or never arrived',
      pattern: [
        String.raw`\b${NOT_YET}\s+(?:(?:even|yet|actually)\s+)?(?:been\s+)?(?:arrived?|delivered|shipped|dispatched|turned\s+up|shown\s+up|showed\s+up|show\s+up|turn\s+up|come|came|posted|sent\s+out|left\s+the\s+warehouse)\b(?!\s+with\b)`,
        String.raw`\b${NOT_YET}\s+(?:(?:even|yet|actually)\s+)?(?:received|got(?:ten)?|get|receive)\s+(?:my|the|our|a|an|any|this|that|his|her)\s+(?:[\w-]+\s+)?${ITEM}\b`,
        String.raw`\b(?:late|delayed|lost|missing|stolen|undelivered|misdelivered|partial|incomplete)\s+(?:[\w-]+\s+)?(?:deliver(?:y|ies)|packages?|parcels?|orders?|shipments?|items?|box(?:es)?|shipping|post|mail)\b`,
        String.raw`\b${ITEM}\s+(?:[\w-]+\s+)?(?:is|was|has\s+been|have\s+been|got|went|are|were|still|seems\s+to\s+be|appears\s+to\s+be)\s+(?:[\w-]+\s+)?(?:lost|missing|stolen|delayed|late|stuck|held\s+up|returned\s+to\s+sender|sent\s+back|nowhere\s+to\s+be\s+(?:found|seen)|overdue|undelivered)\b`,
        String.raw`\b(?:tracking|tracker|app|website|status|it|e-?mail|notification)\s+(?:[\w-]+\s+)?(?:says|said|shows|showed|claims|claimed|states|stated|reads)\s+(?:it\s+(?:was|has\s+been|is|${AP}s)\s+|(?:as\s+)?)?delivered\b|\bmarked\s+(?:as\s+)?delivered\b|\b(?:says|said|shows)\s+delivered\b`,
        String.raw`\bwhere(?:${AP}s|s|\s+is|\s+are|\s+the\s+hell\s+is|\s+on\s+earth\s+is|\s+tf\s+is)\s+my\s+(?:[\w-]+\s+)?(?:orders?|packages?|parcels?|deliver(?:y|ies)|stuff|items?|shipment|goods|purchase|food|groceries|box)\b`,
        String.raw`\b(?:lost|stuck|held)\s+(?:up\s+)?in\s+(?:the\s+)?(?:post|mail|transit|customs|warehouse|limbo)\b|\bdelivered\s+to\s+(?:the\s+)?wrong\s+(?:address|house|person|door|building|flat|apartment|city)\b|\b(?:missed|failed|attempted)\s+deliver(?:y|ies)\b`,
        String.raw`\b(?:not|never)\s+(?:been\s+)?delivered\b|\bstill\s+(?:not|isn${AP}?t|hasn${AP}?t)\s+(?:here|arrived|delivered)\b|\b(?:no|zero|without)\s+(?:tracking|delivery|shipping)\s+(?:updates?|info(?:rmation)?|number)\b`,
      ].join('|'),
    },
    {
      explanation: 'Received the wrong item',
      pattern: String.raw`\b(?:wrong|incorrect)\s+(?:[\w-]+\s+)?(?:deliver(?:y|ies)|packages?|parcels?|orders?|items?|products?|size|colou?r|model|box(?:es)?)\b`,
    },
  ],
};

const billingProblem: PhraseDetector = {
  kind: 'billing_problem',
  keys: [
    'charged', 'charge', 'charges', 'charging', 'billed', 'bill', 'bills', 'billing', 'debited',
    'debit', 'debits', 'deducted', 'taken', 'took', 'taking', 'paid', 'twice', 'double', 'triple',
    'duplicate', 'overcharged', 'overcharging', 'overcharge', 'overbilled', 'over', 'wrong',
    'incorrect', 'inflated', 'unexpected', 'unknown', 'mystery', 'random', 'surprise', 'sneaky',
    'hidden', 'unfair', 'unauthorized', 'unauthorised', 'fraudulent', 'strange', 'weird', 'bogus',
    'excessive', 'payment', 'payments', 'pricing', 'invoice', 'invoices', 'invoicing', 'still',
    'keep', 'keeps', 'kept', 'continue', 'continues', 'continued', 'never', 'didn', "didn't",
    'didnt', 'did', 'renewed', 'renewal', 'auto', 'autorenewed',
  ],
  rules: [
    {
      explanation: 'Billing problem: charged wrongly or unexpectedly',
      pattern: [
        String.raw`\b(?:charged|billed|debited|deducted|taken|took|charging|billing|charges?|paid)\s+(?:(?:me|us|my\s+(?:card|account))\s+)?(?:twice|two\s+times|three\s+times|double|triple|multiple\s+times|\d+\s+times|several\s+times|without\s+(?:my\s+)?(?:permission|consent|authori[sz]ation|asking))\b`,
        String.raw`\b(?:charged|billed|charging|overcharged)\s+(?:(?:me|us)\s+)?(?:too\s+much|extra|more\s+than)\b`,
        String.raw`\b(?:double|triple|duplicate)[- ]?(?:charged|billed|charges?|billing|payments?|debits?|transactions?)\b|\bover[- ]?(?:charg(?:ed|ing|es?)|bill(?:ed|ing))\b`,
        String.raw`\b(?:wrong|incorrect|inflated|unexpected|unknown|mystery|random|surprise|sneaky|hidden|unfair|unauthori[sz]ed|fraudulent|strange|weird|bogus|excessive)\s+(?:[\w-]+\s+)?(?:amounts?|charges?|bills?|billing|invoices?|fees?|payments?|transactions?|debits?|deductions?|costs?|prices?|surcharges?)\b`,
        String.raw`\bbilling\s+(?:error|mistake|issue|problem|screw[- ]?up|nightmare|mess|fiasco|glitch)s?\b|\b(?:payment|charging|invoice|invoicing|pricing)\s+(?:error|mistake)s?\b`,
        String.raw`\b(?:charged|billed|charging|billing|debited|taking\s+money|taken\s+money|took\s+money)\s+(?:(?:me|us)\s+)?(?:[\w-]+\s+){0,2}?(?:after|even\s+though|despite|although|though|when)\s+(?:i|we)\s+(?:(?:had|have|already)\s+)*(?:cancell?ed|unsubscribed|closed|returned|terminated|ended|stopped)\b`,
        String.raw`\b(?:still|keep|keeps|kept|continu(?:e|es|ed|ing)\s+to)\s+(?:(?:being|getting)\s+)?(?:charg(?:ed|ing)|bill(?:ed|ing)|debit(?:ed|ing)|taking\s+(?:money|payments?))\b`,
        String.raw`\b(?:never\s+(?:authori[sz]ed|agreed\s+to|signed\s+up\s+for)|did${NT}\s+(?:authori[sz]e|agree\s+to|sign\s+up\s+for))\s+(?:this|that|the|these|any)\s+(?:[\w-]+\s+)?(?:charges?|payments?|subscription|renewal|transactions?|upgrade|plan|fees?)\b`,
        String.raw`\b(?:auto[- ]?renew(?:ed|al)|renewed)\s+without\b`,
      ].join('|'),
    },
  ],
};

const refund: PhraseDetector = {
  kind: 'refund',
  keys: ['refund', 'refunds', 'refunded', 'refunding', 'refundable', 'money', 'reimburse',
    'reimbursed', 'reimburses', 'reimbursing', 'reimbursement', 'reimbursements', 'compensate',
    'compensated', 'compensation', 'compensating', 'credit'],
  rules: [
    {
      explanation: 'Asks for a refund or their money back',
      pattern: [
        String.raw`\b(?:refund(?:s|ed|ing|able)?|money\s+back|reimburs(?:e|ed|es|ing|ements?))\b`,
        String.raw`\b(?:give|send|return|pay)\s+(?:me\s+)?(?:back\s+)?my\s+money\b|\breturn\s+of\s+my\s+money\b|\bcredit\s+(?:it\s+)?back\b`,
      ].join('|'),
    },
    {
      explanation: 'Asks for compensation',
      pattern: String.raw`\bcompensat(?:e|ed|ion|ing)\b`,
    },
  ],
};

const cancellation: PhraseDetector = {
  kind: 'cancellation',
  keys: [
    'cancel', 'cancels', 'canceled', 'cancelled', 'canceling', 'cancelling', 'cancellation',
    'cancelation', 'cancellations', 'unsubscribe', 'unsubscribed', 'unsubscribing', 'opt',
    'opting', 'close', 'closing', 'delete', 'deleting', 'terminate', 'terminating', 'end',
    'ending', 'stop', 'stopping', 'shut', 'deactivate', 'deactivating',
  ],
  rules: [
    {
      explanation: 'Wants to cancel or talks about cancelling',
      pattern: [
        String.raw`\b(?:cancel(?:l?ing|l?ed|s)?|cancell?ations?|unsubscrib(?:e|ed|ing)|opt(?:ing)?\s+out)\b`,
        String.raw`\b(?:close|closing|delete|deleting|terminate|terminating|end|ending|stop|stopping|shut\s+down|deactivate|deactivating)\s+(?:my|our)\s+(?:[\w-]+\s+)?(?:accounts?|subscriptions?|memberships?|contracts?|plans?|services?|subs?)\b`,
      ].join('|'),
    },
  ],
};

const policyDispute: PhraseDetector = {
  kind: 'policy_dispute',
  keys: [
    'policy', 'policies', 'rules', 'rule', 'terms', 'conditions', 'cs', "t's", "c's", 'fine', 'small',
    'print', 'window', 'period', 'deadline', 'exception', 'exceptions', 'covered', 'cover',
    'warranty', 'guarantee', 'void', 'voids', 'voided', 'invalidate', 'invalidates', 'invalidated',
    'invalidating', 'restrictions', 'restriction', 'restocking', 'fee', 'fees', 'refundable',
    'non', 'nonrefundable',
  ],
  rules: [
    {
      explanation: 'Disputes a policy or its terms',
      pattern: [
        String.raw`\b(?:your|their|company|the\s+company${AP}?s?)\s+(?:(?:stupid|ridiculous|absurd|silly|crazy|unfair|dumb|pathetic|idiotic|terrible|awful|new|so[- ]called|return|returns|refund|cancellation|warranty)\s+){0,2}(?:polic(?:y|ies)|rules|terms)\b`,
        String.raw`\b(?:ridiculous|stupid|absurd|unfair|silly|crazy|dumb|idiotic|ludicrous|outrageous|terrible|awful|insane|pathetic|nonsense|draconian|unreasonable|bs|bullshit|rubbish|garbage|joke\s+of\s+a)\s+(?:[\w-]+\s+)?(?:polic(?:y|ies)|rules?|terms|restrictions?)\b`,
        String.raw`\b(?:polic(?:y|ies)|rules)\s+(?:is|are)\s+(?:a\s+)?(?:ridiculous|stupid|absurd|unfair|joke|nonsense|insane|crazy|outrageous|unreasonable)\b`,
        String.raw`\bterms\s+(?:and|&|n)\s+conditions\b|\bt\s*&\s*cs?\b|\bt${AP}s\s*(?:and|&)\s*c${AP}s\b|\b(?:fine|small)\s+print\b`,
        String.raw`\b(?:(?:outside|past|beyond|after|missed|over|exceeded|passed)\s+(?:the|your|my|our|a)\s+(?:\d+[- ]days?\s+)?)?(?:return|returns|refund|exchange|cancellation|cooling[- ]off|warranty)\s+(?:window|period|deadline)\b`,
        String.raw`\bno\s+exceptions?\b|\b(?:not|isn${AP}?t|is\s+not|wasn${AP}?t|aren${AP}?t|won${AP}?t\s+be)\s+covered\s+(?:by|under)\s+(?:(?:the|your|my|our)\s+)?(?:warranty|guarantee|policy|insurance|plan|protection)\b`,
        String.raw`\bwarranty\s+(?:doesn${AP}?t|does\s+not|won${AP}?t|will\s+not|didn${AP}?t)\s+cover\b|\b(?:void(?:s|ed)?|invalidat(?:e|es|ed|ing))\s+(?:(?:the|my|your)\s+)?(?:warranty|guarantee)\b`,
        String.raw`\b(?:against|violates?|per|according\s+to)\s+(?:your|the|company|their)\s+(?:[\w-]+\s+)?(?:polic(?:y|ies)|rules|terms)\b|\b(?:that${AP}s|thats|that\s+is|it${AP}s|it\s+is|this\s+is)\s+(?:(?:just|apparently|supposedly)\s+)?the\s+policy\b`,
        String.raw`\brestocking\s+fees?\b|\bnon[- ]?refundable\b`,
      ].join('|'),
    },
  ],
};

/** Profanity that is more than a single word: "the hell", and swear words masked with symbols. */
const profanityPhrases: PhraseDetector = {
  kind: 'profanity',
  keys: ['hell'],
  rules: [
    {
      explanation: 'Swearing',
      pattern: [
        String.raw`\b(?:the|to|like|from|holy|bloody|living|in|as)\s+hell\b|\bhell\s+(?:no|nah)\b`,
        String.raw`\b(?:f[*#@%$]{1,3}c?k(?:ing|in|ed|er|ers|s)?|f[*#@%$]{2,4}(?:ing|in|ed)?|sh?[*#@%$]{1,2}i?t(?:ty|s)?|b[*#@%$]{1,2}t?ch(?:es)?|b[*#@%$]{3,4}h?|a[*#@%$]{1,2}hole|c[*#@%$]{1,2}nt|c[*#@%$]{3}|d[*#@%$]mn|bull[*#@%$]{1,4}t?)(?![\w*#@%$])`,
      ].join('|'),
    },
  ],
};

/**
 * Every phrase detector in the order its signals are gathered. The masked-swearing rule of
 * `profanityPhrases` has no key word: `detectSignals` runs it when it sees a symbol inside a
 * word, the "/s" rule of `sarcasm` when it sees "/s", and T&Cs when it sees "&".
 */
export const PHRASE_DETECTORS: readonly PhraseDetector[] = [
  insult,
  threat,
  managerDemand,
  repeatedContact,
  longWait,
  notHeard,
  brokenPromise,
  sarcasm,
  faultyProduct,
  deliveryProblem,
  billingProblem,
  refund,
  cancellation,
  policyDispute,
  profanityPhrases,
];

function ordinalSuffix(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  const suffix = ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}
