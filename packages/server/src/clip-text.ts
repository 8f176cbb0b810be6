const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * `text` cut to at most `max` UTF-16 units (the unit the API's length limits count) without
 * splitting a character: whole grapheme clusters only, so neither half of a surrogate pair (an
 * emoji) nor a letter without its accent is ever kept. Cutting with `slice` alone could keep a
 * lone surrogate, which the databases store as garbage.
 *
 * @example clipText('Zoë 👋🏽 Smith', 6) // 'Zoë ' (the waving hand and its skin tone go together)
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = 0;
  for (const { segment } of graphemes.segment(text.slice(0, max + 16))) {
    if (end + segment.length > max) break;
    end += segment.length;
  }
  return text.slice(0, end);
}
