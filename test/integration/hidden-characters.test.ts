import { describe, expect, it } from 'vitest';
import type { MyDataResponse } from '../../shared/portal-api.ts';
import { useTestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { signedInStaff } from '../support/staff.ts';

/**
 * Names with characters that change how text shows without being seen (a right-to-left override,
 * a zero-width space) are refused with a plain message, and nothing is changed (issue 18).
 */
const slug = 'it-mk';
const s = useTestCentre();

const RLO = '\u202E';
const ZWSP = '\u200B';
const message = (label: string) => `${label} has hidden characters (text-direction or zero-width marks): type it afresh.`;

describe('names with hidden characters', () => {
  it('a person correcting their own name: refused, the field named, nothing saved', async () => {
    const http = await signedIn(s.centre, slug, 'alex.morgan@example.com');
    const before: MyDataResponse = await (await http.get(`/api/t/${slug}/me`)).json();
    const identity = before.categories.find((c) => c.id === 'identity')?.records[0];
    if (!identity) return expect.fail('no identity record');
    const items = await s.centre.settledCount();
    const res = await http.patch(`/api/t/${slug}/me/records/${identity.id}`, {
      version: before.version,
      changes: { lastName: `Mor${ZWSP}gan` },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.details.fields).toEqual([{ field: 'lastName', message: message('Last name') }]);
    const after: MyDataResponse = await (await http.get(`/api/t/${slug}/me`)).json();
    expect(after.version).toBe(before.version);
    expect(after.categories.find((c) => c.id === 'identity')?.records[0]?.data).toEqual(identity.data);
    // Reading /me again writes its audited read; no field change was written.
    const changed = (await s.centre.scanAll()).slice(items).filter((i) => i.action === 'profile.field_changed');
    expect(changed).toEqual([]);
  });

  it('an admin adding a member of staff: refused, no one added', async () => {
    const admin = await signedInStaff(s.centre, slug, 'info@it-mk.example');
    const email = 'new.starter@it-mk.example';
    const res = await admin.put(`/api/t/${slug}/admin/staff/${encodeURIComponent(email)}`, {
      name: `Sam ${RLO}rolyaT`,
      role: 'admin',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).details.fields).toEqual([{ field: 'name', message: message('The name') }]);
    const list = await (await admin.get(`/api/t/${slug}/admin/staff`)).json();
    expect(list.staff.map((s: { email: string }) => s.email)).not.toContain(email);
  });

  it('still takes names with accents and other scripts', async () => {
    const admin = await signedInStaff(s.centre, slug, 'info@it-mk.example');
    const res = await admin.put(`/api/t/${slug}/admin/staff/${encodeURIComponent('zoe@it-mk.example')}`, {
      name: 'Zoë Ångström-Nguyễn 陳',
      role: 'viewer',
    });
    expect(res.status).toBe(200);
  });
});
