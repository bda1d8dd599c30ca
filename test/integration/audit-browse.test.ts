import { randomUUID } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';

/**
 * The audit trail read by an admin: browse newest first a page at a time, filter by person,
 * request, member of staff, kind and days, and export with the chain check. Every look is itself
 * on the trail. Against DynamoDB Local: the filters read the table's keys, never a scan.
 */
const slug = 'it-mk';
const admin = (path: string) => `/api/t/${slug}/admin${path}`;
const personEmail = 'james.patel@example.com';
let centre: TestCentre;
const as: Record<'viewer' | 'handler' | 'admin', StaffClient> = {} as never;
let request: { subjectId: string; id: string; reference: string };
let newSurname: string;

type View = {
  id: string;
  at: string;
  seq?: number;
  action: string;
  actor: { type: string; id?: string };
  subjectId?: string;
  requestId?: string;
  personal: string;
  detail: Record<string, unknown>;
};

const stored = async () => (await centre.scanAll()).filter((i) => i.type === 'audit' && i.tenant === slug);
const today = () => new Date().toISOString().slice(0, 10);

/** Every page of a filtered browse, following `next`. */
async function browseAll(query: string): Promise<View[]> {
  const events: View[] = [];
  let after: string | undefined;
  do {
    const res = await as.admin.get(admin(`/audit/events?${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`));
    expect(res.status, await res.clone().text()).toBe(200);
    const page = (await res.json()) as { events: View[]; next?: string };
    expect(page.events.length).toBeLessThanOrEqual(50);
    events.push(...page.events);
    after = page.next;
  } while (after);
  return events;
}

beforeAll(async () => {
  centre = await startTestCentre();
  const subject = await signedIn(centre, slug, personEmail);
  const view = await (
    await subject.post(`/api/t/${slug}/me/requests`, {
      idempotencyKey: randomUUID(),
      request: { kind: 'access', scope: 'everything' },
    })
  ).json();
  const me = await (await subject.get(`/api/t/${slug}/me`)).json();
  request = { subjectId: me.subject.id, id: view.id, reference: view.reference };
  // A correction: an event with a personal part (old → new), which the trail must not show.
  newSurname = `Audited${randomUUID().slice(0, 6)}`;
  const identity = me.categories.find((c: { id: string }) => c.id === 'identity')?.records[0];
  expect(identity).toBeDefined();
  expect(
    (await subject.patch(`/api/t/${slug}/me/records/${identity.id}`, { version: me.version, changes: { lastName: newSurname } }))
      .status,
  ).toBe(200);
  as.viewer = await signedInStaff(centre, slug, 'support@it-mk.example');
  as.handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
  as.admin = await signedInStaff(centre, slug, 'info@it-mk.example');
  const note = await as.handler.post(admin(`/subjects/${request.subjectId}/requests/${request.id}/actions`), {
    expectedVersion: 1,
    action: { type: 'note', text: 'Looked at it' },
  });
  expect(note.status).toBe(200);
  // Enough events for more than one page: each check of the chain is one.
  for (let i = 0; i < 30; i++) expect((await as.viewer.get(admin('/audit/verify'))).status).toBe(200);
  await centre.settle();
}, 60_000);
afterAll(() => centre.stop());

