/**
 * A system no shipped connector knows, described only in a policy (`kind: "rest"`), searched, read
 * and erased against a stand-in built from its own OpenAPI document.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CollectionsStandIn, startCollectionsStandIn } from '../../../functions/local/vendors/collections.ts';
import type { SystemDeclaration } from '../../../shared/systems/declaration.ts';
import { Systems } from '../../../shared/systems/declaration.ts';
import { parseWholePolicy } from '../../../shared/systems/declared.ts';
import { planRequest } from '../../../shared/systems/plan.ts';
import { runPlan } from '../../../shared/systems/run.ts';
import { connect } from '../../support/systems.ts';

const document = fileURLToPath(
  new URL('../../../functions/local/vendor-apis/example-rest/callvault.openapi.json', import.meta.url),
);
const keyOf = (instance: string) => `cv-key-${instance}`;

/** The declaration an operator writes for CallVault: nothing else tells the centre about it. */
const declaration = {
  id: 'callvault',
  name: 'CallVault (call recordings)',
  kind: 'rest',
  operatedBy: { by: 'msp' },
  may: ['find', 'read', 'erase', 'anonymise'],
  api: {
    auth: { type: 'api-key', header: 'X-Api-Key' },
    pagination: { type: 'cursor', param: 'cursor', next: 'next_cursor' },
    find: { path: '/contacts', query: { email: '{email}', limit: '50' }, items: 'data', email: 'email', label: 'name' },
    objects: {
      person: {
        path: '/contacts/{person}',
        fields: ['name', 'email', 'phone'],
        createdAt: 'created_at',
        anonymise: { method: 'PATCH', path: '/contacts/{id}' },
        delete: { path: '/contacts/{id}' },
      },
      recording: {
        path: '/contacts/{person}/recordings',
        items: 'data',
        fields: ['started_at', 'duration_seconds', 'direction', 'summary'],
        createdAt: 'started_at',
        delete: { path: '/recordings/{id}' },
      },
    },
    rateLimit: { perSecond: 50 },
  },
  objects: [
    {
      object: 'person',
      category: 'identity',
      erasure: {
        mode: 'anonymise',
        fields: {
          name: { action: 'anonymise', value: 'Erased caller' },
          email: { action: 'anonymise', value: 'erased-{ref}@invalid.example' },
          phone: { action: 'delete' },
        },
      },
    },
    { object: 'recording', category: 'call-recordings', erasure: { mode: 'delete' } },
  ],
};

let cv: CollectionsStandIn;
let system: SystemDeclaration;
const recordings = (contact: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `r_${contact.slice(2)}x${i}`,
    contact_id: contact,
    started_at: `2026-0${1 + (i % 9)}-0${1 + (i % 9)}T10:00:00Z`,
    duration_seconds: 60 + i,
    direction: i % 2 ? 'inbound' : 'outbound',
    summary: 'Support call',
  }));

beforeAll(async () => {
  [system] = Systems.parse([declaration]) as [SystemDeclaration];
  cv = await startCollectionsStandIn({
    name: 'CallVault',
    document,
    apiRoot: '/v2',
    apiKey: { header: 'X-Api-Key', keyOf },
    data: {
      msp: {
        contacts: [
          {
            id: 'c_alex',
            name: 'Alex Morgan',
            email: 'alex.morgan@example.com',
            phone: '0113 496 0418',
            created_at: '2025-01-02T09:00:00Z',
          },
          { id: 'c_other', name: 'Alexandra Morgan', email: 'alex.morgan@example.com.au', phone: '1' },
        ],
        recordings: [...recordings('c_alex', 120), ...recordings('c_other', 2)],
      },
    },
    parents: { recordings: 'contact_id' },
    list: { items: 'data', next: 'next_cursor', cursorParam: 'cursor', limitParam: 'limit', defaultLimit: 25 },
  });
});
afterAll(() => cv.stop());

const creds = () => ({ baseUrl: cv.baseUrl('msp'), apiKey: keyOf('msp') });

