/**
 * Instants and wall-clock times in an IANA time zone, with nothing but `Intl.DateTimeFormat`:
 * core runs in the browser, and every engine ships the time zone database with `Intl`.
 *
 * Calendar dates are handled as "epoch days" (whole days since 1970-01-01, a proleptic
 * Gregorian count that has no time zone), so date arithmetic is integer arithmetic and the time
 * zone matters only where a wall-clock time becomes an instant.
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const QUARTER_HOUR_MS = 15 * MINUTE_MS;

/** A wall-clock reading in some zone: the date as an epoch day, and the time of day. */
export interface WallTime {
  /** Whole days since 1970-01-01 in the zone's calendar. */
  day: number;
  /** Minutes since local midnight, 0-1439. */
  minute: number;
  /** Seconds within the minute, 0-59. */
  second: number;
}

/** Converts between instants (epoch milliseconds) and wall-clock times in one time zone. */
export class ZoneClock {
  readonly timeZone: string;
  private readonly parts: Intl.DateTimeFormat;

  /** @throws TypeError when `timeZone` is not a time zone this engine knows. */
  constructor(timeZone: string) {
    if (typeof timeZone !== 'string' || timeZone.trim() === '') {
      throw new TypeError(
        `timeZone must be an IANA time zone name such as "Europe/London", got ${describe(timeZone)}`,
      );
    }
    try {
      this.parts = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch (cause) {
      throw new TypeError(
        `Unknown timeZone "${timeZone}": expected an IANA time zone name such as "Europe/London"`,
        { cause },
      );
    }
    this.timeZone = timeZone;
  }

  /** Offsets by quarter hour already asked for: `formatToParts` is slow, and offsets change
   * only at a zone's transitions, which fall on quarter hours. */
  private readonly offsets = new Map<number, number>();

  /** The wall-clock reading of `instant`, as if it were UTC (milliseconds are kept). */
  localMs(instant: number): number {
    const block = Math.floor(instant / QUARTER_HOUR_MS);
    let offset = this.offsets.get(block);
    if (offset === undefined) {
      const start = block * QUARTER_HOUR_MS;
      offset = this.readLocalMs(start) - start;
      if (this.offsets.size >= 4096) this.offsets.clear();
      this.offsets.set(block, offset);
    }
    return instant + offset;
  }

  private readLocalMs(instant: number): number {
    let year = 1970;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let negativeEra = false;
    for (const part of this.parts.formatToParts(instant)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          // Some engines print midnight as "24" even with h23; it is the start of the day.
          hour = Number(part.value) % 24;
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        case 'era':
          negativeEra = part.value.startsWith('B');
          break;
        default:
          break;
      }
    }
    if (negativeEra) year = 1 - year;
    const utc = new Date(0);
    utc.setUTCFullYear(year, month - 1, day);
    utc.setUTCHours(hour, minute, second, 0);
    return utc.getTime() + mod(instant, 1000);
  }

  /** The zone's offset from UTC at `instant`, in minutes (east positive: +60 for CET). */
  offsetMinutes(instant: number): number {
    return Math.round((this.localMs(instant) - instant) / MINUTE_MS);
  }

  /** The wall-clock date and time of `instant`. */
  wall(instant: number): WallTime {
    const local = this.localMs(instant);
    const day = Math.floor(local / DAY_MS);
    const msOfDay = local - day * DAY_MS;
    return {
      day,
      minute: Math.floor(msOfDay / MINUTE_MS),
      second: Math.floor((msOfDay % MINUTE_MS) / 1000),
    };
  }

  /**
   * The instant when the zone's clocks read `minute` (may be 1440 or more: it rolls into the
   * following days) and `second` on `day`.
   *
   * Resolved as `Temporal`'s "compatible" disambiguation does: a time skipped by a forward
   * clock change (01:30 on the day Europe/London springs forward) is read with the offset from
   * before the change, so it lands after the gap (02:30 BST); a time that happens twice when
   * clocks go back is the earlier of the two.
   */
  instantAt(day: number, minute: number, second = 0): number {
    const local = day * DAY_MS + minute * MINUTE_MS + second * 1000;
    const before = this.offsetMinutes(local - DAY_MS);
    const after = this.offsetMinutes(local + DAY_MS);
    const early = local - before * MINUTE_MS;
    if (before === after) return early;
    const late = local - after * MINUTE_MS;
    const earlyValid = this.offsetMinutes(early) === before;
    const lateValid = this.offsetMinutes(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late);
    if (lateValid) return late;
    return early;
  }

  /**
   * `instant` as ISO 8601 with this zone's offset, e.g. "2026-11-27T16:00:00+01:00"
   * (milliseconds only when there are some; "+00:00" rather than "Z", since the offset is the
   * zone's).
   */
  formatIso(instant: number): string {
    const local = this.localMs(instant);
    const offset = Math.round((local - instant) / MINUTE_MS);
    const iso = new Date(local).toISOString(); // the wall-clock fields, written as if UTC
    const ms = mod(instant, 1000);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${iso.slice(0, 19)}${ms === 0 ? '' : iso.slice(19, 23)}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
  }
}

const clocks = new Map<string, ZoneClock>();

/** The (cached) clock for `timeZone`. @throws TypeError for an unknown zone. */
export function zoneClock(timeZone: string): ZoneClock {
  const cached = clocks.get(timeZone);
  if (cached) return cached;
  const clock = new ZoneClock(timeZone);
  if (clocks.size >= 64) clocks.clear(); // a handful of zones in practice; never grow without end
  clocks.set(timeZone, clock);
  return clock;
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([Zz])|([+-])(\d{2}):?(\d{2})?)?$/;

