import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, daysLeft, ukDate } from './deadlines.ts';

/** Day arithmetic the deadlines are built on: today's UK date, adding days, counting them. */
describe('ukDate', () => {
  it.each([
    ['2026-03-28T23:30:00Z', '2026-03-28'], // GMT: the UK date is the UTC date
    ['2026-03-29T00:59:59Z', '2026-03-29'], // just before the clocks go forward
    ['2026-03-29T23:00:00Z', '2026-03-30'], // BST: midnight UK time is 23:00 UTC
    ['2026-06-30T22:59:59Z', '2026-06-30'],
    ['2026-06-30T23:30:00Z', '2026-07-01'], // across UTC midnight in BST
    ['2026-07-01T00:30:00+01:00', '2026-07-01'],
    ['2026-07-01T01:30:00+02:00', '2026-07-01'],
    ['2026-10-24T23:30:00Z', '2026-10-25'], // BST, the night the clocks go back
    ['2026-10-25T23:30:00Z', '2026-10-25'], // GMT again
    ['2026-12-31T23:59:59.999Z', '2026-12-31'],
    ['2026-06-15', '2026-06-15'], // a bare ISO date is UTC midnight
  ])('gives %s the UK date %s', (instant, expected) => {
    expect(ukDate(instant)).toBe(expected);
    expect(ukDate(new Date(instant))).toBe(expected);
  });

  it.each(['not a date', '2026-06-30T23:30:00', '2026-02-30T10:00:00Z', '2026-06-30 23:30:00Z', '30/06/2026'])(
    'rejects %s',
    (instant) => {
      expect(() => ukDate(instant)).toThrow(RangeError);
    },
  );

  it('rejects an invalid Date', () => {
    expect(() => ukDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-28', 2, '2026-03-30'], // across the spring DST change
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-10', -40, '2025-12-01'],
  ] as const)('adds to %s %i days giving %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('rejects a fractional number of days', () => {
    expect(() => addDays('2026-03-01', 0.5)).toThrow(/days must be a whole number/);
  });
});

describe('daysBetween and daysLeft', () => {
  it.each([
    ['2026-01-31', '2026-03-02', 30],
    ['2026-03-02', '2026-01-31', -30],
    ['2026-02-28', '2026-03-01', 1],
    ['2028-02-28', '2028-03-01', 2], // leap day
    ['2026-03-28', '2026-03-30', 2], // across the spring DST change
    ['2026-10-24', '2026-10-26', 2], // across the autumn DST change
    ['2026-12-31', '2027-01-01', 1],
    ['2026-05-05', '2026-05-05', 0],
  ] as const)('counts from %s to %s as %i calendar days', (a, b, days) => {
    expect(daysBetween(a, b)).toBe(days);
  });

  it.each([
    ['2026-03-02', '2026-02-27', 3],
    ['2026-03-02', '2026-03-02', 0],
    ['2026-03-02', '2026-03-05', -3], // overdue
  ] as const)('leaves %i days until %s on %s', (due, today, left) => {
    expect(daysLeft(due, today)).toBe(left);
  });

  it('rejects a malformed date', () => {
    expect(() => daysBetween('2026-03-02', '2026-3-5')).toThrow(/b must be a real calendar date/);
  });
});
