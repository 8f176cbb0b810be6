import { describe, expect, it } from 'vitest';
import { extractCommitments } from './extract-commitments.js';

/*
 * Due times at the edges of the calendar, one row per case with the instant expected, worked
 * out by hand from a calendar (the weekday of each date is in the comment). Business hours are
 * the default, Monday to Friday 09:00-17:00 in the team's zone; a due day that is not a
 * business day rolls to the next one. London left BST for GMT on Sun 25 Oct 2026 and enters
 * BST on Sun 29 Mar 2026 and Sun 26 Mar 2028; New York enters EDT on Sun 8 Mar 2026 and
 * leaves it on Sun 1 Nov 2026.
 */

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';

interface Edge {
  why: string;
  text: string;
  sentAt: string;
  timeZone: string;
  holidays?: string[];
  due: string;
}

const EDGES: Edge[] = [
  // --- months: the same date next month, or that month's last day when it has no such date
  {
    why: '31 October + 1 month is 30 November (Mon), not 1 December',
    text: 'I will get back to you within 1 month.',
    sentAt: '2026-10-31T10:00:00+00:00', // Sat
    timeZone: LONDON,
    due: '2026-11-30T17:00:00+00:00',
  },
  {
    why: '31 January + 1 month is 28 February 2027, a Sunday: the next business day',
    text: 'I will get back to you within 1 month.',
    sentAt: '2027-01-31T10:00:00+00:00', // Sun
    timeZone: LONDON,
    due: '2027-03-01T17:00:00+00:00', // Mon
  },
  {
    why: '31 January + 1 month in a leap year is 29 February 2028 (Tue)',
    text: 'I will get back to you within 1 month.',
    sentAt: '2028-01-31T10:00:00+00:00', // Mon
    timeZone: LONDON,
    due: '2028-02-29T17:00:00+00:00',
  },
  {
    why: '29 February + 1 month is 29 March 2028 (Wed), after the change to BST',
    text: 'I will get back to you within 1 month.',
    sentAt: '2028-02-29T10:00:00+00:00', // Tue
    timeZone: LONDON,
    due: '2028-03-29T17:00:00+01:00',
  },
  {
    why: '29 February + 12 months is 28 February 2029 (Wed): no 29th that year',
    text: 'I will get back to you within 12 months.',
    sentAt: '2028-02-29T10:00:00+00:00',
    timeZone: LONDON,
    due: '2029-02-28T17:00:00+00:00',
  },
  {
    why: '31 December + 1 month crosses the year: 31 January 2027 is a Sunday',
    text: 'I will get back to you within 1 month.',
    sentAt: '2026-12-31T10:00:00+00:00', // Thu
    timeZone: LONDON,
    due: '2027-02-01T17:00:00+00:00', // Mon
  },
  {
    why: '31 August + 1 month is 30 September (Wed), in BST',
    text: 'I will get back to you within 1 month.',
    sentAt: '2026-08-31T10:00:00+01:00', // Mon
    timeZone: LONDON,
    due: '2026-09-30T17:00:00+01:00',
  },
  // --- business weeks are five business days each; calendar weeks are seven days
  {
    why: '2 business weeks from Wed 25 November are 10 business days: Wed 9 December',
    text: 'I will get back to you within 2 business weeks.',
    sentAt: '2026-11-25T10:00:00+00:00',
    timeZone: LONDON,
    due: '2026-12-09T17:00:00+00:00',
  },
  {
    why: 'a holiday on Tue 8 December moves 2 business weeks to Thu 10 December',
    text: 'I will get back to you within 2 business weeks.',
    sentAt: '2026-11-25T10:00:00+00:00',
    timeZone: LONDON,
    holidays: ['2026-12-08'],
    due: '2026-12-10T17:00:00+00:00',
  },
  {
    why: '2 calendar weeks from Fri 27 November are Fri 11 December, holiday or not',
    text: 'I will get back to you within 2 weeks.',
    sentAt: '2026-11-27T10:00:00+00:00',
    timeZone: LONDON,
    holidays: ['2026-12-08'],
    due: '2026-12-11T17:00:00+00:00',
  },
  {
    why: '2 business weeks from Fri 27 November with the holiday are Mon 14 December',
    text: 'I will get back to you within 2 business weeks.',
    sentAt: '2026-11-27T10:00:00+00:00',
    timeZone: LONDON,
    holidays: ['2026-12-08'],
    due: '2026-12-14T17:00:00+00:00',
  },
  {
    why: '1 business week from a Saturday counts from Monday: Fri 4 December',
    text: 'I will get back to you within 1 business week.',
    sentAt: '2026-11-28T10:00:00+00:00', // Sat
    timeZone: LONDON,
    due: '2026-12-04T17:00:00+00:00',
  },
  // --- holidays
  {
    why: '3 business days from Wed 23 December skip Christmas (Fri 25) and Mon 28: Wed 30',
    text: 'I will get back to you within 3 business days.',
    sentAt: '2026-12-23T10:00:00+00:00',
    timeZone: LONDON,
    holidays: ['2026-12-25', '2026-12-28'],
    due: '2026-12-30T17:00:00+00:00',
  },
  {
    why: '2 days from Wed 23 December land on Christmas Day: the next business day, Mon 28',
    text: 'I will get back to you within 2 days.',
    sentAt: '2026-12-23T10:00:00+00:00',
    timeZone: LONDON,
    holidays: ['2026-12-25'],
    due: '2026-12-28T17:00:00+00:00',
  },
  // --- daylight saving: hours are clock hours, days close at 17:00 local
  {
    why: '48 hours across the change to BST are 48 real hours: 11:00 BST on Sunday',
    text: 'I will get back to you within 48 hours.',
    sentAt: '2026-03-27T10:00:00+00:00', // Fri
    timeZone: LONDON,
    due: '2026-03-29T11:00:00+01:00',
  },
  {
    why: '4 business hours from Fri 15:00 GMT: two on Friday, two on Monday in BST',
    text: 'I will get back to you within 4 business hours.',
    sentAt: '2026-03-27T15:00:00+00:00',
    timeZone: LONDON,
    due: '2026-03-30T11:00:00+01:00',
  },
  {
    why: '1 business day from Fri 23 October (BST) closes Monday in GMT',
    text: 'I will get back to you within 1 business day.',
    sentAt: '2026-10-23T10:00:00+01:00',
    timeZone: LONDON,
    due: '2026-10-26T17:00:00+00:00',
  },
  {
    why: '2 business days from Fri 6 March (EST) close Tuesday in EDT',
    text: 'I will get back to you within 2 business days.',
    sentAt: '2026-03-06T10:00:00-05:00',
    timeZone: NEW_YORK,
    due: '2026-03-10T17:00:00-04:00',
  },
  {
    why: '24 hours across the spring change are 24 real hours: 13:00 EDT',
    text: 'I will get back to you within 24 hours.',
    sentAt: '2026-03-07T12:00:00-05:00', // Sat
    timeZone: NEW_YORK,
    due: '2026-03-08T13:00:00-04:00',
  },
  {
    why: '24 hours across the autumn change are 24 real hours: 11:00 EST',
    text: 'I will get back to you within 24 hours.',
    sentAt: '2026-10-31T12:00:00-04:00', // Sat
    timeZone: NEW_YORK,
    due: '2026-11-01T11:00:00-05:00',
  },
  {
    why: 'end of day on the first Monday after the autumn change closes at 17:00 EST',
    text: 'I will get back to you by end of day.',
    sentAt: '2026-11-02T10:00:00-05:00',
    timeZone: NEW_YORK,
    due: '2026-11-02T17:00:00-05:00',
  },
  // --- exactly at closing: a second before is today's close; at or after it, the evening
  {
    why: 'end of day a second before closing is closing',
    text: 'I will get back to you by end of day.',
    sentAt: '2026-11-25T16:59:59+00:00', // Wed
    timeZone: LONDON,
    due: '2026-11-25T17:00:00+00:00',
  },
  {
    why: 'end of day said exactly at closing gives four hours',
    text: 'I will get back to you by end of day.',
    sentAt: '2026-11-25T17:00:00+00:00',
    timeZone: LONDON,
    due: '2026-11-25T21:00:00+00:00',
  },
  {
    why: 'end of day said at 22:00 is midnight, never tomorrow',
    text: 'I will get back to you by end of day.',
    sentAt: '2026-11-25T22:00:00+00:00',
    timeZone: LONDON,
    due: '2026-11-25T23:59:59+00:00',
  },
  {
    why: '1 business day said exactly at closing on a Friday is Monday’s close',
    text: 'I will get back to you within 1 business day.',
    sentAt: '2026-11-27T17:00:00+00:00',
    timeZone: LONDON,
    due: '2026-11-30T17:00:00+00:00',
  },
];

describe('extractCommitments: due times at the edges of the calendar', () => {
  it('covers months, leap days, business weeks, holidays and both zones’ changes', () => {
    expect(EDGES.length).toBeGreaterThanOrEqual(25);
    expect(new Set(EDGES.map((e) => e.timeZone))).toEqual(new Set([LONDON, NEW_YORK]));
  });

  it.each(EDGES.map((e) => [e.why, e] as const))('%s', (_, edge) => {
    const found = extractCommitments(edge.text, edge.sentAt, {
      timeZone: edge.timeZone,
      ...(edge.holidays === undefined ? {} : { holidays: edge.holidays }),
    });
    expect(found, edge.text).toHaveLength(1);
    expect(found[0]!.due, found[0]!.explanation).toBe(edge.due);
  });
});
