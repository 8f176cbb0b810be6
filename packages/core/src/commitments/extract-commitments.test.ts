import { env } from 'node:process';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MAX_COMMITMENTS,
  extractCommitments,
  type Commitment,
  type CommitmentKind,
  type DueKind,
} from './extract-commitments.js';

const LONDON = 'Europe/London';
const NEW_YORK = 'America/New_York';
const TOKYO = 'Asia/Tokyo';

// Calendar used below (2026): Tue 24 Nov, Wed 25, Thu 26, Fri 27, Sat 28, Sun 29, Mon 30;
// Tue 1 Dec ... Fri 4 Dec. London is on GMT (+00:00) in November and switches to BST (+01:00)
// on Sun 29 March 2026; New York leaves EDT for EST on Sun 1 November and starts EDT on Sun 8
// March 2026. Business hours are the default, Monday to Friday 09:00-17:00.
const WED_10 = '2026-11-25T10:00:00+00:00';

interface Row {
  text: string;
  sentAt: string;
  timeZone: string;
  holidays?: string[];
  expected: { kind: CommitmentKind; due: string; dueKind?: DueKind }[];
}

const TABLE: Row[] = [
  // --- durations in minutes and hours are clock time, even past closing
  {
    text: "I'll call you back within the hour.",
    sentAt: '2026-11-27T16:45:00+00:00', // a Friday, 15 minutes before closing
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-27T17:45:00+00:00', dueKind: 'exact' }],
  },
  {
    text: 'You will receive a full refund within 48 hours.',
    sentAt: '2026-11-25T10:00:00-05:00',
    timeZone: NEW_YORK,
    expected: [{ kind: 'refund', due: '2026-11-27T10:00:00-05:00', dueKind: 'exact' }],
  },
  {
    text: "I'll message you in 10 minutes.",
    sentAt: '2026-11-25T10:00:00+09:00',
    timeZone: TOKYO,
    expected: [{ kind: 'reply', due: '2026-11-25T10:10:00+09:00', dueKind: 'exact' }],
  },
  {
    text: 'Expect a call from our team in a couple of hours.',
    sentAt: '2026-11-25T10:00:00-05:00',
    timeZone: NEW_YORK,
    expected: [{ kind: 'callback', due: '2026-11-25T12:00:00-05:00', dueKind: 'window_end' }],
  },
  {
    text: "I'll call you back in an hour and a half.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-25T11:30:00+00:00' }],
  },
  {
    text: 'Within 24 hours you will receive an email with your return label.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'email', due: '2026-11-26T10:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: 'Let me check with the warehouse and get back to you within the hour.',
    sentAt: '2026-11-27T16:30:00+09:00',
    timeZone: TOKYO,
    expected: [{ kind: 'reply', due: '2026-11-27T17:30:00+09:00' }],
  },
  {
    text: 'A supervisor will call you within 2 business hours.',
    sentAt: '2026-11-27T16:00:00+00:00', // 1 business hour on Friday, 1 on Monday
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-30T10:00:00+00:00' }],
  },
  // --- clock times
  {
    text: "I'll have an update for you by 5pm.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-25T17:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: "I'll have an update for you by 5pm.",
    sentAt: '2026-11-25T18:00:00+00:00', // 5pm has passed: tomorrow's
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-26T17:00:00+00:00' }],
  },
  {
    text: "I'll call you by tomorrow 5pm.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-26T17:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: "I'll call you at 3.",
    sentAt: '2026-11-25T10:00:00-05:00', // a bare 3 in business hours is 3pm
    timeZone: NEW_YORK,
    expected: [{ kind: 'callback', due: '2026-11-25T15:00:00-05:00' }],
  },
  {
    text: "I'll call you back at 5pm EST.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-25T22:00:00+00:00' }],
  },
  {
    text: "I'll call you by noon.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-25T12:00:00+00:00' }],
  },
  {
    text: "I'll call at 9:30 tomorrow morning.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-26T09:30:00+00:00', dueKind: 'exact' }],
  },
  {
    text: "I'll call you Friday by 5pm.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-27T17:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: "I'll call you on the 3rd at 2pm.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-12-03T14:00:00+00:00' }],
  },
  {
    text: 'Our courier should deliver your parcel tomorrow between 2 and 4pm.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'delivery', due: '2026-11-26T16:00:00+00:00', dueKind: 'window_end' }],
  },
  // --- today and its parts
  {
    text: "I'll email you by end of day.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'email', due: '2026-11-25T17:00:00+00:00', dueKind: 'end_of_day' }],
  },
  {
    text: "I'll email you by end of day.",
    sentAt: '2026-11-25T19:00:00+00:00', // after closing: 4 hours
    timeZone: LONDON,
    expected: [{ kind: 'email', due: '2026-11-25T23:00:00+00:00' }],
  },
  {
    text: "I'll reply by end of day.",
    sentAt: '2026-11-28T11:00:00+00:00', // a Saturday
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-28T15:00:00+00:00' }],
  },
  {
    text: "I'll refund you today.",
    sentAt: '2026-11-27T18:00:00+00:00',
    timeZone: LONDON,
    expected: [{ kind: 'refund', due: '2026-11-27T22:00:00+00:00' }],
  },
  {
    text: "I'm sending a replacement today by courier.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'replacement', due: '2026-11-25T17:00:00+00:00' }],
  },
  {
    text: "I'll be in touch tonight.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-25T23:59:59+00:00', dueKind: 'window_end' }],
  },
  {
    text: "I'll call you this afternoon.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-25T17:00:00+00:00' }],
  },
  {
    text: "I'll call you this afternoon.",
    sentAt: '2026-11-25T17:30:00+00:00', // the afternoon is over: within the hour
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-25T18:30:00+00:00' }],
  },
  // --- tomorrow, first thing, named days
  {
    text: 'I will call you tomorrow.',
    sentAt: '2026-11-27T10:00:00+00:00', // Friday: tomorrow is Saturday, so Monday
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-30T17:00:00+00:00', dueKind: 'end_of_day' }],
  },
  {
    text: "I'll call you tomorrow.",
    sentAt: WED_10,
    timeZone: LONDON,
    holidays: ['2026-11-26'],
    expected: [{ kind: 'callback', due: '2026-11-27T17:00:00+00:00' }],
  },
  {
    text: "We'll ship it tomorrow.",
    sentAt: '2026-11-25T16:00:00-05:00',
    timeZone: NEW_YORK,
    holidays: ['2026-11-26', '2026-11-27'], // Thanksgiving and the day after
    expected: [{ kind: 'delivery', due: '2026-11-30T17:00:00-05:00' }],
  },
  {
    text: "I'll call you tomorrow.",
    sentAt: '2026-11-24T21:30:00-05:00', // an evening message
    timeZone: NEW_YORK,
    expected: [{ kind: 'callback', due: '2026-11-25T17:00:00-05:00' }],
  },
  {
    text: "I'll get back to you first thing tomorrow.",
    sentAt: '2026-11-25T15:00:00+00:00',
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-26T10:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: "I'll call you first thing in the morning.",
    sentAt: '2026-11-25T20:00:00+00:00',
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-26T10:00:00+00:00' }],
  },
  {
    text: "I'll call you first thing in the morning.",
    sentAt: '2026-11-27T20:00:00+00:00', // Friday night: Monday morning
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-30T10:00:00+00:00' }],
  },
  {
    text: "Sorry again. Tomorrow morning, I'll call you with an update.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-26T12:00:00+00:00', dueKind: 'window_end' }],
  },
  {
    text: "I'll email you by tomorrow evening.",
    sentAt: '2026-11-26T18:00:00+09:00',
    timeZone: TOKYO,
    expected: [{ kind: 'email', due: '2026-11-27T21:00:00+09:00' }],
  },
  {
    text: "You'll receive your replacement by Friday.",
    sentAt: '2026-11-24T15:00:00+00:00',
    timeZone: LONDON,
    expected: [{ kind: 'replacement', due: '2026-11-27T17:00:00+00:00', dueKind: 'end_of_day' }],
  },
  {
    text: "I'll get back to you on Monday.",
    sentAt: '2026-11-28T11:00:00+00:00', // a weekend message
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-30T17:00:00+00:00' }],
  },
  {
    text: "I'll sort it out by COB on Friday.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'fix', due: '2026-11-27T17:00:00+00:00', dueKind: 'end_of_day' }],
  },
  {
    text: "I'll try to get this sorted for you by Thursday afternoon.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'fix', due: '2026-11-26T17:00:00+00:00' }],
  },
  {
    text: 'The replacement will be with you by the 3rd.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'replacement', due: '2026-12-03T17:00:00+00:00', dueKind: 'end_of_day' }],
  },
  {
    text: "I'll ship the replacement on 3/12.",
    sentAt: WED_10,
    timeZone: LONDON, // day first
    expected: [{ kind: 'delivery', due: '2026-12-03T17:00:00+00:00' }],
  },
  {
    text: "I'll ship the replacement on 3/12.",
    sentAt: '2026-11-25T10:00:00-05:00',
    timeZone: NEW_YORK, // month first
    expected: [{ kind: 'delivery', due: '2027-03-12T17:00:00-05:00' }],
  },
  // --- daylight saving time
  {
    text: "I'll call you on Monday.",
    sentAt: '2026-03-27T16:00:00+00:00', // Friday before London's clocks go forward
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-03-30T17:00:00+01:00' }],
  },
  {
    text: 'You will get a call back within 72 hours.',
    sentAt: '2026-03-27T16:00:00+00:00', // 72 real hours: 17:00 on the BST clock
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-03-30T17:00:00+01:00' }],
  },
  {
    text: "We'll have this fixed in 2 business days.",
    sentAt: '2026-03-27T16:00:00+00:00',
    timeZone: LONDON,
    expected: [{ kind: 'fix', due: '2026-03-31T17:00:00+01:00', dueKind: 'window_end' }],
  },
  {
    text: "I'll call you back on Monday.",
    sentAt: '2026-10-30T15:00:00-04:00', // New York falls back on Sunday 1 November
    timeZone: NEW_YORK,
    expected: [{ kind: 'callback', due: '2026-11-02T17:00:00-05:00' }],
  },
  {
    text: "You'll hear from us within 2 business days.",
    sentAt: '2026-03-06T16:00:00-05:00', // New York springs forward on Sunday 8 March
    timeZone: NEW_YORK,
    expected: [{ kind: 'reply', due: '2026-03-10T17:00:00-04:00' }],
  },
  // --- windows: the latest moment the promise is kept
  {
    text: 'Your refund should reach your account within 7-10 working days.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'refund', due: '2026-12-09T17:00:00+00:00', dueKind: 'window_end' }],
  },
  {
    text: 'Your refund will be processed in 3-5 business days.',
    sentAt: '2026-11-27T16:45:00+00:00',
    timeZone: LONDON,
    holidays: ['2026-12-01'],
    expected: [{ kind: 'refund', due: '2026-12-07T17:00:00+00:00' }],
  },
  {
    text: 'We will get back to you within 1 business day.',
    sentAt: '2026-11-20T15:00:00+09:00', // Friday; Monday 23rd is a Japanese holiday
    timeZone: TOKYO,
    holidays: ['2026-11-23'],
    expected: [{ kind: 'reply', due: '2026-11-24T17:00:00+09:00' }],
  },
  {
    text: "We'll have it fixed by the end of the week.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'fix', due: '2026-11-27T17:00:00+00:00', dueKind: 'window_end' }],
  },
  {
    text: "I'll call you later this week.",
    sentAt: '2026-11-27T18:00:00+00:00', // nothing left of this week: next week's
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-12-04T17:00:00+00:00' }],
  },
  {
    text: "I'll check back next week to make sure everything is working.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'check_back', due: '2026-12-04T17:00:00+00:00', dueKind: 'window_end' }],
  },
  {
    text: "We'll send you a replacement next week.",
    sentAt: '2026-11-25T10:00:00+09:00',
    timeZone: TOKYO,
    expected: [{ kind: 'replacement', due: '2026-12-04T17:00:00+09:00' }],
  },
  {
    text: "I'll check in with you in a couple of weeks to see how things are going.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'check_back', due: '2026-12-09T17:00:00+00:00' }],
  },
  {
    text: "I'll make sure your refund is processed by the end of the month.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'refund', due: '2026-11-30T17:00:00+00:00' }],
  },
  {
    text: "In 3 days, I'll check back.",
    sentAt: WED_10, // Saturday, rolled to Monday
    timeZone: LONDON,
    expected: [{ kind: 'check_back', due: '2026-11-30T17:00:00+00:00' }],
  },
  // --- vague
  {
    text: "I'll escalate this to my supervisor right away.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'escalate', due: '2026-11-25T11:00:00+00:00', dueKind: 'window_end' }],
  },
  {
    text: "I'll email you the new label asap.",
    sentAt: '2026-11-25T16:00:00+00:00', // 4 business hours: 1 today, 3 tomorrow
    timeZone: LONDON,
    expected: [{ kind: 'email', due: '2026-11-26T12:00:00+00:00' }],
  },
  // --- no time: the team's default (close of the next business day)
  {
    text: "I'll look into it.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'other', due: '2026-11-26T17:00:00+00:00', dueKind: 'default' }],
  },
  // --- several promises in one message
  {
    text: "I'll call you tomorrow and I'll email you the label by 5pm.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [
      { kind: 'callback', due: '2026-11-26T17:00:00+00:00' },
      { kind: 'email', due: '2026-11-25T17:00:00+00:00' },
    ],
  },
  {
    text:
      "Hi Sam, really sorry for the trouble. I've passed this to our engineers and someone will call you back within 2 hours. " +
      "I'll also email you a summary by tomorrow morning. In the meantime, your account has been credited with a free month.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [
      { kind: 'callback', due: '2026-11-25T12:00:00+00:00' },
      { kind: 'email', due: '2026-11-26T12:00:00+00:00' },
    ],
  },
  {
    text: "Thank you. I'll pass this on to the team and we'll let you know by Wednesday.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-12-02T17:00:00+00:00' }],
  },
  {
    text: "I can't promise we'll have it by Friday, but I'll email you by 5pm.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'email', due: '2026-11-25T17:00:00+00:00' }],
  },
  {
    text: 'Please allow 3-5 business days for the refund to appear.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'refund', due: '2026-12-02T17:00:00+00:00', dueKind: 'window_end' }],
  },
  {
    text: 'Your replacement has been dispatched and should arrive within 2-3 working days.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'replacement', due: '2026-11-30T17:00:00+00:00' }],
  },
  {
    text: 'The engineer will be with you between 8am and 12pm on Monday.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'fix', due: '2026-11-30T12:00:00+00:00', dueKind: 'window_end' }],
  },
  {
    text: "i'll get back to u tmrw",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-26T17:00:00+00:00' }],
  },
  {
    text: 'Rest assured, we’ll get to the bottom of this.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'other', due: '2026-11-26T17:00:00+00:00', dueKind: 'default' }],
  },
  // --- no commitment
  { text: "Have a great day, we'll speak soon!", sentAt: WED_10, timeZone: LONDON, expected: [] },
  {
    text: "If I don't hear back from you by Friday, I'll close the ticket.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  { text: 'Could you call us tomorrow?', sentAt: WED_10, timeZone: LONDON, expected: [] },
  {
    text: 'You said you would call me back yesterday.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  { text: "I can't promise a call tomorrow.", sentAt: WED_10, timeZone: LONDON, expected: [] },
  { text: 'Shall I call you tomorrow at 10?', sentAt: WED_10, timeZone: LONDON, expected: [] },
  {
    text: 'Would you like me to call you tomorrow?',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  {
    text: "I'll be honest, tomorrow is a holiday for us.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  { text: "I'm not sure we'll have it by Friday.", sentAt: WED_10, timeZone: LONDON, expected: [] },
  { text: '> I will call the bank tomorrow', sentAt: WED_10, timeZone: LONDON, expected: [] },
  {
    text: 'You wrote: "I will call the bank on Monday."',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  {
    text: 'We will not be able to refund you by Friday.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  {
    text: "I was told you'll receive it by Friday.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  {
    text: "You'll need to return the item within 30 days.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  {
    text: "We'll be closed tomorrow for the bank holiday.",
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  {
    text: 'I would have called you yesterday but the lines were down.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  {
    text: 'Our offices are open 9am to 5pm, Monday to Friday. Thanks for writing in on Monday.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  { text: '', sentAt: WED_10, timeZone: LONDON, expected: [] },
  // --- promises made in a colleague's or the team's name: the business must keep them too
  {
    text: 'Jordan will call you tomorrow at 10.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-26T10:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: 'Our billing team will email you by Friday.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'email', due: '2026-11-27T17:00:00+00:00', dueKind: 'end_of_day' }],
  },
  {
    text: 'Someone from our team will get back to you within 24 hours.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-26T10:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: 'My colleague Priya will reach out this afternoon.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-25T17:00:00+00:00' }],
  },
  {
    text: 'My manager, Sam Lee, will call you on Monday.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-30T17:00:00+00:00', dueKind: 'end_of_day' }],
  },
  {
    text: 'Jordan will email you the label today and Priya will call you tomorrow.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [
      { kind: 'email', due: '2026-11-25T17:00:00+00:00' },
      { kind: 'callback', due: '2026-11-26T17:00:00+00:00' },
    ],
  },
  {
    text: 'Jordan from billing will email you by 5pm.',
    sentAt: '2026-11-25T10:00:00-05:00',
    timeZone: NEW_YORK,
    expected: [{ kind: 'email', due: '2026-11-25T17:00:00-05:00', dueKind: 'exact' }],
  },
  {
    text: "Sorry for the wait! She'll ring you back within the hour.",
    sentAt: '2026-11-25T10:00:00+09:00',
    timeZone: TOKYO,
    expected: [{ kind: 'callback', due: '2026-11-25T11:00:00+09:00', dueKind: 'exact' }],
  },
  { text: 'Jordan called you yesterday.', sentAt: WED_10, timeZone: LONDON, expected: [] },
  {
    text: 'The team will not be able to refund you by Friday.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  { text: 'Jordan will be off tomorrow.', sentAt: WED_10, timeZone: LONDON, expected: [] },
  { text: 'Our team will be closed on Friday.', sentAt: WED_10, timeZone: LONDON, expected: [] },
  {
    text: 'Monday will work for the engineer visit.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  { text: 'Nobody will call you before Monday.', sentAt: WED_10, timeZone: LONDON, expected: [] },
  // --- typed fast, in lower case: a colleague still promised
  {
    text: 'ok so jordan will call you tomorrow at 10',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-26T10:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: 'someone from billing will email you by 5pm',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'email', due: '2026-11-25T17:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: 'priya from returns will reach out this afternoon',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-25T17:00:00+00:00' }],
  },
  {
    text: 'The engineer will call you tomorrow morning.',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'callback', due: '2026-11-26T12:00:00+00:00', dueKind: 'window_end' }],
  },
  {
    text: 'these updates will help you see where your parcel is',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  { text: 'prices will update on Monday.', sentAt: WED_10, timeZone: LONDON, expected: [] },
  {
    text: 'sam will get back to you by 5pm',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [{ kind: 'reply', due: '2026-11-25T17:00:00+00:00', dueKind: 'exact' }],
  },
  {
    text: 'prices will get back to normal by Friday',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
  {
    text: 'the app will message you when it ships',
    sentAt: WED_10,
    timeZone: LONDON,
    expected: [],
  },
];

/** Every commitment keeps the documented invariants. */
function expectWellFormed(text: string, sentAt: number, list: readonly Commitment[]): void {
  let previousEnd = 0;
  for (const c of list) {
    expect(c.start).toBeGreaterThanOrEqual(previousEnd);
    expect(c.end).toBeGreaterThan(c.start);
    expect(c.end).toBeLessThanOrEqual(text.length);
    expect(c.text).toBe(text.slice(c.start, c.end));
    expect(c.due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?[+-]\d{2}:\d{2}$/);
    expect(Date.parse(c.due)).toBeGreaterThanOrEqual(sentAt);
    expect(c.explanation).not.toMatch(/\n/);
    previousEnd = c.end;
  }
}

describe('extractCommitments: the phrasing table', () => {
  it('has at least 40 phrasings, in three zones, with commitments and without', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(TABLE.map((r) => r.timeZone))).toEqual(new Set([LONDON, NEW_YORK, TOKYO]));
    expect(TABLE.filter((r) => r.expected.length === 0).length).toBeGreaterThanOrEqual(10);
  });

  it.each(TABLE)(
    '$text @ $sentAt ($timeZone)',
    ({ text, sentAt, timeZone, holidays, expected }) => {
      const found = extractCommitments(text, sentAt, {
        timeZone,
        ...(holidays ? { holidays } : {}),
      });
      expect(
        found.map((c) => ({ kind: c.kind, due: c.due })),
        found.map((c) => c.explanation).join(' | '),
      ).toEqual(expected.map(({ kind, due }) => ({ kind, due })));
      // The rows that name a due kind: the found commitment at that place has it.
      const named = expected.flatMap((e, i) => (e.dueKind === undefined ? [] : [i]));
      expect(named.map((i) => found[i]?.dueKind)).toEqual(named.map((i) => expected[i]!.dueKind));
      expectWellFormed(text, Date.parse(sentAt), found);
    },
  );
});

