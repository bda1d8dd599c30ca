import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * Every permission boundary: role × action, tenant × tenant. (Subject vs staff sessions are in
 * admin-auth.test.ts.) IT-MK has an admin, a viewer and a handler in its policy.
 */
const slug = 'it-mk';
const admin = (path: string) => `/api/t/${slug}/admin${path}`;
let centre: TestCentre;
const as: Record<'viewer' | 'handler' | 'admin', StaffClient> = {} as never;
let request: { subjectId: string; id: string; version: number };

beforeAll(async () => {
  centre = await startTestCentre();
  const subject = await signedIn(centre, slug, 'james.patel@example.com');
  const res = await subject.post(`/api/t/${slug}/me/requests`, {
    idempotencyKey: randomUUID(),
    request: { kind: 'access', scope: 'everything' },
  });
  const view = await res.json();
  const me = await (await subject.get(`/api/t/${slug}/me`)).json();
  request = { subjectId: me.subject.id, id: view.id, version: 1 };
  as.viewer = await signedInStaff(centre, slug, 'support@it-mk.example');
  as.handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
  as.admin = await signedInStaff(centre, slug, 'info@it-mk.example');
});
afterAll(() => centre.stop());

const detailPath = () => admin(`/subjects/${request.subjectId}/requests/${request.id}`);
const act = (who: StaffClient, action: Record<string, unknown>) =>
  who.post(`${detailPath()}/actions`, { expectedVersion: request.version, action });
const refusals = async () =>
  (await centre.scanAll()).filter((i) => i.type === 'audit' && i.action === 'staff.permission_refused').length;

describe('what each role may do', () => {
  const reads = [
    ['the queue', () => admin('/requests')],
    ['a request with the subject data', () => detailPath()],
    ['an evidence pack', () => `${detailPath()}/evidence`],
    ['the report', () => admin('/reports?from=2026-01-01&to=2026-12-31')],
    ['the report as CSV', () => admin('/reports.csv?from=2026-01-01&to=2026-12-31')],
    ['the staff list', () => admin('/staff')],
    ['the audit check', () => admin('/audit/verify')],
  ] as const;

  it.each(reads)('every role reads %s', async (_what, path) => {
    for (const who of Object.values(as)) expect((await who.get(path())).status).toBe(200);
  });

  it.each([
    ['assign', { type: 'assign', assignee: 'sam.taylor@staff.example' }],
    ['verify identity', { type: 'verify-identity', method: 'email-link', note: 'Signed in with the address we hold' }],
    ['start', { type: 'start' }],
    ['ask for information', { type: 'ask-information', message: 'Which years?' }],
    ['extend', { type: 'extend', months: 1, reason: 'Many systems to search' }],
    ['refuse', { type: 'refuse', grounds: 'manifestly-excessive', reason: 'Tenth request this month' }],
    ['complete', { type: 'complete', message: 'Here it is' }],
    ['note', { type: 'note', text: 'Called them' }],
  ])('a viewer cannot %s: 403 with a reason, audited, nothing changed', async (_what, action) => {
    const before = await refusals();
    const res = await act(as.viewer, action);
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/Your role is viewer/);
    expect(await refusals()).toBe(before + 1);
    const detail = await (await as.handler.get(detailPath())).json();
    expect(detail.request.version).toBe(request.version);
  });

  it('a viewer cannot log a request, and is offered no actions', async () => {
    const res = await as.viewer.post(admin('/requests'), {
      idempotencyKey: randomUUID(),
      subjectId: request.subjectId,
      via: 'phone',
      receivedOn: '2026-11-20',
      request: { kind: 'access', scope: 'everything' },
    });
    expect(res.status).toBe(403);
    expect((await (await as.viewer.get(detailPath())).json()).actions).toEqual([]);
    expect((await (await as.viewer.get(admin('/me'))).json()).can).toEqual({ act: false, manageStaff: false, readAudit: false });
  });

  it('a handler works requests but cannot manage staff', async () => {
    const res = await act(as.handler, { type: 'ask-information', message: 'Which years?' });
    expect(res.status).toBe(200);
    const asked = await res.json();
    request.version = asked.request.version;
    // Waiting for the answer, the handler is told why extending and asking again are not offered;
    // a viewer, who may take neither, is told nothing about them.
    expect(asked.notOffered.map((n: { action: string }) => n.action)).toEqual([
      'Ask the requester for information',
      'Extend the deadline',
    ]);
    expect((await (await as.viewer.get(detailPath())).json()).notOffered).toEqual([]);
    const before = await refusals();
    const put = await as.handler.put(admin('/staff/new.person%40it-mk.example'), { name: 'New Person', role: 'handler' });
    expect(put.status).toBe(403);
    expect((await put.json()).message).toMatch(/Only an admin/);
    expect((await as.handler.delete(admin('/staff/support%40it-mk.example'))).status).toBe(403);
    expect(await refusals()).toBe(before + 2);
  });

  it('an admin manages staff, but never leaves the centre without an admin', async () => {
    const added = await as.admin.put(admin('/staff/new.person%40it-mk.example'), { name: 'New Person', role: 'handler' });
    expect(added.status).toBe(200);
    expect((await added.json()).staff).toContainEqual(
      expect.objectContaining({ email: 'new.person@it-mk.example', role: 'handler', enrolled: false }),
    );
    const demote = await as.admin.put(admin('/staff/info%40it-mk.example'), { name: 'Natalie Price', role: 'handler' });
    expect(demote.status).toBe(409);
    const removeSelf = await as.admin.delete(admin('/staff/info%40it-mk.example'));
    expect(removeSelf.status).toBe(409);
    const bad = await as.admin.put(admin('/staff/new.person%40it-mk.example'), { name: '', role: 'owner' });
    expect(bad.status).toBe(400);
    const audit = (await centre.scanAll()).filter((i) => i.type === 'audit' && String(i.action).startsWith('staff.added'));
    expect(audit).toContainEqual(expect.objectContaining({ actor: { type: 'staff', id: 'info@it-mk.example' } }));
  });
});

describe('tenants never cross', () => {
  it("staff of one centre cannot see another centre's request, even with its ids", async () => {
    const other = await signedIn(centre, 'inflection-point', 'alex.morgan@example.com').catch(() => undefined);
    if (!other) return expect.fail('demo subject of inflection-point missing');
    const res = await other.post('/api/t/inflection-point/me/requests', {
      idempotencyKey: randomUUID(),
      request: { kind: 'access', scope: 'everything' },
    });
    const foreign = await res.json();
    const foreignSubject = (await (await other.get('/api/t/inflection-point/me')).json()).subject.id;
    // Through IT-MK's admin API with the other centre's ids: not found, not shown.
    const read = await as.handler.get(admin(`/subjects/${foreignSubject}/requests/${foreign.id}`));
    expect(read.status).toBe(404);
    const write = await as.handler.post(admin(`/subjects/${foreignSubject}/requests/${foreign.id}/actions`), {
      expectedVersion: 1,
      action: { type: 'start' },
    });
    expect(write.status).toBe(404);
    const queue = await (await as.handler.get(admin('/requests?status=all'))).json();
    expect(queue.requests.map((r: { id: string }) => r.id)).not.toContain(foreign.id);
    // And IT-MK's staff cookie means nothing to Inflection Point's admin API.
    expect((await as.handler.get(`/api/t/inflection-point/admin/subjects/${foreignSubject}/requests/${foreign.id}`)).status).toBe(
      401,
    );
  });
});
