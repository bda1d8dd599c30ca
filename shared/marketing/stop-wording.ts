/**
 * What a person is shown when they stop all marketing, recorded word for word on the consent event
 * it makes (the ledger keeps what each choice was made on). The marketing page shows
 * `STOP_ALL_WORDING` as the API sends it; the request form's notice is the page's own text, and a
 * browser test compares it with the history's record (test/e2e/marketing-wording.test.ts).
 */

/** Beside the "Stop all marketing" button on the marketing page. */
export const STOP_ALL_WORDING =
  'This is absolute: we will send you no marketing at all, on any topic, by any channel. We keep your address on a do-not-contact list so that you are never contacted for marketing again.';

/** On the request form, once the person picks an objection to direct marketing. */
export const OBJECTION_WORDING =
  'An objection to direct marketing is absolute and takes effect at once. As soon as you send this, we stop all marketing to you, by every channel, and keep your address on our do-not-contact list.';
