import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './local-time.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Text in the forms core writes, with fields in and out of range. */
const canonical = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 19 }),
    fc.integer({ min: 0, max: 39 }),
    fc.integer({ min: 0, max: 29 }),
    fc.integer({ min: 0, max: 69 }),
    fc.integer({ min: 0, max: 69 }),
    fc.option(fc.integer({ min: 0, max: 999 })),
    fc.option(
      fc.tuple(
        fc.constantFrom('+', '-'),
        fc.integer({ min: 0, max: 29 }),
        fc.integer({ min: 0, max: 69 }),
      ),
    ),
  )
  .map(([y, mo, d, h, mi, s, ms, zone]) => {
    const frac = ms === null ? '' : `.${pad(ms, 3)}`;
    const offset = zone === null ? 'Z' : `${zone[0]}${pad(zone[1], 2)}:${pad(zone[2], 2)}`;
    return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${frac}${offset}`;
  });

/** The same text with one character replaced: near misses of the fast forms. */
const mutated = fc
  .tuple(
    canonical,
    fc.nat(),
    fc.constantFrom('0', '9', 'T', 't', ' ', ':', '.', ',', 'Z', 'z', '+', '-', 'x', '٣'),
  )
  .map(([text, at, c]) => {
    const i = at % text.length;
    return text.slice(0, i) + c + text.slice(i + 1);
  });

describe('parseInstant', () => {
  it('reads the forms core writes as the ISO 8601 regex does', () => {
    // A leading space takes the regex path (which trims), so the two paths are compared.
    fc.assert(
      fc.property(fc.oneof(canonical, mutated), (text) => {
        expect(parseInstant(text)).toBe(parseInstant(` ${text}`));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads toISOString and offsets', () => {
    expect(parseInstant('2026-11-23T10:05:00.000Z')).toBe(Date.UTC(2026, 10, 23, 10, 5));
    expect(parseInstant('2026-11-23T10:05:00+01:00')).toBe(Date.UTC(2026, 10, 23, 9, 5));
    expect(parseInstant('2026-11-23T10:05:00.123-05:30')).toBe(
      Date.UTC(2026, 10, 23, 15, 35, 0, 123),
    );
    expect(parseInstant('2024-02-30T10:00:00Z')).toBeUndefined();
    expect(parseInstant('2026-11-23T24:00:00Z')).toBeUndefined();
  });
});
