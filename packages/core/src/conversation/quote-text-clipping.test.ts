import { describe, expect, it } from 'vitest';
import { clip } from './quote-text.js';

// Issue 13, item 8: quotes cut for hand-off summaries are stored and sent on; a cut inside an
// emoji's surrogate pair would keep a lone surrogate.

const LONE_SURROGATE = /\p{Cs}/u;

describe('clip never splits a character', () => {
  it('drops an emoji that would be cut in half, and keeps one that fits', () => {
    expect(clip(`${'a'.repeat(58)}😀 and more`, 60)).toBe(`${'a'.repeat(58)}…`);
    expect(clip(`${'a'.repeat(57)}😀 and more`, 60)).toBe(`${'a'.repeat(57)}😀…`);
  });

  it('keeps no lone surrogate at any length, nor in a long text folded down', () => {
    const text = '😀'.repeat(100);
    for (let max = 2; max < 70; max += 1) {
      expect(LONE_SURROGATE.test(clip(text, max)), `max ${max}`).toBe(false);
    }
    const spaced = `${' '.repeat(300)}${'😀'.repeat(10)}`;
    expect(LONE_SURROGATE.test(clip(spaced, 60))).toBe(false);
  });
});