/**
 * Reads an instant given as a `Date` or as ISO 8601 text. Text without an offset
 * ("2026-11-27T16:45") is a wall-clock time in the team's zone, never the host's: core must give
 * the same answer on every machine.
 *
 * @throws TypeError naming `what` when the value is not a valid date.
 */
export function readInstant(value: string | Date, clock: ZoneClock, what: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new TypeError(`${what} is an invalid Date`);
    return ms;
  }
  if (typeof value !== 'string') {
    throw new TypeError(`${what} must be an ISO 8601 string or a Date, got ${describe(value)}`);
  }
  const canonical = readCanonicalInstant(value);
  if (canonical !== null) return canonical;
  const m = ISO_INSTANT.exec(value.trim());
  if (!m) {
    throw new TypeError(
      `${what} must be ISO 8601, e.g. "2026-11-27T16:45:00+01:00", got ${JSON.stringify(value)}`,
    );
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const date = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const ms = Math.floor(Number(`0.${m[7] ?? '0'}`) * 1000);
  const day = epochDay(year, month, date);
  if (
    !isCalendarTime(year, month, date, hour, minute, second) ||
    (m[9] !== undefined && (Number(m[10]) > 23 || Number(m[11] ?? 0) > 59))
  ) {
    throw new TypeError(`${what} is not a valid date and time: ${JSON.stringify(value)}`);
  }
  if (m[8] !== undefined || m[9] !== undefined) {
    const offset =
      m[9] === undefined ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0));
    return day * DAY_MS + (hour * 60 + minute - offset) * MINUTE_MS + second * 1000 + ms;
  }
  return clock.instantAt(day, hour * 60 + minute, second) + ms;
}

/** Whether the fields name a real date (no 30 February) and a time of day (no 24:00). */
function isCalendarTime(
  year: number,
  month: number,
  date: number,
  hour: number,
  minute: number,
  second: number,
): boolean {
  return (
    month >= 1 &&
    month <= 12 &&
    date >= 1 &&
    date <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

/** The value of the ASCII digits at [from, to) of `s`, or -1 when one is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The forms `toISOString` and core write, read without a regex: "2026-11-27T16:45:00Z",
 * "2026-11-27T16:45:00.000Z", "2026-11-27T16:45:00+01:00" and "2026-11-27T16:45:00.000+01:00".
 * Each matches ISO_INSTANT with an offset and goes through the same checks and arithmetic
 * (three digits of milliseconds read as `Math.floor(Number("0.ddd") * 1000)` reads them), so
 * the answer is the regex path's. Null for any other text, and for a value out of range: the
 * regex path reads it, or throws its error.
 */
export function readCanonicalInstant(v: string): number | null {
  const n = v.length;
  if (n !== 20 && n !== 24 && n !== 25 && n !== 29) return null;
  if (
    v.charCodeAt(4) !== 45 || // -
    v.charCodeAt(7) !== 45 ||
    v.charCodeAt(10) !== 84 || // T
    v.charCodeAt(13) !== 58 || // :
    v.charCodeAt(16) !== 58
  ) {
    return null;
  }
  const year = digitsAt(v, 0, 4);
  const month = digitsAt(v, 5, 7);
  const date = digitsAt(v, 8, 10);
  const hour = digitsAt(v, 11, 13);
  const minute = digitsAt(v, 14, 16);
  const second = digitsAt(v, 17, 19);
  if (year < 0 || month < 0 || date < 0 || hour < 0 || minute < 0 || second < 0) return null;
  let at = 19;
  let ms = 0;
  if (n === 24 || n === 29) {
    if (v.charCodeAt(19) !== 46) return null; // .
    ms = digitsAt(v, 20, 23);
    if (ms < 0) return null;
    at = 23;
  }
  let offset = 0;
  const sign = v.charCodeAt(at);
  if (n - at === 1) {
    if (sign !== 90) return null; // Z
  } else {
    if ((sign !== 43 && sign !== 45) || v.charCodeAt(at + 3) !== 58) return null; // + - :
    const offsetHours = digitsAt(v, at + 1, at + 3);
    const offsetMinutes = digitsAt(v, at + 4, at + 6);
    if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return null;
    offset = (sign === 45 ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  }
  if (!isCalendarTime(year, month, date, hour, minute, second)) return null;
  return (
    epochDay(year, month, date) * DAY_MS +
    (hour * 60 + minute - offset) * MINUTE_MS +
    second * 1000 +
    ms
  );
}

/**
 * Whole days from 1970-01-01 to the given Gregorian date (months 1-12; out-of-range months and
 * dates roll into the neighbouring ones). Integer arithmetic (Hinnant's days-from-civil) rather
 * than a `Date`: it runs for every time read, and a `Date` is a runtime call and an allocation.
 */
export function epochDay(year: number, month: number, date: number): number {
  const yearsOver = Math.floor((month - 1) / 12);
  const m = month - yearsOver * 12; // 1-12
  // Years run from March, so that the leap day ends them.
  const y = year + yearsOver - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + date - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The Gregorian year, month (1-12) and date of an epoch day (Hinnant's civil-from-days). */
export function civilDate(day: number): { year: number; month: number; date: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return {
    year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0),
    month,
    date: dayOfYear - Math.floor((153 * mp + 2) / 5) + 1,
  };
}

/** ISO weekday of an epoch day: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return mod(day + 3, 7) + 1;
}

/** Days in a Gregorian month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11
    ? 30
    : month >= 1 && month <= 12
      ? 31
      : epochDay(year, month + 1, 1) - epochDay(year, month, 1);
}

/** "YYYY-MM-DD" of an epoch day. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
