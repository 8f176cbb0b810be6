import { describe, expect, it } from 'vitest';
import { hashString } from './hash.js';
import { tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('lower-cases words and keeps their spans', () => {
    const text = 'Still NOT fixed';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['still', 'not', 'fixed']);
    for (const t of tokens) expect(text.slice(t.start, t.end).toLowerCase()).toBe(t.norm);
  });

  it('keeps contractions whole and straightens curly apostrophes', () => {
    expect(tokenize("I don’t know, can't say").map((t) => t.norm)).toEqual([
      'i',
      "don't",
      'know',
      "can't",
      'say',
    ]);
  });

  it('folds mentions, links and numbers', () => {
    expect(tokenize('@AcmeHelp see https://x.co/a?b=1 order 12345').map((t) => t.norm)).toEqual([
      '<user>',
      'see',
      '<url>',
      'order',
      '<num>',
    ]);
  });

  it('makes an emoji a token of its own', () => {
    const tokens = tokenize('so angry 😡😡');
    expect(tokens.map((t) => t.norm)).toEqual(['so', 'angry', '😡', '😡']);
  });

  it('returns nothing for empty, blank or symbol-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' \n\t ')).toEqual([]);
    expect(tokenize('!!! ??? ...')).toEqual([]);
  });

  it('does not split on a lone surrogate or NUL', () => {
    expect(tokenize('bad\uD800 thing\u0000here').map((t) => t.norm)).toEqual([
      'bad',
      'thing',
      'here',
    ]);
  });
});

describe('tokenize: hashes', () => {
  it('hashes each word as hashString of its normal form, stems as its first letters and a star', () => {
    const text = 'DISAPPOINTED with the Café’s service again, 2nd time';
    for (const t of tokenize(text)) {
      if (t.norm.startsWith('<')) continue;
      expect(t.hash).toBe(hashString(t.norm));
      expect(t.stem).toBe(t.norm.length > 6 ? hashString(`${t.norm.slice(0, 5)}*`) : -1);
    }
  });
});
