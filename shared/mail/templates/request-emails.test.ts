import { describe, expect, it } from 'vitest';
import { testTenant } from '../../../test/support/in-memory/tenant.ts';
import type { RequestView } from '../../requests/view.ts';
import { deadlineDigestEmail, marketingEmail, requestUpdateEmail, signInLinkEmail } from './index.ts';

const tenant = testTenant();
const link = 'https://centre.example/t/acme/requests/r1';

/** A closed request as its subject sees it, with our last step's message. */
function closed(status: 'refused' | 'completed' | 'withdrawn', message?: string): RequestView {
  const type = status;
  return {
    id: 'r1',
    reference: 'ACM-2026-000001',
    kind: 'access',
    kindName: 'Access to your data',
    status,
    statusText: status,
    open: false,
    receivedOn: '2026-03-02',
    dueOn: '2026-04-02',
    daysLeft: 0,
    paused: false,
    clockNote: 'One calendar month from the day we received it.',
    details: {},
    history: [
      { at: '2026-03-10T10:00:00.000Z', type, text: 'We refused your request.', byYou: false, ...(message ? { message } : {}) },
    ],
  };
}

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
const plainText = (html: string) => html.replace(/<[^>]+>/g, ' ');

describe('the emails of a request', () => {
  it('tells a refused requester how to complain to the ICO once, not again in the footer', () => {
    const email = requestUpdateEmail(
      tenant,
      closed('refused', 'You asked for the same data three times this week.'),
      'refused',
      link,
    );
    expect(count(email.text, 'ico.org.uk/make-a-complaint')).toBe(1);
    expect(count(plainText(email.html), 'ico.org.uk/make-a-complaint')).toBe(1);
    expect(count(email.text, 'You asked for the same data three times this week.')).toBe(1);
    // The footer keeps the contact line.
    expect(email.text.trim().endsWith('Questions: privacy@acme.example.')).toBe(true);
  });

  it('keeps the ICO in the footer of an email that does not otherwise mention it', () => {
    const email = requestUpdateEmail(tenant, closed('withdrawn'), 'withdrawn', link);
    expect(count(email.text, 'ico.org.uk/make-a-complaint')).toBe(1);
    // As every request email says it: to us, then to the ICO if still unhappy (not "to us and to the ICO").
    expect(email.text).toContain('you can complain to us; if you are still unhappy after our answer, you can complain to the');
  });

  it('does not promise an answer within the month to an objection to direct marketing, which is done at once', () => {
    const base = closed('completed');
    const view = { ...base, status: 'received' as const, open: true, kind: 'objection' as const };
    const marketing = requestUpdateEmail(tenant, { ...view, details: { processing: 'direct-marketing' } }, 'received', link);
    expect(marketing.text).toContain('It takes effect at once');
    expect(marketing.text).not.toContain('We will respond by');
    const other = requestUpdateEmail(tenant, { ...view, details: { processing: 'support-tickets' } }, 'received', link);
    expect(other.text).toContain('We will respond by');
  });

  it('says they can no longer sign in only when their account is gone; a partial erasure keeps its page and button', () => {
    const erasure = { ...closed('completed', 'We have erased: Marketing (1 record).'), kind: 'erasure' as const };
    const partial = requestUpdateEmail(tenant, erasure, 'completed', link);
    expect(partial.text).toContain('The result is on your request page.');
    expect(partial.text).not.toContain('no longer sign in');
    expect(partial.html).toContain(link);
    const whole = requestUpdateEmail(tenant, erasure, 'completed', link, true);
    expect(whole.text).toContain('you can no longer sign in to see it on your request page');
    expect(whole.text).not.toContain('The result is on your request page.');
    expect(whole.html).not.toContain(link);
    // Nor a complaints page they would have to sign in to: they are given the address to write to.
    expect(partial.text).toContain('you can complain to us in your privacy centre (');
    expect(whole.text).not.toContain('/complaints');
    expect(whole.text).toContain(`you can complain to us by writing to ${tenant.contact.email}`);
  });

  it('names the courts when a repeat is answered by pointing to the earlier answer, as a refusal does', () => {
    const answer = 'You asked for the same thing in request ACME-2026-000001. Nothing has changed since.';
    const repeat = { ...closed('completed', answer), repeatOf: { id: 'r1', reference: 'ACME-2026-000001' } };
    const email = requestUpdateEmail(tenant, repeat, 'completed', link);
    expect(email.text).toContain('You can also seek to enforce your rights through the courts.');
    expect(count(email.text, 'ico.org.uk/make-a-complaint')).toBe(1);
    const plain = requestUpdateEmail(tenant, closed('completed', 'Here is your data.'), 'completed', link);
    expect(plain.text).not.toContain('courts');
  });

  it('says the ICO once in a completion, which already tells them where to complain', () => {
    const email = requestUpdateEmail(tenant, closed('completed', 'Here is your data.'), 'completed', link);
    expect(count(email.text, 'ico.org.uk/make-a-complaint')).toBe(1);
  });
});

