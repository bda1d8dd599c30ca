import { describe, expect, it } from 'vitest';
import { applyRectification } from '../../shared/admin/actions/outcomes.ts';
import type { StaffContext } from '../../shared/admin/context.ts';
import type { RequestDetail } from '../../shared/admin-api.ts';
import { ukDate } from '../../shared/deadlines.ts';
import { findStaff } from '../../shared/staff/directory.ts';
import { waitForEmail } from '../support/mail.ts';
import { useStaffCentre } from '../support/staff-centre.ts';

/**
 * Outcomes beyond done and refused (issue 18): a rectification applied from its request (the
 * record and the request in one transaction), an objection not upheld, the data found accurate;
 * each with its words to the person and its line in the reports.
 */
const slug = 'it-mk';
const { s, admin, logRequest, act } = useStaffCentre(slug);
const log = (email: string, request: Record<string, unknown>) => logRequest({ email, request });
const reportToday = async () => {
  const today = ukDate(new Date());
  return {
    json: await (await s.handler.get(admin(`/reports?from=${today}&to=${today}`))).json(),
    csv: await (await s.handler.get(admin(`/reports.csv?from=${today}&to=${today}`))).text(),
  };
};

/** A rectification of Rachel's phone number, logged by staff, naming her identity record. */
async function phoneRectification(value: string) {
  const email = 'rachel.hughes@example.co.uk';
  const subjectId = (await s.centre.deps.subjects.findIdByEmail(slug, email)) as string;
  const record = (await s.centre.deps.subjects.listRecords(slug, subjectId)).find((r) => r.category === 'identity');
  expect(record?.data.phone).toBeTruthy();
  const logged = await log(email, { kind: 'rectification', recordId: record?.id, field: 'phone', value });
  return { logged, subjectId, record: record as NonNullable<typeof record> };
}
const phoneNow = async (subjectId: string, recordId: string) =>
  (await s.centre.deps.subjects.listRecords(slug, subjectId)).find((r) => r.id === recordId)?.data.phone;

