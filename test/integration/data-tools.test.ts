import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../shared/crypto.ts';
import { importedRecordId } from '../../shared/data-tools/import-plan.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * The staff data tools against the real stand-ins: find a person, read and correct their
 * records, legal holds, and imports from other systems. IT-MK has an admin, a viewer and a
 * handler; Sam Taylor is a handler in every centre (the tenant isolation cases).
 */
const slug = 'it-mk';
const admin = (path: string) => `/api/t/${slug}/admin${path}`;
let centre: TestCentre;
let handler: StaffClient;
let viewer: StaffClient;
let otherCentre: StaffClient;

type Json = Record<string, any>;
const json = async (res: Response): Promise<Json> => res.json();

const auditOf = async (action: string) =>
  (await centre.scanAll()).filter((i) => i.type === 'audit' && i.tenant === slug && i.action === action) as Json[];

/** Everything in the table but the audit trail and session bookkeeping: what "nothing written" is measured on. */
async function dataSnapshot(): Promise<Map<string, string>> {
  const items = await centre.scanAll();
  return new Map(
    items
      .filter((i) => !['audit', 'audit-head', 'session', 'rate'].includes(String(i.type)) && !String(i.pk).includes('#RATE#'))
      .map((i) => [`${i.pk}|${i.sk}`, canonicalJson(i)]),
  );
}

async function subjectId(email: string): Promise<string> {
  const found = await json(await handler.get(admin(`/subjects?email=${encodeURIComponent(email)}`)));
  return found.subjects[0].id;
}

async function person(id: string, who = handler): Promise<Json> {
  const res = await who.get(admin(`/subjects/${id}`));
  expect(res.status).toBe(200);
  return json(res);
}

/** DELETE with a JSON body (lifting a hold carries its reason), with the client's cookies. */
const del = (who: StaffClient, path: string, body: unknown) =>
  centre.admin.request(path, {
    method: 'DELETE',
    headers: {
      'Content-Type': 'application/json',
      Origin: centre.base,
      Cookie: [...who.jar].map(([k, v]) => `${k}=${v}`).join('; '),
    },
    body: JSON.stringify(body),
  });

const recordsOf = (view: Json, category: string): Json[] => view.categories.find((c: Json) => c.id === category).records;
const firstOf = (view: Json, category: string): Json => recordsOf(view, category)[0] as Json;

beforeAll(async () => {
  centre = await startTestCentre();
  handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
  viewer = await signedInStaff(centre, slug, 'support@it-mk.example');
  otherCentre = await signedInStaff(centre, 'inflection-point', 'sam.taylor@staff.example');
});
afterAll(() => centre.stop());

describe('finding a person', () => {
  it('finds by exact email, in any case, and audits the search', async () => {
    const before = (await auditOf('staff.searched_subjects')).length;
    const res = await viewer.get(admin('/subjects?email=Rachel.Hughes%40Example.co.uk'));
    expect(res.status).toBe(200);
    expect((await json(res)).subjects).toEqual([
      { id: expect.any(String), email: 'rachel.hughes@example.co.uk', name: 'Rachel Hughes' },
    ]);
    const events = await auditOf('staff.searched_subjects');
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)?.detail).toEqual({ by: 'email', found: 1 });
  });

  it('finds by request reference (typed in lower case too), and never one of another centre', async () => {
    const queue = await json(await handler.get(admin('/requests?status=all')));
    const request = queue.requests[0];
    const res = await handler.get(admin(`/subjects?reference=${request.reference.toLowerCase()}`));
    expect(res.status).toBe(200);
    const [match] = (await json(res)).subjects;
    expect(match).toMatchObject({ id: request.subjectId, request: { id: request.id, reference: request.reference } });
    const audit = (await auditOf('staff.searched_subjects')).at(-1);
    expect(audit).toMatchObject({ subjectId: request.subjectId, detail: { by: 'reference', found: 1, requestId: request.id } });

    const other = await json(await otherCentre.get('/api/t/inflection-point/admin/requests?status=all'));
    const foreign = await json(await handler.get(admin(`/subjects?reference=${other.requests[0].reference}`)));
    expect(foreign.subjects).toEqual([]);
    expect((await json(await handler.get(admin('/subjects?reference=ITMK-2026-999999')))).subjects).toEqual([]);
  });

  it('asks for exactly one of email and reference, well formed', async () => {
    for (const query of ['', '?email=a%40b.example&reference=ITMK-2026-000001', '?reference=12345', '?email=nope', '?name=x']) {
      expect((await handler.get(admin(`/subjects${query}`))).status, query).toBe(400);
    }
  });
});

