import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueDate } from '../../shared/deadlines.ts';
import type { MyDataResponse } from '../../shared/portal-api.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { httpClient } from '../support/http.ts';
import { signedIn } from '../support/sign-in.ts';

const tenant = 'inflection-point';
let centre: TestCentre;
beforeAll(async () => {
  centre = await startTestCentre();
});
afterAll(() => centre.stop());

type Http = Awaited<ReturnType<typeof signedIn>>;
const me = async (http: Http): Promise<MyDataResponse> => (await http.get(`/api/t/${tenant}/me`)).json();
const identityOf = (data: MyDataResponse) => {
  const record = data.categories.find((c) => c.id === 'identity')?.records[0];
  if (!record) throw new Error('no identity record');
  return record;
};
describe('PATCH /api/t/:tenant/me/records/:id', () => {
  let http: Http;
  beforeAll(async () => {
    http = await signedIn(centre, tenant, 'priya.shah@example.co.uk');
  });

  const send = async (body: unknown, recordId?: string) => {
    const data = await me(http);
    const id = recordId ?? identityOf(data).id;
    return http.patch(`/api/t/${tenant}/me/records/${id}`, body);
  };

  it('saves editable fields in their usual UK forms and bumps the version', async () => {
    const before = await me(http);
    const res = await send({ version: before.version, changes: { mobile: '+44 (0)7700 900 321', postcode: 'ls1 4dy' } });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.version).toBe(before.version + 1);
    expect(body.record.data).toMatchObject({ mobile: '07700 900321', postcode: 'LS1 4DY' });
    const after = await me(http);
    expect(after.version).toBe(before.version + 1);
    expect(identityOf(after).data).toMatchObject({ mobile: '07700 900321', postcode: 'LS1 4DY' });
  });

  it('audits every changed field with old and new value', async () => {
    const before = await me(http);
    const old = String(identityOf(before).data.lastName);
    expect((await send({ version: before.version, changes: { lastName: 'Shah-Patel' } })).status).toBe(200);
    const audit = (await centre.scanAll()).filter((i) => i.type === 'audit' && i.action === 'profile.field_changed');
    expect(audit).toContainEqual(
      expect.objectContaining({
        subjectId: before.subject.id,
        actor: { type: 'subject', id: before.subject.id },
        detail: expect.objectContaining({ field: 'lastName' }),
        personal: { old, new: 'Shah-Patel' },
      }),
    );
  });

  it.each([
    ['a bad postcode', { postcode: 'NOT A POSTCODE' }, 'postcode', /real UK postcode/],
    ['a bad phone number', { mobile: '12345' }, 'mobile', /UK phone number/],
    ['a blank required name', { firstName: '   ' }, 'firstName', /Enter your first name/],
    ['the email address', { email: 'new@example.com' }, 'email', /Change email address/],
    ['an unknown field', { shoeSize: '9' }, 'shoeSize', /no field/],
  ])('refuses %s with a message for that field and changes nothing', async (_name, changes, field, message) => {
    const before = await me(http);
    await centre.settle();
    const items = JSON.stringify(await centre.scanAll());
    const res = await send({ version: before.version, changes });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.details.fields).toContainEqual({ field, message: expect.stringMatching(message) });
    await centre.settle();
    expect(JSON.stringify(await centre.scanAll())).toBe(items);
  });

  it('refuses a field the employer keeps, pointing to a correction request', async () => {
    const data = await me(http);
    const employment = data.categories.find((c) => c.id === 'employment')?.records[0];
    const field = data.categories.find((c) => c.id === 'employment')?.fields.find((f) => !f.editable);
    expect(employment && field).toBeTruthy();
    const res = await send({ version: data.version, changes: { [field?.id as string]: 'Chief Everything' } }, employment?.id);
    expect(res.status).toBe(400);
    expect((await res.json()).details.fields[0].message).toMatch(/kept by your employer: ask for a correction/);
  });

  it('answers a stale version with 409 and the newest values, overwriting nothing', async () => {
    const data = await me(http);
    expect((await send({ version: data.version, changes: { town: 'Wakefield' } })).status).toBe(200);
    const stale = await send({ version: data.version, changes: { town: 'Bradford' } });
    expect(stale.status).toBe(409);
    const body = await stale.json();
    expect(body.error).toBe('conflict');
    expect(body.details.version).toBe(data.version + 1);
    expect(body.details.record.data.town).toBe('Wakefield');
    expect(identityOf(await me(http)).data.town).toBe('Wakefield');
  });

  it('lets exactly one of two racing saves of the same version win', async () => {
    const data = await me(http);
    const results = await Promise.all([
      send({ version: data.version, changes: { town: 'York' } }),
      send({ version: data.version, changes: { town: 'Hull' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results[0]?.status === 200 ? 'York' : 'Hull';
    expect(identityOf(await me(http)).data.town).toBe(winner);
  });

  it("cannot touch another subject's record, even knowing its id", async () => {
    const other = await signedIn(centre, tenant, 'tom.fletcher@example.com');
    const theirs = identityOf(await me(other));
    const mine = await me(http);
    const res = await send({ version: mine.version, changes: { town: 'Elsewhere' } }, theirs.id);
    expect(res.status).toBe(404);
    expect(identityOf(await me(other)).data.town).toBe(theirs.data.town);
  });

  it('needs a session', async () => {
    const res = await httpClient(centre.app, centre.base).post(`/api/t/${tenant}/me/corrections`, {
      recordId: 'x',
      field: 'y',
      value: 'z',
    });
    expect(res.status).toBe(401);
  });
});

describe('POST /api/t/:tenant/me/corrections', () => {
  it('files a rectification request with a reference, the legal due date and an acknowledgement', async () => {
    const http = await signedIn(centre, tenant, 'tom.fletcher@example.com');
    const data = await me(http);
    const employment = data.categories.find((c) => c.id === 'employment');
    const record = employment?.records[0];
    const field = employment?.fields.find((f) => !f.editable);
    const res = await http.post(`/api/t/${tenant}/me/corrections`, {
      recordId: record?.id,
      field: field?.id,
      value: 'Head of Operations',
      note: 'Promoted in March',
    });
    expect(res.status).toBe(201);
    const request = await res.json();
    expect(request.reference).toMatch(/^IPM-\d{4}-\d{6}$/);
    expect(request.status).toBe('received');
    expect(request.details).toMatchObject({ proposedValue: 'Head of Operations', fieldLabel: field?.label });
    expect(request.dueOn).toBe(dueDate({ received: request.receivedOn, nation: 'england-and-wales' }));
    expect(request.daysLeft).toBeGreaterThanOrEqual(28);
    expect((await me(http)).requests.map((r) => r.reference)).toContain(request.reference);
    const { waitForEmail } = await import('../support/mail.ts');
    const ack = await waitForEmail(centre.sesEndpoint, 'tom.fletcher@example.com', request.reference);
    expect(ack.subject).toContain(request.reference);
  });

  it('refuses an empty value and an unknown record', async () => {
    const http = await signedIn(centre, tenant, 'gareth.evans@example.co.uk');
    const data = await me(http);
    const record = identityOf(data);
    const empty = await http.post(`/api/t/${tenant}/me/corrections`, { recordId: record.id, field: 'firstName', value: ' ' });
    expect(empty.status).toBe(400);
    const unknown = await http.post(`/api/t/${tenant}/me/corrections`, { recordId: 'nope', field: 'firstName', value: 'x' });
    expect(unknown.status).toBe(404);
  });
});
