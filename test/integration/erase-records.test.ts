import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../shared/admin-api.ts';
import { HOLD_PERSON_WORDING } from '../../shared/data-tools/hold-wording.ts';
import { formatUkDate } from '../../shared/dates.ts';
import type { DataRecord } from '../../shared/entities.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * Northgate IT's policy: "You can ask us to delete a specific call sooner, unless we need it, for
 * example, to defend a legal claim." Alex Morgan has three call recordings there: an erasure of
 * one is one recording, not the category, with the same hold and retention checks and letter,
 * whether Alex asks on the page or staff log it from a phone call.
 */
const slug = 'northgate-it';
const email = 'alex.morgan@example.com';
const admin = (path: string) => `/api/t/${slug}/admin${path}`;
let centre: TestCentre;
let handler: StaffClient;
let person: Awaited<ReturnType<typeof signedIn>>;
let subjectId: string;
let calls: DataRecord[];

beforeAll(async () => {
  centre = await startTestCentre();
  handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
  person = await signedIn(centre, slug, email);
  subjectId = (await centre.deps.subjects.findIdByEmail(slug, email))!;
  calls = (await centre.deps.subjects.listRecords(slug, subjectId)).filter((r) => r.category === 'call-recordings');
  expect(calls).toHaveLength(3);
}, 60_000);
afterAll(() => centre.stop());

const callsLeft = async () =>
  (await centre.deps.subjects.listRecords(slug, subjectId)).filter((r) => r.category === 'call-recordings').map((r) => r.id);
const file = (request: Record<string, unknown>) =>
  person.post(`/api/t/${slug}/me/requests`, { idempotencyKey: randomUUID(), request });
const path = (id: string) => admin(`/subjects/${subjectId}/requests/${id}`);
async function act(id: string, action: Record<string, unknown>, status = 200) {
  const detail: RequestDetail = await (await handler.get(path(id))).json();
  const res = await handler.post(`${path(id)}/actions`, { expectedVersion: detail.request.version, action });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}
const nameOf = (r: DataRecord) => `Phone call recordings of ${formatUkDate(r.recordedOn)}`;

describe('erasing single records', () => {
  let first: string;
  let second: string;

  it('files an erasure of one recording, named by its kind and day, and another recording is another request', async () => {
    const res = await file({ kind: 'erasure', scope: 'some', recordIds: [calls[0]!.id], note: 'The call of that day only' });
    expect(res.status).toBe(201);
    const view = await res.json();
    expect(view.details).toMatchObject({
      scope: 'some',
      categories: ['call-recordings'],
      recordIds: [calls[0]!.id],
      recordNames: [nameOf(calls[0]!)],
    });
    first = view.id;
    // The same recording again is the open request handed back; another recording is not a duplicate.
    const again = await (await file({ kind: 'erasure', scope: 'some', recordIds: [calls[0]!.id] })).json();
    expect(again).toMatchObject({ id: first, alreadyOpen: true });
    const other = await file({ kind: 'erasure', scope: 'some', recordIds: [calls[1]!.id] });
    expect(other.status).toBe(201);
    second = (await other.json()).id;
    expect(second).not.toBe(first);
  });

  it('refuses a record that is not the person’s, and single records with "everything"', async () => {
    expect((await file({ kind: 'erasure', scope: 'some', recordIds: ['not-a-record'] })).status).toBe(404);
    expect((await file({ kind: 'erasure', scope: 'everything', recordIds: [calls[2]!.id] })).status).toBe(400);
  });

  it('searches no connected system for a single record of the centre’s, and refuses to erase in them', async () => {
    expect(await centre.deps.systemRuns.get(slug, subjectId, first)).toBeUndefined();
    const refused = await act(first, { type: 'erase-in-systems' }, 409);
    expect(refused.message).toBeDefined();
  });

  it('erases that recording alone, and the letter says which', async () => {
    const done: RequestDetail = await act(first, { type: 'carry-out-erasure' });
    expect(done.request.status).toBe('completed');
    expect(done.subject.erased).toBe(false);
    expect(await callsLeft()).toEqual([calls[1]!.id, calls[2]!.id].sort());
    const letter = done.request.history.at(-1)?.message ?? '';
    expect(letter).toContain(`You asked us to erase these records: ${nameOf(calls[0]!)}.`);
    expect(letter).toContain('We have erased: Phone call recordings (1 record).');
    expect(letter).not.toContain('do-not-contact');
    // Alex still signs in; the rest of what is held is there.
    expect((await person.get(`/api/t/${slug}/me`)).status).toBe(200);
  });

  it('keeps a recording under a legal hold, telling the person only the safe wording', async () => {
    const held = calls[1]!;
    const placed = await handler.post(admin(`/subjects/${subjectId}/records/${held.id}/hold`), {
      reason: 'Needed to defend a claim about the call',
    });
    expect(placed.status, await placed.clone().text()).toBe(200);
    const done: RequestDetail = await act(second, { type: 'carry-out-erasure' });
    const letter = done.request.history.at(-1)?.message ?? '';
    expect(letter).toContain('There was nothing we could erase in what you asked.');
    expect(letter).toContain(`We have kept Phone call recordings (1 record) because: ${HOLD_PERSON_WORDING}`);
    expect(letter).not.toContain('claim about the call');
    expect(await callsLeft()).toContain(held.id);
  });

  it('staff log an erasure of one recording asked for by phone, and carry it out the same way', async () => {
    const res = await handler.post(admin('/requests'), {
      idempotencyKey: randomUUID(),
      subjectId,
      via: 'phone',
      receivedOn: new Date().toISOString().slice(0, 10),
      request: { kind: 'erasure', scope: 'some', recordIds: [calls[2]!.id] },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const logged: RequestDetail = await res.json();
    const done: RequestDetail = await act(logged.request.id, { type: 'carry-out-erasure' });
    expect(done.request.history.at(-1)?.message).toContain('We have erased: Phone call recordings (1 record).');
    expect(await callsLeft()).toEqual([calls[1]!.id]);
    const audit = (await centre.scanAll()).filter(
      (i) => i.type === 'audit' && i.action === 'erasure.completed' && i.subjectId === subjectId,
    );
    expect(audit.map((a) => (a.detail as { whole: boolean; erased: number }).erased)).toEqual([1, 0, 1]);
  });
});