describe('the person page', () => {
  it('shows their records by category, their requests, and audits the read', async () => {
    const id = await subjectId('alex.morgan@example.com');
    const before = (await auditOf('staff.viewed_subject')).length;
    const view = await person(id, viewer);
    expect(view.subject).toMatchObject({ id, email: 'alex.morgan@example.com', name: 'Alex Morgan', version: 0 });
    const identity = view.categories.find((c: Json) => c.id === 'identity');
    expect(identity.records).toHaveLength(1);
    expect(identity.records[0]).toMatchObject({ hold: null, source: null, readOnly: false, data: { firstName: 'Alex' } });
    expect(identity.fields.find((f: Json) => f.id === 'email').correctable).toBe(false);
    expect(identity.fields.find((f: Json) => f.id === 'phone').correctable).toBe(true);
    expect(view.requests.length).toBeGreaterThan(0);
    expect(view.requests[0]).toMatchObject({ reference: expect.stringMatching(/^ITMK-\d{4}-\d{6}$/) });
    const events = await auditOf('staff.viewed_subject');
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ subjectId: id, actor: { type: 'staff', id: 'support@it-mk.example' } });
  });
});

describe('correcting a record', () => {
  it('saves valid changes to any field of the category, with old → new in the audit event’s personal part', async () => {
    const id = await subjectId('james.patel@example.com');
    const view = await person(id);
    const account = firstOf(view, 'account');
    const identity = firstOf(view, 'identity');
    // servicePlan is not editable by the person (ownedBy the MSP); staff may correct it.
    const res = await handler.patch(admin(`/subjects/${id}/records/${account.id}`), {
      version: view.subject.version,
      changes: { servicePlan: 'Small business IT support, 6 users' },
    });
    expect(res.status).toBe(200);
    const saved = await json(res);
    expect(saved.version).toBe(view.subject.version + 1);
    expect(saved.record.data.servicePlan).toBe('Small business IT support, 6 users');
    const event = (await auditOf('staff.record_corrected')).at(-1);
    expect(event).toMatchObject({
      subjectId: id,
      actor: { type: 'staff', id: 'sam.taylor@staff.example' },
      detail: { recordId: account.id, category: 'account', field: 'servicePlan' },
      personal: { old: account.data.servicePlan, new: 'Small business IT support, 6 users' },
    });
    expect(JSON.stringify(event?.detail)).not.toContain('6 users');

    // Phone numbers are tidied as on the person's own page.
    const phone = await handler.patch(admin(`/subjects/${id}/records/${identity.id}`), {
      version: saved.version,
      changes: { phone: '+44 1908 123456' },
    });
    expect((await json(phone)).record.data.phone).toBe('01908 123456');
  });

  it('refuses a stale version with 409 and the newest values, changing nothing', async () => {
    const id = await subjectId('james.patel@example.com');
    const view = await person(id);
    const account = firstOf(view, 'account');
    const before = await dataSnapshot();
    const res = await handler.patch(admin(`/subjects/${id}/records/${account.id}`), {
      version: view.subject.version - 1,
      changes: { organisation: 'Someone Else Ltd' },
    });
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.details).toMatchObject({ version: view.subject.version, record: { id: account.id, data: account.data } });
    expect(await dataSnapshot()).toEqual(before);
  });

  it('refuses bad values field by field, and the sign-in address, with nothing changed', async () => {
    const id = await subjectId('james.patel@example.com');
    const view = await person(id);
    const identity = firstOf(view, 'identity');
    const before = await dataSnapshot();
    const corrections = (await auditOf('staff.record_corrected')).length;
    const res = await handler.patch(admin(`/subjects/${id}/records/${identity.id}`), {
      version: view.subject.version,
      changes: { town: 'Milton Keynes', postcode: 'NOT A POSTCODE', firstName: ' ', email: 'new@example.com', shoeSize: '9' },
    });
    expect(res.status).toBe(400);
    const fields = (await json(res)).details.fields.map((f: Json) => f.field).sort();
    expect(fields).toEqual(['email', 'firstName', 'postcode', 'shoeSize']);
    expect(await dataSnapshot()).toEqual(before);
    expect(await auditOf('staff.record_corrected')).toHaveLength(corrections);
  });

  it('is refused to a viewer (403, audited), and to anyone for a record that does not exist (404)', async () => {
    const id = await subjectId('james.patel@example.com');
    const view = await person(id);
    const account = firstOf(view, 'account');
    const refusals = (await auditOf('staff.permission_refused')).length;
    const res = await viewer.patch(admin(`/subjects/${id}/records/${account.id}`), {
      version: view.subject.version,
      changes: { organisation: 'X' },
    });
    expect(res.status).toBe(403);
    expect((await auditOf('staff.permission_refused')).at(-1)?.detail).toMatchObject({ attempted: 'correct-record' });
    expect(await auditOf('staff.permission_refused')).toHaveLength(refusals + 1);
    const missing = await handler.patch(admin(`/subjects/${id}/records/no-such-record`), { version: 0, changes: { x: 'y' } });
    expect(missing.status).toBe(404);
  });
});

