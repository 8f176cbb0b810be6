import { epochDay, readCanonicalInstant, zoneClock } from '../commitments/time-zone.js';

/*
 * Instants and wall-clock times without the host's clock or time zone: every date-time is read
 * from an ISO 8601 string with an offset, and every local time is computed in the time zone the
 * caller names, so the same input gives the same answer in any browser and on any server.
 */

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (1-12) of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/**
 * Milliseconds since the epoch for an ISO 8601 date-time with an offset or "Z"
 * ("2024-03-07T10:15:00+01:00"), or undefined for anything else: a date without an offset
 * would be read in the host's zone, which core never depends on. Impossible dates
 * ("2024-02-30") are refused rather than rolled over.
 */
export function parseInstant(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  // The forms core writes, without the regex; anything else (or out of range) goes on below.
  const canonical = readCanonicalInstant(value);
  if (canonical !== null) return canonical;
  const m = ISO_DATE_TIME.exec(value.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  return instantOf(
    Number(y),
    Number(mo),
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? '0'),
    Math.floor(Number(`0.${frac ?? '0'}`) * 1000),
    zulu !== undefined,
    sign === '-' ? -1 : 1,
    Number(oh),
    Number(om ?? '0'),
  );
}

function instantOf(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  zulu: boolean,
  sign: number,
  offHours: number,
  offMinutes: number,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (!zulu) {
    if (offHours > 23 || offMinutes > 59) return undefined;
    offsetMinutes = sign * (offHours * 60 + offMinutes);
  }
  // epochDay, not Date.UTC, which reads the years 0 to 99 as 1900 to 1999.
  const utc = epochDay(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000;
  return utc + millis - offsetMinutes * 60_000;
}

/** An instant as ISO 8601 in UTC, the form every `due` and `at` of core's answers takes. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

/** Checks an IANA time zone name once, up front; a bad one is a programmer error. */
export function checkTimeZone(timeZone: unknown): string {
  if (typeof timeZone !== 'string' || timeZone === '') {
    throw new TypeError('options.timeZone must be an IANA time zone name, e.g. "Europe/London"');
  }
  try {
    zoneClock(timeZone);
  } catch (cause) {
    throw new RangeError(`options.timeZone "${timeZone}" is not a time zone this platform knows`, {
      cause,
    });
  }
  return timeZone;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The wall-clock reading of an instant in a zone. */
interface LocalTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: string;
}

/**
 * How far the zone's wall clock runs ahead of UTC at an instant, in milliseconds: the clock of
 * the commitments module, which reads the platform once per zone and quarter hour.
 */
function offsetAt(ms: number, timeZone: string): number {
  return zoneClock(timeZone).localMs(ms) - ms;
}

function localTime(ms: number, timeZone: string): LocalTime {
  const wall = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: WEEKDAYS[wall.getUTCDay()] ?? '',
  };
}

/**
 * The instant `days` calendar days later at the same wall-clock time in the zone, so a
 * check-back promised "in two weeks" keeps its hour across a change to or from summer time.
 */
export function addLocalDays(ms: number, days: number, timeZone: string): number {
  const naive = ms + days * 86_400_000;
  const shift = offsetAt(ms, timeZone) - offsetAt(naive, timeZone);
  return naive + shift;
}

/**
 * A due time as an agent would say it to the customer: "3:45 pm" on the same local day as
 * `nowMs`, "Tue 12 Mar, 9:00 am" otherwise.
 */
export function describeLocalTime(ms: number, nowMs: number, timeZone: string): string {
  const t = localTime(ms, timeZone);
  const hour12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  const clock = `${hour12}:${String(t.minute).padStart(2, '0')} ${t.hour < 12 ? 'am' : 'pm'}`;
  const n = localTime(nowMs, timeZone);
  if (n.year === t.year && n.month === t.month && n.day === t.day) return clock;
  return `${t.weekday} ${t.day} ${MONTHS[t.month - 1] ?? ''}, ${clock}`;
}
