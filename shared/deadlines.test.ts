import { afterEach, describe, expect, it } from 'vitest';
import { NATIONS, type Nation } from './bank-holidays.ts';
import { addCalendarMonths, canExtend, dueDate, fixedPeriodDueDate, isWorkingDay, ukDate } from './deadlines.ts';

const EW: Nation = 'england-and-wales';
const SCO: Nation = 'scotland';
const NI: Nation = 'northern-ireland';

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

describe('addCalendarMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'], // no 31 February: last day of a non-leap February
    ['2028-01-31', 1, '2028-02-29'], // leap year
    ['2026-01-30', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-05-30', 1, '2026-06-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-12-31', 2, '2027-02-28'], // across the year end
    ['2026-11-30', 3, '2027-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
    ['2026-01-15', 72, '2032-01-15'], // retention periods run for years
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-01-15', 0, '2026-01-15'],
  ] as const)('adds to %s %i months giving %s, clamped to the month end', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2026-02-30', 1],
    ['2026-01-31', 1.5],
  ] as const)('rejects %s plus %s months', (date, months) => {
    expect(() => addCalendarMonths(date, months)).toThrow(RangeError);
  });
});

describe('dueDate', () => {
  it.each([
    // received, nation, due, why
    ['2026-01-31', EW, '2026-03-02', '31 Jan → 28 Feb (non-leap), a Saturday → Monday'],
    ['2028-01-31', EW, '2028-02-29', '31 Jan → 29 Feb in a leap year, a Tuesday'],
    ['2026-03-31', EW, '2026-04-30', '31 Mar → 30 Apr'],
    ['2026-05-30', EW, '2026-06-30', '30 May → 30 Jun'],
    ['2026-08-31', EW, '2026-09-30', '31 Aug → 30 Sep'],
    ['2026-04-10', EW, '2026-05-11', 'lands on Sunday 10 May → Monday'],
    ['2026-02-28', EW, '2026-03-30', 'lands on Saturday 28 March → Monday'],
    ['2026-12-31', EW, '2027-02-01', '31 Dec → 31 Jan, a Sunday → Monday'],
    ['2023-12-15', EW, '2024-01-15', 'received before the data, due inside it'],
  ] as const)('gives %s (%s) the deadline %s: %s', (received, nation, due, _why) => {
    expect(dueDate({ received, nation })).toBe(due);
  });

  it.each([
    // received, E&W, Scotland, NI, why
    ['2026-11-25', '2026-12-29', '2026-12-29', '2026-12-29', 'Christmas Day 2026, then the weekend, then Boxing Day substitute'],
    ['2026-11-26', '2026-12-29', '2026-12-29', '2026-12-29', 'Boxing Day 2026 is a Saturday → substitute Mon 28'],
    ['2027-11-25', '2027-12-29', '2027-12-29', '2027-12-29', 'Christmas 2027 is a Saturday → substitutes Mon 27 and Tue 28'],
    ['2025-12-01', '2026-01-02', '2026-01-05', '2026-01-02', 'New Year’s Day 2026; 2 January is a holiday only in Scotland'],
    ['2025-12-02', '2026-01-02', '2026-01-05', '2026-01-02', '2 January 2026 (a Friday) in Scotland'],
    ['2026-12-02', '2027-01-04', '2027-01-05', '2027-01-04', '2 January 2027 is a Saturday; Scotland’s substitute is Mon 4'],
    ['2027-12-02', '2028-01-04', '2028-01-05', '2028-01-04', '1 and 2 January 2028 fall on a weekend'],
    ['2026-10-30', '2026-11-30', '2026-12-01', '2026-11-30', 'St Andrew’s Day 2026 (a Monday)'],
    ['2025-10-30', '2025-12-01', '2025-12-02', '2025-12-01', 'St Andrew’s Day 2025 is a Sunday → substitute Mon 1 Dec'],
    ['2024-10-30', '2024-12-02', '2024-12-03', '2024-12-02', 'St Andrew’s Day 2024 is a Saturday → substitute Mon 2 Dec'],
    ['2026-02-17', '2026-03-17', '2026-03-17', '2026-03-18', 'St Patrick’s Day 2026 (NI only)'],
    ['2024-02-17', '2024-03-18', '2024-03-18', '2024-03-19', 'St Patrick’s Day 2024 is a Sunday → NI substitute Mon 18'],
    ['2027-06-12', '2027-07-12', '2027-07-12', '2027-07-13', 'Battle of the Boyne 2027 (NI only)'],
    ['2025-06-12', '2025-07-14', '2025-07-14', '2025-07-15', 'Battle of the Boyne 2025 is a Saturday → NI substitute Mon 14'],
    ['2026-03-06', '2026-04-07', '2026-04-06', '2026-04-07', 'Easter Monday 2026: not a holiday in Scotland'],
    ['2026-03-03', '2026-04-07', '2026-04-06', '2026-04-07', 'Good Friday 2026 everywhere, Easter Monday not in Scotland'],
    ['2028-03-17', '2028-04-18', '2028-04-17', '2028-04-18', 'Easter Monday 2028'],
    ['2026-07-03', '2026-08-03', '2026-08-04', '2026-08-03', 'Scotland’s summer holiday is the first Monday of August'],
    ['2026-07-31', '2026-09-01', '2026-08-31', '2026-09-01', 'the rest of the UK’s is the last Monday of August'],
  ] as const)('for received %s gives E&W %s, Scotland %s, NI %s: %s', (received, ew, scotland, ni, _why) => {
    expect(dueDate({ received, nation: EW })).toBe(ew);
    expect(dueDate({ received, nation: SCO })).toBe(scotland);
    expect(dueDate({ received, nation: NI })).toBe(ni);
  });

  it.each([
    // The UK dates on which the clocks change in 2026 count as ordinary days.
    [ukDate('2026-03-29T00:30:00Z'), '2026-04-29'], // clocks go forward at 01:00 GMT
    [ukDate('2026-03-29T23:30:00Z'), '2026-04-30'], // 00:30 BST on 30 March; 30 April is a Thursday
    [ukDate('2026-10-25T00:30:00Z'), '2026-11-25'], // 01:30 BST, before the clocks go back
    [ukDate('2026-10-24T23:30:00Z'), '2026-11-25'], // 00:30 BST on 25 October
    [ukDate('2026-10-25T23:30:00Z'), '2026-11-25'], // 23:30 GMT, still 25 October
  ])('counts a request received in a DST change week on %s as due %s', (received, due) => {
    expect(dueDate({ received, nation: EW })).toBe(due);
  });

  it.each([
    // received, extensionMonths, pausedDays, nation, due, why
    ['2026-01-29', 0, 3, EW, '2026-03-03', 'pause runs across the February month end, added after the month'],
    ['2026-01-20', 0, 15, EW, '2026-03-09', '20 Feb + 15 days is Saturday 7 March → Monday'],
    ['2026-11-20', 0, 14, SCO, '2027-01-05', '20 Dec + 14 days is 3 Jan 2027, a Sunday; Mon 4 is Scotland’s 2 January'],
    ['2026-01-15', 2, 5, EW, '2026-04-20', 'extension of two months after a five-day pause'],
    ['2026-10-31', 2, 5, EW, '2027-02-05', 'two-month extension clamps 31 Jan, then the pause'],
    ['2026-10-31', 2, 0, EW, '2027-02-01', 'two-month extension landing on a Sunday'],
    ['2026-07-26', 1, 5, NI, '2026-10-01', 'one-month extension after a pause'],
    ['2026-02-03', 2, 0, SCO, '2026-05-05', '3 May is a Sunday, Mon 4 the early May bank holiday'],
  ] as const)(
    'gives %s with %i extra months and %i paused days (%s) the deadline %s: %s',
    (received, extensionMonths, pausedDays, nation, due, _why) => {
      expect(dueDate({ received, nation, extensionMonths, pausedDays })).toBe(due);
    },
  );

  it.each([
    [{ received: '2028-12-15', nation: SCO }, 'No UK bank holiday data for 2029 (scotland); shipped: 2024–2028'],
    [{ received: '2028-11-30', nation: EW }, 'No UK bank holiday data for 2029 (england-and-wales); shipped: 2024–2028'], // 30 Dec is a Saturday
    [{ received: '2028-10-15', nation: NI, extensionMonths: 2 }, 'No UK bank holiday data for 2029 (northern-ireland)'],
    [{ received: '2028-12-01', nation: EW, pausedDays: 40 }, 'No UK bank holiday data for 2029'],
    [{ received: '2023-10-15', nation: EW }, 'No UK bank holiday data for 2023 (england-and-wales); shipped: 2024–2028'],
  ] as const)('refuses to guess a deadline outside the shipped holiday data (%o)', (input, message) => {
    expect(() => dueDate(input)).toThrow(message);
  });

  it.each([
    [{ received: '2026-02-30', nation: EW }, /received must be a real calendar date/],
    [{ received: '2026-2-3', nation: EW }, /received must be a real calendar date/],
    [{ received: '26-02-03', nation: EW }, /received must be a real calendar date/],
    [{ received: '2026-13-01', nation: EW }, /received must be a real calendar date/],
    [{ received: '2026/02/03', nation: EW }, /received must be a real calendar date/],
    [{ received: '2026-02-03T10:00:00Z', nation: EW }, /received must be a real calendar date/],
    [{ received: '', nation: EW }, /received must be a real calendar date/],
    [{ received: 20260203, nation: EW }, /received must be a real calendar date/],
    [{ received: '2026-02-03', nation: 'wales' }, /nation must be one of/],
    [{ received: '2026-02-03', nation: EW, extensionMonths: 3 }, /extensionMonths must be 0, 1 or 2/],
    [{ received: '2026-02-03', nation: EW, extensionMonths: -1 }, /extensionMonths must be 0, 1 or 2/],
    [{ received: '2026-02-03', nation: EW, extensionMonths: 1.5 }, /extensionMonths must be 0, 1 or 2/],
    [{ received: '2026-02-03', nation: EW, extensionMonths: '1' }, /extensionMonths must be 0, 1 or 2/],
    [{ received: '2026-02-03', nation: EW, pausedDays: -1 }, /pausedDays must be a whole number/],
    [{ received: '2026-02-03', nation: EW, pausedDays: 1.5 }, /pausedDays must be a whole number/],
    [{ received: '2026-02-03', nation: EW, pausedDays: Number.NaN }, /pausedDays must be a whole number/],
    [{ received: '2026-02-03', nation: EW, pausedDays: Number.POSITIVE_INFINITY }, /pausedDays must be a whole number/],
  ])('rejects bad input %o', (input, message) => {
    expect(() => dueDate(input as Parameters<typeof dueDate>[0])).toThrow(message);
  });

  describe('in a server outside the UK', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/London'])('gives the same deadlines with TZ=%s', (tz) => {
      process.env.TZ = tz;
      expect(dueDate({ received: '2026-03-29', nation: EW })).toBe('2026-04-29');
      expect(dueDate({ received: '2026-10-25', nation: EW })).toBe('2026-11-25');
      expect(dueDate({ received: '2026-01-31', nation: SCO, pausedDays: 30 })).toBe('2026-03-30');
      expect(ukDate('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    });
  });
});

describe('fixedPeriodDueDate', () => {
  it.each([
    // received, nation, days, pausedDays, due, why
    ['2026-02-01', EW, 30, 0, '2026-03-02', '30 days (3 March) is later than one month in February: the month wins'],
    ['2026-02-01', EW, 30, 10, '2026-03-11', 'with a pause the statutory date is still earlier'],
    ['2026-01-05', EW, 14, 0, '2026-01-19', 'a short promise within the month'],
    ['2026-03-01', EW, 30, 0, '2026-03-31', 'in a 31-day month 30 days is the earlier'],
    ['2026-03-04', SCO, 30, 0, '2026-04-06', 'Good Friday moves it, and no Easter Monday in Scotland'],
    ['2026-03-04', EW, 30, 0, '2026-04-07', 'Good Friday and Easter Monday move it'],
    ['2026-11-26', SCO, 30, 0, '2026-12-29', 'Boxing Day substitute'],
    ['2026-07-01', SCO, 30, 2, '2026-08-04', 'a pause, then Scotland’s August holiday'],
  ] as const)(
    'gives %s (%s) a %i-day promise with %i paused days the date %s: %s',
    (received, nation, days, pausedDays, due, _why) => {
      expect(fixedPeriodDueDate({ received, nation, days, pausedDays })).toBe(due);
    },
  );

  it('is never later than the statutory deadline, for every day of 2026', () => {
    const late: string[] = [];
    for (let received = '2026-01-01'; received < '2027-01-01'; received = nextDay(received)) {
      for (const nation of NATIONS) {
        for (const days of [7, 14, 28, 30, 31]) {
          for (const pausedDays of [0, 9]) {
            const fixed = fixedPeriodDueDate({ received, nation, days, pausedDays });
            const statutory = dueDate({ received, nation, pausedDays });
            if (fixed > statutory || !isWorkingDay(fixed, nation))
              late.push(`${received} ${nation} ${days}+${pausedDays}: ${fixed}`);
          }
        }
      }
    }
    expect(late).toEqual([]);
  });

  it.each([0, -5, 1.5])('rejects a promise of %s days', (days) => {
    expect(() => fixedPeriodDueDate({ received: '2026-02-01', nation: EW, days })).toThrow(/days must be a whole number/);
  });
});

describe('canExtend', () => {
  it.each([
    // received, nation, pausedDays, today, allowed — first deadline in brackets
    ['2026-01-31', EW, 0, '2026-02-15', true], // (2 March)
    ['2026-01-31', EW, 0, '2026-03-02', true], // on the deadline day
    ['2026-01-31', EW, 0, '2026-03-03', false], // the day after
    ['2026-01-31', EW, 5, '2026-03-05', true], // (5 March with the pause)
    ['2026-01-31', EW, 5, '2026-03-06', false],
    ['2026-11-26', SCO, 0, '2026-12-29', true], // (29 December, after Christmas)
    ['2026-11-26', SCO, 0, '2026-12-30', false],
    ['2025-12-02', SCO, 0, '2026-01-05', true], // (5 January: 2 January is Scottish)
    ['2025-12-02', EW, 0, '2026-01-05', false], // (2 January)
  ] as const)('for %s (%s, %i paused) on %s allows an extension: %s', (received, nation, pausedDays, today, allowed) => {
    expect(canExtend({ received, nation, pausedDays, today })).toBe(allowed);
  });

  it('rejects a malformed today', () => {
    expect(() => canExtend({ received: '2026-01-31', nation: EW, today: '2026-02-31' })).toThrow(
      /today must be a real calendar date/,
    );
  });
});