describe('legal holds', () => {
  it('places and lifts a hold with a reason, shown on the record and audited with the reason', async () => {
    const id = await subjectId('rachel.hughes@example.co.uk');
    const payment = firstOf(await person(id), 'payments');
    const path = admin(`/subjects/${id}/records/${payment.id}/hold`);

    const placed = await handler.post(path, {
      reason: 'Disputed invoice: possible small claim',
      personWording: 'We need this payment record to settle a dispute.',
    });
    expect(placed.status).toBe(200);
    expect((await json(placed)).hold).toMatchObject({
      reason: 'Disputed invoice: possible small claim',
      personWording: 'We need this payment record to settle a dispute.',
      by: 'sam.taylor@staff.example',
      byName: 'Sam Taylor',
    });
    expect(recordsOf(await person(id), 'payments').find((r) => r.id === payment.id)?.hold.reason).toBe(
      'Disputed invoice: possible small claim',
    );
    const stored = (await centre.deps.subjects.listRecords(slug, id)).find((r) => r.id === payment.id);
    expect(stored?.hold?.reason).toBe('Disputed invoice: possible small claim');
    expect((await auditOf('staff.hold_placed')).at(-1)).toMatchObject({
      subjectId: id,
      detail: { recordId: payment.id, category: 'payments' },
      personal: {
        reason: 'Disputed invoice: possible small claim',
        personWording: 'We need this payment record to settle a dispute.',
      },
    });
    expect((await handler.post(path, { reason: 'Again' })).status).toBe(409);

    const lifted = await del(handler, path, { reason: 'Claim settled' });
    expect(lifted.status).toBe(200);
    expect((await json(lifted)).hold).toBeNull();
    expect((await centre.deps.subjects.listRecords(slug, id)).find((r) => r.id === payment.id)?.hold).toBeUndefined();
    expect((await auditOf('staff.hold_lifted')).at(-1)).toMatchObject({ personal: { reason: 'Claim settled' } });
    expect((await del(handler, path, { reason: 'Again' })).status).toBe(409);
  });

  it('needs a reason, and is refused to a viewer (403, audited, nothing held)', async () => {
    const id = await subjectId('rachel.hughes@example.co.uk');
    const payment = firstOf(await person(id), 'payments');
    const path = admin(`/subjects/${id}/records/${payment.id}/hold`);
    expect((await handler.post(path, { reason: '  ' })).status).toBe(400);
    expect((await handler.post(path, {})).status).toBe(400);
    const refusals = (await auditOf('staff.permission_refused')).length;
    const res = await viewer.post(path, { reason: 'I think so' });
    expect(res.status).toBe(403);
    expect((await json(res)).message).toMatch(/Your role is viewer/);
    expect(await auditOf('staff.permission_refused')).toHaveLength(refusals + 1);
    expect((await del(viewer, path, { reason: 'x' })).status).toBe(403);
    expect((await centre.deps.subjects.listRecords(slug, id)).find((r) => r.id === payment.id)?.hold).toBeUndefined();
  });
});

describe('tenants never cross', () => {
  it("staff of one centre cannot read or write another centre's person, even with the ids", async () => {
    const id = await subjectId('rachel.hughes@example.co.uk');
    const view = await person(id);
    const record = firstOf(view, 'identity');
    const before = await dataSnapshot();
    const other = (path: string) => `/api/t/inflection-point/admin/subjects/${id}${path}`;
    expect((await otherCentre.get(other(''))).status).toBe(404);
    expect(
      (await otherCentre.patch(other(`/records/${record.id}`), { version: view.subject.version, changes: { town: 'X' } })).status,
    ).toBe(404);
    expect((await otherCentre.post(other(`/records/${record.id}/hold`), { reason: 'x' })).status).toBe(404);
    // Its session is worthless on this centre's addresses.
    expect((await otherCentre.get(admin(`/subjects/${id}`))).status).toBe(401);
    expect(await dataSnapshot()).toEqual(before);
  });
});

