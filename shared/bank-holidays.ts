// UK bank holidays, 2024–2028, for the three GOV.UK divisions.
//
// Source: the dates published on https://www.gov.uk/bank-holidays (its bank-holidays.json
// divisions "england-and-wales", "scotland" and "northern-ireland"), extended by the statutory
// rules to the years GOV.UK had not yet published: a holiday that falls on a Saturday or Sunday
// is replaced by the next weekday that is not already a holiday ("substitute day"). Every date
// was cross-checked against an independent holiday library and its weekday checked by code.
//
// UPDATE BEFORE 2029. Deadlines that reach past the last shipped year do not guess: dueDate()
// and the other working-day helpers in deadlines.ts throw a clear error
// ("No UK bank holiday data for 2029 (scotland); shipped: 2024–2028") until the next year is
// added here and BANK_HOLIDAY_YEARS.last is raised. Add any one-off holiday (a coronation, a
// jubilee, a state funeral) as soon as it is announced.

/** The UK bank holiday divisions, as GOV.UK names them. */
export type Nation = 'england-and-wales' | 'scotland' | 'northern-ireland';

/** The nations with shipped bank holiday data. */
export const NATIONS: readonly Nation[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** The calendar years (inclusive) for which every nation's bank holidays are shipped. */
export const BANK_HOLIDAY_YEARS = { first: 2024, last: 2028 } as const;

/** England and Wales: also most of Northern Ireland's. */
const englandAndWales = [
  // 2024
  '2024-01-01', // New Year’s Day
  '2024-03-29', // Good Friday
  '2024-04-01', // Easter Monday
  '2024-05-06', // Early May bank holiday
  '2024-05-27', // Spring bank holiday
  '2024-08-26', // Summer bank holiday
  '2024-12-25', // Christmas Day
  '2024-12-26', // Boxing Day
  // 2025
  '2025-01-01', // New Year’s Day
  '2025-04-18', // Good Friday
  '2025-04-21', // Easter Monday
  '2025-05-05', // Early May bank holiday
  '2025-05-26', // Spring bank holiday
  '2025-08-25', // Summer bank holiday
  '2025-12-25', // Christmas Day
  '2025-12-26', // Boxing Day
  // 2026
  '2026-01-01', // New Year’s Day
  '2026-04-03', // Good Friday
  '2026-04-06', // Easter Monday
  '2026-05-04', // Early May bank holiday
  '2026-05-25', // Spring bank holiday
  '2026-08-31', // Summer bank holiday
  '2026-12-25', // Christmas Day
  '2026-12-28', // Boxing Day (substitute day: 26th is a Saturday)
  // 2027
  '2027-01-01', // New Year’s Day
  '2027-03-26', // Good Friday
  '2027-03-29', // Easter Monday
  '2027-05-03', // Early May bank holiday
  '2027-05-31', // Spring bank holiday
  '2027-08-30', // Summer bank holiday
  '2027-12-27', // Christmas Day (substitute day: 25th is a Saturday)
  '2027-12-28', // Boxing Day (substitute day: 26th is a Sunday)
  // 2028
  '2028-01-03', // New Year’s Day (substitute day: 1st is a Saturday)
  '2028-04-14', // Good Friday
  '2028-04-17', // Easter Monday
  '2028-05-01', // Early May bank holiday
  '2028-05-29', // Spring bank holiday
  '2028-08-28', // Summer bank holiday
  '2028-12-25', // Christmas Day
  '2028-12-26', // Boxing Day
];

/** Northern Ireland's own two: the rest of its bank holidays are England and Wales's. */
const northernIrelandOnly = [
  // 2024
  '2024-03-18', // St Patrick’s Day (substitute day: 17th is a Sunday)
  '2024-07-12', // Battle of the Boyne (Orangemen’s Day)
  // 2025
  '2025-03-17', // St Patrick’s Day
  '2025-07-14', // Battle of the Boyne (substitute day: 12th is a Saturday)
  // 2026
  '2026-03-17', // St Patrick’s Day
  '2026-07-13', // Battle of the Boyne (substitute day: 12th is a Sunday)
  // 2027
  '2027-03-17', // St Patrick’s Day
  '2027-07-12', // Battle of the Boyne
  // 2028
  '2028-03-17', // St Patrick’s Day
  '2028-07-12', // Battle of the Boyne
];

/** Each nation's bank holidays (YYYY-MM-DD, substitute days included), in date order. */
export const BANK_HOLIDAYS: Readonly<Record<Nation, readonly string[]>> = {
  'england-and-wales': englandAndWales,
  scotland: [
    // 2024
    '2024-01-01', // New Year’s Day
    '2024-01-02', // 2nd January
    '2024-03-29', // Good Friday
    '2024-05-06', // Early May bank holiday
    '2024-05-27', // Spring bank holiday
    '2024-08-05', // Summer bank holiday (first Monday of August)
    '2024-12-02', // St Andrew’s Day (substitute day: 30 November is a Saturday)
    '2024-12-25', // Christmas Day
    '2024-12-26', // Boxing Day
    // 2025
    '2025-01-01', // New Year’s Day
    '2025-01-02', // 2nd January
    '2025-04-18', // Good Friday
    '2025-05-05', // Early May bank holiday
    '2025-05-26', // Spring bank holiday
    '2025-08-04', // Summer bank holiday
    '2025-12-01', // St Andrew’s Day (substitute day: 30 November is a Sunday)
    '2025-12-25', // Christmas Day
    '2025-12-26', // Boxing Day
    // 2026
    '2026-01-01', // New Year’s Day
    '2026-01-02', // 2nd January
    '2026-04-03', // Good Friday
    '2026-05-04', // Early May bank holiday
    '2026-05-25', // Spring bank holiday
    '2026-08-03', // Summer bank holiday
    '2026-11-30', // St Andrew’s Day
    '2026-12-25', // Christmas Day
    '2026-12-28', // Boxing Day (substitute day: 26th is a Saturday)
    // 2027
    '2027-01-01', // New Year’s Day
    '2027-01-04', // 2nd January (substitute day: 2nd is a Saturday)
    '2027-03-26', // Good Friday
    '2027-05-03', // Early May bank holiday
    '2027-05-31', // Spring bank holiday
    '2027-08-02', // Summer bank holiday
    '2027-11-30', // St Andrew’s Day
    '2027-12-27', // Christmas Day (substitute day: 25th is a Saturday)
    '2027-12-28', // Boxing Day (substitute day: 26th is a Sunday)
    // 2028
    '2028-01-03', // New Year’s Day (substitute day: 1st is a Saturday)
    '2028-01-04', // 2nd January (substitute day: 2nd is a Sunday)
    '2028-04-14', // Good Friday
    '2028-05-01', // Early May bank holiday
    '2028-05-29', // Spring bank holiday
    '2028-08-07', // Summer bank holiday
    '2028-11-30', // St Andrew’s Day
    '2028-12-25', // Christmas Day
    '2028-12-26', // Boxing Day
  ],
  'northern-ireland': [...englandAndWales, ...northernIrelandOnly].sort(),
};
