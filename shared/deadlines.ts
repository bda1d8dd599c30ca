import { BANK_HOLIDAY_YEARS, BANK_HOLIDAYS, NATIONS, type Nation } from './bank-holidays.ts';
import { londonDateOf } from './uk-time.ts';

export type { Nation } from './bank-holidays.ts';

// All arithmetic is on whole days since 1970-01-01 (UTC), so no time zone or DST change can
// move a date. Only ukDate() looks at a clock, for the Europe/London date (shared/uk-time.ts).

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;
const SHIPPED = `${BANK_HOLIDAY_YEARS.first}–${BANK_HOLIDAY_YEARS.last}`;
const HOLIDAY_SETS = new Map(NATIONS.map((nation) => [nation, new Set(BANK_HOLIDAYS[nation])]));

interface Ymd {
  year: number;
  month: number; // 1–12
  day: number;
}

function parse(date: string, name: string): Ymd {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (match) {
    const ymd = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    if (ymd.month >= 1 && ymd.month <= 12 && ymd.day >= 1 && ymd.day <= daysInMonth(ymd.year, ymd.month)) return ymd;
  }
  throw new RangeError(`${name} must be a real calendar date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
}

function isRealDate(date: string): boolean {
  try {
    parse(date, 'date');
    return true;
  } catch {
    return false;
  }
}

function format({ year, month, day }: Ymd): string {
  if (year < 0 || year > 9999) throw new RangeError(`date is out of range: year ${year}`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
function utc(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function daysInMonth(year: number, month: number): number {
  return utc(year, month, 0).getUTCDate();
}

function toDayNumber({ year, month, day }: Ymd): number {
  return utc(year, month - 1, day).getTime() / DAY_MS;
}

function fromDayNumber(dayNumber: number): string {
  const date = new Date(dayNumber * DAY_MS);
  return format({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
}

function checkNation(nation: Nation): Nation {
  if (!NATIONS.includes(nation)) {
    throw new RangeError(`nation must be one of ${NATIONS.join(', ')}, got ${JSON.stringify(nation)}`);
  }
  return nation;
}

function checkPausedDays(pausedDays: number | undefined): number {
  const days = pausedDays ?? 0;
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`pausedDays must be a whole number of days, 0 or more, got ${String(pausedDays)}`);
  }
  return days;
}

function earlier(a: string, b: string): string {
  return a <= b ? a : b;
}

/**
 * The Europe/London calendar date (YYYY-MM-DD) of an instant: 2026-06-30T23:30:00Z is 2026-07-01 (BST).
 * A string must be an ISO date, or a date-time with `Z` or an offset, so the server's zone never matters.
 */
export function ukDate(instant: Date | string): string {
  if (typeof instant === 'string') {
    const match = ISO_INSTANT.exec(instant);
    if (!match || !isRealDate(match[1] ?? '')) {
      throw new RangeError(`instant must be an ISO date, or date-time with Z or an offset, got ${JSON.stringify(instant)}`);
    }
  }
  const date = instant instanceof Date ? instant : new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`instant is not a valid date-time: ${JSON.stringify(String(instant))}`);
  return londonDateOf(date);
}

/**
 * Whether the date is neither a weekend nor a bank holiday in the nation.
 * Throws outside the shipped bank holiday years (see BANK_HOLIDAY_YEARS).
 */
export function isWorkingDay(date: string, nation: Nation): boolean {
  const ymd = parse(date, 'date');
  checkNation(nation);
  if (ymd.year < BANK_HOLIDAY_YEARS.first || ymd.year > BANK_HOLIDAY_YEARS.last) {
    throw new RangeError(`No UK bank holiday data for ${ymd.year} (${nation}); shipped: ${SHIPPED}`);
  }
  const weekday = new Date(toDayNumber(ymd) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAY_SETS.get(nation)?.has(format(ymd));
}

/** The date itself when it is a working day in the nation, otherwise the next one. */
export function nextWorkingDay(date: string, nation: Nation): string {
  let day = format(parse(date, 'date'));
  while (!isWorkingDay(day, nation)) day = addDays(day, 1);
  return day;
}

/**
 * The date n calendar months later (earlier when n is negative): the same day of the month,
 * or the month's last day when it has none (2026-01-31 + 1 → 2026-02-28).
 */
export function addCalendarMonths(date: string, n: number): string {
  const { year, month, day } = parse(date, 'date');
  if (!Number.isInteger(n)) throw new RangeError(`months must be a whole number, got ${String(n)}`);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** The date n calendar days later (earlier when n is negative). */
export function addDays(date: string, n: number): string {
  const ymd = parse(date, 'date');
  if (!Number.isInteger(n)) throw new RangeError(`days must be a whole number, got ${String(n)}`);
  return fromDayNumber(toDayNumber(ymd) + n);
}

/** Calendar days from a to b (b − a): negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(parse(b, 'b')) - toDayNumber(parse(a, 'a'));
}

/** Calendar days from today until the due date: 0 on the day, negative once overdue. */
export function daysLeft(due: string, today: string): number {
  return daysBetween(today, due);
}

/**
 * The UK GDPR deadline to answer a request (Article 12(3)): one calendar month from receipt, plus
 * any extension months and days the clock was paused, moved past weekends and the nation's bank
 * holidays. Throws on malformed input and when the deadline falls outside the shipped holiday years.
 */
export function dueDate(input: { received: string; nation: Nation; extensionMonths?: 0 | 1 | 2; pausedDays?: number }): string {
  const received = format(parse(input.received, 'received'));
  const nation = checkNation(input.nation);
  const extensionMonths = input.extensionMonths ?? 0;
  if (extensionMonths !== 0 && extensionMonths !== 1 && extensionMonths !== 2) {
    throw new RangeError(`extensionMonths must be 0, 1 or 2, got ${String(input.extensionMonths)}`);
  }
  const pausedDays = checkPausedDays(input.pausedDays);
  return nextWorkingDay(addDays(addCalendarMonths(received, 1 + extensionMonths), pausedDays), nation);
}

/**
 * A shorter period a tenant promises (e.g. 30 days): received + days (+ paused days), moved to
 * the next working day, but never later than the statutory dueDate() for the same request.
 */
export function fixedPeriodDueDate(input: { received: string; nation: Nation; days: number; pausedDays?: number }): string {
  const { received, nation } = input;
  if (!Number.isInteger(input.days) || input.days < 1) {
    throw new RangeError(`days must be a whole number of days, 1 or more, got ${String(input.days)}`);
  }
  const pausedDays = checkPausedDays(input.pausedDays);
  const statutory = dueDate({ received, nation, pausedDays });
  const promised = addDays(received, input.days + pausedDays);
  return promised >= statutory ? statutory : earlier(nextWorkingDay(promised, nation), statutory);
}

/** Why the one-month period counts from the day it does (UK GDPR Art. 12A): the latest of these. */
export type ClockStartReason = 'request' | 'identity' | 'fee';

/**
 * The day the time to answer counts from (UK GDPR Art. 12A): the latest of receiving the request,
 * receiving the information asked for to confirm the person's identity, and receiving a fee where
 * one may be charged. On a tie the request's own day wins (nothing moved it).
 */
export function clockStart(input: { received: string; identityReceived?: string; feeReceived?: string }): {
  on: string;
  from: ClockStartReason;
} {
  let start: { on: string; from: ClockStartReason } = { on: format(parse(input.received, 'received')), from: 'request' };
  const later = [
    ['identity', input.identityReceived],
    ['fee', input.feeReceived],
  ] as const;
  for (const [from, on] of later) {
    if (on === undefined) continue;
    const day = format(parse(on, `${from}Received`));
    if (day > start.on) start = { on: day, from };
  }
  return start;
}

/**
 * Whether the deadline can still be extended: only until the first, unextended deadline
 * has passed (today on or before dueDate() with no extension).
 */
export function canExtend(input: { received: string; nation: Nation; pausedDays?: number; today: string }): boolean {
  const today = format(parse(input.today, 'today'));
  return today <= dueDate({ received: input.received, nation: input.nation, pausedDays: input.pausedDays ?? 0 });
}