describe('importing from other systems', () => {
  const header = 'email,sourceKey,recordedOn,relationshipStartedOn,reference,channel,subject,summary,status';
  const good = [
    header,
    'rachel.hughes@example.co.uk,HALO-1001,2026-01-05,,HALO-1001,Phone,Printer jam,"Cleared the tray, tested",Closed',
    'new.person@example.com,HALO-1002,06/01/2026,01/01/2025,HALO-1002,Email,New starter,"Laptop set up; ""welcome"" pack sent",Closed',
    'New.Person@example.com,HALO-1003,2026-01-07,,HALO-1003,Email,VPN,Reset token,Open',
    'another.new@example.com,HALO-1004,2026-01-08,,HALO-1004,Portal,Password,Reset,Closed',
  ].join('\n');
  const post = (body: Json, who = handler) =>
    who.post(admin('/imports'), { format: 'csv', category: 'support-tickets', system: 'halo-psa', dryRun: false, ...body });

  it('a dry run reports errors per row and what would happen, writing nothing', async () => {
    const before = await dataSnapshot();
    const file = [
      good,
      'bad-email,HALO-1005,2026-01-09,,HALO-1005,Email,x,y,Open',
      'third.new@example.com,HALO-1006,2099-01-01,,HALO-1006,Email,x,y,Open',
    ].join('\n');
    const res = await post({ content: file, dryRun: true });
    expect(res.status).toBe(200);
    const report = await json(res);
    expect(report).toMatchObject({
      dryRun: true,
      written: false,
      rows: 6,
      counts: { created: 4, updated: 0, unchanged: 0, invalid: 2, subjectsCreated: 2 },
    });
    expect(report.errors).toEqual([
      { line: 6, field: 'email', message: expect.any(String) },
      { line: 7, field: 'recordedOn', message: expect.stringMatching(/future/) },
    ]);
    expect(await dataSnapshot()).toEqual(before);
    expect((await auditOf('import.checked')).at(-1)?.detail).toMatchObject({ rows: 6, created: 4, invalid: 2, written: false });

    // Without asking for the valid rows only, a file with errors writes nothing at all.
    const refused = await post({ content: file });
    expect(refused.status).toBe(400);
    const body = await json(refused);
    expect(body.message).toMatch(/2 rows have errors, so nothing was imported/);
    expect(body.details.report.errors).toHaveLength(2);
    expect(await dataSnapshot()).toEqual(before);
  });

  it('creates people and records; a re-import of the same file changes nothing', async () => {
    const res = await post({ content: good });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      written: true,
      counts: { created: 4, updated: 0, unchanged: 0, invalid: 0, subjectsCreated: 2 },
      errors: [],
    });
    const id = await subjectId('new.person@example.com');
    const tickets = recordsOf(await person(id), 'support-tickets');
    expect(tickets.map((t) => t.data.reference).sort()).toEqual(['HALO-1002', 'HALO-1003']);
    const first = tickets.find((t) => t.data.reference === 'HALO-1002');
    expect(first).toMatchObject({
      id: importedRecordId(centre.deps.settings.hashKeys, slug, 'halo-psa', 'support-tickets', 'HALO-1002'),
      recordedOn: '2026-01-06',
      source: { system: 'halo-psa', key: 'HALO-1002' },
      data: { summary: 'Laptop set up; "welcome" pack sent' },
    });
    const subject = await centre.deps.subjects.get(slug, id);
    expect(subject?.relationship).toEqual({ startedOn: '2025-01-01' });
    expect(await auditOf('import.subject_created')).toHaveLength(2);
    expect((await auditOf('import.completed')).at(-1)?.detail).toMatchObject({
      system: 'halo-psa',
      category: 'support-tickets',
      rows: 4,
      created: 4,
      subjectsCreated: 2,
      written: true,
    });

    const before = await dataSnapshot();
    const again = await json(await post({ content: good }));
    expect(again.counts).toEqual({ created: 0, updated: 0, unchanged: 4, invalid: 0, subjectsCreated: 0, relationshipsSet: 0 });
    expect(await dataSnapshot()).toEqual(before);
  });

  it('updates a changed row in place, keeps its legal hold, and audits old → new', async () => {
    const id = await subjectId('another.new@example.com');
    const ticket = firstOf(await person(id), 'support-tickets');
    await handler.post(admin(`/subjects/${id}/records/${ticket.id}/hold`), { reason: 'Complaint under review' });
    const pageRead = (await person(id)).subject.version;
    const changed = good.replace('HALO-1004,Portal,Password,Reset,Closed', 'HALO-1004,Portal,Password,Reset twice,Closed');
    const report = await json(await post({ content: changed }));
    expect(report.counts).toEqual({ created: 0, updated: 1, unchanged: 3, invalid: 0, subjectsCreated: 0, relationshipsSet: 0 });
    const after = firstOf(await person(id), 'support-tickets');
    expect(after).toMatchObject({ id: ticket.id, data: { summary: 'Reset twice' }, hold: { reason: 'Complaint under review' } });
    // A correction from a page read before the import is refused, and changes nothing.
    const stale = await handler.patch(admin(`/subjects/${id}/records/${ticket.id}`), {
      version: pageRead,
      changes: { summary: 'Overwritten' },
    });
    expect(stale.status).toBe(409);
    expect(firstOf(await person(id), 'support-tickets').data.summary).toBe('Reset twice');
    expect((await auditOf('import.field_changed')).at(-1)).toMatchObject({
      subjectId: id,
      detail: { recordId: ticket.id, field: 'summary', system: 'halo-psa' },
      personal: { old: 'Reset', new: 'Reset twice' },
    });
  });

  it('with the valid rows only, a bad row is reported and never half written', async () => {
    const file = [
      header,
      'valid.only@example.com,HALO-2001,2026-02-01,,HALO-2001,Email,Fine,Fine,Open',
      // A new person whose only row is bad: neither the person nor the record may appear.
      'half.written@example.com,HALO-2002,2026-02-30,,HALO-2002,Email,Bad date,x,Open',
    ].join('\n');
    const report = await json(await post({ content: file, validRowsOnly: true }));
    expect(report).toMatchObject({ written: true, counts: { created: 1, invalid: 1, subjectsCreated: 1 } });
    expect(report.errors).toEqual([{ line: 3, field: 'recordedOn', message: expect.any(String) }]);
    expect(await centre.deps.subjects.findIdByEmail(slug, 'half.written@example.com')).toBeUndefined();
    const badId = importedRecordId(centre.deps.settings.hashKeys, slug, 'halo-psa', 'support-tickets', 'HALO-2002');
    expect((await centre.scanAll()).filter((i) => i.id === badId)).toEqual([]);
    expect(await centre.deps.subjects.findIdByEmail(slug, 'valid.only@example.com')).toBeDefined();
  });

  it('reads JSON with a mapping from the other system’s column names', async () => {
    const content = JSON.stringify([
      {
        Caller: 'rachel.hughes@example.co.uk',
        CallId: 'C-77',
        Started: '2026-02-03T09:15:00Z',
        Agent: 'Ben',
        Length: '00:04:10',
      },
    ]);
    const res = await handler.post(admin('/imports'), {
      format: 'json',
      category: 'support-tickets',
      system: '3cx',
      dryRun: false,
      content,
      mapping: { Caller: 'email', CallId: 'sourceKey', Started: 'recordedOn', Length: 'summary' },
    });
    const report = await json(res);
    expect(report).toMatchObject({ written: true, counts: { created: 1 }, ignoredColumns: ['Agent'] });
  });

  it('refuses files it cannot read, the consent ledger, viewers, and bodies over 1 MB', async () => {
    expect((await post({ content: 'email,sourceKey,recordedOn,colour\nx@example.com,1,2026-01-01,red' })).status).toBe(400);
    expect((await post({ content: 'not json', format: 'json' })).status).toBe(400);
    expect((await post({ content: good, category: 'marketing-preferences' })).status).toBe(400);
    expect((await post({ content: good, category: 'no-such-category' })).status).toBe(400);
    expect((await post({ content: good, system: 'Not A Slug!' })).status).toBe(400);
    const refused = await post({ content: good, dryRun: true }, viewer);
    expect(refused.status).toBe(403);
    expect((await auditOf('staff.permission_refused')).at(-1)?.detail).toMatchObject({ attempted: 'import-dry-run' });

    const big = await post({ content: `${header}\n${'x'.repeat(1024 * 1024)}`, dryRun: true });
    expect(big.status).toBe(400);
    expect((await json(big)).message).toBe('The request body is larger than 1 MB.');
    // Every other staff route keeps the 16 kB limit.
    const id = await subjectId('rachel.hughes@example.co.uk');
    const long = await handler.patch(admin(`/subjects/${id}/records/x`), { version: 0, changes: { town: 'x'.repeat(20_000) } });
    expect((await json(long)).message).toBe('The request body is larger than 16 kB.');
  });
});
