import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localMailerSecrets } from '../../functions/local/mailer-secrets.ts';
import { SIGNATURE_HEADER, sign, TIMESTAMP_HEADER } from '../../shared/marketing/mailer-signature.ts';
import { stopAllMarketing } from '../../shared/marketing/preferences.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';

/**
 * The mailer API against DynamoDB Local: the MSP's mail tools, signing each call with their
 * tenant's secret, ask "may we send", fetch the suppression list and match their own addresses
 * against it, and hand over opt-outs from a CRM. IT-MK markets under legitimate interests:
 * Rachel is a member (soft opt-in for security bulletins by email), Alex a job applicant.
 */
const slug = 'it-mk';
let centre: TestCentre;
let secrets: Record<string, string>;
beforeAll(async () => {
  centre = await startTestCentre();
  secrets = localMailerSecrets(['it-mk', 'the-one-point']);
}, 60_000);
afterAll(() => centre.stop());

const base = `/api/t/${slug}/mailer`;
async function call(method: string, path: string, body?: unknown, opts: { secret?: string; at?: number } = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const ts = String(Math.floor((opts.at ?? Date.now()) / 1000));
  return centre.app.request(path, {
    method,
    headers: {
      [TIMESTAMP_HEADER]: ts,
      [SIGNATURE_HEADER]: sign(opts.secret ?? (secrets[slug] as string), ts, method, path, text),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : text,
  });
}
const may = async (address: string, channel = 'email', topic = 'security-bulletins') => {
  const res = await call('POST', `${base}/may-we-send`, { address, channel, topic });
  expect(res.status).toBe(200);
  return ((await res.json()) as { send: boolean }).send;
};
const tenant = () => centre.deps.tenants.get(slug) as TenantConfig;
const idOf = async (email: string) => (await centre.deps.subjects.findIdByEmail(slug, email)) as string;

describe('the mailer API', () => {
  it('refuses a call that is unsigned, signed with another secret or another tenant’s, or outside the five minutes', async () => {
    const question = { address: 'rachel.hughes@example.co.uk', channel: 'email', topic: 'security-bulletins' };
    const unsigned = await centre.app.request(`${base}/may-we-send`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(question),
    });
    expect(unsigned.status).toBe(401);
    expect((await call('POST', `${base}/may-we-send`, question, { secret: 'x'.repeat(43) })).status).toBe(401);
    expect((await call('POST', `${base}/may-we-send`, question, { secret: secrets['the-one-point'] })).status).toBe(401);
    expect((await call('POST', `${base}/may-we-send`, question, { at: Date.now() - 6 * 60_000 })).status).toBe(401);
    expect((await call('POST', `${base}/may-we-send`, question)).status).toBe(200);
  });

  it('answers yes or no only: a member by email yes; an applicant, post, or a stranger no', async () => {
    expect(await may('Rachel.Hughes@example.co.uk')).toBe(true);
    expect(await may('rachel.hughes@example.co.uk', 'post')).toBe(false);
    expect(await may('alex.morgan@example.com')).toBe(false);
    expect(await may('nobody.known@example.org')).toBe(false);
    expect(await may('rachel.hughes@example.co.uk', 'email', 'no-such-topic')).toBe(false);
    const res = await call('POST', `${base}/may-we-send`, {
      address: 'nobody.known@example.org',
      channel: 'email',
      topic: 'security-bulletins',
    });
    expect(Object.keys(await res.json())).toEqual(['send']);
  });

  it('gives the suppression list with its key, so a mail tool matches its own addresses, and no address in it', async () => {
    await stopAllMarketing(centre.deps, { tenant: tenant(), subjectId: await idOf('james.patel@example.com'), source: 'portal' });
    const res = await call('GET', `${base}/suppressions`);
    expect(res.status).toBe(200);
    type List = { current: number; versions: { version: number; key: string; hashes: string[] }[] };
    const list = (await res.json()) as List;
    expect(JSON.stringify(list)).not.toMatch(/@|james|patel/i);
    // One HASH_KEY version here: one key, every entry under it.
    expect(list.current).toBe(1);
    expect(list.versions.map((v) => v.version)).toEqual([1]);
    const [v1] = list.versions as [List['versions'][number]];
    // The mail tool's side, from the README: HMAC-SHA256 with the key of "email:" + the address lowercased.
    const mine = (address: string, key = v1.key) =>
      createHmac('sha256', key).update(`email:${address.trim().toLowerCase()}`).digest('hex');
    expect(v1.hashes).toContain(mine(' James.Patel@example.com'));
    expect(v1.hashes).not.toContain(mine('rachel.hughes@example.co.uk'));
    expect(await may('james.patel@example.com')).toBe(false);
    // Another tenant's list is keyed apart: nothing of IT-MK's matches there.
    const other = (await (
      await call('GET', '/api/t/the-one-point/mailer/suppressions', undefined, { secret: secrets['the-one-point'] })
    ).json()) as List;
    expect(other.versions[0]!.key).not.toBe(v1.key);
    expect(other.versions[0]!.hashes).not.toContain(mine('james.patel@example.com'));
  });

  it('imports opt-outs from a CRM: on the ledger for a known person, on the suppression list for anyone else', async () => {
    const content = [
      'address,channel,topic,date,source',
      'rachel.hughes@example.co.uk,email,security-bulletins,2026-01-10,HubSpot',
      'former.member@example.net,*,*,2025-06-01,HubSpot',
      'bad-address,email,security-bulletins,2026-01-10,HubSpot',
      'rachel.hughes@example.co.uk,fax,security-bulletins,2026-01-10,HubSpot',
    ].join('\n');
    const res = await call('POST', `${base}/opt-outs`, { content });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report).toMatchObject({ rows: 4, applied: 2 });
    expect(report.errors.map((e: { line: number }) => e.line)).toEqual([4, 5]);
    expect(await may('rachel.hughes@example.co.uk')).toBe(false);
    expect(await may('former.member@example.net')).toBe(false);
    const rachel = await idOf('rachel.hughes@example.co.uk');
    const ledger = (await centre.scanAll()).filter((i) => i.type === 'consent' && i.subjectId === rachel);
    expect(ledger.at(-1)).toMatchObject({ source: 'import', granted: false, at: '2026-01-10T00:00:00.000Z' });
    const audits = (await centre.scanAll()).filter((i) => i.type === 'audit' && i.tenant === slug);
    expect(audits).toContainEqual(
      expect.objectContaining({
        action: 'marketing.withdrawn',
        subjectId: rachel,
        detail: expect.objectContaining({ source: 'import', from: 'HubSpot' }),
      }),
    );
    expect(audits).toContainEqual(
      expect.objectContaining({ action: 'marketing.suppressed', personal: { email: 'former.member@example.net' } }),
    );
    // The same file again changes nothing.
    const before = (await centre.scanAll()).length;
    await call('POST', `${base}/opt-outs`, { content });
    expect((await centre.scanAll()).length).toBe(before);
  });
});
