import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobHandler } from '../../functions/jobs/handler.ts';
import { formatUkDate } from '../../shared/dates.ts';
import { addCalendarMonths, addDays, ukDate } from '../../shared/deadlines.ts';
import { eraseSubject } from '../../shared/fulfilment/erase.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * Retention that starts: staff record when a relationship ended (or a re-import brings the other
 * system's date), both pages show the deletion date it gives, and the real sweep against
 * DynamoDB Local deletes on time, skipping what a legal hold or a restriction keeps. IT-MK keeps
 * members' data 7 years after the relationship ends: in its demo data George Lane's ended 8
 * years ago and Fiona Reed's 6.
 */
const slug = 'it-mk';
const admin = (path: string) => `/api/t/${slug}/admin${path}`;
const clock = testClock();
let centre: TestCentre;
let handler: StaffClient;
let viewer: StaffClient;
let sweep: () => Promise<{ tenant: string; recordsDeleted: number; recordsRestricted: number; subjectsRemoved: number }>;

type Json = Record<string, any>;
const json = async (res: Response): Promise<Json> => res.json();
const today = () => ukDate(clock.now());
const idOf = async (email: string) => (await centre.deps.subjects.findIdByEmail(slug, email)) as string;
const auditOf = async (action: string) =>
  (await centre.scanAll()).filter((i) => i.type === 'audit' && i.tenant === slug && i.action === action) as Json[];
const staffView = async (id: string) => json(await handler.get(admin(`/subjects/${id}`)));
const accountOf = (view: Json): Json => view.categories.find((c: Json) => c.id === 'account').records[0];

beforeAll(async () => {
  centre = await startTestCentre({ clock });
  handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
  viewer = await signedInStaff(centre, slug, 'support@it-mk.example');
  const run = jobHandler(centre.deps, () => {});
  sweep = async () => ((await run({ job: 'retention-sweep' })) as Json[]).find((r) => r.tenant === slug) as never;
});
afterAll(() => centre.stop());

describe('the demo: 7 years after the relationship ends', () => {
  it('keeps a restricted person’s overdue records and says why; once lifted, the sweep deletes them', async () => {
    const george = await idOf('george.lane@example.co.uk');
    const before = await staffView(george);
    expect(before.subject.relationship.endedOn).toBe(addDays(today(), -2930));
    expect(accountOf(before).deleteOn).toBe(addCalendarMonths(addDays(today(), -2930), 84));
    expect(accountOf(before).keptBecause).toBeNull();

    await centre.deps.subjects.setRestriction({
      tenant: slug,
      subjectId: george,
      restriction: { categories: '*', since: clock.now().toISOString(), reason: 'He contests the accuracy of his account' },
      effects: { audit: [] },
    });
    const held = await sweep();
    expect(held.recordsRestricted).toBe(2);
    expect(await centre.deps.subjects.listRecords(slug, george)).toHaveLength(2);
    const why = accountOf(await staffView(george)).keptBecause;
    expect(why).toBe(
      `Past its deletion date; the retention sweep skips it: restricted since ${formatUkDate(today())} (Art. 18): He contests the accuracy of his account`,
    );

    await centre.deps.subjects.setRestriction({ tenant: slug, subjectId: george, restriction: null, effects: { audit: [] } });
    const swept = await sweep();
    expect(swept.recordsRestricted).toBe(0);
    expect(swept.recordsDeleted).toBe(2);
    expect(await centre.deps.subjects.get(slug, george)).toBeUndefined();
    expect((await auditOf('retention.record_deleted')).filter((e) => e.subjectId === george)).toHaveLength(2);
  });

  it('leaves the person whose relationship ended 6 years ago, with the date due on both pages', async () => {
    const fiona = await idOf('fiona.reed@example.co.uk');
    expect(await centre.deps.subjects.listRecords(slug, fiona)).toHaveLength(2);
    const due = addCalendarMonths(addDays(today(), -2190), 84);
    expect(accountOf(await staffView(fiona)).deleteOn).toBe(due);
    const mine = await json(await (await signedIn(centre, slug, 'fiona.reed@example.co.uk')).get(`/api/t/${slug}/me`));
    const account = mine.categories.find((c: Json) => c.id === 'account');
    expect(account.records[0]).toMatchObject({ deleteOn: due, overdue: false });
  });
});

