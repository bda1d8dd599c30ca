import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/admin-api.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * The staff "Log a request" form names single records of several kinds in one erasure (issue 15),
 * through the same checks as the person's own form: the records must be the person's own, so a
 * record of someone else in the same centre is refused and nothing is filed.
 */
const slug = 'northgate-it';
const admin = (path: string) => `/api/t/${slug}/admin${path}`;
let centre: TestCentre;
let handler: StaffClient;

beforeAll(async () => {
  centre = await startTestCentre();
  handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
}, 60_000);
afterAll(() => centre.stop());

const idOf = async (email: string) => (await centre.deps.subjects.findIdByEmail(slug, email)) as string;
const log = (subjectId: string, recordIds: string[]) =>
  handler.post(admin('/requests'), {
    idempotencyKey: randomUUID(),
    subjectId,
    via: 'letter',
    receivedOn: new Date().toISOString().slice(0, 10),
    request: { kind: 'erasure', scope: 'some', recordIds },
  });

describe('staff logging an erasure of some records', () => {
  it('files one request naming a call recording and a payment, and their categories', async () => {
    const alex = await idOf('alex.morgan@example.com');
    const records = await centre.deps.subjects.listRecords(slug, alex);
    const call = records.find((r) => r.category === 'call-recordings');
    const payment = records.find((r) => r.category === 'payments');
    const res = await log(alex, [call?.id ?? '', payment?.id ?? '']);
    expect(res.status, await res.clone().text()).toBe(201);
    const detail: RequestDetail = await res.json();
    const stored = await centre.deps.requests.get(slug, alex, detail.request.id);
    expect(stored?.details).toMatchObject({
      scope: 'some',
      recordIds: [call?.id, payment?.id],
      categories: ['call-recordings', 'payments'],
    });
  });

  it('refuses a record of another person in the same centre, and files nothing', async () => {
    const alex = await idOf('alex.morgan@example.com');
    const fiona = await idOf('fiona.mcleod@example.co.uk');
    const theirs = (await centre.deps.subjects.listRecords(slug, fiona))[0];
    expect(theirs).toBeDefined();
    const before = (await centre.deps.requests.listForSubject(slug, alex)).length;
    const res = await log(alex, [theirs?.id ?? '']);
    expect(res.status).toBe(404);
    expect(await centre.deps.requests.listForSubject(slug, alex)).toHaveLength(before);
  });
});
