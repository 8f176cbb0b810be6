import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilDate, daysInMonth, epochDay } from './time-zone.js';

/** The same counts read through `Date`, which the arithmetic replaced for speed. */
function dateEpochDay(year: number, month: number, date: number): number {
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, date);
  return Math.floor(utc.getTime() / 86_400_000);
}

describe('calendar arithmetic', () => {
  it('counts the days since 1970-01-01 as Date does, months and dates rolling over', () => {
    expect(epochDay(1970, 1, 1)).toBe(0);
    expect(epochDay(2026, 11, 27)).toBe(20_784);
    expect(epochDay(2024, 2, 30)).toBe(epochDay(2024, 3, 1)); // 2024 is a leap year
    expect(epochDay(2026, 13, 1)).toBe(epochDay(2027, 1, 1));
    expect(epochDay(2026, 0, 1)).toBe(epochDay(2025, 12, 1));
    fc.assert(
      fc.property(
        fc.integer({ min: -3000, max: 12_000 }),
        fc.integer({ min: -30, max: 40 }),
        fc.integer({ min: -60, max: 90 }),
        (year, month, date) => epochDay(year, month, date) === dateEpochDay(year, month, date),
      ),
      { numRuns: 5000 },
    );
  });

  it('reads an epoch day back as the date Date gives, and knows month lengths', () => {
    expect(civilDate(20_784)).toEqual({ year: 2026, month: 11, date: 27 });
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    fc.assert(
      fc.property(fc.integer({ min: -1_500_000, max: 3_000_000 }), (day) => {
        const utc = new Date(day * 86_400_000);
        const c = civilDate(day);
        return (
          c.year === utc.getUTCFullYear() &&
          c.month === utc.getUTCMonth() + 1 &&
          c.date === utc.getUTCDate() &&
          daysInMonth(c.year, c.month) ===
            dateEpochDay(c.year, c.month + 1, 1) - dateEpochDay(c.year, c.month, 1)
        );
      }),
      { numRuns: 5000 },
    );
  });
});
