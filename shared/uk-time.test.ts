import { describe, expect, it } from 'vitest';
import { grouped, londonDateOf, longUkDate } from './uk-time.ts';

const intlDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const intlLong = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

describe('UK time without Intl', () => {
  it('gives the same London date as Intl around every clock change from 1996 to 2060, and in older years', () => {
    const HOUR = 3_600_000;
    for (let year = 1990; year <= 2060; year++) {
      for (const month of [2, 9]) {
        const lastDay = new Date(Date.UTC(year, month + 1, 0));
        const change = Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
        // Every hour across the two days around the change, and minutes either side of it.
        for (let t = change - 26 * HOUR; t <= change + 26 * HOUR; t += HOUR) {
          for (const at of [t, t - 60_000, t + 60_000]) {
            expect(londonDateOf(new Date(at)), new Date(at).toISOString()).toBe(intlDate.format(new Date(at)));
          }
        }
      }
      // Midnight and 23:30 UTC on the first of every month: summer or not, the date turns at midnight London.
      for (let month = 0; month < 12; month++) {
        for (const at of [Date.UTC(year, month, 1, 23, 30), Date.UTC(year, month, 1, 0, 0), Date.UTC(year, month, 1, 22, 59)]) {
          expect(londonDateOf(new Date(at)), new Date(at).toISOString()).toBe(intlDate.format(new Date(at)));
        }
      }
    }
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
