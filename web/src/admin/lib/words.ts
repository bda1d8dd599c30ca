import { staffKindName, staffStatusText } from '../../../../shared/requests/kinds.ts';
import { londonDateOf } from '../../../../shared/uk-time.ts';
import type { IdentityMethod, RequestKind, RequestStatus, StaffRole } from './admin-client.ts';

export { formatDate, formatDateTime } from '../../lib/portal-client.ts';

/**
 * The kinds of request in staff words, in the order of the articles: the same words the server
 * puts in `kindName`, so that the filters, the log form and the table read alike.
 */
export const kindNames: Record<RequestKind, string> = staffKindName;

/** Statuses in staff words, as the server's `statusText` ("Waiting for the requester", not "from you"). */
export const statusNames: Record<RequestStatus, string> = staffStatusText;

export const roleNames: Record<StaffRole, string> = { viewer: 'Viewer', handler: 'Handler', admin: 'Admin' };
export const roleHints: Record<StaffRole, string> = {
  viewer: 'Can read requests and reports, but not act on them.',
  handler: 'Can also work requests and log requests received by phone, letter or in person.',
  admin: 'Can also add, change and remove staff.',
};

export const identityMethodNames: Record<IdentityMethod, string> = {
  'email-link': 'Signed in by email link',
  'known-contact': 'Known contact, confirmed by phone',
  documents: 'Documents checked',
  'call-back': 'Called back on a known number',
  other: 'Other',
};

const viaNames: Record<string, string> = {
  portal: 'the privacy centre',
  email: 'email',
  phone: 'phone',
  letter: 'letter',
  'in-person': 'in person',
};
/** The ways a request or complaint reaches staff other than the centre's own pages, as a form to log one offers them. */
export const loggedViaNames: Record<string, string> = {
  phone: 'Phone',
  letter: 'Letter',
  email: 'Email',
  'in-person': 'In person',
};

/** How a request reached us, in words: "by phone", "through the privacy centre". */
export const viaText = (via: string): string =>
  via === 'portal' ? 'through the privacy centre' : via === 'in-person' ? 'in person' : `by ${viaNames[via] ?? via}`;

/** "12 days left", "due today", "3 days overdue". */
export function daysText(days: number): string {
  if (days > 1) return `${days} days left`;
  if (days === 1) return '1 day left';
  if (days === 0) return 'due today';
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}

/** Today in the UK, as `YYYY-MM-DD` (without `Intl`, whose first use loads ICU's data: shared/uk-time.ts). */
export const ukToday = (): string => londonDateOf(new Date());