describe('the sample marketing email', () => {
  const unsubscribe = `https://centre.example/api/t/acme/unsubscribe/${'x'.repeat(140)}`;
  const preferences = 'https://centre.example/t/acme/';

  it('offers unsubscribing as a link with words, not a raw address, in HTML', () => {
    const email = marketingEmail(tenant, 'news', unsubscribe, preferences);
    expect(email.html).toMatch(new RegExp(`<a href="${unsubscribe}">Unsubscribe from [^<]+ with one click</a>`));
    expect(email.html).toContain(`<a href="${preferences}">Choose what you hear about</a>`);
    // The address appears only inside href attributes, never as text a reader sees.
    expect(plainText(email.html)).not.toContain(unsubscribe);
    // Plain text has no links: there the address is written out, once.
    expect(count(email.text, unsubscribe)).toBe(1);
    expect(email.headers?.['List-Unsubscribe']).toBe(`<${unsubscribe}>`);
  });
});

describe('the staff digest', () => {
  const links = {
    requests: 'https://centre.example/t/acme/admin/requests',
    complaints: 'https://centre.example/t/acme/admin/complaints',
  };
  const entry = { reference: 'ACM-2026-000007', kindName: 'Access to your data', dueOn: '2026-05-20', daysLeft: 21 };

  it('counts the requests whose search of a connected system failed, even when nothing is due', () => {
    const mail = deadlineDigestEmail(tenant, { overdue: [], dueSoon: [], failedSearches: [entry] }, links);
    expect(mail.subject).toBe(`${tenant.name} privacy centre: 0 overdue, 0 due within 7 days, 1 request with a failed search`);
    expect(mail.text).toContain('1 request with a failed search of a connected system');
    expect(mail.text).toContain('ACM-2026-000007 (Access to your data): due');
    expect(mail.text).toContain(links.requests);
  });

  it('says nothing of failed searches when there are none', () => {
    const mail = deadlineDigestEmail(tenant, { overdue: [entry], dueSoon: [], failedSearches: [] }, links);
    expect(mail.subject).toBe(`${tenant.name} privacy centre: 1 overdue, 0 due within 7 days`);
    expect(mail.text).not.toContain('failed search');
  });
});

describe('the centre named in an email', () => {
  it('is "the Acme privacy centre", but never "the The One Point privacy centre"', () => {
    expect(signInLinkEmail(testTenant({ name: 'Acme' }), 'https://x/verify#t', 15).subject).toBe(
      'Your sign-in link for the Acme privacy centre',
    );
    const email = signInLinkEmail(testTenant({ name: 'The One Point' }), 'https://x/verify#t', 15);
    expect(email.subject).toBe('Your sign-in link for The One Point privacy centre');
    expect(email.text).not.toMatch(/the The/i);
  });
});
