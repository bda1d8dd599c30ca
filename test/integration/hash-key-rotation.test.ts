import { createHmac, randomBytes } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoRekeyStore } from '../../functions/adapters/dynamo/rekey-store.ts';
import { jobHandler } from '../../functions/jobs/handler.ts';
import { LOCAL_HASH_KEY } from '../../functions/local/runtime.ts';
import { keyedHash, seal } from '../../shared/crypto.ts';
import { erasedMarker, erasedMarkerLookups } from '../../shared/fulfilment/erase.ts';
import { nextHashKeySecret } from '../../shared/hash-keys.ts';
import type { RekeyResult } from '../../shared/jobs/rekey-hashes.ts';
import { rekeyHashes } from '../../shared/jobs/rekey-hashes.ts';
import { applyFeedback } from '../../shared/mail/feedback.ts';
import { mayWeSendTo, suppressionListFor } from '../../shared/marketing/mailer.ts';
import { mayWeSend, stopAllMarketing } from '../../shared/marketing/preferences.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { adminClient, enrolledSecret, freshCode, requestStaffToken, signedInStaff } from '../support/staff.ts';

/**
 * A HASH_KEY rotation against DynamoDB Local: a centre writes under the original key (version 1,
 * the secret's bare form), then a second deployment of the same table runs with the rotated
 * secret ({"current": 2, ...}) and a TOTP_KEY of its own, before and after the re-key job.
 */

const slug = 'it-mk';
const subjectEmail = 'alex.morgan@example.com';
const bounced = `bounced-${randomBytes(3).toString('hex')}@example.net`;
const erasedEmail = `erased-${randomBytes(3).toString('hex')}@example.net`;
const staffEmail = 'info@it-mk.example';
const rotated = nextHashKeySecret(LOCAL_HASH_KEY, randomBytes(32).toString('hex'));
const clock = testClock();

let before: TestCentre;
let after: TestCentre;
let subjectId: string;
let totpSecret: string;
let recoveryCodes: string[];
let listedBefore: number;

const tenantOf = (centre: TestCentre) => centre.tenants.get(slug)!;
const marketingVerdict = (centre: TestCentre) =>
  mayWeSend(centre.deps, { tenant: tenantOf(centre), subjectId, channel: 'email', topic: 'security-bulletins' });
const bouncedAgain = (centre: TestCentre) =>
  applyFeedback(centre.deps, { action: 'suppress', tenant: slug, reason: 'hard bounce', addresses: [bounced], detail: {} });
const hashedItems = async (centre: TestCentre) =>
  (await centre.scanAll()).filter(
    (i) => (i.type === 'suppression' || i.type === 'email') && String(i.pk).startsWith(`T#${slug}#`),
  );
const hashOf = (item: Record<string, unknown>) => String(item.pk).split('#').at(-1)!;
/** An objection recorded before the list had per-tenant keys: HASH_KEY's own hash of `suppress:<tenant>:email:<address>`. */
const legacyEmail = `legacy-${randomBytes(3).toString('hex')}@example.net`;
const legacyEntry = keyedHash(LOCAL_HASH_KEY, `suppress:${slug}:email:${legacyEmail}`);
/** What a mail tool does with the list (README, "Mail tools"): key 1 on the address, then each later key on the hex before. */
type MailerList = Awaited<ReturnType<typeof suppressionListFor>>;
const mailToolMatches = (list: MailerList, address: string) => {
  let hex = `email:${address.trim().toLowerCase()}`;
  const found: number[] = [];
  for (const v of list.versions) {
    hex = createHmac('sha256', v.key).update(hex).digest('hex');
    if (v.hashes.includes(hex)) found.push(v.version);
  }
  return found;
};
const listOf = (centre: TestCentre) => suppressionListFor(centre.deps, tenantOf(centre));

