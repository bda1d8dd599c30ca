import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xeroDate } from '../../../functions/connectors/xero.ts';
import { openContract } from '../../../functions/local/vendors/contract.ts';
import { startXeroStandIn, type XeroStandIn, xeroDocument } from '../../../functions/local/vendors/xero.ts';
import { alex, connect, priya, xeroSystem } from '../../support/systems.ts';

let xero: XeroStandIn;
let creds: Record<string, string>;
let auth: Record<string, string>;

beforeAll(async () => {
  xero = await startXeroStandIn({ org: [alex] });
  creds = xero.credentials('org');
  const basic = Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64');
  const token = await fetch(creds.tokenUrl!, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'accounting.contacts' }),
  });
  auth = {
    authorization: `Bearer ${((await token.json()) as { access_token: string }).access_token}`,
    'xero-tenant-id': 'org-org',
  };
});
afterAll(() => xero.stop());

/** Looks at the stand-in through Xero's own API. */
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${creds.baseUrl}/${path}`, { ...init, headers: { ...auth, 'content-type': 'application/json' } });

describe('Xero connector, against the stand-in', () => {
  it('finds the contact by exact address and reads it with its invoices and payments', async () => {
    const connector = connect(xeroSystem, creds);
    const people = await connector.find({ kind: 'email', value: 'Alex.Morgan@example.com' });
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ label: 'Alex Morgan' });
    expect(await connector.find({ kind: 'email', value: 'nobody@example.com' })).toEqual([]);
    // A quote cannot break out of Xero's where clause: such an address is simply not found.
    expect(await connector.find({ kind: 'email', value: 'x" OR EmailAddress!="' })).toEqual([]);
    const records = await connector.read(people[0]!);
    expect(records.map((r) => r.object)).toEqual(['contact', 'invoice', 'invoice', 'payment', 'payment']);
    expect(records[0]?.data).toMatchObject({
      EmailAddress: alex.email,
      ContactStatus: 'ACTIVE',
      phones: 'DEFAULT 0113 496 0418',
    });
    expect(records[1]?.data).toMatchObject({ Status: 'PAID', Total: 120 });
    expect(records[1]?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('erasure anonymises and archives the contact (Xero cannot delete one) and keeps invoices and payments, saying why', async () => {
    const connector = connect(xeroSystem, creds);
    const [person] = await connector.find({ kind: 'email', value: alex.email });
    const outcome = await connector.erase(person!);
    expect(outcome.map((r) => `${r.object}:${r.result}`)).toEqual([
      'contact:anonymised',
      'invoice:kept',
      'invoice:kept',
      'payment:kept',
      'payment:kept',
    ]);
    expect(outcome[1]).toMatchObject({ retention: 'payments', reason: 'HMRC requires accounting records for six years.' });
    const { Contacts } = await (await api(`Contacts/${person!.ref}`)).json();
    expect(Contacts[0]).toMatchObject({
      ContactStatus: 'ARCHIVED',
      Name: `Erased contact ${person!.ref}`,
      EmailAddress: '',
      FirstName: '',
    });
    expect((await (await api(`Invoices?ContactIDs=${person!.ref}`)).json()).Invoices).toHaveLength(2);
    // Archived and rewritten: the address no longer finds anyone, and a re-run is safe.
    expect(await connector.find({ kind: 'email', value: alex.email })).toEqual([]);
    expect((await connector.erase(person!))[0]).toMatchObject({ result: 'anonymised' });
  });

  it('a contact that still owes money cannot be archived: a plain reason, nothing claimed', async () => {
    xero.add('org', priya, 1, true);
    const connector = connect(xeroSystem, creds);
    const [person] = await connector.find({ kind: 'email', value: priya.email });
    await expect(connector.erase(person!)).rejects.toThrow(/refused to archive the contact \(usually an outstanding balance\)/);
    const { Contacts } = await (await api(`Contacts/${person!.ref}`)).json();
    expect(Contacts[0]).toMatchObject({ ContactStatus: 'ACTIVE', EmailAddress: priya.email });
  });

  it('the stand-in refuses what Xero would refuse, and answers in Xero’s documented shape', async () => {
    expect((await fetch(`${creds.baseUrl}/Contacts`, { headers: { authorization: auth.authorization! } })).status).toBe(400);
    expect((await api('Contacts?where=Name%20StartsWith(%22A%22)')).status).toBe(400);
    expect(
      (await api('Contacts/abc', { method: 'POST', body: JSON.stringify({ Contacts: [{ ContactStatus: 'GONE' }] }) })).status,
    ).toBe(400);
    expect((await fetch(`${creds.baseUrl}/Contacts`, { headers: { 'xero-tenant-id': 'org-org' } })).status).toBe(401);
    // Compiling Xero's response schemas blocks for seconds: only once every answer is in.
    const contacts = await (await api('Contacts?includeArchived=true')).json();
    const invoices = await (await api('Invoices')).json();
    const payments = await (await api('Payments')).json();
    const contract = await openContract(xeroDocument, { dropRefSiblings: true });
    const check = (operationId: string, body: unknown) =>
      (contract.validateResponse(body, operationId, 200).errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    expect(check('getContacts', contacts)).toEqual([]);
    expect(check('getInvoices', invoices)).toEqual([]);
    expect(check('getPayments', payments)).toEqual([]);
    expect(check('getContacts', { Contacts: [{ ContactID: 'not-a-guid' }] })).not.toEqual([]);
  });

  it('reads Xero’s JSON dates', () => {
    expect(xeroDate('/Date(1518685950940+0000)/')).toBe('2018-02-15T09:12:30.940Z');
    expect(xeroDate('2024-01-02')).toBe('2024-01-02');
    expect(xeroDate('soon')).toBeUndefined();
  });
});
