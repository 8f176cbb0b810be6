/** A span of a text to point at: a sign of upset, or a coach finding. */
export interface MarkSpan {
  start: number;
  end: number;
  kind: string;
  explanation: string;
}

/** A piece of the text: plain, or marked with every span that covers it. */
export type TextPiece =
  | { text: string; marks?: undefined }
  | { text: string; marks: { kind: string; explanation: string }[] };

/**
 * Cuts a text into plain and marked pieces. Overlapping spans become one marked piece that
 * carries all their kinds and explanations, so every sign stays visible and no mark nests in
 * another. Spans outside the text, empty or not whole numbers are ignored.
 *
 * Invariant: the pieces' texts, joined, are the input text: the caller renders them as text
 * nodes, never as HTML.
 *
 * @example
 * splitByMarks('I want a REFUND', [{ start: 9, end: 15, kind: 'shouting', explanation: 'Capitals' }]);
 * // [{ text: 'I want a ' }, { text: 'REFUND', marks: [{ kind: 'shouting', explanation: 'Capitals' }] }]
 */
export function splitByMarks(text: string, spans: readonly MarkSpan[]): TextPiece[] {
  const valid = spans
    .filter(
      (s) =>
        Number.isInteger(s.start) &&
        Number.isInteger(s.end) &&
        s.start >= 0 &&
        s.end <= text.length &&
        s.start < s.end,
    )
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: TextPiece[] = [];
  let at = 0;
  let i = 0;
  while (i < valid.length) {
    const first = valid[i]!;
    let end = first.end;
    const group = [first];
    i += 1;
    while (i < valid.length && valid[i]!.start < end) {
      group.push(valid[i]!);
      end = Math.max(end, valid[i]!.end);
      i += 1;
    }
    if (first.start > at) pieces.push({ text: text.slice(at, first.start) });
    const marks: { kind: string; explanation: string }[] = [];
    for (const s of group) {
      if (!marks.some((m) => m.kind === s.kind && m.explanation === s.explanation))
        marks.push({ kind: s.kind, explanation: s.explanation });
    }
    pieces.push({ text: text.slice(first.start, end), marks });
    at = end;
  }
  if (at < text.length || pieces.length === 0) pieces.push({ text: text.slice(at) });
  return pieces;
}
