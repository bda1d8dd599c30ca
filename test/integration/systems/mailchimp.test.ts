import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberHash } from '../../../functions/connectors/mailchimp.ts';
import { openContract } from '../../../functions/local/vendors/contract.ts';
import { type MailchimpStandIn, mailchimpDocument, startMailchimpStandIn } from '../../../functions/local/vendors/mailchimp.ts';
import { alex, connect, mailchimpDeleting, mailchimpSystem, priya } from '../../support/systems.ts';

let mc: MailchimpStandIn;
let creds: Record<string, string>;
let list: string;

beforeAll(async () => {
  mc = await startMailchimpStandIn({ msp: [alex, priya] });
  creds = mc.credentials('msp');
  list = mc.audience('msp');
});
afterAll(() => mc.stop());

/** Looks at the stand-in through Mailchimp's own API, with the same key. */
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${creds.baseUrl}/${path}`, {
    ...init,
    headers: {
      authorization: `Basic ${Buffer.from(`anyone:${creds.apiKey}`).toString('base64')}`,
      'content-type': 'application/json',
    },
  });
const memberOf = async (email: string) => api(`lists/${list}/members/${subscriberHash(email)}`);

describe('Mailchimp connector, against the stand-in', () => {
  it('finds the person in the audience by exact address and reads member, note and activity', async () => {
    const connector = connect(mailchimpSystem, creds);
    expect(await connector.find({ kind: 'email', value: 'ALEX.MORGAN@example.com' })).toEqual([
      { ref: subscriberHash(alex.email), context: { listId: list }, label: 'Alex Morgan' },
    ]);
    expect(await connector.find({ kind: 'email', value: 'alex.morgan@example.co' })).toEqual([]);
    const [person] = await connector.find({ kind: 'email', value: alex.email });
    const records = await connector.read(person!);
    expect(records.map((r) => r.object)).toEqual(['member', 'note', 'activity', 'activity']);
    expect(records[0]).toMatchObject({
      category: 'marketing-preferences',
      data: { email_address: alex.email, status: 'subscribed', merge_FNAME: 'Alex', tags: 'Customer' },
    });
    // A retried read never counts a record twice.
    expect(new Set(records.map((r) => r.ref)).size).toBe(records.length);
  });

  it('suppress unsubscribes the member (checked through Mailchimp’s API), and again is a no-op', async () => {
    const connector = connect(mailchimpSystem, creds);
    const [person] = await connector.find({ kind: 'email', value: priya.email });
    await connector.suppress!(person!, { everywhere: true });
    expect(await (await memberOf(priya.email)).json()).toMatchObject({ status: 'unsubscribed' });
    const before = mc.stats.requests;
    await connector.suppress!(person!, { everywhere: true });
    expect(mc.stats.requests - before).toBe(1);
  });

  it('erasure by "keep": notes deleted, the member unsubscribed and archived, activity kept, and it says so', async () => {
    const connector = connect(mailchimpSystem, creds);
    const [person] = await connector.find({ kind: 'email', value: alex.email });
    const outcome = await connector.erase(person!);
    expect(outcome.map((r) => `${r.object}:${r.result}`)).toEqual([
      'note:erased',
      'member:kept',
      'activity:kept',
      'activity:kept',
    ]);
    expect(outcome[1]).toMatchObject({ reason: 'Archived unsubscribed, so the address is never mailed again.' });
    expect(await (await memberOf(alex.email)).json()).toMatchObject({ status: 'archived' });
    expect(await connector.find({ kind: 'email', value: alex.email })).toEqual([]);
  });

  it('erasure by "delete" removes the member for good; a re-run is safe and says it was already gone', async () => {
    mc.add('msp', { firstName: 'Sam', lastName: 'Cole', email: 'sam.cole@example.com', tickets: [] });
    const connector = connect(mailchimpDeleting, creds);
    const [person] = await connector.find({ kind: 'email', value: 'sam.cole@example.com' });
    const outcome = await connector.erase(person!);
    expect(outcome.map((r) => `${r.object}:${r.result}`)).toEqual([
      'member:erased',
      'note:erased',
      'activity:erased',
      'activity:erased',
    ]);
    expect((await memberOf('sam.cole@example.com')).status).toBe(404);
    expect(await connector.erase(person!)).toEqual([
      { ref: `member:${list}:${person!.ref}`, object: 'member', result: 'absent' },
    ]);
    // Mailchimp refuses to add a permanently deleted address again.
    const put = await api(`lists/${list}/members/${person!.ref}`, {
      method: 'PUT',
      body: JSON.stringify({ email_address: 'sam.cole@example.com', status_if_new: 'subscribed' }),
    });
    expect(put.status).toBe(400);
  });

  it('the stand-in refuses what Mailchimp would refuse, and answers in Mailchimp’s documented shape', async () => {
    expect((await api('search-members')).status).toBe(400);
    expect(
      (
        await api(`lists/${list}/members/${subscriberHash(priya.email)}`, {
          method: 'PATCH',
          body: JSON.stringify({ status: 'gone' }),
        })
      ).status,
    ).toBe(400);
    expect((await fetch(`${creds.baseUrl}/search-members?query=x`)).status).toBe(401);
    const contract = await openContract(mailchimpDocument);
    const check = (operationId: string, body: unknown) =>
      (contract.validateResponse(body, operationId, 200).errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    const paths = contract.definition.paths as Record<string, Record<string, { operationId: string }>>;
    const operationOf = (path: string, method: string) => paths[path]![method]!.operationId;
    const search = await (await api(`search-members?query=${encodeURIComponent(priya.email)}`)).json();
    expect(check(operationOf('/search-members', 'get'), search)).toEqual([]);
    const member = await (await memberOf(priya.email)).json();
    expect(check(operationOf('/lists/{list_id}/members/{subscriber_hash}', 'get'), member)).toEqual([]);
    expect(check(operationOf('/lists/{list_id}/members/{subscriber_hash}', 'get'), { ...member, status: 7 })).not.toEqual([]);
  });

  it('lists every member of every audience across pages of 1,000, for reconciliation', async () => {
    for (let i = 0; i < 1001; i++)
      mc.add(
        'msp',
        { firstName: 'Reader', lastName: String(i), email: `reader.${i}@example.com`, tickets: [] },
        i === 7 ? 'unsubscribed' : 'subscribed',
      );
    const connector = connect(mailchimpSystem, creds);
    const pages: number[] = [];
    const members = [];
    for await (const page of connector.listMembers!()) {
      pages.push(page.length);
      members.push(...page);
    }
    const total = (await (await api(`lists/${list}/members?count=1`)).json()).total_items;
    expect(members).toHaveLength(total);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(new Set(members.map((m) => m.email)).size).toBe(members.length);
    expect(members.find((m) => m.email === 'reader.7@example.com')).toMatchObject({
      status: 'unsubscribed',
      list: { id: list, name: 'Newsletter' },
      person: { ref: subscriberHash('reader.7@example.com'), context: { listId: list } },
    });
  });

  it('suppress with topics reaches only the lists mapped to them', async () => {
    const mapped = { ...mailchimpSystem, lists: [{ id: list, name: 'Newsletter', topic: 'newsletters' }] };
    const connector = connect(mapped, creds);
    mc.add('msp', { firstName: 'Lee', lastName: 'Ray', email: 'lee.ray@example.com', tickets: [] });
    const [person] = await connector.find({ kind: 'email', value: 'lee.ray@example.com' });
    expect(await connector.suppress!(person!, { everywhere: false, topics: ['offers'] })).toMatchObject({
      result: 'out-of-scope',
    });
    expect((await (await memberOf('lee.ray@example.com')).json()).status).toBe('subscribed');
    expect(await connector.suppress!(person!, { everywhere: false, topics: ['newsletters'] })).toMatchObject({
      result: 'unsubscribed',
    });
    expect((await (await memberOf('lee.ray@example.com')).json()).status).toBe('unsubscribed');
  });
});