describe("extractCommitments: promises in a colleague's name", () => {
  it('shows the colleague who promised in the evidence', () => {
    const text = 'Thanks for bearing with us. Great news Jordan will call you tomorrow at 10.';
    const [c] = extractCommitments(text, WED_10, { timeZone: LONDON });
    expect(c?.text).toBe('Jordan will call you tomorrow at 10');
    expect(c?.explanation).toBe('Promised a call back tomorrow at 10');
  });
});

describe('extractCommitments: what comes back', () => {
  it('gives the span, the text and a one-line explanation', () => {
    const text = "So sorry about this! I'll call you back within the hour, and then we'll see.";
    const [c] = extractCommitments(text, '2026-11-27T16:45:00+00:00', { timeZone: LONDON });
    expect(c).toEqual({
      kind: 'callback',
      start: 21,
      end: 55,
      text: "I'll call you back within the hour",
      due: '2026-11-27T17:45:00+00:00',
      dueKind: 'exact',
      explanation: 'Promised a call back within the hour',
    });
  });

  it('says why when a rule moved the obvious reading', () => {
    const [friday] = extractCommitments('I will call you tomorrow.', '2026-11-27T10:00:00Z', {
      timeZone: LONDON,
    });
    expect(friday?.explanation).toBe(
      'Promised a call back tomorrow (tomorrow is not a business day, so the next business day)',
    );
    const [vague] = extractCommitments("I'll look into it.", WED_10, { timeZone: LONDON });
    expect(vague?.explanation).toBe(
      "Promised to follow through, with no time given (the team's default: 1 business day)",
    );
  });

  it('reads a time the same whether or not the sentence also holds a number', () => {
    const read = (text: string) =>
      extractCommitments(text, WED_10, { timeZone: LONDON }).map((c) => [c.due, c.dueKind]);
    for (const [plain, withNumber] of [
      ["We'll ship it this weekend.", "We'll ship it this weekend, 2 boxes."],
      ["I'll call you tomorrow morning.", "I'll call you tomorrow morning about order 123456."],
      ["I'll call you back within 2 hours.", "I'll call you back within 2 hours about case 88123."],
      ["I'll email you by 3pm.", "I'll email you by 3pm about your £120 refund."],
    ] as const) {
      expect(read(withNumber), withNumber).toEqual(read(plain));
      expect(read(plain), plain).toHaveLength(1);
    }
  });

  it('uses the team offset in every due time, and reads sentAt without an offset in the team zone', () => {
    const fromLocal = extractCommitments("I'll call you in 2 hours.", '2026-07-01T10:00', {
      timeZone: TOKYO,
    });
    expect(fromLocal[0]?.due).toBe('2026-07-01T12:00:00+09:00');
    const fromDate = extractCommitments(
      "I'll call you in 2 hours.",
      new Date('2026-07-01T01:00:00Z'),
      {
        timeZone: TOKYO,
      },
    );
    expect(fromDate[0]?.due).toBe('2026-07-01T12:00:00+09:00');
  });

  it('respects custom business hours and the default due policy', () => {
    const options = {
      timeZone: LONDON,
      businessHours: { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '18:30' },
      defaultDueBusinessDays: 2,
    };
    const [saturday] = extractCommitments(
      "I'll call you tomorrow.",
      '2026-11-27T10:00:00Z',
      options,
    );
    expect(saturday?.due).toBe('2026-11-28T18:30:00+00:00'); // Saturday is a business day here
    const [vague] = extractCommitments(
      "I'll chase the courier for you.",
      '2026-11-27T10:00:00Z',
      options,
    );
    expect(vague?.due).toBe('2026-11-30T18:30:00+00:00'); // Fri + 2 business days = Mon
    expect(vague?.dueKind).toBe('default');
  });

  it('never returns more than MAX_COMMITMENTS', () => {
    const text = "I'll call you back within the hour. ".repeat(MAX_COMMITMENTS * 3);
    expect(extractCommitments(text, WED_10, { timeZone: LONDON })).toHaveLength(MAX_COMMITMENTS);
  });

  it('skips the quoted thread below an "On ... wrote:" line', () => {
    const text =
      "Thanks Jo, I'll call you at 2pm.\n\nOn Tue, 24 Nov 2026 at 09:12, Jo wrote:\nI'll cancel my account tomorrow if this isn't fixed";
    const found = extractCommitments(text, WED_10, { timeZone: LONDON });
    expect(found.map((c) => c.text)).toEqual(["I'll call you at 2pm"]);
  });
});

