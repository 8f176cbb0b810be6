import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip } from './quote-text.js';

/** clip as first written: every text folded with a regex. */
function clipByRegex(text: string, max = 60): string {
  const t = (text.length > 4 * max ? text.slice(0, 4 * max) : text).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

const WHITE = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2009', '\u3000', '\ufeff'];

describe('clip', () => {
  it('folds and cuts as the regex does, with or without white space to fold', () => {
    const piece = fc.oneof(
      fc.constantFrom(...WHITE),
      fc.string({ maxLength: 12 }),
      fc.constantFrom('refund', 'I will call you', '…', 'x'),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.integer({ min: 1, max: 120 }),
        (parts, max) => {
          const text = parts.join('');
          expect(clip(text, max)).toBe(clipByRegex(text, max));
          expect(clip(text)).toBe(clipByRegex(text));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
