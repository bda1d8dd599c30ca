import { formatDate, type RequestSummary } from '../../lib/portal-client.ts';
import { daysLeftText } from '../request-list/index.tsx';

/**
 * "We have your request to correct …": its reference, and the day we reply by. Said by the forms
 * loaded on demand from a record, so kept out of the page every visit loads.
 */
export const requestTakenText = (what: string, r: RequestSummary): string =>
  `We have your request to ${what}. Your reference is ${r.reference}. We will reply by ${formatDate(r.dueOn)} at the latest (${daysLeftText(r.daysLeft)}).`;
