/**
 * The declarative connector proved on a shipped one: HaloPSA described only in a policy
 * (functions/connectors/declared/halopsa.json, `kind: "rest"`) against the same stand-in as the
 * coded connector (functions/connectors/halopsa.ts). Two stand-in instances hold the same people
 * (so the same ids); each connector works on its own, and their finds, reads, corrections and
 * erasures are compared, as are the stand-ins afterwards, through Halo's own API.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HaloStandIn, startHaloStandIn } from '../../../functions/local/vendors/halopsa.ts';
import { parseTenantConfig } from '../../../shared/policy/parse.ts';
import type { RecordOutcome } from '../../../shared/systems/connector.ts';
import { correctionsFor } from '../../../shared/systems/correction.ts';
import { type SystemDeclaration, Systems } from '../../../shared/systems/declaration.ts';
import { systemsOf } from '../../../shared/systems/declared.ts';
import { alex, bearer, connect, priya } from '../../support/systems.ts';

const raw = JSON.parse(readFileSync('functions/connectors/declared/halopsa.json', 'utf8'));
const policy = JSON.parse(readFileSync('tenants/inflection-point/policy.json', 'utf8'));
/** The coded connector, declared as inflection-point ships it. */
const coded = Systems.parse([policy.systems.find((s: { id: string }) => s.id === 'halo')])[0]!;
const declared = Systems.parse([raw])[0]!;
const people = [alex, priya, { firstName: 'Alexandra', lastName: 'Morganson', email: 'alex.morgan@example.com.au', tickets: [] }];

let halo: HaloStandIn;
beforeAll(async () => {
  halo = await startHaloStandIn({ coded: people, declared: people });
  halo.add('coded', { firstName: 'Busy', lastName: 'Caller', email: 'busy.caller@example.com', tickets: [] }, 1000);
  halo.add('declared', { firstName: 'Busy', lastName: 'Caller', email: 'busy.caller@example.com', tickets: [] }, 1000);
});
afterAll(() => halo.stop());

const codedCreds = () => halo.credentials('coded');
/** The declarative connector's OAuth credentials: the same client, named as the `rest` kind names them. */
const declaredCreds = () => {
  const { authUrl, ...rest } = halo.credentials('declared');
  return { ...rest, tokenUrl: authUrl! };
};
const both = () => ({ coded: connect(coded, codedCreds()), declared: connect(declared, declaredCreds()) });
const byRef = <T extends { ref: string }>(rows: T[]) => [...rows].sort((a, b) => a.ref.localeCompare(b.ref));

/** A user as the stand-in holds it, through Halo's own API. */
async function user(instance: string, id: string) {
  const creds = halo.credentials(instance);
  const auth = await bearer(creds.authUrl!, creds.clientId!, creds.clientSecret!);
  const res = await fetch(`${creds.baseUrl}/Users/${id}`, { headers: auth });
  return res.status === 200 ? res.json() : res.status;
}