describe('a system declared only in the policy (kind "rest")', () => {
  it('a bad declaration is refused with the field named', () => {
    const bad = structuredClone(declaration) as Record<string, unknown> & typeof declaration;
    (bad.api.objects.recording as Record<string, unknown>).delete = undefined;
    bad.api.find.items = 'data..items';
    const policy = (systems: unknown[]) => JSON.parse(JSON.stringify({ ...tenantBase, systems }));
    expect(() => parseWholePolicy(policy([bad]), 'policy.json')).toThrow(/systems\.0\.api\.find\.items/);
    const noDelete = structuredClone(declaration);
    delete (noDelete.api.objects.recording as { delete?: unknown }).delete;
    expect(() => parseWholePolicy(policy([noDelete]), 'policy.json')).toThrow(/recording records can only be: keep/);
  });

  it('finds the person by exact address and reads every page of their recordings (120, 25 a page)', async () => {
    const connector = connect(system, creds());
    const people = await connector.find({ kind: 'email', value: 'Alex.Morgan@example.com' });
    expect(people).toEqual([{ ref: 'c_alex', label: 'Alex Morgan' }]);
    const records = await connector.read(people[0]!);
    expect(records[0]).toMatchObject({
      ref: 'person:c_alex',
      category: 'identity',
      data: { phone: '0113 496 0418' },
      createdAt: '2025-01-02T09:00:00Z',
    });
    const calls = records.filter((r) => r.object === 'recording');
    expect(calls).toHaveLength(120);
    expect(new Set(calls.map((r) => r.ref)).size).toBe(120);
    expect(calls[0]).toMatchObject({ category: 'call-recordings', data: { duration_seconds: 60, direction: 'outbound' } });
  });

  it('through a plan: searched, then erased (recordings deleted, the contact anonymised); a re-run is safe', async () => {
    const systems = [system];
    const run = (kind: 'access' | 'erasure') =>
      runPlan(
        { steps: planRequest(systems, kind), systems, identities: { email: 'alex.morgan@example.com' } },
        { connectorFor: () => connect(system, creds()), now: () => new Date().toISOString() },
      );
    const [found] = await run('access');
    expect(found?.outcome).toMatchObject({ state: 'found', count: 121 });
    const [erased] = await run('erasure');
    expect(erased?.outcome.state).toBe('done');
    const results = erased?.outcome.state === 'done' ? erased.outcome.records : [];
    expect(results.filter((r) => r.result === 'erased')).toHaveLength(120);
    expect(results.at(-1)).toEqual({
      ref: 'person:c_alex',
      object: 'person',
      result: 'anonymised',
      fields: ['name', 'email', 'phone'],
    });
    // Checked through the vendor's own API: the recordings are gone, the contact is rewritten, the other person untouched.
    const get = (path: string) => fetch(`${cv.baseUrl('msp')}${path}`, { headers: { 'X-Api-Key': keyOf('msp') } });
    expect((await (await get('/contacts/c_alex/recordings')).json()).data).toEqual([]);
    expect(await (await get('/contacts/c_alex')).json()).toMatchObject({
      name: 'Erased caller',
      email: 'erased-c_alex@invalid.example',
      phone: '',
    });
    expect((await (await get('/contacts/c_other/recordings')).json()).data).toHaveLength(2);
    // Erased: the address finds no one now, so a second erasure finds nothing to do.
    const [again] = await run('erasure');
    expect(again?.outcome.state).toBe('not-found');
  });

  it('the stand-in refuses what the document does not allow, so a wrong declaration fails here as it would there', async () => {
    const wrong = Systems.parse([
      { ...declaration, api: { ...declaration.api, find: { ...declaration.api.find, query: { mail: '{email}' } } } },
    ])[0]!;
    await expect(connect(wrong, creds()).find({ kind: 'email', value: 'alex.morgan@example.com' })).rejects.toThrow(
      /refused the request \(400\)/,
    );
    await expect(connect(system, { ...creds(), apiKey: 'nope' }).find({ kind: 'email', value: 'x@example.com' })).rejects.toThrow(
      /refused the centre's credentials \(401\)/,
    );
  });
});

const tenantBase = JSON.parse(
  (await import('node:fs')).readFileSync(new URL('../../../tenants/northgate-it/policy.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
