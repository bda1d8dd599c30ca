import { describe, expect, it } from 'vitest';
import type { Nation } from './bank-holidays.ts';
import {
  addCalendarMonths,
  addDays,
  daysBetween,
  dueDate,
  fixedPeriodDueDate,
  isWorkingDay,
  nextWorkingDay,
  ukDate,
} from './deadlines.ts';

const EW: Nation = 'england-and-wales';

/** The shortest promise, and the inputs the deadline rules refuse. */
describe('a promise of one day', () => {
  it.each([
    ['2026-03-10', '2026-03-11', 'a Tuesday: due the next day'],
    ['2026-03-13', '2026-03-16', 'a Friday: the next day is a Saturday, so Monday'],
    ['2026-04-02', '2026-04-07', 'the day before Good Friday: past Easter Monday'],
  ] as const)('gives %s the date %s: %s', (received, due, _why) => {
    expect(fixedPeriodDueDate({ received, nation: EW, days: 1 })).toBe(due);
  });

  it('answers with the statutory date when the promise runs past it, even beyond the shipped holiday data', () => {
    // Prepare: one month from 29 November 2028 is Friday 29 December; 31 days is Saturday 30
    // December, whose next working day would need 2029's holidays
    const input = { received: '2028-11-29', nation: EW, days: 31 };

    // Act and Assess
    expect(fixedPeriodDueDate(input)).toBe('2028-12-29');
  });
});

describe('the date checks', () => {
  it.each([
    ['2026-00-10', 'month 0'],
    ['2026-02-00', 'day 0'],
    ['2026-04-31', 'no 31 April'],
    ['2027-02-29', 'not a leap year'],
    ['12026-02-03', 'five-digit year'],
    ['x2026-02-03', 'text before the date'],
    ['2026-02-03x', 'text after the date'],
  ])('rejects %s (%s) by name', (received, _why) => {
    expect(() => dueDate({ received, nation: EW })).toThrow(
      `received must be a real calendar date as YYYY-MM-DD, got ${JSON.stringify(received)}`,
    );
  });

  it('rejects a value that only reads as a date when turned into text', () => {
    expect(() => dueDate({ received: ['2026-02-03'] as unknown as string, nation: EW })).toThrow(
      /received must be a real calendar date/,
    );
  });

  it('names the argument that is wrong', () => {
    expect(() => isWorkingDay('2026-02-30', EW)).toThrow('date must be a real calendar date as YYYY-MM-DD, got "2026-02-30"');
    expect(() => nextWorkingDay('2026-2-3', EW)).toThrow('date must be a real calendar date');
    expect(() => addCalendarMonths('2026-13-01', 1)).toThrow('date must be a real calendar date');
    expect(() => addDays('2026-13-01', 1)).toThrow('date must be a real calendar date');
    expect(() => daysBetween('2026-3-1', '2026-03-02')).toThrow('a must be a real calendar date as YYYY-MM-DD, got "2026-3-1"');
    expect(() => addCalendarMonths('2026-01-31', 0.5)).toThrow('months must be a whole number, got 0.5');
    expect(() => addDays('2026-01-31', 0.5)).toThrow('days must be a whole number, got 0.5');
    expect(() => dueDate({ received: '2026-02-03', nation: 'wales' as Nation })).toThrow(
      'nation must be one of england-and-wales, scotland, northern-ireland, got "wales"',
    );
  });

  it.each([
    ['9999-12-31', 1, 'date is out of range: year 10000'],
    ['0000-01-01', -1, 'date is out of range: year -1'],
  ] as const)('refuses to write %s plus %i days, a year beyond four digits', (date, days, message) => {
    expect(() => addDays(date, days)).toThrow(message);
  });

  it.each([
    ['9999-01-01', 1, '9999-01-02'],
    ['0000-01-02', -1, '0000-01-01'],
    ['0001-01-01', 1, '0001-01-02'],
  ] as const)('writes the four-digit years at the edges: %s plus %i days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe('the date-time checks of ukDate', () => {
  it.each([
    ['2026-06-30T23:30Z', '2026-07-01'], // minutes without seconds
    ['2026-07-01T00:30:00+0100', '2026-07-01'], // an offset without its colon
    ['2026-07-01T00:30:00.123456789+01:00', '2026-07-01'], // nanoseconds
    ['2026-06-30t23:30:00z', '2026-07-01'], // lower case T and Z
  ])('reads %s as the UK date %s', (instant, expected) => {
    expect(ukDate(instant)).toBe(expected);
  });

  it.each(['x2026-06-15', '2026-06-15T10:00:00Zx', '2026-06-15T10:00:00.1234567890Z', '2026-06-15T10Z', '2026-06-15T10:00:00+1'])(
    'rejects %s as not an ISO date or date-time with a zone',
    (instant) => {
      expect(() => ukDate(instant)).toThrow(
        `instant must be an ISO date, or date-time with Z or an offset, got ${JSON.stringify(instant)}`,
      );
    },
  );

  it('says an invalid Date is not a valid date-time', () => {
    expect(() => ukDate(new Date(Number.NaN))).toThrow('instant is not a valid date-time: "Invalid Date"');
  });
});