async function signInStaff(centre: TestCentre, code: { code?: string; recoveryCode?: string }) {
  const http = adminClient(centre);
  const token = await requestStaffToken(centre, slug, staffEmail, http);
  const verified = await http.post(`/api/t/${slug}/admin/auth/verify`, { token });
  expect(verified.status).toBe(200);
  expect((await verified.json()).next).toBe('second-factor');
  return { http, res: await http.post(`/api/t/${slug}/admin/auth/second-factor`, code) };
}
const secondFactor = async (centre: TestCentre, code: { code?: string; recoveryCode?: string }) =>
  (await signInStaff(centre, code)).res;

/** One ticket of a person the import creates, as another system exports it. */
const importedEmail = `imported-${randomBytes(3).toString('hex')}@example.com`;
const importFile = [
  'email,sourceKey,recordedOn,reference,channel,subject,summary,status',
  `${importedEmail},HALO-9001,2026-01-05,HALO-9001,Phone,Printer,Cleared,Closed`,
].join('\n');
const importOnce = (http: ReturnType<typeof adminClient>) =>
  http.post(`/api/t/${slug}/admin/imports`, {
    format: 'csv',
    category: 'support-tickets',
    system: 'halo-psa',
    dryRun: false,
    content: importFile,
  });

beforeAll(async () => {
  before = await startTestCentre({ clock });
  subjectId = (await before.deps.subjects.findIdByEmail(slug, subjectEmail))!;
  expect(subjectId).toBeDefined();
  // Under version 1: an objection to marketing, a hard bounce, an erasure marker, an enrolled member of staff.
  await stopAllMarketing(before.deps, { tenant: tenantOf(before), subjectId, source: 'portal' });
  expect(await bouncedAgain(before)).toEqual({ suppressed: 1, already: 0 });
  await before.deps.suppressions.add(slug, [erasedMarker(before.deps.settings.hashKeys, slug, erasedEmail)], 'erased', {
    audit: [],
  });
  await before.deps.suppressions.add(slug, [legacyEntry], 'objection to direct marketing', { audit: [] });
  const staff = await signedInStaff(before, slug, staffEmail);
  recoveryCodes = staff.recoveryCodes;
  const imported = await importOnce(staff);
  expect(imported.status, await imported.clone().text()).toBe(200);
  expect((await imported.json()).counts).toMatchObject({ created: 1, subjectsCreated: 1 });
  totpSecret = enrolledSecret(before, slug, staffEmail)!;
  // As a centre from before TOTP_KEY existed sealed it: under HASH_KEY (`v1.`).
  await before.db.doc.send(
    new UpdateCommand({
      TableName: before.db.table,
      Key: { pk: `T#${slug}#STAFF`, sk: `M#${staffEmail}` },
      UpdateExpression: 'SET totpSecret = :sealed',
      ExpressionAttributeValues: { ':sealed': seal(LOCAL_HASH_KEY, totpSecret) },
    }),
  );
  await before.stop();
  // The rotated deployment: same table, HASH_KEY version 2 current, TOTP_KEY its own.
  after = await startTestCentre({
    clock,
    tableName: before.db.table,
    seed: false,
    hashKey: rotated,
    totpKey: randomBytes(32).toString('hex'),
  });
}, 120_000);
afterAll(() => after?.stop());