describe('extractCommitments: programmer errors', () => {
  it('throws a TypeError for an unknown time zone', () => {
    expect(() => extractCommitments('hi', WED_10, { timeZone: 'Europe/Atlantis' })).toThrow(
      /Unknown timeZone "Europe\/Atlantis"/,
    );
    expect(() => extractCommitments('hi', WED_10, { timeZone: '' })).toThrow(TypeError);
  });

  it('throws a TypeError for an invalid sentAt', () => {
    expect(() => extractCommitments('hi', 'next Tuesday', { timeZone: LONDON })).toThrow(
      /sentAt must be ISO 8601/,
    );
    expect(() => extractCommitments('hi', '2026-02-30T10:00:00Z', { timeZone: LONDON })).toThrow(
      TypeError,
    );
    expect(() => extractCommitments('hi', new Date(Number.NaN), { timeZone: LONDON })).toThrow(
      /sentAt is an invalid Date/,
    );
  });

  it('throws a TypeError for malformed business hours, holidays or policy', () => {
    const bad = [
      { businessHours: { days: [], start: '09:00', end: '17:00' } },
      { businessHours: { days: [1, 8], start: '09:00', end: '17:00' } },
      { businessHours: { days: [1], start: '9am', end: '17:00' } },
      { businessHours: { days: [1], start: '17:00', end: '09:00' } },
      { holidays: ['25/12/2026'] },
      { holidays: ['2026-02-30'] },
      { defaultDueBusinessDays: -1 },
      { defaultDueBusinessDays: 1.5 },
    ];
    for (const extra of bad) {
      expect(() => extractCommitments('hi', WED_10, { timeZone: LONDON, ...extra })).toThrow(
        TypeError,
      );
    }
  });
});

