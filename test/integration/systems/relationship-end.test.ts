import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorFor } from '../../../functions/connectors/index.ts';
import { loadTenantDir } from '../../../functions/local/tenant-bundles.ts';
import { type SystemStandIns, startSystemStandIns } from '../../../functions/local/vendors/index.ts';
import { ukDate } from '../../../shared/deadlines.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import { Systems } from '../../../shared/systems/declaration.ts';
import { checkRelationshipEnds } from '../../../shared/systems/relationship-check.ts';
import { startTestCentre, type TestCentre } from '../../support/centre.ts';
import { withdrawOpen } from '../../support/requests.ts';
import { signedIn } from '../../support/sign-in.ts';
import { signedInStaff } from '../../support/staff.ts';
import { bearer } from '../../support/systems.ts';

/**
 * A PSA contact marked inactive ends the person's relationship in the centre (Inflection Point
 * declares its HaloPSA with `endsRelationship`), so retention starts without a handler: by the
 * scheduled check, and by any search that finds them so.
 */
const slug = 'inflection-point';
let standIns: SystemStandIns;
let centre: TestCentre;
let tenant: TenantConfig;

beforeAll(async () => {
  standIns = await startSystemStandIns(loadTenantDir('tenants'));
  centre = await startTestCentre({ systemCredentials: standIns.credentials });
  tenant = centre.deps.tenants.get(slug) as TenantConfig;
});
afterAll(async () => {
  await centre?.stop();
  await standIns?.stop();
});

const checkDeps = () => ({
  ...centre.deps,
  connectorFor: (t: string, s: Parameters<typeof connectorFor>[1]) =>
    connectorFor(t, s, { credentials: standIns.credentials, retries: 0, timeoutMs: 5_000 }),
});

/** Marks a HaloPSA user inactive (or active again) through Halo's own API. */
async function setInactive(email: string, inactive: boolean) {
  const creds = (await standIns.credentials.get(slug, 'halo')) as Record<string, string>;
  const headers = { ...(await bearer(creds.authUrl!, creds.clientId!, creds.clientSecret!)), 'content-type': 'application/json' };
  const found = await fetch(`${creds.baseUrl}/Users?search=${encodeURIComponent(email)}`, { headers });
  const { users } = (await found.json()) as { users: { id: number; emailaddress: string }[] };
  const user = users.find((u) => u.emailaddress === email);
  if (!user) throw new Error(`no Halo user ${email}`);
  const res = await fetch(`${creds.baseUrl}/Users`, {
    method: 'POST',
    headers,
    body: JSON.stringify([{ id: user.id, inactive }]),
  });
  expect(res.status).toBe(201);
}

const subjectByEmail = async (email: string) => {
  const id = await centre.deps.subjects.findIdByEmail(slug, email);
  const subject = id ? await centre.deps.subjects.get(slug, id) : undefined;
  if (!subject) throw new Error(`no subject ${email}`);
  return subject;
};
const endedAudit = async (subjectId: string) =>
  (await centre.scanAll()).filter(
    (i) => i.type === 'audit' && i.action === 'systems.relationship_ended' && i.subjectId === subjectId,
  );

describe('a PSA contact marked inactive ends the relationship', () => {
  it('the scheduled check ends it today, audited as the system’s doing; an active contact and an end already recorded are left', async () => {
    const alex = await subjectByEmail('alex.morgan@example.com');
    expect(alex.relationship.endedOn).toBeUndefined();
    const first = await checkRelationshipEnds(checkDeps(), tenant);
    expect(first).toEqual([expect.objectContaining({ systemId: 'halo', ended: 0 })]);
    expect(first[0]?.checked).toBeGreaterThan(0);
    expect((await subjectByEmail('alex.morgan@example.com')).relationship.endedOn).toBeUndefined();

    await setInactive('alex.morgan@example.com', true);
    const second = await checkRelationshipEnds(checkDeps(), tenant);
    expect(second[0]).toMatchObject({ systemId: 'halo', ended: 1 });
    expect(second[0]?.stoppedBy).toBeUndefined();
    const after = await subjectByEmail('alex.morgan@example.com');
    expect(after.relationship).toEqual({ ...alex.relationship, endedOn: ukDate(new Date()) });
    const [event] = await endedAudit(alex.id);
    expect(event).toMatchObject({ actor: { type: 'system' }, detail: { systemId: 'halo', ended: true } });
    expect(JSON.stringify(event?.detail)).not.toContain('alex');

    // Run again: the end stands, nothing more is written.
    expect((await checkRelationshipEnds(checkDeps(), tenant))[0]).toMatchObject({ ended: 0 });
    expect(await endedAudit(alex.id)).toHaveLength(1);
    await setInactive('alex.morgan@example.com', false);
  });

  it('says which system stopped the check, and ends nobody, when the PSA cannot be reached', async () => {
    const unreachable = {
      ...centre.deps,
      connectorFor: (t: string, s: Parameters<typeof connectorFor>[1]) =>
        connectorFor(t, s, {
          credentials: {
            get: async () => ({ ...((await standIns.credentials.get(t, s.id)) as object), baseUrl: 'http://127.0.0.1:9' }),
          },
          retries: 0,
          timeoutMs: 2_000,
        }),
    };
    const [result] = await checkRelationshipEnds(unreachable, tenant);
    expect(result).toMatchObject({ systemId: 'halo', checked: 0, ended: 0, stoppedBy: expect.stringContaining('HaloPSA') });
  });

  it('a search for a request that finds the person only as inactive ends the relationship too', async () => {
    const email = 'gareth.evans@example.co.uk';
    const subject = await subjectByEmail(email).catch(() => undefined);
    if (!subject) return expect.fail(`the demo has no ${email} in ${slug}`);
    expect(subject.relationship.endedOn).toBeUndefined();
    await setInactive(email, true);
    const http = await signedIn(centre, slug, email);
    await withdrawOpen(http, slug, 'access');
    const res = await http.post(`/api/t/${slug}/me/requests`, {
      idempotencyKey: randomUUID(),
      request: { kind: 'access', scope: 'everything' },
    });
    expect(res.status).toBe(201);
    // The search starts when a handler starts the request.
    const staff = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
    const { id } = await res.json();
    const path = `/api/t/${slug}/admin/subjects/${subject.id}/requests/${id}`;
    const { request } = await (await staff.get(path)).json();
    const started = await staff.post(`${path}/actions`, { expectedVersion: request.version, action: { type: 'start' } });
    expect(started.status).toBe(200);
    await centre.settleSystems();
    expect((await subjectByEmail(email)).relationship.endedOn).toBe(ukDate(new Date()));
    expect(await endedAudit(subject.id)).toHaveLength(1);
  });

  it('is refused in a declaration whose kind cannot say so, naming the field', () => {
    const result = Systems.safeParse([
      {
        id: 'mailchimp',
        name: 'Mailchimp',
        kind: 'mailchimp',
        endsRelationship: true,
        operatedBy: { by: 'msp' },
        may: ['find', 'read'],
        objects: [{ object: 'member', category: 'marketing-preferences' }],
      },
    ]);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: [0, 'endsRelationship'], message: expect.stringContaining('only: autotask, halopsa') }),
    ]);
  });
});
