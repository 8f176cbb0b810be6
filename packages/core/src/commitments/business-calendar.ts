import { formatDay, isoWeekday, readInstant, zoneClock, type ZoneClock } from './time-zone.js';

/**
 * When the team works, in its own time zone.
 *
 * @example
 * const sixDays: BusinessHours = { days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '18:30' };
 */
export interface BusinessHours {
  /** ISO weekdays the team works: 1 = Monday ... 7 = Sunday. */
  days: readonly number[];
  /** Opening time, "HH:MM" (24-hour). */
  start: string;
  /** Closing time, "HH:MM" (24-hour, "24:00" for midnight), later than `start`. */
  end: string;
}

/**
 * The team's calendar: its time zone, working hours and holidays.
 *
 * @example
 * const london: BusinessCalendarOptions = { timeZone: 'Europe/London', holidays: ['2026-12-25'] };
 * endOfBusinessDay('2026-12-24T18:00:00Z', london); // → "2026-12-28T17:00:00+00:00"
 */
export interface BusinessCalendarOptions {
  /** IANA time zone of the team, e.g. "Europe/London". */
  timeZone: string;
  /** Working days and hours; Monday to Friday, 09:00-17:00 when left out. */
  businessHours?: BusinessHours;
  /** "YYYY-MM-DD" dates, in the team's zone, that are not business days. */
  holidays?: readonly string[];
}

/**
 * Monday to Friday, 09:00-17:00: the hours used when `businessHours` is left out.
 *
 * @example
 * extractCommitments(text, sentAt, { timeZone: 'Europe/London', businessHours: DEFAULT_BUSINESS_HOURS });
 */
export const DEFAULT_BUSINESS_HOURS: Readonly<BusinessHours> = Object.freeze({
  days: Object.freeze([1, 2, 3, 4, 5]),
  start: '09:00',
  end: '17:00',
});

/**
 * The largest count `addBusinessDays` (in days) and `addBusinessHours` (in hours) accept: about
 * forty years of business days, or five years of business hours. Larger counts are a
 * programmer error, and would only make the walk through the calendar slow.
 *
 * @example
 * addBusinessDays(sentAt, MAX_BUSINESS_STEPS + 1, options); // throws TypeError
 */
export const MAX_BUSINESS_STEPS = 10_000;

const HOUR_MS = 3_600_000;
const HH_MM = /^(\d{2}):(\d{2})$/;
const YYYY_MM_DD = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The team's calendar, resolved and validated once: business days are epoch days (see
 * time-zone.ts) and instants are epoch milliseconds. Internal to the commitments folder; the
 * public helpers below wrap it.
 */
export class BusinessCalendar {
  readonly clock: ZoneClock;
  /** Minutes after midnight when the team opens and closes. */
  readonly openMinute: number;
  readonly closeMinute: number;
  private readonly days: ReadonlySet<number>;
  private readonly holidays: ReadonlySet<string>;
  /** No run of non-business days is longer than this; bounds every walk through the calendar. */
  private readonly maxGap: number;

