import type { ReplyMove, ReplyMoveKind } from '../reply/types.js';
import type { Signal } from '../signals/types.js';
import { explainImpoliteness, hasImpoliteCue } from './impoliteness.js';
import {
  atSentenceStart,
  cased,
  dropWithCase,
  dropWord,
  normalise,
  replaceAt,
  replaceClause,
} from './rewrite-spans.js';
import type { Topic } from './topics.js';
import type { CoachFinding, CoachRewrite, CoachSeverity } from './types.js';

/*
 * The coach's findings on the draft itself: the moves that make an upset customer angrier
 * (blocking phrases, conditional apologies, blame, dismissive words, hand-offs), the customer's
 * tone mirrored back (sarcasm, capitals, "!!!", swearing), and curt sentences.
 */

/** Sum of impolite cue weights a sentence needs before its tone is flagged. */
const MIN_IMPOLITE_CUES = 1.0;
/** Only this many sentences of the draft are scored for tone: a pasted log is not a reply. */
const MAX_TONE_SENTENCES = 60;

/** What the move rules need to know besides the move. */
export interface RuleContext {
  draft: string;
  upset: boolean;
  /** The customer's main topic, for sincere apologies; undefined when unknown. */
  topic: Topic | undefined;
}

const SITE_NOUN =
  /(website|web\s*site|site|faqs?|help\s+(?:cent(?:er|re)|pages?|section|articles?)|knowledge\s+base|online\s+(?:form|portal)|terms(?:\s+and\s+conditions)?|t&cs)$/i;

