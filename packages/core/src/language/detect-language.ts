import { hashString } from '../text/hash.js';
import { IntTable } from '../text/int-table.js';
import { TokenBuffer, TokenKind, tokenizeInto } from '../text/tokenize.js';

/** What the engine believes about the language of a message. */
export interface LanguageGuess {
  /** ISO 639-1 code where known ("en", "es", ...), a script tag ("und-Cyrl") or "und". */
  code: string;
  /** True when the text reads as English: the only language this version's model reads. */
  english: boolean;
  /** One line for people: why the engine thinks so. */
  reason: string;
}

// Function words: the commonest words of each language, rarely shared between them.
const FUNCTION_WORDS: Record<string, readonly string[]> = {
  en: 'the a an and or but to of in on at for with is are was were be been it this that i you he she we they my your me not no do does did have has had will would can could just so what why how if from get got am im dont cant please thanks'.split(
    ' ',
  ),
  es: 'el la los las de del que y en un una por para con no es son pero muy mi su se lo al como más gracias hola ya esta está me nos ha han hay nadie nada también'.split(
    ' ',
  ),
  fr: 'le la les de des du et un une est pas je vous il elle nous en que qui pour avec sur mon ma mes ce cette merci bonjour très'.split(
    ' ',
  ),
  de: 'der die das und ist nicht ich sie es ein eine zu mit auf für von den dem mein bitte danke auch aber wie noch schon'.split(
    ' ',
  ),
  pt: 'o os as de do da dos das e um uma que não é em para com por meu minha mas muito obrigado você está'.split(
    ' ',
  ),
  it: 'il lo la gli le di e un una che non è per con mio mia sono ma grazie questo questa anche'.split(
    ' ',
  ),
  nl: 'de het een en van is niet ik je dat op te met voor zijn maar mijn dank wel ook nog'.split(
    ' ',
  ),
};

const LANGS = Object.keys(FUNCTION_WORDS);
/** For each function word (by hash), a bit per language it belongs to, in the order of LANGS. */
const langBits = new Map<number, number>();
LANGS.forEach((lang, bit) => {
  for (const w of FUNCTION_WORDS[lang] ?? []) {
    const key = hashString(w);
    langBits.set(key, (langBits.get(key) ?? 0) | (1 << bit));
  }
});
const WORD_LANGS = new IntTable(langBits);
const NON_ASCII = /[^\t-\u007f]/; // anything past ASCII (control characters count as ASCII)

const SCRIPTS: ReadonlyArray<readonly [number, number, string]> = [
  [0x0370, 0x03ff, 'und-Grek'],
  [0x0400, 0x052f, 'und-Cyrl'],
  [0x0590, 0x05ff, 'he'],
  [0x0600, 0x06ff, 'und-Arab'],
  [0x0900, 0x097f, 'und-Deva'],
  [0x0e00, 0x0e7f, 'th'],
  [0x3040, 0x30ff, 'ja'],
  [0x3400, 0x9fff, 'und-Hani'],
  [0xac00, 0xd7af, 'ko'],
];

/** The first and last code units any script of SCRIPTS holds: outside them, none. */
const SCRIPTS_FROM = 0x0370;
const SCRIPTS_TO = 0xd7af;

/** The index in SCRIPTS of the script `c` belongs to, or -1. */
function scriptOf(c: number): number {
  // Most characters past Latin in a customer message are emoji (surrogates, past SCRIPTS_TO)
  // and punctuation: out at once, without walking the list.
  if (c < SCRIPTS_FROM || c > SCRIPTS_TO) return -1;
  for (let k = 0; k < SCRIPTS.length; k++) {
    const script = SCRIPTS[k] as readonly [number, number, string];
    if (c >= script[0] && c <= script[1]) return k;
  }
  return -1;
}

/**
 * Guesses whether a message is English, cheaply: the share of letters in non-Latin scripts,
 * then which language's function words the Latin words are. Short or wordless texts
 * (emoji, "ok", a number) count as English, since nothing says otherwise.
 *
 * @example detectLanguage("Mi pedido no ha llegado y nadie me responde").english // false
 */
export function detectLanguage(
  text: string,
  tokens: TokenBuffer = tokenizeInto(text, new TokenBuffer()),
): LanguageGuess {
  let latin = 0;
  let other = 0;
  const otherScripts = new Int32Array(SCRIPTS.length);
  /** The scripts seen, in order of first appearance: the first of equals wins. */
  const seen: number[] = [];
  // Pure ASCII text is Latin: skip counting scripts.
  const scan = NON_ASCII.test(text) ? text.length : 0;
  for (let i = 0; i < scan; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) latin++;
    } else if (c <= 0x24f) {
      latin++;
    } else {
      const script = scriptOf(c);
      if (script >= 0) {
        other++;
        if (otherScripts[script] === 0) seen.push(script);
        otherScripts[script] = (otherScripts[script] ?? 0) + 1;
      }
    }
  }
  if (other > latin) {
    let best = 'und';
    let bestCount = 0;
    for (const k of seen) {
      const count = otherScripts[k] ?? 0;
      if (count > bestCount) {
        best = SCRIPTS[k]?.[2] ?? 'und';
        bestCount = count;
      }
    }
    return { code: best, english: false, reason: 'Written mostly in a non-Latin script' };
  }
  const hits = new Int32Array(LANGS.length);
  let words = 0;
  for (let t = 0; t < tokens.count; t++) {
    if (tokens.kinds[t] !== TokenKind.WORD || text.charCodeAt(tokens.starts[t] as number) > 0xff) {
      continue;
    }
    words++;
    const bits = WORD_LANGS.get(tokens.hashes[t] as number);
    // Only words of a single language are evidence ("no" is English and Spanish).
    if (bits === 0 || (bits & (bits - 1)) !== 0) continue;
    const b = 31 - Math.clz32(bits);
    hits[b] = (hits[b] ?? 0) + 1;
  }
  const en = hits[0] ?? 0; // LANGS[0] is "en"
  let best = 'en';
  let bestHits = en;
  for (let b = 1; b < LANGS.length; b++) {
    const h = hits[b] ?? 0;
    if (h > bestHits) {
      best = LANGS[b] ?? 'und';
      bestHits = h;
    }
  }
  // Only call a text foreign on real evidence: enough words and clearly more of another's.
  if (best !== 'en' && words >= 4 && bestHits >= 2 && bestHits >= 2 * en) {
    return {
      code: best,
      english: false,
      reason: `Reads as ${best}: ${bestHits} of ${words} words are its function words`,
    };
  }
  return {
    code: 'en',
    english: true,
    reason: words === 0 ? 'No words to judge' : 'Reads as English',
  };
}
