import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphStandIn, startGraphStandIn } from '../../../functions/local/vendors/graph.ts';
import { planRequest } from '../../../shared/systems/plan.ts';
import { runPlan } from '../../../shared/systems/run.ts';
import { alex, bearer, connect, graphSystem, priya } from '../../support/systems.ts';

let graph: GraphStandIn;
let creds: Record<string, string>;
let auth: Record<string, string>;
const now = () => new Date().toISOString();

beforeAll(async () => {
  graph = await startGraphStandIn({ tenant: [alex, priya] });
  creds = graph.credentials('tenant');
  auth = await bearer(creds.tokenUrl!, creds.clientId!, creds.clientSecret!);
});
afterAll(() => graph.stop());

/** Looks at the stand-in through Graph's own API, as an admin would. */
const lookUp = (path: string) => fetch(`${creds.graphUrl}/${path}`, { headers: auth });

describe('Microsoft Graph connector, against the stand-in', () => {
  it('finds a user by mail and reads the profile and group memberships', async () => {
    const connector = connect(graphSystem, creds);
    const people = await connector.find({ kind: 'email', value: 'Alex.Morgan@example.com' });
    expect(people).toEqual([{ ref: expect.any(String), label: 'Alex Morgan' }]);
    const records = await connector.read(people[0]!);
    expect(records.map((r) => [r.object, r.category])).toEqual([
      ['user', 'identity'],
      ['group-membership', 'account'],
      ['group-membership', 'account'],
    ]);
    expect(records[0]?.data).toMatchObject({
      displayName: 'Alex Morgan',
      mail: 'alex.morgan@example.com',
      jobTitle: 'Practice Office Manager',
      businessPhones: '0113 496 0418',
    });
    expect(records.slice(1).map((r) => r.data.group)).toEqual(['All Staff', 'Practice Office Manager team']);
  });

  it('finds nobody for an address it does not hold, and an address with a quote does not break the filter', async () => {
    const connector = connect(graphSystem, creds);
    expect(await connector.find({ kind: 'email', value: 'nobody@example.com' })).toEqual([]);
    expect(await connector.find({ kind: 'email', value: "o'brien@example.com" })).toEqual([]);
  });

  it('follows @odata.nextLink to the last page', async () => {
    for (let i = 0; i < 120; i++)
      graph.add('tenant', { firstName: 'Sam', lastName: `Twin${i}`, email: 'shared.mailbox@example.com', tickets: [] });
    const people = await connect(graphSystem, creds).find({ kind: 'email', value: 'shared.mailbox@example.com' });
    expect(graph.stats.refused).toEqual([]);
    expect(new Set(people.map((p) => p.ref)).size).toBe(120);
  });

  it('erases by delete then permanent delete: gone from users and from deleted items; a re-run is safe', async () => {
    const connector = connect(graphSystem, creds);
    const [person] = await connector.find({ kind: 'email', value: priya.email });
    const found = (await connector.read(person!)).map((r) => r.ref);
    const erased = await connector.erase(person!);
    expect(erased[0]).toEqual({ ref: `user:${person!.ref}`, object: 'user', result: 'erased' });
    // Her group memberships ended with her: each is accounted for, as the search found it.
    expect(erased.map((r) => r.ref).sort()).toEqual([...found].sort());
    expect(erased.filter((r) => r.object === 'group-membership').length).toBeGreaterThan(0);
    expect((await lookUp(`users/${person!.ref}`)).status).toBe(404);
    expect((await lookUp(`directory/deletedItems/${person!.ref}`)).status).toBe(404);
    // Erasing again: nothing left to erase, and it says so rather than failing or claiming.
    expect(await connector.erase(person!)).toEqual([{ ref: `user:${person!.ref}`, object: 'user', result: 'absent' }]);
    const steps = planRequest([graphSystem], 'access');
    const [again] = await runPlan(
      { steps, systems: [graphSystem], identities: { email: priya.email } },
      { connectorFor: () => connector, now },
    );
    expect(again?.outcome.state).toBe('not-found');
  });

  it('the stand-in refuses a request Graph would refuse', async () => {
    const response = await lookUp('users?$top=lots');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: ['/query/$top must be integer'] });
    const select = await lookUp('users?$select=shoeSize');
    expect(select.status).toBe(400);
  });

  it('wrong client secret: a plain, non-retryable reason', async () => {
    const connector = connect(graphSystem, { ...creds, clientSecret: 'wrong' });
    await expect(connector.find({ kind: 'email', value: alex.email })).rejects.toMatchObject({
      code: 'unauthorised',
      retryable: false,
      message: "Microsoft 365 refused the centre's client id or secret",
    });
  });
});