describe('HaloPSA declared in the policy does what the coded connector does', () => {
  it('the declaration is a valid system of the tenant’s policy, in place of the coded one', () => {
    const swapped = { ...policy, systems: policy.systems.map((s: { id: string }) => (s.id === 'halo' ? raw : s)) };
    expect(systemsOf(parseTenantConfig(swapped, 'policy.json')).find((s) => s.id === 'halo')?.kind).toBe('rest');
  });

  it('finds the same people (the exact address only) and reads the same records, field for field', async () => {
    const { coded: a, declared: b } = both();
    const found = await Promise.all([a.find({ kind: 'email', value: alex.email }), b.find({ kind: 'email', value: alex.email })]);
    expect(found[0]).toEqual([{ ref: '1001', label: 'Alex Morgan' }]);
    expect(found[1]).toEqual(found[0]);
    const [ra, rb] = await Promise.all([a.read(found[0][0]!), b.read(found[1][0]!)]);
    expect(ra.map((r) => r.object)).toEqual(['user', 'ticket', 'ticket', 'action', 'action']);
    expect(rb).toEqual(ra);
    expect(await b.find({ kind: 'email', value: 'nobody@example.com' })).toEqual([]);
  });

  it('reads 1,000 tickets across pages of 100 with the same calls (the total tells the last page)', async () => {
    const ticketsOnly = (s: SystemDeclaration) => ({ ...s, objects: s.objects.filter((o) => o.object !== 'action') });
    const a = connect(ticketsOnly(coded), codedCreds());
    const b = connect(ticketsOnly(declared), declaredCreds());
    const [pa] = await a.find({ kind: 'email', value: 'busy.caller@example.com' });
    const [pb] = await b.find({ kind: 'email', value: 'busy.caller@example.com' });
    let before = halo.stats.requests;
    const ra = await a.read(pa!);
    const codedCalls = halo.stats.requests - before;
    before = halo.stats.requests;
    const rb = await b.read(pb!);
    expect(halo.stats.requests - before).toBe(codedCalls);
    expect(codedCalls).toBe(1 + 10);
    expect(rb.filter((r) => r.object === 'ticket')).toHaveLength(1000);
    expect(rb).toEqual(ra);
  });

  it('corrects the same field the same way, and a re-run sends nothing in either', async () => {
    const { coded: a, declared: b } = both();
    const correction = { category: 'employment', field: 'jobTitle', value: 'Operations Manager' };
    const [ca, cb] = [correctionsFor(coded, correction), correctionsFor(declared, correction)];
    expect(cb).toEqual(ca);
    expect(ca).toEqual([{ object: 'user', fields: { title: 'Operations Manager' } }]);
    const person = { ref: '1001', label: 'Alex Morgan' };
    const [oa, ob] = [await a.correct!(person, ca), await b.correct!(person, cb)];
    expect(oa).toEqual([
      {
        ref: 'user:1001',
        object: 'user',
        result: 'corrected',
        changes: [{ field: 'title', from: 'Practice Office Manager', to: 'Operations Manager' }],
      },
    ]);
    expect(ob).toEqual(oa);
    expect(await user('declared', '1001')).toEqual(await user('coded', '1001'));
    expect(await b.correct!(person, cb)).toEqual(await a.correct!(person, ca));
    expect((await b.correct!(person, cb))[0]?.result).toBe('unchanged');
  });

  it('erases the same way: the user anonymised and made inactive, tickets and their actions kept', async () => {
    const { coded: a, declared: b } = both();
    const person = { ref: '1001', label: 'Alex Morgan' };
    const [ea, eb] = [await a.erase(person), await b.erase(person)];
    expect(ea.map((r) => r.result)).toEqual(['anonymised', 'kept', 'kept', 'kept', 'kept']);
    const notActions = (rows: RecordOutcome[]) => byRef(rows.filter((r) => r.object !== 'action'));
    expect(notActions(eb)).toEqual(notActions(ea));
    // Both say each ticket action is kept (with its ticket), so the letter accounts for every record read.
    const actions = (rows: RecordOutcome[]) => byRef(rows.filter((r) => r.object === 'action')).map((r) => [r.ref, r.result]);
    expect(actions(eb)).toEqual(actions(ea));
    expect(actions(ea).map(([, result]) => result)).toEqual(['kept', 'kept']);
    const [ua, ub] = [await user('coded', '1001'), await user('declared', '1001')];
    expect(ua).toMatchObject({
      name: 'Erased user 1001',
      emailaddress: 'erased-1001@invalid.example',
      phonenumber: '',
      inactive: true,
    });
    expect(ub).toEqual(ua);
    expect(await b.find({ kind: 'email', value: alex.email })).toEqual([]);
    // A re-run is safe in both.
    expect(notActions(await b.erase(person))).toEqual(notActions(await a.erase(person)));
  });

  it('deletes when declared so; deleting again says the user is already gone, in both', async () => {
    const deleting = (s: SystemDeclaration) =>
      Systems.parse([
        {
          ...s,
          objects: [{ object: 'user', category: 'identity', fields: { phone: 'phonenumber' }, erasure: { mode: 'delete' } }],
        },
      ])[0]!;
    const a = connect(deleting(coded), codedCreds());
    const b = connect(deleting(declared), declaredCreds());
    const [pa] = await a.find({ kind: 'email', value: priya.email });
    const [pb] = await b.find({ kind: 'email', value: priya.email });
    const [ea, eb] = [await a.erase(pa!), await b.erase(pb!)];
    expect(ea).toEqual([{ ref: `user:${pa!.ref}`, object: 'user', result: 'erased' }]);
    expect(eb).toEqual(ea);
    expect(await user('declared', pb!.ref)).toBe(404);
    expect(await b.erase(pb!)).toEqual(await a.erase(pa!));
    expect((await b.erase(pb!))[0]?.result).toBe('absent');
  });
});
