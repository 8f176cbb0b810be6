import { describe, expect, it } from 'vitest';
import { splitByMarks } from './highlight-signals.js';

const sign = (start: number, end: number, kind = 'shouting', explanation = 'Capitals') => ({
  start,
  end,
  kind,
  explanation,
});

describe('splitByMarks', () => {
  it('marks the signed words and keeps the rest as plain text', () => {
    expect(splitByMarks('I want a REFUND now', [sign(9, 15)])).toEqual([
      { text: 'I want a ' },
      { text: 'REFUND', marks: [{ kind: 'shouting', explanation: 'Capitals' }] },
      { text: ' now' },
    ]);
  });

  it('joins overlapping signs into one mark that names them all', () => {
    const pieces = splitByMarks('the THIRD time', [
      sign(4, 9),
      sign(4, 14, 'repeated_contact', 'Not the first contact'),
    ]);
    expect(pieces).toEqual([
      { text: 'the ' },
      {
        text: 'THIRD time',
        marks: [
          { kind: 'repeated_contact', explanation: 'Not the first contact' },
          { kind: 'shouting', explanation: 'Capitals' },
        ],
      },
    ]);
  });

  it('always gives back the whole text, whatever the spans', () => {
    const text = '<b>bold</b> & <script>x</script>';
    const spans = [sign(-1, 3), sign(2, 2), sign(5, 99), sign(0.5, 2), sign(3, 7), sign(4, 11)];
    expect(
      splitByMarks(text, spans)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(splitByMarks('', [])).toEqual([{ text: '' }]);
  });
});
