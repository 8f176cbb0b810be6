import { CalmdeskError } from '../errors.js';

/** The deepest nesting a request body may have: the API's own shapes need five levels. */
export const MAX_JSON_DEPTH = 32;
/** The most entries one array or object in a body may hold: a batch carries at most 1,000. */
export const MAX_JSON_ITEMS = 10_000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Where the string opened at `start` closes, or -1 when it never does. */
function closingQuote(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return -1;
    let backslashes = 0;
    for (let k = at - 1; text.charCodeAt(k) === BACKSLASH; k -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * Refuses, before `JSON.parse` sees it, JSON whose shape costs more than any request needs:
 * nesting deeper than MAX_JSON_DEPTH (five million "[" then "]" kept `JSON.parse` busy for
 * seconds, and the whole server with it) or an array or object of more than MAX_JSON_ITEMS
 * entries. One pass in linear time; strings are skipped with `indexOf`, so a body of long texts
 * costs little. Malformed JSON is left to `JSON.parse` to describe.
 */
export function checkJsonShape(text: string): void {
  const commas = new Uint32Array(MAX_JSON_DEPTH + 1);
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
      if (i < 0) return;
    } else if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) {
        throw new CalmdeskError(
          'invalid_json',
          `The body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep.`,
        );
      }
      commas[depth] = 0;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
      if (depth > 0) depth -= 1;
    } else if (c === COMMA && depth > 0) {
      const count = (commas[depth] ?? 0) + 1;
      commas[depth] = count;
      if (count >= MAX_JSON_ITEMS) {
        throw new CalmdeskError(
          'invalid_request',
          `An array or object in the body has more than ${MAX_JSON_ITEMS.toLocaleString('en')} entries.`,
        );
      }
    }
  }
}