function blockingFinding(m: ReplyMove, ctx: RuleContext): CoachFinding {
  const { draft } = ctx;
  const t = normalise(m.text);
  const severity: CoachSeverity = ctx.upset ? 'problem' : 'warning';
  const base = { rule: 'blocking-phrase', start: m.start, end: m.end, text: m.text };
  if (t === 'unfortunately') {
    return {
      ...base,
      severity: 'info',
      why: '"Unfortunately" announces a "no": lead with what you can do',
      rewrite: dropWithCase(draft, m.start, m.end),
    };
  }
  if (/nothing/.test(t)) {
    return {
      ...base,
      severity,
      why: '"Nothing I can do" closes the door: say what you can do',
      rewrite: replaceAt(
        draft,
        m.start,
        m.end,
        /^there/.test(t) ? "here's what I can do" : 'what I can do is this',
      ),
    };
  }
  if (
    /possible|not an option|not allowed|not permitted|not something/.test(t) &&
    !/^(?:i|we)\b/.test(t)
  ) {
    return {
      ...base,
      severity,
      why: '"Not possible" sounds final: look for what is possible',
      rewrite: replaceAt(draft, m.start, m.end, "let me see what's possible"),
    };
  }
  if (/polic/.test(t)) {
    const why = 'Hiding behind policy sounds like "no": explain what you can do instead';
    if (/^(?:as\s+per|per|according\s+to|due\s+to|because\s+of|under)\b/.test(t)) {
      return { ...base, severity, why, rewrite: dropWithCase(draft, m.start, m.end) };
    }
    if (/^(?:that|it|its|this)\b/.test(t)) {
      return {
        ...base,
        severity,
        why,
        rewrite: replaceAt(
          draft,
          m.start,
          m.end,
          'let me explain how this works and what I can do',
        ),
      };
    }
    return {
      ...base,
      severity,
      why,
      rewrite: replaceClause(draft, m.start, 'let me explain how this works and what I can do'),
    };
  }
  if (/^(?:that|it|its|this)\b.*\b(?:against|within|outside)\b/.test(t)) {
    return {
      ...base,
      severity,
      why: 'Quoting the rules sounds like "no": say what you can do',
      rewrite: replaceClause(draft, m.start, 'let me see what I can do'),
    };
  }
  const site = SITE_NOUN.exec(t);
  if (site !== null) {
    return {
      ...base,
      severity,
      why: 'Sending them away to the website feels like a brush-off: offer to do it here',
      rewrite: replaceAt(
        draft,
        m.start,
        m.end,
        `I can take care of this for you here, or you can use our ${m.text.slice(m.text.length - (site[1] as string).length)}`,
      ),
    };
  }
  if (/^you('ll| will) have to$/.test(t)) {
    return {
      ...base,
      severity,
      why: '"You\'ll have to" orders the customer about: show the easiest way instead',
      rewrite: replaceAt(draft, m.start, m.end, 'the quickest way is to'),
    };
  }
  if (/out of|beyond/.test(t)) {
    return {
      ...base,
      severity,
      why: '"Out of my hands" disowns the problem: say what you will chase',
      rewrite: {
        start: m.start,
        end: m.end,
        replacement: m.text.replace(
          /(?:out\s+of|beyond)\s+(?:my|our)\s+(?:hands|control)/i,
          "something I'll chase for you",
        ),
      },
    };
  }
  return {
    ...base,
    severity,
    why: 'Saying what you can\'t do sounds like "no": say what you can do',
    rewrite: replaceClause(draft, m.start, 'let me see what I can do'),
  };
}

function conditionalApologyFinding(m: ReplyMove, ctx: RuleContext): CoachFinding {
  const { draft } = ctx;
  const t = normalise(m.text);
  const we = /^(?:we|our)\b/.test(t);
  const sorry = we ? "we're sorry" : "I'm sorry";
  const about = ctx.topic?.sorry;
  const base = {
    rule: 'conditional-apology',
    start: m.start,
    end: m.end,
    text: m.text,
    severity: (ctx.upset ? 'problem' : 'warning') as CoachSeverity,
  };
  if (/but$/.test(t)) {
    // Keep the apology, end it there, and let what follows stand as its own sentence.
    const stripped = m.text.replace(/\s*,?\s*but$/i, '');
    const apology = /^(?:sorry|apologies)$/i.test(stripped) ? sorry : stripped;
    const next = nextWord(draft, m.end);
    return {
      ...base,
      why: '"Sorry, but" takes the apology back: apologise, then explain separately',
      rewrite: {
        start: m.start,
        end: next.end,
        replacement: `${cased(apology, atSentenceStart(draft, m.start))}.${next.word === '' ? '' : ` ${next.word}`}`,
      },
    };
  }
  if (
    /inconvenience|trouble|confusion|frustration|issue|problem|misunderstanding|disruption|distress|upset$/.test(
      t,
    ) &&
    /\bfor\b|regret/.test(t)
  ) {
    return {
      ...base,
      why: '"Sorry for any inconvenience" sounds scripted: name what went wrong',
      rewrite: replaceAt(
        draft,
        m.start,
        m.end,
        `${sorry} for ${about ?? 'the trouble this has caused you'}`,
      ),
    };
  }
  if (/mistakes were made/.test(t)) {
    return {
      ...base,
      why: '"Mistakes were made" avoids saying who made them: own it',
      rewrite: replaceAt(draft, m.start, m.end, 'we made a mistake'),
    };
  }
  return {
    ...base,
    why: 'A conditional apology ("sorry if you feel...") blames their feelings: apologise for what happened',
    rewrite: replaceAt(
      draft,
      m.start,
      m.end,
      about === undefined ? `${sorry} this happened` : `${sorry} about ${about}`,
    ),
  };
}

function blameFinding(m: ReplyMove, ctx: RuleContext): CoachFinding {
  const { draft } = ctx;
  const t = normalise(m.text);
  const base = {
    rule: 'blame',
    start: m.start,
    end: m.end,
    text: m.text,
    severity: 'problem' as CoachSeverity,
  };
  if (/^(?:as|like)\s+(?:i|we|previously|already)\b/.test(t) && !/clearly|plainly/.test(t)) {
    return {
      ...base,
      why: '"As I already said" scolds the customer for not listening: just restate it',
      rewrite: replaceAt(draft, m.start, m.end, 'to recap'),
    };
  }
  if (/already\s+(?:told|explained)/.test(t)) {
    const after = /^\s+that\b/i.exec(draft.slice(m.end));
    const end = m.end + (after?.[0].length ?? 0);
    const final = /^\s*(?:[.!?]|$)/.test(draft.slice(end));
    return {
      ...base,
      why: '"I already told you" scolds the customer for not listening: just restate it',
      rewrite: replaceAt(draft, m.start, end, final ? "here's a quick recap" : 'to recap,'),
    };
  }
  if (/clearly|plainly/.test(t) && /^(?:as|which)\b/.test(t)) {
    return {
      ...base,
      why: '"As clearly stated" implies the customer should have known: drop the "clearly"',
      rewrite: {
        start: m.start,
        end: m.end,
        replacement: m.text.replace(/\s+(?:clearly|plainly)\b/i, ''),
      },
    };
  }
  return {
    ...base,
    why: 'Blaming the customer starts an argument: focus on what happens now',
    rewrite: replaceClause(draft, m.start, "let's look at what we can do now"),
  };
}

/** Words that lead into a dismissive phrase and go with it: "please calm down", "you need to relax". */
const DISMISSIVE_LEAD =
  /(?:(?:please|just|you\s+(?:need|have|ought)\s+to|(?:can|could|would|will)\s+you|try\s+to)\s+){1,2}$/i;

function dismissiveFinding(m: ReplyMove, ctx: RuleContext): CoachFinding {
  const { draft } = ctx;
  const lead = DISMISSIVE_LEAD.exec(draft.slice(Math.max(0, m.start - 40), m.start));
  const start = m.start - (lead?.[0].length ?? 0);
  let end = m.end;
  const please = /^\s*,?\s*please\b/i.exec(draft.slice(end));
  if (please !== null) end += please[0].length;
  const acknowledge = 'I can see how upsetting this is';
  const comma = /^\s*,\s*([a-z])/i.exec(draft.slice(end));
  const rewrite: CoachRewrite =
    comma !== null
      ? {
          start,
          end: end + comma[0].length,
          replacement: `${acknowledge}. ${(comma[1] as string).toUpperCase()}`,
        }
      : { start, end, replacement: acknowledge };
  return {
    rule: 'dismissive',
    start: m.start,
    end: m.end,
    text: m.text,
    severity: 'problem',
    why: 'Telling an upset customer to calm down makes them angrier: acknowledge the feeling instead',
    rewrite,
  };
}

const CONTACT_VERB =
  /(contact|call|ring|phone|e-?mail|message|reach\s+out\s+to|speak\s+(?:to|with)|talk\s+to|get\s+in\s+touch\s+with|write\s+to|go\s+through|get\s+hold\s+of|raise\s+(?:it|this|that)\s+with|take\s+(?:it|this|that)\s+up\s+with)\b/i;
const RESPONSIBLE_VERB: Record<string, string> = {
  handles: 'handle',
  'deals with': 'deal with',
  'takes care of': 'take care of',
  'looks after': 'look after',
  covers: 'cover',
  manages: 'manage',
};

function handoffFinding(m: ReplyMove, ctx: RuleContext): CoachFinding {
  const { draft } = ctx;
  const t = normalise(m.text).replace(/\s+/g, ' ');
  const severity: CoachSeverity = ctx.upset ? 'problem' : 'warning';
  const base = { rule: 'handoff', start: m.start, end: m.end, text: m.text };
  const own = 'Passing the customer on makes them start again: own it and say what you will do';
  if (/transfer|pass|redirect|forward|refer|put you/.test(t) && /\byou\b/.test(t)) {
    const warm = /^let me /.test(t)
      ? `${m.text.slice(0, 7)}brief my colleague so you won't have to repeat anything, and then ${m.text.slice(7)}`
      : m.text.replace(
          /^(.*?)((?:now\s+)?(?:transfer|pass|redirect|forward|refer|put)(?:ring|ing)?\b.*)$/i,
          (_all, head: string, rest: string) =>
            /ing\b/i.test(rest.split(/\s/)[0] ?? '')
              ? `${head}briefing my colleague so you won't have to repeat anything, and ${rest}`
              : `${head}brief my colleague so you won't have to repeat anything, and ${rest}`,
        );
    return {
      ...base,
      severity: 'info',
      why: 'A transfer is fine when it is warm: brief your colleague so the customer need not repeat the story',
      rewrite: { start: m.start, end: m.end, replacement: warm },
    };
  }
  const verb = CONTACT_VERB.exec(m.text);
  if (/^you('ll| will) (need|have) to /.test(t) && verb !== null) {
    return {
      ...base,
      severity,
      why: own,
      rewrite: replaceAt(draft, m.start, m.end, `I'll ${verb[0].toLowerCase()}`),
    };
  }
  if (/^you /.test(t) && verb !== null) {
    const rest = m.text.slice(verb.index);
    const theirs = /\b(?:your|their)\s/i.test(rest);
    return {
      ...base,
      severity,
      why: own,
      rewrite: replaceAt(
        draft,
        m.start,
        m.end,
        `${theirs ? "I'll help you " : "I'll "}${rest.charAt(0).toLowerCase()}${rest.slice(1)}`,
      ),
    };
  }
  if (verb !== null && verb.index <= 12) {
    // An order: "Please call our billing team".
    const rest = m.text.slice(verb.index);
    return {
      ...base,
      severity,
      why: own,
      rewrite: replaceAt(
        draft,
        m.start,
        m.end,
        `I'll ${rest.charAt(0).toLowerCase()}${rest.slice(1)}`,
      ),
    };
  }
  const responsible =
    /(handles|deals with|takes care of|looks after|covers|manages|is responsible)$/.exec(t);
  if (responsible !== null) {
    const v = RESPONSIBLE_VERB[responsible[1] as string];
    return {
      ...base,
      severity,
      why: own,
      rewrite: replaceAt(
        draft,
        m.start,
        m.end,
        v === undefined
          ? "I'll personally follow this up with the team responsible"
          : `I'll get the right team to ${v}`,
      ),
    };
  }
  const handledBy = /by (another|a different|the other|our|the|a separate)$/.exec(t);
  if (handledBy !== null) {
    return {
      ...base,
      severity,
      why: own,
      rewrite: replaceAt(
        draft,
        m.start,
        m.end,
        `I'll make sure this gets to ${handledBy[1] as string}`,
      ),
    };
  }
  const object = /^(?:i|we) (?:don't|do not|can't|cannot) (?:handle|deal with|do) (\S+)/.exec(t);
  return {
    ...base,
    severity,
    why: own,
    rewrite: replaceAt(
      draft,
      m.start,
      m.end,
      object === null
        ? "I'll make sure the right team sorts this out"
        : `I'll make sure the right team handles ${object[1] as string}`,
    ),
  };
}

/**
 * "I understand your frustration, but that's our policy": the "but" takes the acknowledgement
 * back, so it does not count. The rewrite ends the acknowledgement there and lets what follows
 * stand as its own sentence, whose own findings then say how to put it.
 */
function undoneAcknowledgementFinding(m: ReplyMove, ctx: RuleContext): CoachFinding {
  const { draft } = ctx;
  const but = /\s*[,;.]?\s+(?:but|however)$/i.exec(m.text);
  const cut = m.start + (but?.index ?? m.text.length);
  return {
    rule: 'undone-acknowledgement',
    start: m.start,
    end: m.end,
    text: m.text,
    severity: 'warning',
    why: 'The "but" takes the acknowledgement back: end the sentence there, then say what you can do',
    rewrite: sentenceBreak(draft, cut, m.end),
  };
}

/**
 * Ends the sentence at `cut` and drops `draft.slice(cut, end)` (a "but", a comma): the next
 * word starts the new sentence with a capital. The span covers that whole word, so the
 * rewrite reads as words ("frustration but that's" becomes "frustration. That's"), never as a
 * stray letter.
 */
function sentenceBreak(draft: string, cut: number, end: number): CoachRewrite {
  let from = cut;
  while (from > 0 && /[\w'’]/.test(draft.charAt(from - 1))) from--;
  const head = draft.slice(from, cut);
  const next = nextWord(draft, end);
  if (next.word === '') return { start: from, end: next.end, replacement: `${head}.` };
  return { start: from, end: next.end, replacement: `${head}. ${next.word}` };
}

/** The word after `from` (past spaces and commas), with a capital, and where it ends. */
function nextWord(draft: string, from: number): { word: string; end: number } {
  let start = from;
  while (start < draft.length && /[\s,]/.test(draft.charAt(start))) start++;
  let end = start;
  while (end < draft.length && /[\w'’-]/.test(draft.charAt(end))) end++;
  const word = draft.slice(start, end);
  return { word: word.charAt(0).toUpperCase() + word.slice(1), end: word === '' ? from : end };
}

/** The findings of the moves that make an upset customer angrier, by kind. */
export const MOVE_RULES: Partial<
  Record<ReplyMoveKind, (m: ReplyMove, ctx: RuleContext) => CoachFinding>
> = {
  blocking: blockingFinding,
  undone_acknowledgement: undoneAcknowledgementFinding,
  conditional_apology: conditionalApologyFinding,
  blame: blameFinding,
  dismissive: dismissiveFinding,
  handoff: handoffFinding,
};

// The rules on the draft's own signals: mirroring the customer.

/** Quotation marks that open and close a quote. */
const QUOTE_MARKS = /["“”«»]/g;

/**
 * True when `draft.slice(start, end)` sits inside quotation marks on its line: the agent is
 * quoting someone, not speaking.
 */
function insideQuotes(draft: string, start: number, end: number): boolean {
  const lineStart = draft.lastIndexOf('\n', start - 1) + 1;
  const before = draft.slice(lineStart, start).match(QUOTE_MARKS)?.length ?? 0;
  if (before % 2 === 0) return false;
  const lineEnd = draft.indexOf('\n', end);
  return QUOTE_MARKS.test(draft.slice(end, lineEnd < 0 ? draft.length : lineEnd));
}

/**
 * True when the words are the customer's own, quoted back as they wrote them: "you wrote
 * STOP SHOUTING AT ME" repeats their capitals, it does not shout.
 */
function customersWords(text: string, customerTexts: readonly string[]): boolean {
  return /\S\s+\S/.test(text.trim()) && customerTexts.some((t) => t.includes(text));
}

/** "I" stays a capital when a shouted sentence is put in plain case. */
function plainCase(text: string, sentenceStart: boolean): string {
  const lower = text.toLowerCase().replace(/\bi\b/g, 'I');
  return sentenceStart ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
}

export function signalFindings(
  draft: string,
  signals: readonly Signal[],
  customerShouted: boolean,
  upset: boolean,
  customerTexts: readonly string[] = [],
): CoachFinding[] {
  const out: CoachFinding[] = [];
  for (const s of signals) {
    // Quoting the customer is not the agent's own tone: their capitals, their words.
    if (
      (s.kind === 'shouting' || s.kind === 'exclamation') &&
      (insideQuotes(draft, s.start, s.end) ||
        (s.kind === 'shouting' && customersWords(s.text, customerTexts)))
    ) {
      continue;
    }
    const base = { start: s.start, end: s.end, text: s.text };
    switch (s.kind) {
      case 'sarcasm':
        out.push({
          ...base,
          rule: 'sarcasm',
          severity: 'problem',
          why: 'Sarcasm reads as contempt to an upset customer: say it plainly or not at all',
          rewrite: dropWord(draft, s.start, s.end),
        });
        break;
      case 'shouting': {
        out.push({
          ...base,
          rule: 'mirroring-capitals',
          severity: customerShouted ? 'problem' : 'warning',
          why: customerShouted
            ? "Capitals mirror the customer's shouting: stay calm in plain case"
            : 'Capitals read as shouting: write in plain case',
          rewrite: {
            start: s.start,
            end: s.end,
            replacement: plainCase(s.text, atSentenceStart(draft, s.start)),
          },
        });
        break;
      }
      case 'exclamation':
        out.push({
          ...base,
          rule: 'mirroring-exclamations',
          severity: upset ? 'warning' : 'info',
          why: 'Bursts of "!" raise the temperature: one full stop is calmer',
          rewrite: { start: s.start, end: s.end, replacement: '.' },
        });
        break;
      case 'profanity':
      case 'insult':
        out.push({
          ...base,
          rule: 'profanity',
          severity: 'problem',
          why:
            s.kind === 'insult'
              ? 'Never insult the customer, whatever they said: remove it'
              : 'Never swear in a reply, even to match the customer: remove it',
          rewrite: dropWord(draft, s.start, s.end),
        });
        break;
      default:
        break;
    }
  }
  return out;
}

// Tone: the politeness engine, sentence by sentence.

const SENTENCE = /[^.!?\n]+[.!?]*/g;

export function toneFindings(
  draft: string,
  threshold: number,
  taken: readonly CoachFinding[],
): CoachFinding[] {
  const out: CoachFinding[] = [];
  SENTENCE.lastIndex = 0;
  let n = 0;
  for (
    let m = SENTENCE.exec(draft);
    m !== null && n < MAX_TONE_SENTENCES;
    m = SENTENCE.exec(draft)
  ) {
    n++;
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (text.length < 3) continue;
    const start = m.index + lead;
    const end = start + text.length;
    // A sentence a specific rule already explains needs no second, vaguer finding.
    if (taken.some((f) => f.start < end && start < f.end)) continue;
    if (!hasImpoliteCue(text)) continue;
    const { score, cues } = explainImpoliteness(text);
    const rude = cues.filter((c) => c.weight > 0);
    const weight = rude.reduce((sum, c) => sum + c.weight, 0);
    if (score < threshold || weight < MIN_IMPOLITE_CUES) continue;
    out.push({
      rule: 'impolite-tone',
      start,
      end,
      text,
      severity: 'warning',
      why: `Reads as curt (${rude
        .slice(0, 2)
        .map((c) => c.label)
        .join(', ')}): soften it, e.g. "Could you..." or "I'd suggest..."`,
    });
  }
  return out;
}
