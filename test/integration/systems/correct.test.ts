/**
 * A correction reaches the PSA stand-ins: Autotask and HaloPSA rewrite the mapped fields of the
 * person's own record (checked through each stand-in's own API), say what each field read before,
 * send nothing when it already reads the new value, and the stand-in refuses an update the vendor would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AutotaskStandIn, startAutotaskStandIn } from '../../../functions/local/vendors/autotask.ts';
import { type HaloStandIn, startHaloStandIn } from '../../../functions/local/vendors/halopsa.ts';
import { correctionsFor } from '../../../shared/systems/correction.ts';
import { type SystemDeclaration, Systems } from '../../../shared/systems/declaration.ts';
import { alex, autotaskSystem, bearer, connect, haloSystem, priya } from '../../support/systems.ts';

/** The shipped declarations, with `correct` allowed and the person's own record's fields mapped to the centre's. */
const correcting = (system: SystemDeclaration, object: string, fields: Record<string, string>) =>
  Systems.parse([
    {
      ...system,
      may: [...system.may, 'correct'],
      objects: system.objects.map((o) => (o.object === object ? { ...o, fields } : o)),
    },
  ])[0]!;

const jobTitle = (value: string) => ({ category: 'employment', field: 'jobTitle', value });

let autotask: AutotaskStandIn;
let halo: HaloStandIn;
beforeAll(async () => {
  [autotask, halo] = await Promise.all([startAutotaskStandIn({ msp: [alex, priya] }), startHaloStandIn({ msp: [alex, priya] })]);
});
afterAll(async () => {
  await Promise.all([autotask.stop(), halo.stop()]);
});

describe('a correction in Autotask', () => {
  const system = correcting(autotaskSystem, 'contact', { 'employment.jobTitle': 'title', mobile: 'mobilePhone' });
  const creds = () => autotask.credentials('msp');
  const headers = () => ({
    UserName: creds().username!,
    Secret: creds().secret!,
    ApiIntegrationCode: creds().integrationCode!,
    'content-type': 'application/json',
  });
  const contact = async (id: string) =>
    (
      (await (await fetch(`${creds().baseUrl}/V1.0/Contacts/${id}`, { headers: headers() })).json()) as {
        item: Record<string, unknown>;
      }
    ).item;

  it('rewrites the mapped field on the contact, saying what it read; a re-run sends nothing', async () => {
    const connector = connect(system, creds());
    const [person] = await connector.find({ kind: 'email', value: alex.email });
    const changes = correctionsFor(system, jobTitle('Operations Manager'));
    expect(changes).toEqual([{ object: 'contact', fields: { title: 'Operations Manager' } }]);
    const before = autotask.stats.requests;
    expect(await connector.correct!(person!, changes)).toEqual([
      {
        ref: `contact:${person!.ref}`,
        object: 'contact',
        result: 'corrected',
        changes: [{ field: 'title', from: 'Practice Office Manager', to: 'Operations Manager' }],
      },
    ]);
    expect(autotask.stats.requests - before).toBe(2);
    expect(await contact(person!.ref)).toMatchObject({ title: 'Operations Manager', firstName: 'Alex', isActive: 1 });
    const again = autotask.stats.requests;
    expect(await connector.correct!(person!, changes)).toEqual([
      { ref: `contact:${person!.ref}`, object: 'contact', result: 'unchanged', fields: ['title'] },
    ]);
    expect(autotask.stats.requests - again).toBe(1);
  });

  it('says a contact gone meanwhile is absent', async () => {
    const connector = connect(system, creds());
    const gone = { ref: '999999', context: { companyId: '174' }, label: 'Gone' };
    expect(await connector.correct!(gone, [{ object: 'contact', fields: { title: 'x' } }])).toEqual([
      { ref: 'contact:999999', object: 'contact', result: 'absent' },
    ]);
  });

  it('the stand-in refuses an update Autotask would refuse', async () => {
    const patch = (body: unknown) =>
      fetch(`${creds().baseUrl}/V1.0/Companies/174/Contacts`, {
        method: 'PATCH',
        headers: headers(),
        body: JSON.stringify(body),
      });
    expect((await patch({ id: 'one', title: 'x' })).status).toBe(400);
    expect((await patch([{ id: 1, title: 'x' }])).status).toBe(400);
  });
});

describe('a correction in HaloPSA', () => {
  const system = correcting(haloSystem, 'user', { 'employment.jobTitle': 'title', phone: 'phonenumber' });
  let auth: Record<string, string>;
  const creds = () => halo.credentials('msp');
  const user = async (id: string) => (await fetch(`${creds().baseUrl}/Users/${id}`, { headers: auth })).json();
  beforeAll(async () => {
    auth = await bearer(creds().authUrl!, creds().clientId!, creds().clientSecret!);
  });

  it('rewrites the mapped field on the user by upsert, saying what it read; a re-run sends nothing', async () => {
    const connector = connect(system, creds());
    const [person] = await connector.find({ kind: 'email', value: alex.email });
    const changes = correctionsFor(system, { category: 'identity', field: 'phone', value: '0113 496 0999' });
    expect(changes).toEqual([{ object: 'user', fields: { phonenumber: '0113 496 0999' } }]);
    expect(await connector.correct!(person!, changes)).toEqual([
      {
        ref: `user:${person!.ref}`,
        object: 'user',
        result: 'corrected',
        changes: [{ field: 'phonenumber', from: '0113 496 0418', to: '0113 496 0999' }],
      },
    ]);
    expect(await user(person!.ref)).toMatchObject({ phonenumber: '0113 496 0999', name: 'Alex Morgan', inactive: false });
    expect((await connector.correct!(person!, changes))[0]).toMatchObject({ result: 'unchanged' });
  });

  it('never recreates a user gone meanwhile (an upsert would)', async () => {
    const connector = connect(system, creds());
    const count = async () => (await (await fetch(`${creds().baseUrl}/Users`, { headers: auth })).json()).record_count;
    const users = await count();
    expect(await connector.correct!({ ref: '424242', label: 'Gone' }, [{ object: 'user', fields: { title: 'x' } }])).toEqual([
      { ref: 'user:424242', object: 'user', result: 'absent' },
    ]);
    expect(await count()).toBe(users);
    expect((await fetch(`${creds().baseUrl}/Users/424242`, { headers: auth })).status).toBe(404);
  });

  it('refuses to change a ticket (the business keeps its history)', async () => {
    const connector = connect(system, creds());
    const [person] = await connector.find({ kind: 'email', value: alex.email });
    await expect(connector.correct!(person!, [{ object: 'ticket', fields: { summary: 'x' } }])).rejects.toMatchObject({
      code: 'rejected',
    });
  });
});
