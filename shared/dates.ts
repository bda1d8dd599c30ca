import { longUkDate } from './uk-time.ts';

/** `2026-03-14` → `14 March 2026`. Shared by the emails and the page. */
export function formatUkDate(isoDate: string): string {
  return longUkDate(isoDate);
}
