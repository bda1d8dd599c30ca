import { describe, expect, it } from 'vitest';
import type { ListMember } from './connector.ts';
import { mailchimpWithList } from './fixtures.ts';
import { type CentreStance, compareMember } from './marketing-compare.ts';

const mailchimp = mailchimpWithList;

const member = (list: string, status: ListMember['status'], changedAt = '2026-03-05T00:00:00.000Z'): ListMember => ({
  email: 'ann@example.com',
  person: { ref: 'h1', context: { listId: list }, label: 'Ann' },
  list: { id: list, name: list === 'news' ? 'Newsletter' : 'Other' },
  status,
  changedAt,
});
const stance = (over: Partial<CentreStance> = {}, cells: [string, boolean, string | null][] = []): CentreStance => ({
  subjectId: 's1',
  everywhere: false,
  email: new Map(cells.map(([topic, granted, since]) => [topic, { granted, since }])),
  ...over,
});
const compare = (m: ListMember, s: CentreStance) =>
  compareMember(mailchimp, m, s, (id) => (id === 'newsletters' ? 'Newsletters' : id));

describe('comparing a Mailchimp member with the centre', () => {
  it('unsubscribes there whoever is suppressed here, in every list, mapped or not, known or not', () => {
    expect(compare(member('news', 'subscribed'), stance({ everywhere: true }))?.kind).toBe('unsubscribe-there');
    expect(compare(member('other', 'subscribed'), stance({ everywhere: true }))?.kind).toBe('unsubscribe-there');
    expect(compare(member('other', 'subscribed'), { everywhere: true, email: new Map() })?.kind).toBe('unsubscribe-there');
  });

  it('unsubscribes there a topic turned off here, but not one never decided (consent’s default): that is shown instead', () => {
    expect(compare(member('news', 'subscribed'), stance({}, [['newsletters', false, '2026-03-01T00:00:00.000Z']]))?.kind).toBe(
      'unsubscribe-there',
    );
    const undecided = compare(member('news', 'subscribed'), stance({}, [['newsletters', false, null]]));
    expect(undecided).toMatchObject({ kind: 'mismatch', why: expect.stringContaining('no consent to Newsletters by email') });
    // Someone the centre does not know may have signed up there: not the centre's business.
    expect(compare(member('news', 'subscribed'), { everywhere: false, email: new Map() })).toBeUndefined();
    expect(compare(member('news', 'subscribed'), stance({}, [['newsletters', true, null]]))).toBeUndefined();
  });

  it('records here an unsubscribe made there after the centre’s last word on the topic', () => {
    const opted = stance({}, [['newsletters', true, '2026-03-01T00:00:00.000Z']]);
    expect(compare(member('news', 'unsubscribed'), opted)).toMatchObject({ kind: 'opt-out-here', topic: 'newsletters' });
    // Granted by default (soft opt-in) and unsubscribed there: recorded too.
    expect(compare(member('news', 'unsubscribed'), stance({}, [['newsletters', true, null]]))?.kind).toBe('opt-out-here');
  });

  it('never subscribes anyone: a choice here newer than the unsubscribe there is shown to staff', () => {
    const newer = stance({}, [['newsletters', true, '2026-03-09T00:00:00.000Z']]);
    expect(compare(member('news', 'unsubscribed'), newer)).toMatchObject({
      kind: 'mismatch',
      why: expect.stringContaining('after unsubscribing in Mailchimp, list “Newsletter”'),
    });
  });

  it('leaves alone what already agrees, other statuses, and people it does not know', () => {
    expect(
      compare(member('news', 'unsubscribed'), stance({}, [['newsletters', false, '2026-03-01T00:00:00.000Z']])),
    ).toBeUndefined();
    expect(compare(member('news', 'unsubscribed'), stance({ everywhere: true }))).toBeUndefined();
    expect(compare(member('news', 'other'), stance({ everywhere: true }))).toBeUndefined();
    expect(compare(member('news', 'unsubscribed'), { everywhere: false, email: new Map() })).toBeUndefined();
  });

  it('shows an unsubscribe from a list mapped to no topic while they get something by email here', () => {
    expect(compare(member('other', 'unsubscribed'), stance({}, [['newsletters', true, null]]))).toMatchObject({
      kind: 'mismatch',
      why: expect.stringContaining('maps to no topic'),
    });
    expect(compare(member('other', 'unsubscribed'), stance({}, [['newsletters', false, null]]))).toBeUndefined();
  });
});
