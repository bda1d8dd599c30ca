import { describe, expect, it } from 'vitest';
import { grouped, londonDateOf, londonDateTime, londonDateTimeMinutes, londonLongDate, longUkDate } from './uk-time.ts';

const intlDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const intlMinutes = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' });
const intlSeconds = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'medium', timeZone: 'Europe/London' });
const intlLong = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const HOUR = 3_600_000;

/**
 * Instants where London time is easy to get wrong, 1990 to 2060: every hour across the two days
 * around each clock change with minutes and a millisecond either side of it, and around midnight
 * on the first of every month (summer or not, the date turns at midnight London).
 */
function* trickyInstants(): Generator<number> {
  for (let year = 1990; year <= 2060; year++) {
    for (const month of [2, 9]) {
      const lastDay = new Date(Date.UTC(year, month + 1, 0));
      const change = Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
      for (let t = change - 26 * HOUR; t <= change + 26 * HOUR; t += HOUR) yield* [t, t - 60_000, t + 60_000, t + 59_999, t - 1];
    }
    for (let month = 0; month < 12; month++) {
      yield* [Date.UTC(year, month, 1, 23, 30), Date.UTC(year, month, 1, 0, 0), Date.UTC(year, month, 1, 22, 59)];
      yield Date.UTC(year, month, 9, 12, 5, 59);
    }
  }
}

describe('UK time without Intl', () => {
  it('gives the same London date as Intl around every clock change from 1996 to 2060, and in older years', () => {
    for (const at of trickyInstants()) {
      expect(londonDateOf(new Date(at)), new Date(at).toISOString()).toBe(intlDate.format(new Date(at)));
    }
  });

  it('writes London date and time to the minute as Intl does, around every clock change and in older years', () => {
    for (const at of trickyInstants()) {
      expect(londonDateTimeMinutes(new Date(at)), new Date(at).toISOString()).toBe(intlMinutes.format(new Date(at)));
    }
    expect(londonDateTimeMinutes(new Date('2026-03-14T09:30:00Z'))).toBe('14 March 2026 at 09:30');
    // The London day of an instant: 23:30 UTC in summer is the next day in London.
    expect(londonLongDate(new Date('2026-07-31T23:30:00Z'))).toBe('1 August 2026');
    expect(londonLongDate(new Date('1990-07-31T23:30:00Z'))).toBe('1 August 1990');
    expect(londonLongDate(new Date('2026-12-31T23:30:00Z'))).toBe('31 December 2026');
    expect(() => londonLongDate(new Date('nonsense'))).toThrow(RangeError);
    expect(() => londonDateOf(new Date('nonsense'))).toThrow(RangeError);
    expect(() => londonDateTimeMinutes(new Date(''))).toThrow(RangeError);
  });

  it('stamps London date and time to the second as Intl does (the evidence packs), around every clock change and in older years', () => {
    for (const at of trickyInstants()) {
      for (const t of [at, at + 1_000, at + 58_999]) {
        expect(londonDateTime(new Date(t)), new Date(t).toISOString()).toBe(intlSeconds.format(new Date(t)));
      }
    }
    expect(londonDateTime(new Date('2026-12-03T17:21:58.999Z'))).toBe('3 December 2026 at 17:21:58');
    expect(() => londonDateTime(new Date('nonsense'))).toThrow(RangeError);
  });

  it('writes a long date as Intl does in en-GB, and refuses a date that is not real', () => {
    for (const iso of ['2026-03-14', '2026-12-01', '2024-02-29', '1999-07-04', '2031-10-31']) {
      expect(longUkDate(iso)).toBe(intlLong.format(new Date(`${iso}T00:00:00Z`)));
    }
    expect(() => longUkDate('2026-13-01')).toThrow(RangeError);
    expect(() => longUkDate('not a date')).toThrow(RangeError);
  });

  it('groups thousands as en-GB does', () => {
    for (const n of [0, 7, 999, 1000, 5000, 12_345, 100_000, 1_234_567, -4321, 2.5]) {
      expect(grouped(n)).toBe(n.toLocaleString('en-GB'));
    }
  });
});