  /** @throws TypeError for an unknown time zone, malformed hours or malformed holidays. */
  constructor(options: BusinessCalendarOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new TypeError('options must be an object with at least a timeZone');
    }
    this.clock = zoneClock(options.timeZone);
    const hours = options.businessHours ?? DEFAULT_BUSINESS_HOURS;
    if (!Array.isArray(hours.days) || hours.days.length === 0) {
      throw new TypeError('businessHours.days must list at least one ISO weekday (1=Mon..7=Sun)');
    }
    for (const d of hours.days) {
      if (!Number.isInteger(d) || d < 1 || d > 7) {
        throw new TypeError(`businessHours.days must hold ISO weekdays 1-7, got ${String(d)}`);
      }
    }
    this.days = new Set(hours.days);
    this.openMinute = readClockTime(hours.start, 'businessHours.start');
    this.closeMinute = readClockTime(hours.end, 'businessHours.end');
    if (this.closeMinute <= this.openMinute) {
      throw new TypeError(
        `businessHours.end (${hours.end}) must be later than businessHours.start (${hours.start}); hours past midnight are not supported`,
      );
    }
    const holidays = options.holidays ?? [];
    if (!Array.isArray(holidays)) throw new TypeError('holidays must be an array of "YYYY-MM-DD"');
    for (const h of holidays) {
      const m = typeof h === 'string' ? YYYY_MM_DD.exec(h) : null;
      if (
        !m ||
        formatDay(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000) !== h
      ) {
        throw new TypeError(`holidays must be "YYYY-MM-DD" dates, got ${JSON.stringify(h)}`);
      }
    }
    this.holidays = new Set(holidays);
    // Every week has a business weekday, and each holiday can remove at most one of them.
    this.maxGap = 7 * (this.holidays.size + 1) + 7;
  }

  /** The epoch day (in the team's zone) that `instant` falls on. */
  dayOf(instant: number): number {
    return this.clock.wall(instant).day;
  }

  isBusinessDay(day: number): boolean {
    return this.days.has(isoWeekday(day)) && !this.holidays.has(formatDay(day));
  }

  /** The first business day after `day` (or on it, when `inclusive`). */
  nextBusinessDay(day: number, inclusive = false): number {
    let d = inclusive ? day : day + 1;
    for (let i = 0; i < this.maxGap && !this.isBusinessDay(d); i++) d++;
    return d;
  }

  /** The last business day before `day` (or on it, when `inclusive`). */
  previousBusinessDay(day: number, inclusive = false): number {
    let d = inclusive ? day : day - 1;
    for (let i = 0; i < this.maxGap && !this.isBusinessDay(d); i++) d--;
    return d;
  }

  /** `n` business days after `day` (before it when negative); `day` itself when `n` is 0. */
  addBusinessDays(day: number, n: number): number {
    let d = day;
    for (let i = 0; i < n; i++) d = this.nextBusinessDay(d);
    for (let i = 0; i > n; i--) d = this.previousBusinessDay(d);
    return d;
  }

  /** The instant the team's clocks read `minute` (and `second`) on `day`. */
  at(day: number, minute: number, second = 0): number {
    return this.clock.instantAt(day, minute, second);
  }

  opening(day: number): number {
    return this.at(day, this.openMinute);
  }

  closing(day: number): number {
    return this.at(day, this.closeMinute);
  }

  /** See the public `endOfBusinessDay`. */
  endOfBusinessDay(instant: number): number {
    const day = this.dayOf(instant);
    if (this.isBusinessDay(day)) {
      const close = this.closing(day);
      if (instant < close) return close;
    }
    return this.closing(this.nextBusinessDay(day));
  }

  /** See the public `nextBusinessMoment`. */
  nextBusinessMoment(instant: number): number {
    const day = this.dayOf(instant);
    if (this.isBusinessDay(day)) {
      const open = this.opening(day);
      if (instant < open) return open;
      if (instant < this.closing(day)) return instant;
    }
    return this.opening(this.nextBusinessDay(day));
  }

  /** See the public `addBusinessHours`. */
  addBusinessHours(instant: number, hours: number): number {
    let remaining = hours * HOUR_MS;
    let t = this.nextBusinessMoment(instant);
    // Each pass uses up one business day, so the loop ends; the cap on `hours` bounds it.
    for (;;) {
      const close = this.closing(this.dayOf(t));
      if (remaining <= close - t) return t + remaining;
      remaining -= close - t;
      t = this.nextBusinessMoment(close);
    }
  }
}

/**
 * The same wall-clock time `n` business days later (earlier when `n` is negative), in the team's
 * time zone: each step moves to the next calendar day that is a business day, skipping the
 * team's closed weekdays and holidays. The time of day is kept even when the clocks change in
 * between; `n = 0` returns the instant unchanged.
 *
 * @throws TypeError on an invalid instant, time zone or calendar, or when `n` is not an integer
 * of at most MAX_BUSINESS_STEPS in size.
 * @example
 * addBusinessDays('2026-11-27T10:00:00+00:00', 1, { timeZone: 'Europe/London' });
 * // → "2026-11-30T10:00:00+00:00" (Friday → Monday)
 */
