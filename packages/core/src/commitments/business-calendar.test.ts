import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addBusinessHours,
  endOfBusinessDay,
  nextBusinessMoment,
} from './extract-commitments.js';
import { ZoneClock } from './time-zone.js';

const LONDON = { timeZone: 'Europe/London' };

describe('business-day helpers', () => {
  it('addBusinessDays skips weekends and holidays and keeps the time of day', () => {
    expect(addBusinessDays('2026-11-27T10:00:00Z', 1, LONDON)).toBe('2026-11-30T10:00:00+00:00');
    expect(addBusinessDays('2026-11-28T10:00:00Z', 1, LONDON)).toBe('2026-11-30T10:00:00+00:00');
    expect(addBusinessDays('2026-11-30T10:00:00Z', -1, LONDON)).toBe('2026-11-27T10:00:00+00:00');
    expect(addBusinessDays('2026-11-28T10:00:00Z', 0, LONDON)).toBe('2026-11-28T10:00:00+00:00');
    const christmas = { ...LONDON, holidays: ['2026-12-25', '2026-12-28'] };
    expect(addBusinessDays('2026-12-24T15:30:00Z', 1, christmas)).toBe('2026-12-29T15:30:00+00:00');
  });

  it('addBusinessDays keeps wall-clock time across a clock change', () => {
    expect(addBusinessDays('2026-03-27T09:00:00Z', 1, LONDON)).toBe('2026-03-30T09:00:00+01:00');
  });

  it("endOfBusinessDay is today's close, or the next business day's", () => {
    expect(endOfBusinessDay('2026-11-27T12:00:00Z', LONDON)).toBe('2026-11-27T17:00:00+00:00');
    expect(endOfBusinessDay('2026-11-27T18:30:00Z', LONDON)).toBe('2026-11-30T17:00:00+00:00');
    expect(endOfBusinessDay('2026-11-28T11:00:00Z', LONDON)).toBe('2026-11-30T17:00:00+00:00');
    const tokyo = {
      timeZone: 'Asia/Tokyo',
      businessHours: { days: [1, 2, 3, 4, 5], start: '10:00', end: '19:00' },
    };
    expect(endOfBusinessDay('2026-11-27T09:00:00+09:00', tokyo)).toBe('2026-11-27T19:00:00+09:00');
  });

  it('nextBusinessMoment holds an instant until someone is at work', () => {
    expect(nextBusinessMoment('2026-11-25T12:00:00Z', LONDON)).toBe('2026-11-25T12:00:00+00:00');
    expect(nextBusinessMoment('2026-11-25T07:00:00Z', LONDON)).toBe('2026-11-25T09:00:00+00:00');
    expect(nextBusinessMoment('2026-11-28T11:00:00Z', LONDON)).toBe('2026-11-30T09:00:00+00:00');
    expect(nextBusinessMoment('2026-11-25T17:00:00Z', LONDON)).toBe('2026-11-26T09:00:00+00:00');
  });

  it('addBusinessHours runs the clock only during business hours', () => {
    expect(addBusinessHours('2026-11-27T16:00:00Z', 4, LONDON)).toBe('2026-11-30T12:00:00+00:00');
    expect(addBusinessHours('2026-11-28T03:00:00Z', 0.5, LONDON)).toBe('2026-11-30T09:30:00+00:00');
    expect(addBusinessHours('2026-11-25T09:00:00Z', 16, LONDON)).toBe('2026-11-26T17:00:00+00:00');
    // Over the spring-forward weekend: Friday 16:00 GMT + 2h = Monday 10:00 BST.
    expect(addBusinessHours('2026-03-27T16:00:00Z', 2, LONDON)).toBe('2026-03-30T10:00:00+01:00');
  });

  it('throws a TypeError on programmer error', () => {
    expect(() => addBusinessDays('2026-11-27T10:00:00Z', 1.5, LONDON)).toThrow(TypeError);
    expect(() => addBusinessDays('yesterday', 1, LONDON)).toThrow(TypeError);
    expect(() => addBusinessHours('2026-11-27T10:00:00Z', -1, LONDON)).toThrow(TypeError);
    expect(() =>
      addBusinessHours('2026-11-27T10:00:00Z', Number.POSITIVE_INFINITY, LONDON),
    ).toThrow(TypeError);
    expect(() => endOfBusinessDay('2026-11-27T10:00:00Z', { timeZone: 'Mars/Olympus' })).toThrow(
      TypeError,
    );
  });
});

describe('ZoneClock', () => {
  const london = new ZoneClock('Europe/London');
  const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

  it('moves a time skipped by the clocks going forward to after the gap', () => {
    // 01:30 never happens in London on 29 March 2026: it is read as 02:30 BST.
    expect(london.formatIso(london.instantAt(day('2026-03-29'), 90))).toBe(
      '2026-03-29T02:30:00+01:00',
    );
  });

  it('takes the earlier of a time that happens twice when the clocks go back', () => {
    expect(london.formatIso(london.instantAt(day('2026-10-25'), 90))).toBe(
      '2026-10-25T01:30:00+01:00',
    );
  });

  it('formats with the offset of the zone, including half and quarter hours', () => {
    const at = Date.parse('2026-06-01T12:00:00Z');
    expect(new ZoneClock('Asia/Kolkata').formatIso(at)).toBe('2026-06-01T17:30:00+05:30');
    expect(new ZoneClock('Asia/Kathmandu').formatIso(at)).toBe('2026-06-01T17:45:00+05:45');
    expect(new ZoneClock('America/St_Johns').formatIso(at)).toBe('2026-06-01T09:30:00-02:30');
    expect(new ZoneClock('UTC').formatIso(at + 5)).toBe('2026-06-01T12:00:00.005+00:00');
  });
});
