import { describe, expect, it } from 'vitest';
import type { MyDataResponse } from '../../shared/portal-api.ts';
import { useTestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';

const email = 'alex.morgan@example.com';
const s = useTestCentre();

const myData = async (tenant: string): Promise<{ res: Response; body: MyDataResponse }> => {
  const http = await signedIn(s.centre, tenant, email);
  const res = await http.get(`/api/t/${tenant}/me`);
  return { res, body: await res.json() };
};

describe('GET /api/t/:tenant/me', () => {
  it('lists every category of the policy with the Art. 15 information', async () => {
    const { res, body } = await myData('inflection-point');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    const policy = s.centre.bundles.find((b) => b.config.slug === 'inflection-point')?.config;
    expect(body.categories.map((c) => c.id)).toEqual(policy?.categories.map((c) => c.id));
    for (const c of body.categories) {
      expect(c.name).not.toBe('');
      expect(c.purpose).not.toBe('');
      expect(c.lawfulBasis.label).not.toBe('');
      expect(c.source).not.toBe('');
      expect(c.recipients.length).toBeGreaterThan(0);
      expect(c.retention.summary).not.toBe('');
      expect(Array.isArray(c.records)).toBe(true);
    }
    expect(body.subject.email).toBe(email);
    expect(body.subject.name).toBe('Alex Morgan');
  });

  it('holds exactly the records the demo data gives this subject, with deletion dates', async () => {
    const { body } = await myData('northgate-it');
    const demo = s.centre.bundles.find((b) => b.config.slug === 'northgate-it')?.demo?.subjects.find((s) => s.email === email);
    const total = body.categories.reduce((n, c) => n + c.records.length, 0);
    expect(total).toBe(demo?.records.length);
    const recordings = body.categories.find((c) => c.id === 'call-recordings');
    for (const r of recordings?.records ?? []) {
      // three months after the call
      const expected = new Date(`${r.recordedOn}T00:00:00Z`);
      expected.setUTCMonth(expected.getUTCMonth() + 3);
      expect(r.deleteOn?.slice(0, 7)).toBe(expected.toISOString().slice(0, 7));
    }
  });

  it('shows the same person different data at different tenants (isolation)', async () => {
    const a = (await myData('inflection-point')).body;
    const b = (await myData('it-mk')).body;
    expect(a.subject.id).not.toBe(b.subject.id);
    const values = (d: MyDataResponse) =>
      new Set(d.categories.flatMap((c) => c.records.flatMap((r) => Object.values(r.data).map(String))));
    const onlyA = [...values(a)].filter((v) => !values(b).has(v) && v.length > 6);
    expect(onlyA.length).toBeGreaterThan(0);
    const idsA = new Set(a.categories.flatMap((c) => c.records.map((r) => r.id)));
    expect(b.categories.flatMap((c) => c.records.map((r) => r.id)).some((id) => idsA.has(id))).toBe(false);
  });
});
