import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandler } from '../../functions/jobs/handler.ts';
import type { RequestDetail } from '../../shared/admin-api.ts';
import type { RightsRequest } from '../../shared/entities.ts';
import { openSlotKey } from '../../shared/requests/duplicates.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { waitForEmail } from '../support/mail.ts';
import { signedIn } from '../support/sign-in.ts';
import { signedInStaff } from '../support/staff.ts';

/**
 * Duplicates, repeats and fees through the real API, DynamoDB Local and the SES stand-in. IT-MK
 * is given fees here (its own policy sets none): £10 for a further copy, £25 for a manifestly
 * unfounded or excessive request, 30 days to pay.
 */
const slug = 'it-mk';
const clock = testClock(new Date('2026-03-02T10:00:00Z')); // Monday 2 March 2026
const tenantsDir = mkdtempSync(join(tmpdir(), 'pc-tenants-'));
let centre: TestCentre;

beforeAll(async () => {
  cpSync('tenants', tenantsDir, { recursive: true });
  const file = join(tenantsDir, slug, 'policy.json');
  const policy = JSON.parse(readFileSync(file, 'utf8'));
  policy.fees = {
    furtherCopyPence: 1000,
    unfoundedOrExcessivePence: 2500,
    basis: 'Staff time to find, copy and send the data again.',
    howToPay: 'By bank transfer to IT-MK Limited, sort code 12-34-56, account 12345678, with your reference.',
    payWithinDays: 30,
  };
  writeFileSync(file, JSON.stringify(policy));
  centre = await startTestCentre({ clock, tenantsDir });
});
afterAll(async () => {
  await centre.stop();
  rmSync(tenantsDir, { recursive: true, force: true });
});

const file = (subject: Awaited<ReturnType<typeof signedIn>>, request: Record<string, unknown>) =>
  subject.post(`/api/t/${slug}/me/requests`, { idempotencyKey: randomUUID(), request });
const staff = () => signedInStaff(centre, slug, 'sam.taylor@staff.example');
const subjectIdOf = async (email: string) => (await centre.deps.subjects.findIdByEmail(slug, email)) as string;

describe('the same request filed twice', () => {
  it('in a row: the second gives back the first reference and due date, and nothing is filed', async () => {
    const rachel = await signedIn(centre, slug, 'rachel.hughes@example.co.uk');
    const first = await file(rachel, { kind: 'access', scope: 'everything' });
    expect(first.status).toBe(201);
    const one = await first.json();
    const second = await file(rachel, { kind: 'access', scope: 'everything', note: 'Did you get my first one?' });
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ alreadyOpen: true, reference: one.reference, dueOn: one.dueOn, id: one.id });
    const mine = await (await rachel.get(`/api/t/${slug}/me/requests`)).json();
    expect(mine.requests.filter((r: { kind: string; open: boolean }) => r.kind === 'access' && r.open)).toHaveLength(1);

    // They add to it instead: the note is on the one request.
    const added = await rachel.post(`/api/t/${slug}/me/requests/${one.id}/add`, { message: 'Please include call recordings.' });
    expect(added.status).toBe(200);
    expect((await added.json()).history.at(-1)).toMatchObject({ type: 'added', message: 'Please include call recordings.' });
  });

  it('twice at once (two parallel calls): one request, both answers give its reference', async () => {
    const david = await signedIn(centre, slug, 'david.wilson@example.co.uk');
    const body = { kind: 'portability', scope: 'everything' };
    const [a, b] = await Promise.all([file(david, body), file(david, body)]);
    const [ja, jb] = [await a.json(), await b.json()];
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(ja.reference).toBe(jb.reference);
    const stored = (await centre.deps.requests.listForSubject(slug, await subjectIdOf('david.wilson@example.co.uk'))).filter(
      (r) => r.kind === 'portability',
    );
    expect(stored).toHaveLength(1);

    // The store's guard itself, past the look-up: a create for the same open slot makes nothing.
    const [holder] = stored as [RightsRequest];
    const slot = { key: openSlotKey(holder.kind, holder.details), vacantIf: [] };
    const again = await centre.deps.requests.create(
      { ...holder, id: 'another-id', reference: 'X' },
      { audit: [] },
      undefined,
      slot,
    );
    expect(again.id).toBe(holder.id);
    expect(await centre.deps.requests.get(slug, holder.subjectId, 'another-id')).toBeUndefined();
    // Once the holder has closed, the slot is free for a new request.
    const free = { ...slot, vacantIf: [holder.id] };
    const fresh = await centre.deps.requests.create(
      { ...holder, id: 'fresh-id', reference: 'Y' },
      { audit: [] },
      undefined,
      free,
    );
    expect(fresh.id).toBe('fresh-id');
  });
});

