import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAY_YEARS, BANK_HOLIDAYS, NATIONS, type Nation } from './bank-holidays.ts';
import { isWorkingDay, nextWorkingDay } from './deadlines.ts';

/** The UK calendar the deadlines count on: the shipped bank holidays, and which days are working days. */
const EW: Nation = 'england-and-wales';
const SCO: Nation = 'scotland';
const NI: Nation = 'northern-ireland';

describe('isWorkingDay and nextWorkingDay', () => {
  it.each([
    // date, nation, working, next
    ['2026-03-02', EW, true, '2026-03-02'],
    ['2026-02-28', EW, false, '2026-03-02'], // Saturday
    ['2026-03-01', SCO, false, '2026-03-02'], // Sunday
    ['2026-01-02', EW, true, '2026-01-02'],
    ['2026-01-02', SCO, false, '2026-01-05'],
    ['2026-04-03', SCO, false, '2026-04-06'], // Good Friday; no Easter Monday in Scotland
    ['2026-04-03', EW, false, '2026-04-07'],
    ['2026-12-28', NI, false, '2026-12-29'],
    ['2027-12-24', EW, true, '2027-12-24'], // Christmas Eve is not a bank holiday
    ['2027-12-25', EW, false, '2027-12-29'],
    ['2027-11-30', SCO, false, '2027-12-01'],
    ['2027-11-30', NI, true, '2027-11-30'],
    ['2028-03-17', NI, false, '2028-03-20'], // St Patrick’s Day, a Friday
    ['2028-07-12', NI, false, '2028-07-13'],
    ['2028-12-29', EW, true, '2028-12-29'],
  ] as const)('treats %s in %s as working: %s (next working day %s)', (date, nation, working, next) => {
    expect(isWorkingDay(date, nation)).toBe(working);
    expect(nextWorkingDay(date, nation)).toBe(next);
  });

  it('throws for a date outside the shipped years', () => {
    expect(() => isWorkingDay('2029-01-02', EW)).toThrow(
      'No UK bank holiday data for 2029 (england-and-wales); shipped: 2024–2028',
    );
    expect(() => nextWorkingDay('2028-12-30', SCO)).toThrow('No UK bank holiday data for 2029 (scotland)');
  });
});

describe('bank holiday data', () => {
  it.each(NATIONS)('lists %s holidays as sorted, unique weekdays inside the shipped years', (nation) => {
    const list = BANK_HOLIDAYS[nation];
    expect([...list].sort()).toEqual(list);
    expect(new Set(list).size).toBe(list.length);
    for (const date of list) {
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
      expect(Number(date.slice(0, 4))).toBeGreaterThanOrEqual(BANK_HOLIDAY_YEARS.first);
      expect(Number(date.slice(0, 4))).toBeLessThanOrEqual(BANK_HOLIDAY_YEARS.last);
    }
  });

  it.each([
    // nation, holidays per year (no one-off holidays in 2024–2028 so far)
    [EW, 8],
    [SCO, 9],
    [NI, 10],
  ] as const)('has every year of %s with %i holidays', (nation, perYear) => {
    for (let year = BANK_HOLIDAY_YEARS.first; year <= BANK_HOLIDAY_YEARS.last; year++) {
      expect(BANK_HOLIDAYS[nation].filter((date) => date.startsWith(`${year}-`))).toHaveLength(perYear);
    }
  });
});
