import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AutotaskStandIn, startAutotaskStandIn } from '../../../functions/local/vendors/autotask.ts';
import { alex, autotaskSystem, connect, priya } from '../../support/systems.ts';

let psa: AutotaskStandIn;
let creds: Record<string, string>;

beforeAll(async () => {
  psa = await startAutotaskStandIn({ msp: [alex, priya] });
  creds = psa.credentials('msp');
});
afterAll(() => psa.stop());

const headers = () => ({
  UserName: creds.username!,
  Secret: creds.secret!,
  ApiIntegrationCode: creds.integrationCode!,
  'content-type': 'application/json',
});
/** Looks at the stand-in through Autotask's own API. */
const api = async (path: string, body?: unknown) => {
  const response = await fetch(`${creds.baseUrl}/V1.0/${path}`, {
    method: body ? 'POST' : 'GET',
    headers: headers(),
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
};

describe('Autotask connector, against the stand-in', () => {
  it('finds a contact by email and reads it with its tickets and ticket notes', async () => {
    const connector = connect(autotaskSystem, creds);
    const people = await connector.find({ kind: 'email', value: 'ALEX.MORGAN@example.com' });
    expect(people).toEqual([{ ref: expect.any(String), context: { companyId: '174' }, label: 'Alex Morgan' }]);
    const records = await connector.read(people[0]!);
    expect(records.map((r) => r.object)).toEqual(['contact', 'ticket', 'ticket', 'ticket-note', 'ticket-note']);
    expect(records[0]).toMatchObject({
      category: 'identity',
      data: { firstName: 'Alex', emailAddress: 'alex.morgan@example.com', phone: '0113 496 0418' },
    });
    expect(records[1]).toMatchObject({
      category: 'support-tickets',
      data: { ticketNumber: 'IP-48213', title: 'Reception printer offline' },
    });
    expect(records[3]?.data.description).toBe('Driver reinstalled remotely.');
  });

  it('reads 1,000 tickets across pages of 500, each once', async () => {
    psa.add('msp', { firstName: 'Busy', lastName: 'Caller', email: 'busy.caller@example.com', tickets: [] }, 1000);
    const connector = connect(autotaskSystem, creds);
    const [person] = await connector.find({ kind: 'email', value: 'busy.caller@example.com' });
    const before = psa.stats.requests;
    const records = await connector.read(person!);
    const tickets = records.filter((r) => r.object === 'ticket');
    expect(tickets).toHaveLength(1000);
    expect(new Set(tickets.map((t) => t.ref)).size).toBe(1000);
    expect(records.filter((r) => r.object === 'ticket-note')).toHaveLength(1000);
    // 1 contact read + 3 ticket pages (500, 500, 0) + 5 note batches of 200 tickets
    expect(psa.stats.requests - before).toBe(1 + 3 + 5);
  });

  it('anonymises the contact as declared, keeps the tickets and their notes, and a re-run is safe', async () => {
    const connector = connect(autotaskSystem, creds);
    const [person] = await connector.find({ kind: 'email', value: alex.email });
    const found = (await connector.read(person!)).map((r) => r.ref);
    const outcome = await connector.erase(person!);
    // Every record the search found is accounted for: the letter says what became of each.
    expect(outcome.map((r) => r.ref).sort()).toEqual([...found].sort());
    expect(outcome.filter((r) => r.object === 'ticket-note').length).toBeGreaterThan(0);
    expect(outcome[0]).toEqual({
      ref: `contact:${person!.ref}`,
      object: 'contact',
      result: 'anonymised',
      fields: ['firstName', 'lastName', 'emailAddress', 'phone', 'mobilePhone'],
    });
    expect(outcome.slice(1).map((r) => r.result)).toEqual(outcome.slice(1).map(() => 'kept'));
    expect(outcome[1]).toMatchObject({
      object: 'ticket',
      retention: 'support-tickets',
      reason: 'Support history of the client business.',
    });
    const { json } = await api(`Contacts/${person!.ref}`);
    expect(json.item).toMatchObject({
      firstName: 'Erased',
      lastName: `Contact ${person!.ref}`,
      emailAddress: `erased-${person!.ref}@invalid.example`,
      phone: '',
      mobilePhone: '',
      isActive: 0,
    });
    const tickets = await api('Tickets/query', { filter: [{ op: 'eq', field: 'contactID', value: Number(person!.ref) }] });
    expect(tickets.json.items).toHaveLength(2);
    expect(await connector.find({ kind: 'email', value: alex.email })).toEqual([]);
    // The same erasure again (a retried job): the same values written, nothing else changes.
    expect((await connector.erase(person!))[0]).toMatchObject({ result: 'anonymised' });
  });

  it('deletes the contact when the declaration says delete; deleting again is success, not an error', async () => {
    const deleting = {
      ...autotaskSystem,
      objects: [{ object: 'contact', category: 'identity', erasure: { mode: 'delete' as const, fields: {} } }],
    };
    const connector = connect(deleting, creds);
    const [person] = await connector.find({ kind: 'email', value: priya.email });
    expect(await connector.erase(person!)).toEqual([{ ref: `contact:${person!.ref}`, object: 'contact', result: 'erased' }]);
    expect((await api(`Contacts/${person!.ref}`)).json.item).toBeNull();
    expect(await connector.erase(person!)).toEqual([{ ref: `contact:${person!.ref}`, object: 'contact', result: 'absent' }]);
  });

  it('the stand-in refuses a request Autotask would refuse', async () => {
    expect((await api('Contacts/query', { filter: { op: 'eq' }, maxRecords: 'ten' })).status).toBe(400);
    expect(
      (await api('Contacts/query', { filter: [{ op: 'eq', field: 'emailAddress', value: 'x' }], maxRecords: 501 })).status,
    ).toBe(500);
    const noCode = await fetch(`${creds.baseUrl}/V1.0/Contacts/query`, {
      method: 'POST',
      headers: { UserName: creds.username!, Secret: creds.secret!, 'content-type': 'application/json' },
      body: JSON.stringify({ filter: [] }),
    });
    expect(noCode.status).toBe(400);
    expect(await noCode.json()).toMatchObject({ errors: [expect.stringContaining('apiintegrationcode')] });
  });
});
