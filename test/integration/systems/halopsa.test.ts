import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HaloStandIn, startHaloStandIn } from '../../../functions/local/vendors/halopsa.ts';
import { alex, bearer, connect, haloSystem, priya } from '../../support/systems.ts';

let halo: HaloStandIn;
let creds: Record<string, string>;
let auth: Record<string, string>;

beforeAll(async () => {
  halo = await startHaloStandIn({
    msp: [alex, priya, { firstName: 'Alexandra', lastName: 'Morganson', email: 'alex.morgan@example.com.au', tickets: [] }],
  });
  creds = halo.credentials('msp');
  auth = await bearer(creds.authUrl!, creds.clientId!, creds.clientSecret!);
});
afterAll(() => halo.stop());

/** Looks at the stand-in through Halo's own API. */
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${creds.baseUrl}/${path}`, { ...init, headers: { ...auth, 'content-type': 'application/json' } });

describe('HaloPSA connector, against the stand-in', () => {
  it('finds only the exact address (Halo searches by "contains") and reads the user with tickets and actions', async () => {
    const connector = connect(haloSystem, creds);
    const people = await connector.find({ kind: 'email', value: alex.email });
    expect(people).toEqual([{ ref: '1001', label: 'Alex Morgan' }]);
    const records = await connector.read(people[0]!);
    expect(records.map((r) => r.object)).toEqual(['user', 'ticket', 'ticket', 'action', 'action']);
    expect(records[0]).toMatchObject({ category: 'identity', data: { emailaddress: alex.email, phonenumber: '0113 496 0418' } });
    expect(records[1]?.data).toMatchObject({ summary: 'Reception printer offline' });
  });

  it('reads 1,000 tickets across pages of 100, each once', async () => {
    halo.add('msp', { firstName: 'Busy', lastName: 'Caller', email: 'busy.caller@example.com', tickets: [] }, 1000);
    const ticketsOnly = { ...haloSystem, objects: haloSystem.objects.filter((o) => o.object !== 'action') };
    const connector = connect(ticketsOnly, creds);
    const [person] = await connector.find({ kind: 'email', value: 'busy.caller@example.com' });
    const before = halo.stats.requests;
    const records = await connector.read(person!);
    expect(new Set(records.filter((r) => r.object === 'ticket').map((r) => r.ref)).size).toBe(1000);
    expect(halo.stats.requests - before).toBe(1 + 10);
  });

  it('anonymises the user by upsert, keeps the tickets and their actions, and a re-run is safe', async () => {
    const connector = connect(haloSystem, creds);
    const [person] = await connector.find({ kind: 'email', value: alex.email });
    const found = (await connector.read(person!)).map((r) => r.ref);
    const outcome = await connector.erase(person!);
    // Every record the search found is accounted for: the letter says what became of each.
    expect(outcome.map((r) => r.ref).sort()).toEqual([...found].sort());
    expect(outcome.map((r) => [r.object, r.result])).toEqual([
      ['user', 'anonymised'],
      ['ticket', 'kept'],
      ['ticket', 'kept'],
      ...outcome.filter((r) => r.object === 'action').map(() => ['action', 'kept']),
    ]);
    expect(outcome.filter((r) => r.object === 'action').length).toBeGreaterThan(0);
    const user = await (await api(`Users/${person!.ref}`)).json();
    expect(user).toMatchObject({
      name: 'Erased user 1001',
      firstname: 'Erased',
      surname: 'User 1001',
      emailaddress: 'erased-1001@invalid.example',
      phonenumber: '',
      inactive: true,
    });
    const tickets = await (await api('Tickets?user_id=1001')).json();
    expect(tickets.tickets).toHaveLength(2);
    expect(await connector.find({ kind: 'email', value: alex.email })).toEqual([]);
    expect((await connector.erase(person!))[0]).toMatchObject({ result: 'anonymised' });
  });

  it('deletes the user when declared; deleting again is success, and an upsert never recreates a deleted user', async () => {
    const deleting = {
      ...haloSystem,
      objects: [{ object: 'user', category: 'identity', erasure: { mode: 'delete' as const, fields: {} } }],
    };
    const connector = connect(deleting, creds);
    const [person] = await connector.find({ kind: 'email', value: priya.email });
    expect(await connector.erase(person!)).toEqual([{ ref: `user:${person!.ref}`, object: 'user', result: 'erased' }]);
    expect((await api(`Users/${person!.ref}`)).status).toBe(404);
    expect(await connector.erase(person!)).toEqual([{ ref: `user:${person!.ref}`, object: 'user', result: 'absent' }]);
    expect((await connect(haloSystem, creds).erase(person!))[0]).toMatchObject({ result: 'absent' });
    expect((await api(`Users/${person!.ref}`)).status).toBe(404);
  });

  it('the stand-in refuses a request Halo would refuse', async () => {
    expect((await api('Users?page_size=all')).status).toBe(400);
    expect((await api('Users', { method: 'POST', body: JSON.stringify({ id: 1001, name: 'not in an array' }) })).status).toBe(
      400,
    );
    expect((await api('Users', { method: 'POST', body: JSON.stringify([{ id: 'one' }]) })).status).toBe(400);
    expect((await fetch(`${creds.baseUrl}/Users?search=x`)).status).toBe(401);
  });
});
