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

/** The Europe/London calendar date (YYYY-MM-DD) of a valid instant. */
export function londonDateOf(date: Date): string {
  const ms = date.getTime();
  const year = date.getUTCFullYear();
  if (year < FIRST_RULE_YEAR) {
    olderRules ??= new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const parts = Object.fromEntries(olderRules.formatToParts(date).map((part) => [part.type, part.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  }
  const summer = ms >= lastSundayOneAm(year, 2) && ms < lastSundayOneAm(year, 9);
  return new Date(summer ? ms + HOUR_MS : ms).toISOString().slice(0, 10);
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

/** `2026-03-14` → `14 March 2026`, as `Intl` writes it in en-GB; a date that is not real throws. */
export function longUkDate(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Invalid time value: ${JSON.stringify(isoDate)}`);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

let dateTimeFormat: Intl.DateTimeFormat | undefined;

/** `3 December 2026 at 17:21:58`, London time: the evidence packs' stamp (made on first use, with `Intl`). */
export function londonDateTime(date: Date): string {
  dateTimeFormat ??= new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/London' });
  return dateTimeFormat.format(date);
}

/** A whole number with thousands separated by commas, as en-GB writes it (`12,345`), without `Intl`. */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-GB');
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