describe('rotating HASH_KEY: before the re-key job', () => {
  it('stored hashes are all version 1 (bare, or `s1:` for per-tenant suppression entries), and the rotated centre writes version 2', async () => {
    const items = await hashedItems(after);
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((i) => /^(s1:)?[0-9a-f]{64}$/.test(hashOf(i)))).toBe(true);
    expect(items.filter((i) => hashOf(i).startsWith('s1:')).length).toBeGreaterThanOrEqual(2);
    expect(after.deps.settings.hashKeys.current).toBe(2);
  });

  it('the mail tools’ list gives a key for each version, and the entries under version 1 still match', async () => {
    const list = await listOf(after);
    expect(list.current).toBe(2);
    expect(list.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(list.versions[1]!.hashes).toEqual([]);
    expect(mailToolMatches(list, subjectEmail)).toEqual([1]);
    expect(mailToolMatches(list, bounced)).toEqual([1]);
    // Neither the erasure marker nor the entry from before per-tenant keys is on the mail tools' list.
    listedBefore = list.versions[0]!.hashes.length;
    const perTenant = (await hashedItems(after)).filter((i) => i.type === 'suppression' && hashOf(i).startsWith('s1:'));
    expect(listedBefore).toBe(perTenant.length);
    expect(mailToolMatches(list, 'someone.else@example.com')).toEqual([]);
  });

  it('an objection from before the per-tenant keys is still honoured by the rotated centre', async () => {
    const tenant = tenantOf(after);
    expect(await mayWeSendTo(after.deps, tenant, { address: legacyEmail, channel: 'email', topic: 'security-bulletins' })).toBe(
      false,
    );
  });

  it('a suppressed address stays suppressed, the bounced one stays on the list, the erased one is still known', async () => {
    expect(await marketingVerdict(after)).toEqual({ allowed: false, reason: 'suppressed' });
    expect(await bouncedAgain(after)).toEqual({ suppressed: 0, already: 1 });
    expect(await after.deps.suppressions.has(slug, erasedMarkerLookups(after.deps.settings.hashKeys, slug, erasedEmail))).toBe(
      true,
    );
    expect(await after.deps.suppressions.has(slug, [erasedMarker(after.deps.settings.hashKeys, slug, erasedEmail)])).toBe(false);
  });

  it('a person indexed under version 1 cannot be created again under version 2', async () => {
    const made = await after.deps.subjects.create(
      { id: 'dup', tenant: slug, email: subjectEmail, relationship: { startedOn: '2026-01-01' }, createdAt: '', version: 0 },
      [],
      { audit: [] },
    );
    expect(made).toBe(false);
    expect(await after.deps.subjects.get(slug, 'dup')).toBeUndefined();
  });

  it('signing in by email still finds the person', async () => {
    const http = await signedIn(after, slug, subjectEmail);
    const me = await http.get(`/api/t/${slug}/me`);
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).toContain(subjectEmail);
  });

  it('a staff TOTP secret sealed under HASH_KEY still works, and is sealed under TOTP_KEY after that first good code', async () => {
    const res = await secondFactor(after, { code: await freshCode(after, slug, staffEmail, totpSecret) });
    expect(res.status, await res.clone().text()).toBe(200);
    const member = await after.deps.staff.get(slug, staffEmail);
    expect(member?.totpSecret).toMatch(/^t1\./);
    expect(member?.totpSecret).not.toContain(totpSecret);
    const audit = (await after.scanAll()).filter((i) => i.type === 'audit' && i.action === 'staff.second_factor_resealed');
    expect(audit).toHaveLength(1);
    // The next code opens the new seal.
    clock.advance(30);
    const again = await secondFactor(after, { code: await freshCode(after, slug, staffEmail, totpSecret) });
    expect(again.status).toBe(200);
  });

  it('a recovery code made under version 1 still works (once)', async () => {
    const { http, res } = await signInStaff(after, { recoveryCode: recoveryCodes[0]!.replace('-', '') });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await after.deps.staff.get(slug, staffEmail))?.recoveryCodes).toHaveLength(9);
    // A re-import finds the person and the record made under version 1: nothing new.
    const again = await importOnce(http);
    expect(again.status, await again.clone().text()).toBe(200);
    expect((await again.json()).counts).toMatchObject({ created: 0, unchanged: 1, subjectsCreated: 0 });
  });
});