describe('staff record the relationship', () => {
  it('sets the end (audited, with the reason apart), and both pages show the date deletion is now due', async () => {
    const rachel = await idOf('rachel.hughes@example.co.uk');
    expect(accountOf(await staffView(rachel)).deleteOn).toBeNull();
    const startedOn = (await staffView(rachel)).subject.relationship.startedOn;
    const endedOn = addDays(today(), -10);
    const res = await handler.put(admin(`/subjects/${rachel}/relationship`), {
      startedOn,
      endedOn,
      reason: 'Membership cancelled by letter',
    });
    expect(res.status).toBe(200);
    // Rachel is a member (IT-MK's name for a customer): the kind stays as it was.
    expect(await json(res)).toEqual({ startedOn, endedOn, kind: 'customer' });
    expect(accountOf(await staffView(rachel)).deleteOn).toBe(addCalendarMonths(endedOn, 84));
    const mine = await json(await (await signedIn(centre, slug, 'rachel.hughes@example.co.uk')).get(`/api/t/${slug}/me`));
    expect(mine.categories.find((c: Json) => c.id === 'account').records[0].deleteOn).toBe(addCalendarMonths(endedOn, 84));

    const [event] = (await auditOf('staff.relationship_set')).filter((e) => e.subjectId === rachel);
    expect(event).toMatchObject({
      actor: { type: 'staff', id: 'sam.taylor@staff.example' },
      detail: { changed: 'endedOn', ended: true },
    });
    expect(JSON.stringify(event?.detail)).not.toContain('cancelled');

    // A correction: it had not ended after all. Saving the same dates again changes (and audits) nothing.
    const back = await handler.put(admin(`/subjects/${rachel}/relationship`), {
      startedOn,
      endedOn: null,
      reason: 'Entered on the wrong member',
    });
    expect(await json(back)).toEqual({ startedOn, kind: 'customer' });
    expect(accountOf(await staffView(rachel)).deleteOn).toBeNull();
    await handler.put(admin(`/subjects/${rachel}/relationship`), { startedOn, endedOn: null, reason: 'again' });
    expect((await auditOf('staff.relationship_set')).filter((e) => e.subjectId === rachel)).toHaveLength(2);
  });

  it('refuses a viewer (audited), an end before the start, a start ahead, and a missing reason', async () => {
    const rachel = await idOf('rachel.hughes@example.co.uk');
    const refusedBefore = (await auditOf('staff.permission_refused')).length;
    const body = { startedOn: '2020-01-01', endedOn: '2021-01-01', reason: 'x' };
    expect((await viewer.put(admin(`/subjects/${rachel}/relationship`), body)).status).toBe(403);
    expect((await auditOf('staff.permission_refused')).length).toBe(refusedBefore + 1);
    for (const bad of [
      { ...body, endedOn: '2019-12-31' },
      { ...body, startedOn: addDays(today(), 2), endedOn: null },
      { ...body, reason: ' ' },
      { ...body, endedOn: '01/01/2021' },
    ]) {
      expect((await handler.put(admin(`/subjects/${rachel}/relationship`), bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await staffView(rachel)).subject.relationship.endedOn).toBeUndefined();
  });

  it('a re-import sets an existing person’s dates from the other system, once', async () => {
    const james = await idOf('james.patel@example.com');
    const endedOn = addDays(today(), -400);
    const header = 'email,sourceKey,recordedOn,relationshipEndedOn,memberReference,membershipStatus';
    const content = `${header}\njames.patel@example.com,M-77,${addDays(today(), -900)},${endedOn},ITMK-M-0077,Ended`;
    const post = () =>
      handler.post(admin('/imports'), { format: 'csv', category: 'account', system: 'crm', dryRun: false, content });
    const first = await json(await post());
    expect(first.counts).toMatchObject({ relationshipsSet: 1, created: 1 });
    expect((await staffView(james)).subject.relationship.endedOn).toBe(endedOn);
    expect((await auditOf('import.relationship_set')).filter((e) => e.subjectId === james)).toHaveLength(1);
    const again = await json(await post());
    expect(again.counts).toMatchObject({ relationshipsSet: 0, unchanged: 1 });
  });
});

describe('what an erasure kept', () => {
  it('has a date once the erasure ends the relationship, and goes when its hold is lifted, as the letter promised', async () => {
    const rachel = await idOf('rachel.hughes@example.co.uk');
    const tenant = centre.deps.tenants.get(slug)!;
    expect((await staffView(rachel)).subject.relationship.endedOn).toBeUndefined(); // a member still
    const [identity] = (await centre.deps.subjects.listRecords(slug, rachel)).filter((r) => r.category === 'identity');
    const hold = { reason: 'A claim about her account', personWording: 'We need it for a dispute.', by: 'info@it-mk.example' };
    await centre.deps.subjects.setHold({
      tenant: slug,
      subjectId: rachel,
      record: identity!,
      hold: { ...hold, at: clock.now().toISOString() },
      effects: { audit: [] },
    });

    const report = await eraseSubject(centre.deps, { tenant, subjectId: rachel, categories: '*', actor: { type: 'system' } });
    // Her membership and payments are kept 7 years after the relationship ends, which the erasure did today: the letter has the date.
    expect(report.kept.find((k) => k.category === 'payments')?.until).toBe(addCalendarMonths(today(), 84));
    expect(report.kept.find((k) => k.category === 'identity')).toMatchObject({
      reason: 'We need it for a dispute.',
      until: null,
    });
    const view = await staffView(rachel);
    expect(view.subject.relationship.endedOn).toBe(today());
    expect(view.categories.find((c: Json) => c.id === 'payments').records[0].deleteOn).toBe(addCalendarMonths(today(), 84));

    // The sweep leaves both while their reasons stand.
    await sweep();
    const kept = async () => (await centre.deps.subjects.listRecords(slug, rachel)).map((r) => r.category).sort();
    expect(await kept()).toEqual(['account', 'identity', 'payments', 'payments']);
    // The hold lifted: nothing keeps her identity record any more, so the erasure reaches it.
    const held = (await centre.deps.subjects.listRecords(slug, rachel)).find((r) => r.category === 'identity')!;
    await centre.deps.subjects.setHold({ tenant: slug, subjectId: rachel, record: held, hold: null, effects: { audit: [] } });
    await sweep();
    expect(await kept()).toEqual(['account', 'payments', 'payments']);
    const deleted = (await auditOf('retention.record_deleted')).filter((e) => e.subjectId === rachel);
    expect(deleted.map((e) => e.detail.category)).toEqual(['identity']);
  });
});

describe('the sweep, years on', () => {
  it('deletes on time a year on, and never what a legal hold keeps', async () => {
    const fiona = await idOf('fiona.reed@example.co.uk');
    const [identity] = (await centre.deps.subjects.listRecords(slug, fiona)).filter((r) => r.category === 'identity');
    await centre.deps.subjects.setHold({
      tenant: slug,
      subjectId: fiona,
      record: identity as never,
      hold: { reason: 'A claim about her last invoice', by: 'info@it-mk.example', at: clock.now().toISOString() },
      effects: { audit: [] },
    });
    clock.advance(400 * 86400);
    await sweep();
    handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
    expect((await centre.deps.subjects.listRecords(slug, fiona)).map((r) => r.category)).toEqual(['identity']);
    const view = await staffView(fiona);
    expect(view.categories.find((c: Json) => c.id === 'identity').records[0].keptBecause).toMatch(
      /skips it: under a legal hold since .*: A claim/,
    );
  });
});