describe('staff merge two logged duplicates', () => {
  it('the one received first stands with its deadline; the other closes pointing to it; audited', async () => {
    const handler = await staff();
    const subjectId = await subjectIdOf('george.lane@example.co.uk');
    const log = async (receivedOn: string, via: string) => {
      const res = await handler.post(`/api/t/${slug}/admin/requests`, {
        idempotencyKey: randomUUID(),
        subjectId,
        via,
        receivedOn,
        note: `Asked by ${via}.`,
        request: { kind: 'erasure', scope: 'everything' },
      });
      expect(res.status).toBe(201);
      return (await res.json()) as RequestDetail;
    };
    const byLetter = await log('2026-02-20', 'letter');
    const byPhone = await log('2026-02-27', 'phone');
    expect(byLetter.request.dueOn).toBe('2026-03-20');
    expect(byPhone.request.dueOn).toBe('2026-03-27');
    expect(byPhone.related.duplicates.map((d) => d.reference)).toEqual([byLetter.request.reference]);

    const path = `/api/t/${slug}/admin/subjects/${subjectId}/requests`;
    const merged = await handler.post(`${path}/${byPhone.request.id}/actions`, {
      expectedVersion: byPhone.request.version,
      action: { type: 'merge-duplicate', duplicateId: byLetter.request.id },
    });
    expect(merged.status).toBe(200);
    const survivor = (await merged.json()) as RequestDetail;
    expect(survivor.request).toMatchObject({ id: byLetter.request.id, dueOn: '2026-03-20' });
    expect(survivor.related.merged.map((m) => m.reference)).toEqual([byPhone.request.reference]);
    expect(survivor.request.history.map((h) => h.message ?? '').join('\n')).toContain('Asked by phone.');
    const closed = (await (await handler.get(`${path}/${byPhone.request.id}`)).json()) as RequestDetail;
    expect(closed.request.status).toBe('merged');
    expect(closed.related.mergedInto?.reference).toBe(byLetter.request.reference);
    expect(closed.actions).not.toContain('merge-duplicate');
    await centre.settle();
    const audit = (await centre.scanAll()).filter((i) => i.type === 'audit' && i.action === 'request.merged');
    expect(audit).toHaveLength(1);
    await waitForEmail(centre.sesEndpoint, 'george.lane@example.co.uk', 'so we joined them');
  });
});

describe('a fee (Art. 15(3), 12(5)) and the clock (Art. 12A)', () => {
  it('asked on 2 March and paid ten days later: due a month from payment; reports count it', async () => {
    const james = await signedIn(centre, slug, 'james.patel@example.com');
    const filed = await (await file(james, { kind: 'access', scope: 'some', categories: ['identity'] })).json();
    let handler = await staff();
    const subjectId = await subjectIdOf('james.patel@example.com');
    const path = `/api/t/${slug}/admin/subjects/${subjectId}/requests/${filed.id}`;
    const detail = async (): Promise<RequestDetail> => (await handler.get(path)).json();
    const act = async (action: Record<string, unknown>) =>
      handler.post(`${path}/actions`, { expectedVersion: (await detail()).request.version, action });
    expect((await detail()).request.dueOn).toBe('2026-04-02');
    expect((await detail()).actions).toContain('ask-fee');

    const asked = await act({ type: 'ask-fee', grounds: 'further-copy', reason: 'You had a full copy on 1 February.' });
    expect(asked.status).toBe(200);
    expect((await asked.json()).request).toMatchObject({ status: 'awaiting-fee', paused: true });
    await centre.settle();
    const mail = await waitForEmail(centre.sesEndpoint, 'james.patel@example.com', 'we ask a fee of £10.00');
    expect(mail.body.text).toMatch(/£10\.00/);
    expect(mail.body.text).toMatch(/Article 12A/);
    expect(mail.body.text).toMatch(/Information Commissioner/);

    clock.advance(10 * 86400); // Thursday 12 March
    handler = await staff();
    const paid = await act({ type: 'fee-paid', paidOn: '2026-03-12', via: 'bank-transfer' });
    expect(paid.status).toBe(200);
    expect((await paid.json()).request).toMatchObject({ status: 'received', dueOn: '2026-04-13' }); // 12 April is a Sunday

    const report = await (await handler.get(`/api/t/${slug}/admin/reports?from=2026-01-01&to=2026-12-31`)).json();
    expect(report.repeats).toMatchObject({ duplicatesMerged: 1, feesAsked: 1, feesPaid: 1 });
  });

  it('not paid within the 30 days: the fee sweep closes it with a letter', async () => {
    // Rachel's access request from the first test, still open.
    clock.advance(60); // a fresh authenticator code for the next sign-in
    const handler = await staff();
    const subjectId = await subjectIdOf('rachel.hughes@example.co.uk');
    const mine = await centre.deps.requests.listForSubject(slug, subjectId);
    const open = mine.find((r) => r.kind === 'access' && r.status === 'received');
    expect(open).toBeDefined();
    const path = `/api/t/${slug}/admin/subjects/${subjectId}/requests/${open?.id}`;
    const version = ((await (await handler.get(path)).json()) as RequestDetail).request.version;
    const asked = await handler.post(`${path}/actions`, {
      expectedVersion: version,
      action: { type: 'ask-fee', grounds: 'manifestly-excessive', reason: 'Your fourth identical request this month.' },
    });
    expect(asked.status).toBe(200);
    const run = jobHandler(centre.deps, () => {});
    expect(await run({ job: 'fee-sweep' })).toContainEqual({ tenant: slug, closed: 0 });
    clock.advance(31 * 86400);
    expect(await run({ job: 'fee-sweep' })).toContainEqual({ tenant: slug, closed: 1 });
    expect((await centre.deps.requests.get(slug, subjectId, open?.id as string))?.status).toBe('fee-unpaid');
    await centre.settle();
    await waitForEmail(centre.sesEndpoint, 'rachel.hughes@example.co.uk', 'so we have closed this request');
  });
});