describe('extractCommitments: robustness', () => {
  const zones = [LONDON, NEW_YORK, TOKYO, 'Australia/Lord_Howe', 'America/St_Johns', 'UTC'];
  const phrases = [
    "I'll call you back within the hour",
    'you will receive a refund in 3-5 business days',
    'we will email you by 5pm tomorrow',
    'by Friday',
    'first thing Monday',
    'asap',
    'tonight',
    "I can't promise",
    'next week',
    'on the 31st',
    'in 999 months',
    '3/12',
    'at 7',
    '?',
    '. ',
    '\n> ',
    '"',
    '😀',
    '\uD800',
  ];
  const textArb = fc
    .array(fc.oneof(fc.constantFrom(...phrases), fc.string({ maxLength: 20, unit: 'binary' })), {
      maxLength: 12,
    })
    .map((parts) => parts.join(' '));
  // 2000-01-01 .. 2060-01-01
  const instantArb = fc.integer({ min: 946_684_800_000, max: 2_840_140_800_000 });

  it('keeps spans inside the text and never falls due before sentAt', () => {
    fc.assert(
      fc.property(textArb, instantArb, fc.constantFrom(...zones), (text, ms, timeZone) => {
        const found = extractCommitments(text, new Date(ms), { timeZone });
        expectWellFormed(text, ms, found);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(Array.isArray(extractCommitments(text, WED_10, { timeZone: LONDON }))).toBe(true);
      }),
      { numRuns: 300 },
    );
    const huge = "Sorry! I'll call you back by 5pm and we'll refund you within 3 days. ".repeat(
      15_000,
    );
    expectWellFormed(
      huge,
      Date.parse(WED_10),
      extractCommitments(huge, WED_10, { timeZone: LONDON }),
    );
    expect(
      extractCommitments('\u0000\uFFFF\uD83D'.repeat(1000), WED_10, { timeZone: LONDON }),
    ).toEqual([]);
  });
});

// The test, not core, changes the host's zone (Node's TZ), to show core does not depend on it.
describe('extractCommitments: host time zone', () => {
  const original = env.TZ;
  afterEach(() => {
    if (original === undefined) delete env.TZ;
    else env.TZ = original;
  });

  // Chrono works through the host's local calendar; the answers must not depend on it.
  it.each([
    ['America/Los_Angeles', 480],
    ['Asia/Kolkata', -330],
    ['Pacific/Auckland', -780],
  ])('gives the same due times on a host in %s', (hostZone, januaryOffset) => {
    const rows = TABLE.filter((r) => r.expected.length > 0);
    const before = rows.map((r) =>
      extractCommitments(r.text, r.sentAt, { timeZone: r.timeZone, holidays: r.holidays }),
    );
    env.TZ = hostZone;
    expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(januaryOffset); // the switch took
    const after = rows.map((r) =>
      extractCommitments(r.text, r.sentAt, { timeZone: r.timeZone, holidays: r.holidays }),
    );
    expect(after).toEqual(before);
  });
});
