/**
 * UK civil time without `Intl`: the first `Intl` object a process makes loads ICU's data (40-60 ms
 * of CPU on the machine the bundles are measured on, BENCHMARKS.md), which every Lambda paid at
 * cold start for a London date. Since 1996 the UK keeps summer time (BST, UTC+1) from 01:00 UTC
 * on the last Sunday of March to 01:00 UTC on the last Sunday of October (Summer Time Order 2002);
 * earlier instants ask `Intl`, whose zone data knows the older rules. shared/uk-time.test.ts checks
 * the rule against `Intl` at every change from 1996 to 2060.
 */

const HOUR_MS = 3_600_000;
const FIRST_RULE_YEAR = 1996;

/** 01:00 UTC on the last Sunday of the month (0-based) of the year, in ms since the epoch. */
function lastSundayOneAm(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

let olderRules: Intl.DateTimeFormat | undefined;

/**
 * London's wall clock at an instant, as a Date to read with the `getUTC…` methods: from 1996 by the
 * rule above, before it by `Intl`'s zone data. An invalid date throws a RangeError, as `Intl` does.
 */
function londonWallClock(date: Date): Date {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid time value');
  const year = date.getUTCFullYear();
  if (year >= FIRST_RULE_YEAR) {
    const summer = ms >= lastSundayOneAm(year, 2) && ms < lastSundayOneAm(year, 9);
    return new Date(summer ? ms + HOUR_MS : ms);
  }
  olderRules ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  const part = Object.fromEntries(olderRules.formatToParts(date).map((p) => [p.type, Number(p.value)]));
  return new Date(Date.UTC(part.year ?? 0, (part.month ?? 1) - 1, part.day, part.hour, part.minute, part.second));
}

/** The Europe/London calendar date (YYYY-MM-DD) of a valid instant. */
export function londonDateOf(date: Date): string {
  return londonWallClock(date).toISOString().slice(0, 10);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A wall-clock Date's day as en-GB writes a long date: `14 March 2026`. */
const longDate = (wall: Date) => `${wall.getUTCDate()} ${MONTHS[wall.getUTCMonth()]} ${wall.getUTCFullYear()}`;

/** `2026-03-14` → `14 March 2026`, as `Intl` writes it in en-GB; a date that is not real throws. */
export function longUkDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid time value: ${JSON.stringify(isoDate)}`);
  return longDate(date);
}

/** An instant's London day as a long date: `14 March 2026`. */
export const londonLongDate = (date: Date): string => longDate(londonWallClock(date));

const two = (n: number) => String(n).padStart(2, '0');

/** A wall-clock Date as en-GB writes a long date and time: to the minute, or to the second. */
const longDateTime = (wall: Date, seconds: boolean) =>
  `${longDate(wall)} at ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}${seconds ? `:${two(wall.getUTCSeconds())}` : ''}`;

/**
 * `14 March 2026 at 09:30`, London time, as `Intl` writes it in en-GB (long date, short time), and
 * without `Intl` from 1996 on: the subject page shows these, and its first `Intl` object would cost
 * the page's first render the ICU load (BENCHMARKS.md, "your data" in Lighthouse).
 */
export const londonDateTimeMinutes = (date: Date): string => longDateTime(londonWallClock(date), false);

/**
 * `3 December 2026 at 17:21:58`, London time, as `Intl` writes it in en-GB (long date, medium
 * time): the evidence packs' stamp, without loading ICU for a function's first pack.
 */
export const londonDateTime = (date: Date): string => longDateTime(londonWallClock(date), true);

/** A whole number with thousands separated by commas, as en-GB writes it (`12,345`), without `Intl`. */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-GB');
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