describe('the re-key job', () => {
  let first: RekeyResult;

  it('stops when its time is up and resumes where it stopped', async () => {
    const small = { ...after.deps, rekeying: dynamoRekeyStore(after.db, 5) };
    first = await rekeyHashes(small, { budgetMs: 0, log: () => {} });
    expect(first).toMatchObject({ version: 2, done: false, resumed: false });
    const second = await rekeyHashes(small, { budgetMs: 0, log: () => {} });
    expect(second).toMatchObject({ done: false, resumed: true });
    expect(second.scanned).toBeGreaterThan(first.scanned);
  });

  it('moves every hash to version 2 when run to the end, with its progress logged and its moves audited', async () => {
    const lines: string[] = [];
    const result = (await jobHandler(after.deps, (line) => lines.push(line))({ job: 'rekey-hashes' })) as RekeyResult;
    expect(result).toMatchObject({ version: 2, done: true, resumed: true });
    expect(result.moved.suppression).toBeGreaterThanOrEqual(3);
    expect(result.moved.email).toBeGreaterThan(0);
    expect(result.moved['recovery-codes']).toBe(1);
    const items = await hashedItems(after);
    // Per-tenant suppression entries move along the tenant's own keys (`s2:`), every other hash along HASH_KEY's (`k2:`).
    expect(items.every((i) => /^[ks]2:[0-9a-f]{64}$/.test(hashOf(i)))).toBe(true);
    expect(items.filter((i) => hashOf(i).startsWith('s2:')).length).toBeGreaterThanOrEqual(2);
    expect(items.map(hashOf)).toContain(`k2:${keyedHash(JSON.parse(rotated).keys['2'], legacyEntry)}`);
    const audit = (await after.scanAll()).filter((i) => i.type === 'audit' && i.action === 'security.hashes_rekeyed');
    expect(audit.length).toBeGreaterThan(0);
    expect(audit.every((e) => (e.detail as { version: number }).version === 2)).toBe(true);
    // Counts only: no address, no hash in the audit trail.
    expect(JSON.stringify(audit.map((e) => e.detail))).not.toMatch(/@|[0-9a-f]{64}/);
  });

  it('run again, moves nothing (a new pass, finding everything current)', async () => {
    const again = (await jobHandler(after.deps, () => {})({ job: 'rekey-hashes' })) as RekeyResult;
    expect(again).toMatchObject({ done: true, resumed: false, moved: { suppression: 0, email: 0, 'recovery-codes': 0 } });
  });
});

describe('rotating HASH_KEY: after the re-key job', () => {
  it('the suppressed, bounced and erased addresses are found under version 2 alone', async () => {
    expect(await marketingVerdict(after)).toEqual({ allowed: false, reason: 'suppressed' });
    expect(await bouncedAgain(after)).toEqual({ suppressed: 0, already: 1 });
    expect(
      await mayWeSendTo(after.deps, tenantOf(after), { address: legacyEmail, channel: 'email', topic: 'security-bulletins' }),
    ).toBe(false);
    expect(await after.deps.suppressions.has(slug, [erasedMarker(after.deps.settings.hashKeys, slug, erasedEmail)])).toBe(true);
  });

  it('the mail tools’ list holds the same addresses, now under version 2, matched by chaining the two keys', async () => {
    const list = await listOf(after);
    expect(list.versions[0]!.hashes).toEqual([]);
    expect(list.versions[1]!.hashes).toHaveLength(listedBefore);
    expect(mailToolMatches(list, subjectEmail)).toEqual([2]);
    expect(mailToolMatches(list, bounced)).toEqual([2]);
    // A new objection is written under version 2 and listed there.
    const fresh = `fresh-${randomBytes(3).toString('hex')}@example.net`;
    await applyFeedback(after.deps, { action: 'suppress', tenant: slug, reason: 'hard bounce', addresses: [fresh], detail: {} });
    expect(mailToolMatches(await listOf(after), fresh)).toEqual([2]);
  });

  it('signing in by email still finds the person, and staff codes still work', async () => {
    expect((await (await signedIn(after, slug, subjectEmail)).get(`/api/t/${slug}/me`)).status).toBe(200);
    clock.advance(30);
    expect((await secondFactor(after, { code: await freshCode(after, slug, staffEmail, totpSecret) })).status).toBe(200);
    expect((await secondFactor(after, { recoveryCode: recoveryCodes[1]!.replace('-', '') })).status).toBe(200);
  });
});