describe('reading the audit trail', () => {
  it('is for admins: a handler and a viewer are refused, and the refusal is audited', async () => {
    for (const who of [as.viewer, as.handler]) {
      const before = (await stored()).filter((i) => i.action === 'staff.permission_refused').length;
      const res = await who.get(admin('/audit/events'));
      expect(res.status).toBe(403);
      expect((await res.json()).message).toMatch(/Only an admin/);
      expect((await who.get(admin('/audit/export?format=csv'))).status).toBe(403);
      expect((await stored()).filter((i) => i.action === 'staff.permission_refused').length).toBe(before + 2);
    }
  });

  it('browses the whole trail newest first, a page at a time, with nothing lost or repeated', async () => {
    const all = await stored();
    const events = await browseAll('');
    // The looks themselves were written while browsing: every event stored before is there once.
    const ids = events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const item of all) expect(ids).toContain(item.id);
    expect(all.length).toBeGreaterThan(50);
    const keys = events.map((e) => `${e.at}#${e.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('filters by person (address or id), by request, by member of staff and by kind', async () => {
    const all = await stored();
    const ofPerson = all.filter((i) => i.subjectId === request.subjectId).map((i) => i.id);
    const byEmail = await browseAll(`person=${encodeURIComponent(personEmail)}`);
    expect(byEmail.map((e) => e.id).sort()).toEqual([...ofPerson].sort());
    expect(byEmail.every((e) => e.subjectId === request.subjectId)).toBe(true);
    expect((await browseAll(`person=${request.subjectId}`)).map((e) => e.id).sort()).toEqual([...ofPerson].sort());

    const ofRequest = all.filter((i) => (i.detail as Record<string, unknown> | undefined)?.requestId === request.id);
    const byRequest = await browseAll(`request=${request.id}`);
    expect(ofRequest.length).toBeGreaterThanOrEqual(2);
    expect(byRequest.map((e) => e.id).sort()).toEqual(ofRequest.map((i) => i.id).sort());
    expect(byRequest.every((e) => e.requestId === request.id)).toBe(true);

    const bySam = await browseAll('staff=Sam.Taylor%40staff.example');
    expect(bySam.length).toBeGreaterThan(0);
    expect(bySam.every((e) => e.actor.type === 'staff' && e.actor.id === 'sam.taylor@staff.example')).toBe(true);
    expect(bySam.some((e) => e.requestId === request.id)).toBe(true);
    const samStored = all.filter(
      (i) => (i.actor as { id?: string }).id === 'sam.taylor@staff.example' && (i.actor as { type: string }).type === 'staff',
    );
    for (const item of samStored) expect(bySam.map((e) => e.id)).toContain(item.id);

    const staffKind = await browseAll('kind=staff.');
    expect(staffKind.length).toBeGreaterThan(0);
    expect(staffKind.every((e) => e.action.startsWith('staff.'))).toBe(true);
    const combined = await browseAll(`person=${request.subjectId}&staff=sam.taylor%40staff.example`);
    expect(combined.length).toBeGreaterThan(0);
    expect(combined.every((e) => e.subjectId === request.subjectId && e.actor.id === 'sam.taylor@staff.example')).toBe(true);
  });

  it('finds a request by its reference as well as its id; an unknown reference is a 404', async () => {
    expect(request.reference).toMatch(/^[A-Z]{2,5}-\d{4}-\d+$/);
    const byId = (await browseAll(`request=${request.id}`)).map((e) => e.id).sort();
    // Typed as staff may type it: in lower case. The look itself is recorded with the id.
    const byReference = await browseAll(`request=${request.reference.toLowerCase()}`);
    expect(byReference.map((e) => e.id).sort()).toEqual(byId);
    expect(byReference.every((e) => e.requestId === request.id)).toBe(true);
    const looks = (await stored()).filter((i) => i.action === 'staff.viewed_audit_trail');
    expect(looks.some((i) => (i.detail as Record<string, unknown>).request === request.id)).toBe(true);
    expect(JSON.stringify(looks.map((i) => i.detail))).not.toContain(request.reference.toLowerCase());

    const [prefix, year] = request.reference.split('-');
    const unknown = `${prefix}-${year}-999999`;
    for (const path of [`/audit/events?request=${unknown}`, `/audit/export?format=csv&request=${unknown}`]) {
      const res = await as.admin.get(admin(path));
      expect(res.status).toBe(404);
      expect((await res.json()).message).toBe(`No request with the reference ${unknown} is in this centre.`);
    }
  });

  it('filters by days, inclusive, and refuses a range back to front', async () => {
    const day = today();
    expect((await browseAll(`from=${day}&to=${day}`)).length).toBeGreaterThan(0);
    expect(await browseAll('from=2020-01-01&to=2020-12-31')).toEqual([]);
    const ofToday = (await stored()).filter((i) => (i.at as string).startsWith(day)).length;
    expect((await browseAll(`from=${day}`)).length).toBeGreaterThanOrEqual(ofToday);
    expect((await as.admin.get(admin('/audit/events?from=2026-12-31&to=2026-01-01'))).status).toBe(400);
    expect((await as.admin.get(admin('/audit/events?from=yesterday'))).status).toBe(400);
    expect((await as.admin.get(admin('/audit/events?after=not-a-cursor'))).status).toBe(400);
    expect((await as.admin.get(admin('/audit/events?person=nobody%40nowhere.example'))).status).toBe(404);
  });

  it('shows that an event recorded personal data, never the data itself', async () => {
    const res = await as.admin.get(admin(`/audit/events?person=${request.subjectId}`));
    const text = await res.text();
    expect(text).not.toContain(newSurname);
    const events = (JSON.parse(text) as { events: View[] }).events;
    expect(events.some((e) => e.personal === 'recorded')).toBe(true);
  });

  it('puts every look on the trail, with ids and never the address typed', async () => {
    await as.admin.get(admin(`/audit/events?person=${encodeURIComponent(personEmail)}&kind=request.`));
    const looks = (await stored()).filter((i) => i.action === 'staff.viewed_audit_trail');
    const last = looks.sort((a, b) => `${a.at}${a.id}`.localeCompare(`${b.at}${b.id}`)).at(-1) as Record<string, unknown>;
    expect(last.actor).toEqual({ type: 'staff', id: 'info@it-mk.example' });
    expect(last.detail).toMatchObject({ person: request.subjectId, kind: 'request.' });
    expect(JSON.stringify(looks)).not.toContain(personEmail);
  });
});

describe('exporting the audit trail', () => {
  it('as JSON: the filtered events with a fresh chain check, and the export is audited', async () => {
    const res = await as.admin.get(admin(`/audit/export?format=json&request=${request.id}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="audit-it-mk-\d{4}-\d{2}-\d{2}\.json"/);
    const body = await res.json();
    const ofRequest = (await stored()).filter((i) => (i.detail as Record<string, unknown> | undefined)?.requestId === request.id);
    expect(body.events.map((e: View) => e.id).sort()).toEqual(ofRequest.map((i) => i.id).sort());
    expect(body.chain).toMatchObject({ ok: true, firstBroken: null });
    expect(body.chain.checked).toBeGreaterThan(50);
    expect(body).toMatchObject({
      tenant: slug,
      exportedBy: 'info@it-mk.example',
      filter: { request: request.id },
      truncated: false,
    });
    const exported = (await stored()).filter((i) => i.action === 'staff.exported_audit_trail');
    expect(exported.at(-1)?.detail).toMatchObject({
      format: 'json',
      events: ofRequest.length,
      chainOk: true,
      request: request.id,
    });
  });

  it('as CSV: the chain check and the filters first, then a row per event; a broken chain says so', async () => {
    const csv = await (await as.admin.get(admin(`/audit/export?format=csv&person=${request.subjectId}`))).text();
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^# Audit trail of it-mk exported .* by info@it-mk\.example$/);
    expect(lines[1]).toBe(`# Filters: person=${request.subjectId}`);
    expect(lines[2]).toMatch(/^# Chain check: intact: \d+ events checked; head #\d+ [0-9a-f]{64}$/);
    expect(lines[3]).toBe('seq,at,id,action,actor_type,actor,subject_id,request_id,detail,personal_data');
    const ofPerson = (await stored()).filter((i) => i.subjectId === request.subjectId);
    expect(lines.length - 4).toBe(ofPerson.length);
    expect(csv).not.toContain(newSurname);

    // Someone with table access changes an event: the next export says where the chain broke.
    const victim = ofPerson.find((i) => typeof i.seq === 'number') as Record<string, unknown>;
    await centre.db.doc.send(
      new UpdateCommand({
        TableName: centre.db.table,
        Key: { pk: victim.pk, sk: victim.sk },
        UpdateExpression: 'SET #action = :a',
        ExpressionAttributeNames: { '#action': 'action' },
        ExpressionAttributeValues: { ':a': 'nothing.happened' },
      }),
    );
    const broken = await (await as.admin.get(admin('/audit/export?format=csv&kind=nothing.'))).text();
    expect(broken).toContain(`# Chain check: BROKEN at #${victim.seq} (event ${victim.id}): its content was changed`);
    expect(broken).toContain(`${victim.seq},${victim.at},${victim.id},nothing.happened`);
    expect((await as.admin.get(admin('/audit/export?format=xml'))).status).toBe(400);
  });
});