export function addBusinessDays(
  instant: string | Date,
  n: number,
  options: BusinessCalendarOptions,
): string {
  const calendar = new BusinessCalendar(options);
  const t = readInstant(instant, calendar.clock, 'instant');
  checkSteps(n, 'n', true);
  const wall = calendar.clock.wall(t);
  const day = calendar.addBusinessDays(wall.day, n);
  const result = n === 0 ? t : calendar.at(day, wall.minute, wall.second) + (t % 1000);
  return calendar.clock.formatIso(result);
}

/**
 * The close of business of the business day `instant` falls in; when the instant is on a day
 * off or after closing time, the close of the next business day. This is when a promise "by
 * the end of the day" made during business hours falls due.
 *
 * @throws TypeError on an invalid instant, time zone or calendar.
 * @example
 * endOfBusinessDay('2026-11-27T18:30:00+00:00', { timeZone: 'Europe/London' });
 * // → "2026-11-30T17:00:00+00:00" (Friday evening → Monday's close)
 */
export function endOfBusinessDay(instant: string | Date, options: BusinessCalendarOptions): string {
  const calendar = new BusinessCalendar(options);
  const t = readInstant(instant, calendar.clock, 'instant');
  return calendar.clock.formatIso(calendar.endOfBusinessDay(t));
}

/**
 * The instant itself when it is within business hours; otherwise the next opening time, in
 * the team's zone. A scheduler uses it to hold a follow-up until someone is at work.
 *
 * @throws TypeError on an invalid instant, time zone or calendar.
 * @example
 * nextBusinessMoment('2026-11-28T11:00:00+00:00', { timeZone: 'Europe/London' });
 * // → "2026-11-30T09:00:00+00:00" (Saturday → Monday's opening)
 */
export function nextBusinessMoment(
  instant: string | Date,
  options: BusinessCalendarOptions,
): string {
  const calendar = new BusinessCalendar(options);
  const t = readInstant(instant, calendar.clock, 'instant');
  return calendar.clock.formatIso(calendar.nextBusinessMoment(t));
}

/**
 * The instant `hours` of business time after `instant`: the clock runs only during business
 * hours on business days, starting from the next business moment. Fractions are allowed.
 *
 * @throws TypeError on an invalid instant, time zone or calendar, or when `hours` is negative,
 * not finite, or more than MAX_BUSINESS_STEPS.
 * @example
 * addBusinessHours('2026-11-27T16:00:00+00:00', 4, { timeZone: 'Europe/London' });
 * // → "2026-11-30T12:00:00+00:00" (1 hour on Friday, 3 on Monday)
 */
export function addBusinessHours(
  instant: string | Date,
  hours: number,
  options: BusinessCalendarOptions,
): string {
  const calendar = new BusinessCalendar(options);
  const t = readInstant(instant, calendar.clock, 'instant');
  checkSteps(hours, 'hours', false);
  return calendar.clock.formatIso(calendar.addBusinessHours(t, hours));
}

function checkSteps(n: number, name: string, integer: boolean): void {
  const ok = integer
    ? Number.isInteger(n) && Math.abs(n) <= MAX_BUSINESS_STEPS
    : Number.isFinite(n) && n >= 0 && n <= MAX_BUSINESS_STEPS;
  if (!ok) {
    const expected = integer
      ? `an integer from -${MAX_BUSINESS_STEPS} to ${MAX_BUSINESS_STEPS}`
      : `a number from 0 to ${MAX_BUSINESS_STEPS}`;
    throw new TypeError(`${name} must be ${expected}, got ${String(n)}`);
  }
}

function readClockTime(value: unknown, name: string): number {
  const m = typeof value === 'string' ? HH_MM.exec(value) : null;
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) {
    throw new TypeError(`${name} must be "HH:MM" (00:00-24:00), got ${JSON.stringify(value)}`);
  }
  return minutes;
}