describe('a rectification applied from the request', () => {
  it('corrects the record and completes the request, telling the person what it now reads', async () => {
    const { logged, subjectId, record } = await phoneRectification('01632 960111');
    // Not by a plain completion, which would say it was done while the record still says what it did.
    expect(logged.actions).not.toContain('complete');
    const refused = await act(logged, { type: 'complete', message: 'We have updated your phone number.' }, 409);
    expect(refused.message).toMatch(/^This request names a record: use “Apply the correction”/);
    expect(await phoneNow(subjectId, record.id)).toBe(record.data.phone);
    const done: RequestDetail = await act(logged, { type: 'apply-rectification' });
    expect(done.request).toMatchObject({ status: 'completed', outcome: 'done' });
    expect(await phoneNow(subjectId, record.id)).toBe('01632 960111');
    const answer = await waitForEmail(s.centre.sesEndpoint, 'rachel.hughes@example.co.uk', 'it now reads');
    expect(answer.body.text).toContain('it now reads “01632 960111”');
    // The correction is audited (old → new kept apart), beside the request's completion.
    const events = await s.centre.deps.trail.listForSubject(slug, subjectId);
    const corrected = events.filter((e) => e.action === 'staff.record_corrected' && e.detail?.recordId === record.id);
    expect(corrected.at(-1)?.personal).toEqual({ old: String(record.data.phone), new: '01632 960111' });
    const completed = events.filter((e) => e.action === 'request.completed' && e.detail?.requestId === logged.request.id);
    expect(completed).toHaveLength(1);
    // Written in the same transaction: the same instant.
    expect(completed[0]?.at).toBe(corrected.at(-1)?.at);
  });

  it('changes nothing when the request changed meanwhile: the record and the request stand or fall together', async () => {
    const { logged, subjectId, record } = await phoneRectification('01632 960222');
    const before = await phoneNow(subjectId, record.id);
    const stale = await s.centre.deps.requests.get(slug, subjectId, logged.request.id);
    // Someone else takes a step on the request between loading it and saving the correction.
    await act(logged, { type: 'note', text: 'Checked the old number with the person by phone.' });
    const ctx: StaffContext = {
      tenant: s.tenant,
      member: (await findStaff(s.centre.deps, s.tenant, 'sam.taylor@staff.example'))!,
    };
    const subject = await s.centre.deps.subjects.get(slug, subjectId);
    await expect(applyRectification(s.centre.deps, ctx, { request: stale!, subject })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await phoneNow(subjectId, record.id)).toBe(before);
    expect((await s.centre.deps.subjects.get(slug, subjectId))?.version).toBe(subject?.version);
    const events = await s.centre.deps.trail.listForSubject(slug, subjectId);
    expect(events.some((e) => e.action === 'staff.record_corrected' && e.personal?.new === '01632 960222')).toBe(false);
  });

  it('changes nothing when the person’s details changed after the case was loaded', async () => {
    const { logged, subjectId, record } = await phoneRectification('01632 960333');
    const ctx: StaffContext = {
      tenant: s.tenant,
      member: (await findStaff(s.centre.deps, s.tenant, 'sam.taylor@staff.example'))!,
    };
    const request = await s.centre.deps.requests.get(slug, subjectId, logged.request.id);
    const subject = await s.centre.deps.subjects.get(slug, subjectId);
    // A correction on the person's page moves their version on after the case was loaded.
    const res = await s.handler.patch(admin(`/subjects/${subjectId}/records/${record.id}`), {
      version: subject?.version,
      changes: { town: 'Bletchley' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    await expect(applyRectification(s.centre.deps, ctx, { request: request!, subject })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await phoneNow(subjectId, record.id)).toBe(record.data.phone);
    expect((await s.centre.deps.requests.get(slug, subjectId, logged.request.id))?.status).toBe(request?.status);
  });
});

describe('an erasure, a restriction or an objection is completed by the step that does it', () => {
  it.each([
    ['erasure', 'david.wilson@example.co.uk', { scope: 'everything' }, /^This is an erasure: use “Carry out the erasure”/],
    [
      'restriction',
      'george.lane@example.co.uk',
      { scope: 'everything', reason: 'accuracy' },
      /^This is a restriction: use “Restrict their data”/,
    ],
    [
      'objection',
      'fiona.reed@example.co.uk',
      { processing: 'support-tickets', reason: 'No.' },
      /^This is an objection: use “Uphold the objection”/,
    ],
  ])('refuses “Done as asked” on an open %s, changing nothing', async (kind, email, details, why) => {
    const logged = await log(email, { kind, ...details });
    const subjectId = logged.request.subjectId as string;
    const records = await s.centre.deps.subjects.listRecords(slug, subjectId);
    expect(logged.actions).not.toContain('complete');
    const refused = await act(logged, { type: 'complete', message: 'We have done as you asked.' }, 409);
    expect(refused.message).toMatch(why);
    // The request and the person's data are as they were.
    expect((await s.centre.deps.requests.get(slug, subjectId, logged.request.id))?.status).toBe(logged.request.status);
    expect(await s.centre.deps.subjects.listRecords(slug, subjectId)).toEqual(records);
    expect((await s.centre.deps.subjects.get(slug, subjectId))?.restriction).toBeUndefined();
  });
});

describe('outcomes in their own words, and in the reports', () => {
  it('an objection not upheld tells the person the compelling grounds, and is counted as such', async () => {
    const email = 'james.patel@example.com';
    const logged = await log(email, {
      kind: 'objection',
      processing: 'support-tickets',
      reason: 'I do not want my tickets kept.',
    });
    const grounds = 'We must keep a record of the support given under our contract with your employer.';
    const done: RequestDetail = await act(logged, { type: 'objection-not-upheld', grounds });
    expect(done.request).toMatchObject({ status: 'completed', outcome: 'objection-not-upheld' });
    const answer = await waitForEmail(s.centre.sesEndpoint, email, 'compelling legitimate grounds');
    expect(answer.subject).toBe(`Your request ${logged.request.reference} is complete`);
    expect(answer.body.text).toContain('and we will continue it, because we have compelling legitimate grounds');
    expect(answer.body.text).toContain(grounds);
    const { json, csv } = await reportToday();
    expect(json.rows.find((r: { kind: string }) => r.kind === 'objection').byOutcome['objection-not-upheld']).toBe(1);
    const [header, ...lines] = csv
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    const row = lines.find((line) => line[3] === 'objection');
    expect(row?.[header!.indexOf('answered_objection_not_upheld')]).toBe('1');
  });

  it('"data is accurate" tells the person why nothing changed and of their statement, and is counted as such', async () => {
    const { logged, subjectId, record } = await phoneRectification('01632 960444');
    const explanation = 'We called the number on 2 December and you answered it.';
    const done: RequestDetail = await act(logged, { type: 'data-accurate', explanation });
    expect(done.request).toMatchObject({ status: 'completed', outcome: 'data-accurate' });
    expect(await phoneNow(subjectId, record.id)).toBe(record.data.phone);
    const answer = await waitForEmail(s.centre.sesEndpoint, 'rachel.hughes@example.co.uk', 'believe it is accurate');
    expect(answer.body.text).toContain('so we have not changed it');
    expect(answer.body.text).toContain(explanation);
    expect(answer.body.text).toContain('add a statement of your own');
    const { json } = await reportToday();
    expect(json.rows.find((r: { kind: string }) => r.kind === 'rectification').byOutcome['data-accurate']).toBe(1);
  });
});
