import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Access, type RouteSpec, registryOf } from '../../functions/http/routes.ts';
import { localMailerSecrets } from '../../functions/local/mailer-secrets.ts';
import { SIGNATURE_HEADER, sign, TIMESTAMP_HEADER } from '../../shared/marketing/mailer-signature.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import type { httpClient } from '../support/http.ts';
import { signedIn } from '../support/sign-in.ts';
import { adminClient, requestStaffToken, type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * Every registered route, walked: the guard it declares (`access`) is the one applied. Anyone
 * gets past a public route; a subject route needs a subject session; a second-factor route needs
 * a staff session at either stage; a staff route needs a full staff session whose role has its
 * permission (a viewer is refused with a 403 that is audited). A route with a body needs a sample
 * body below, so that a permission refusal is not hidden behind a 400.
 */
const slug = 'it-mk';
let centre: TestCentre;
let subject: ReturnType<typeof httpClient>;
const staff: Record<'pending' | 'viewer' | 'handler' | 'admin', StaffClient> = {} as never;

beforeAll(async () => {
  centre = await startTestCentre();
  subject = await signedIn(centre, slug, 'alex.morgan@example.com');
  const pending = adminClient(centre);
  const token = await requestStaffToken(centre, slug, 'sam.taylor@staff.example', pending);
  expect((await pending.post(`/api/t/${slug}/admin/auth/verify`, { token })).status).toBe(200);
  staff.pending = pending;
  staff.viewer = await signedInStaff(centre, slug, 'support@it-mk.example');
  staff.handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
  staff.admin = await signedInStaff(centre, slug, 'info@it-mk.example');
}, 60_000);
afterAll(() => centre.stop());

/** Valid bodies for the staff routes a viewer may not take, keyed by method and path. */
const samples: Record<string, unknown> = {
  'post /t/:tenant/admin/requests': {
    idempotencyKey: randomUUID(),
    subjectId: 'nobody',
    via: 'phone',
    receivedOn: '2026-11-20',
    request: { kind: 'access', scope: 'everything' },
  },
  'post /t/:tenant/admin/subjects/:subjectId/requests/:requestId/actions': {
    expectedVersion: 1,
    action: { type: 'note', text: 'x' },
  },
  'post /t/:tenant/admin/complaints': {
    subjectId: 'nobody',
    via: 'phone',
    receivedOn: '2026-11-20',
    about: 'data-use',
    what: 'x',
  },
  'post /t/:tenant/admin/subjects/:subjectId/complaints/:complaintId/actions': {
    expectedVersion: 1,
    action: { type: 'note', text: 'x' },
  },
  'put /t/:tenant/admin/staff/:email': { name: 'New Person', role: 'handler' },
  'patch /t/:tenant/admin/subjects/:subjectId/records/:recordId': { version: 0, changes: { town: 'Olney' } },
  'post /t/:tenant/admin/subjects/:subjectId/records/:recordId/hold': { reason: 'A claim' },
  'delete /t/:tenant/admin/subjects/:subjectId/records/:recordId/hold': { reason: 'Settled' },
  'put /t/:tenant/admin/subjects/:subjectId/relationship': { startedOn: '2020-01-01', endedOn: null, reason: 'Per contract' },
  'post /t/:tenant/admin/subjects/:subjectId/marketing': { channel: 'email', topic: 'x', granted: false, receivedVia: 'phone' },
  'post /t/:tenant/mailer/may-we-send': { address: 'a@example.com', channel: 'email', topic: 'security-bulletins' },
  'post /t/:tenant/mailer/opt-outs': { content: 'address,channel,topic,date,source\n' },
  'post /t/:tenant/admin/imports': { format: 'csv', category: 'identity', system: 'crm', dryRun: true, content: 'email\n' },
};

const concrete = (path: string) =>
  `/api${path
    .replace(':tenant', slug)
    .replace(/:email/, 'new.person%40it-mk.example')
    .replace(/:[A-Za-z]+/g, 'none')}`;
const key = (spec: RouteSpec) => `${spec.method} ${spec.path}`;

function specsOf(app: Hono<any, any, any>): RouteSpec[] {
  const registry = registryOf(app);
  if (!registry) throw new Error('no route registry for this app');
  return registry.specs;
}

/** Calls a route of an app as the page would, with the cookies `who` holds (none for a stranger). */
async function call(app: Hono<any, any, any>, who: { jar: Map<string, string> } | undefined, spec: RouteSpec) {
  const body = spec.body ? (samples[key(spec)] ?? {}) : undefined;
  const cookie = who ? [...who.jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  return app.request(concrete(spec.path), {
    method: spec.method.toUpperCase(),
    headers: {
      Origin: centre.base,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Calls a mailer route as the tenant's mail tools would: signed with the tenant's mailer secret. */
async function signedCall(app: Hono<any, any, any>, spec: RouteSpec) {
  const body = spec.body ? JSON.stringify(samples[key(spec)] ?? {}) : '';
  const path = concrete(spec.path);
  const ts = String(Math.floor(Date.now() / 1000));
  const secret = localMailerSecrets([slug])[slug] as string;
  return app.request(path, {
    method: spec.method.toUpperCase(),
    headers: {
      [TIMESTAMP_HEADER]: ts,
      [SIGNATURE_HEADER]: sign(secret, ts, spec.method, path, body),
      ...(spec.body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: spec.body ? body : undefined,
  });
}

const refusalCount = async () =>
  (await centre.scanAll()).filter((i) => i.type === 'audit' && i.action === 'staff.permission_refused').length;

describe('who may call each route', () => {
  it('the subject API: public routes let anyone in, subject routes need a subject session', async () => {
    const app = centre.app;
    const specs = specsOf(app);
    expect(specs.length).toBeGreaterThan(15);
    for (const spec of specs) {
      expect(['public', 'subject', 'mailer'], key(spec)).toContain(spec.access.who);
      const anonymous = await call(app, undefined, spec);
      if (spec.access.who === 'public') expect(anonymous.status, key(spec)).not.toBe(401);
      else if (spec.access.who === 'mailer') {
        // The tenant's mail tools: only a call signed with the tenant's mailer secret gets in.
        expect(anonymous.status, key(spec)).toBe(401);
        expect((await call(app, subject, spec)).status, key(spec)).toBe(401);
        expect((await call(app, staff.admin, spec)).status, key(spec)).toBe(401);
        expect((await signedCall(app, spec)).status, key(spec)).not.toBe(401);
      } else {
        expect(anonymous.status, key(spec)).toBe(401);
        expect((await call(app, subject, spec)).status, key(spec)).not.toBe(401);
        // A staff session is no subject session.
        expect((await call(app, staff.admin, spec)).status, key(spec)).toBe(401);
      }
    }
  });

  it('the staff API: each route applies the guard it declares, and a refused permission is audited', async () => {
    const app = centre.admin;
    const specs = specsOf(app);
    expect(specs.length).toBeGreaterThan(20);
    const kinds = new Set<Access['who']>();
    for (const spec of specs) {
      const { access } = spec;
      kinds.add(access.who);
      expect(['public', 'staff-second-factor', 'staff'], key(spec)).toContain(access.who);
      const anonymous = await call(app, undefined, spec);
      if (access.who === 'public') {
        expect(anonymous.status, key(spec)).not.toBe(401);
        continue;
      }
      expect(anonymous.status, key(spec)).toBe(401);
      // A subject session is no staff session.
      expect((await call(app, subject, spec)).status, key(spec)).toBe(401);
      const pending = await call(app, staff.pending, spec);
      if (access.who === 'staff-second-factor') {
        expect(pending.status, key(spec)).not.toBe(401);
        continue;
      }
      expect(pending.status, key(spec)).toBe(401);
      expect((await pending.json()).details?.next, key(spec)).toBeDefined();
      if (access.who !== 'staff') throw new Error('unreachable');
      if (spec.body && access.permission !== 'read') expect(samples[key(spec)], `a sample body for ${key(spec)}`).toBeDefined();
      const before = await refusalCount();
      const viewer = await call(app, staff.viewer, spec);
      if (access.permission === 'read') {
        expect([401, 403], key(spec)).not.toContain(viewer.status);
        continue;
      }
      expect(viewer.status, key(spec)).toBe(403);
      expect(await refusalCount(), key(spec)).toBe(before + 1);
      if (access.permission === 'manage-staff' || access.permission === 'read-audit') {
        expect((await call(app, staff.handler, spec)).status, key(spec)).toBe(403);
        expect([401, 403], key(spec)).not.toContain((await call(app, staff.admin, spec)).status);
      } else {
        expect([401, 403], key(spec)).not.toContain((await call(app, staff.handler, spec)).status);
      }
    }
    expect([...kinds].sort()).toEqual(['public', 'staff', 'staff-second-factor']);
  });
});
