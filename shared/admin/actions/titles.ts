/**
 * The titles of the steps whose absence the request page explains ("Not possible now",
 * `notOffered` in table.ts), as their forms on the page are titled: one source, so the two
 * never drift apart.
 */
export const explainedTitles = {
  'ask-information': 'Ask the requester for information',
  extend: 'Extend the deadline',
  complete: 'Complete the request',
  refuse: 'Refuse the request',
} as const;
