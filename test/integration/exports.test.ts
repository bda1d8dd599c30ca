import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataRecord } from '../../shared/entities.ts';
import type { StaffExportList, SubjectExportList } from '../../shared/exports/export-api.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { startTestCentre, type TestCentre, testClock } from '../support/centre.ts';
import { waitForEmail } from '../support/mail.ts';
import { signedIn } from '../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../support/staff.ts';
import { actOnLatest } from '../support/staff-centre.ts';

/** Access and portability exports, from the staff's "prepare" to the subject's ZIP, against the real stand-ins. */
const slug = 'it-mk';
const email = 'rachel.hughes@example.co.uk';
const admin = (path: string) => `/api/t/${slug}/admin${path}`;
const clock = testClock(new Date('2026-03-02T10:00:00Z'));
let centre: TestCentre;
let tenant: TenantConfig;
let subject: Awaited<ReturnType<typeof signedIn>>;
let handler: StaffClient;
let subjectId: string;

/** Awkward values a CSV must survive. */
const awkward: DataRecord = {
  id: 'ticket-awkward',
  category: 'support-tickets',
  recordedOn: '2026-02-20',
  data: {
    reference: 'T-9001',
    channel: 'email',
    subject: '=HYPERLINK("http://evil.example","click")',
    summary: 'Printer says "paper jam", again,\nthen stops',
    status: 'closed',
  },
};

beforeAll(async () => {
  centre = await startTestCentre({ clock });
  tenant = centre.deps.tenants.get(slug) as TenantConfig;
  subject = await signedIn(centre, slug, email);
  handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
  subjectId = (await (await subject.get(`/api/t/${slug}/me`)).json()).subject.id;
  await centre.deps.subjects.putRecords({ tenant: slug, subjectId, records: [awkward], effects: { audit: [] } });
});
afterAll(() => centre.stop());

/**
 * Files a new request of the kind. A second open one of the same kind and scope would be a
 * duplicate (it gives back the first), so the subject's open ones of that kind are withdrawn first.
 */
async function file(kind: 'access' | 'portability') {
  const request = kind === 'access' ? { kind, scope: 'everything' } : { kind, scope: 'everything' };
  const { requests } = await (await subject.get(`/api/t/${slug}/me/requests`)).json();
  for (const r of requests as { id: string; kind: string; open: boolean }[])
    if (r.kind === kind && r.open) await subject.post(`/api/t/${slug}/me/requests/${r.id}/withdraw`, {});
  const res = await subject.post(`/api/t/${slug}/me/requests`, { idempotencyKey: randomUUID(), request });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()).id as string;
}
const exportsPath = (requestId: string) => admin(`/subjects/${subjectId}/requests/${requestId}/exports`);
const myExportsPath = (requestId: string) => `/api/t/${slug}/me/requests/${requestId}/exports`;

/** Staff start an export and the local stream stand-in builds it; returns the finished job. */
async function prepare(requestId: string, client = handler) {
  const started = await client.post(exportsPath(requestId));
  expect(started.status, await started.clone().text()).toBe(202);
  const body = (await started.json()) as StaffExportList;
  // The stream stand-in may have built it (or failed to) before the answer was made.
  expect(body.exports[0]?.status).toMatch(/queued|building|ready|failed/);
  await centre.buildExports();
  const list = (await (await client.get(exportsPath(requestId))).json()) as StaffExportList;
  return list.exports[0] as StaffExportList['exports'][number];
}

async function download(requestId: string) {
  const { exports } = (await (await subject.get(myExportsPath(requestId))).json()) as SubjectExportList;
  const ready = exports.find((e) => e.status === 'ready');
  expect(ready?.downloadUrl).toBeDefined();
  const res = await subject.get(ready?.downloadUrl as string);
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toBe('application/zip');
  expect(res.headers.get('Cache-Control')).toBe('no-store');
  expect(res.headers.get('Content-Disposition')).toMatch(/^attachment; filename="ITMK-\d{4}-\d{6}-(your|portable)-data\.zip"$/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect(bytes.length).toBe(ready?.size);
  const files = unzipSync(bytes);
  expect(storedCrcs(bytes)).toEqual(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, crc32(content)])));
  return Object.fromEntries(Object.entries(files).map(([name, content]) => [name, strFromU8(content)]));
}

/** Each entry's CRC-32 as the ZIP's central directory states it (fflate's unzip does not check them). */
function storedCrcs(zip: Uint8Array): Record<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.lastIndexOf(0x50, zip.length - 22); // the end-of-central-directory record, no comment
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const crcs: Record<string, number> = {};
  for (let at = view.getUint32(end + 16, true), n = view.getUint16(end + 10, true); n > 0; n--) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    crcs[strFromU8(zip.subarray(at + 46, at + 46 + nameLength))] = view.getUint32(at + 16, true);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return crcs;
}

/** A minimal RFC 4180 reader, enough to check what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted && ch === '"' && body[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted) {
      if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

describe('an access export', () => {
  it('is prepared by staff, emailed to the subject, downloaded and holds every record with its facts', async () => {
    const topic = tenant.marketing.topics[0]?.id as string;
    const choice = await subject.put(`/api/t/${slug}/me/marketing`, { changes: [{ channel: 'email', topic, granted: false }] });
    expect(choice.status).toBe(200);
    const requestId = await file('access');
    const job = await prepare(requestId);
    expect(job).toMatchObject({ kind: 'access', status: 'ready', requestedBy: 'Sam Taylor', expired: false });
    expect(job.progress).toMatchObject({ step: 'done', categoriesDone: tenant.categories.length });

    const { reference } = await (await subject.get(`/api/t/${slug}/me/requests/${requestId}`)).json();
    const mail = await waitForEmail(centre.sesEndpoint, email, [centre.base, `in request ${reference} is ready`]);
    expect(mail.subject).toBe(`Your data is ready to download (${reference})`);
    expect(mail.body.text).toContain(`${centre.base}/t/${slug}/requests/${requestId}`);
    expect(mail.body.text).toContain('The download works until 9 March 2026.');
    expect(mail.body.text).not.toContain('/download');

    const stored = await centre.deps.subjects.listRecords(slug, subjectId);
    const files = await download(requestId);
    expect(Object.keys(files).sort()).toEqual(
      ['data.json', 'summary.html', ...tenant.categories.map((c) => `${c.id}.csv`)].sort(),
    );

    // data.json: every stored record, under its category with the Art. 15 facts.
    const data = JSON.parse(files['data.json'] as string);
    expect(data).toMatchObject({
      kind: 'access',
      subject: { id: subjectId, email },
      controller: { legalName: tenant.legalName },
    });
    const byId = new Map<string, { category: string; data: unknown }>();
    for (const category of data.categories) {
      const policy = tenant.categories.find((c) => c.id === category.id);
      expect(category).toMatchObject({ purpose: policy?.purpose, source: policy?.source, recipients: policy?.recipients });
      expect(category.lawfulBasis.code).toBe(policy?.lawfulBasis);
      expect(category.recordCount).toBe(category.records.length);
      for (const r of category.records) byId.set(r.id, { category: category.id, data: r.data });
    }
    expect(data.categories.map((c: { id: string }) => c.id).sort()).toEqual(tenant.categories.map((c) => c.id).sort());
    for (const record of stored) expect(byId.get(record.id)).toEqual({ category: record.category, data: record.data });

    // One CSV per category: the policy's labels as the header, a row per record, cells escaped and defused.
    for (const category of tenant.categories) {
      const rows = parseCsv(files[`${category.id}.csv`] as string);
      expect(rows[0]).toEqual(['Record id', 'Recorded on', ...category.fields.map((f) => f.label)]);
      const mine = stored.filter((r) => r.category === category.id);
      if (category.id !== 'marketing-preferences') expect(rows.length - 1).toBe(mine.length);
      for (const record of mine) {
        const row = rows.find((r) => r[0] === record.id);
        expect(row?.slice(2)).toEqual(
          category.fields.map((f) => {
            const v = record.data[f.id];
            const text = v === undefined ? '' : String(v);
            return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
          }),
        );
      }
    }
    // The marketing rows: the consent ledger, each change with the wording of its time.
    const ledger = await centre.deps.consents.list(slug, subjectId);
    expect(ledger.length).toBeGreaterThan(0);
    const marketing = parseCsv(files['marketing-preferences.csv'] as string);
    const wordingColumn = marketing[0]?.indexOf('The wording at the time') ?? -1;
    expect(wordingColumn).toBeGreaterThan(1);
    for (const event of ledger) {
      expect(marketing.find((r) => r[0] === event.id)?.[wordingColumn]).toBe(event.wording);
    }
    const tickets = parseCsv(files['support-tickets.csv'] as string);
    const evil = tickets.find((r) => r[0] === 'ticket-awkward');
    expect(evil?.[4]).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(evil?.[5]).toBe('Printer says "paper jam", again,\nthen stops');

    // summary.html: the cover note of what was searched, and the Art. 15 facts of every category.
    const summary = files['summary.html'] as string;
    expect(summary).toContain('What we searched');
    for (const category of tenant.categories) {
      expect(summary).toContain(category.name.replace(/&/g, '&amp;'));
      expect(summary).toContain(category.retention.summary.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
    }
    expect(summary).toContain('Lawful basis');
    expect(summary).toContain('Who receives it');
    expect(summary).toContain('Automated decision-making');
    // IT-MK's policy has its own words on automated decisions: the summary quotes them, as "your data" does.
    expect(tenant.automatedDecisions).toBeTruthy();
    expect(summary).toContain(`Our privacy policy says: “${tenant.automatedDecisions}”`);
    expect(summary).not.toContain('Our privacy policy describes no decisions');
    expect(summary).toContain('Information Commissioner');
    expect(summary).toContain('ico.org.uk/make-a-complaint');
    expect(summary).toContain('0303 123 1113');

    // Start, ready and download are on the audit trail, and the email delivery too.
    const events = (await centre.deps.trail.listForSubject(slug, subjectId)).filter((e) => e.detail?.requestId === requestId);
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['export.started', 'export.ready', 'export.downloaded', 'mail.sent']),
    );
  });

  it('stays open to a single build at a time and only for open access or portability requests', async () => {
    const requestId = await file('access');
    // A build under way: another builder holds the job (so the stream stand-in leaves it alone).
    const now = clock.now();
    await centre.deps.exports.create(
      {
        id: randomUUID(),
        tenant: slug,
        subjectId,
        requestId,
        kind: 'access',
        status: 'building',
        requestedBy: 'sam.taylor@staff.example',
        createdAt: now.toISOString(),
        progress: { step: 'json', records: 0, categoriesDone: 0, categoriesTotal: 6 },
        attempts: 1,
        leaseUntil: Math.floor(now.getTime() / 1000) + 3600,
        expiresAt: Math.floor(now.getTime() / 1000) + 86_400,
        version: 2,
      },
      { audit: [] },
    );
    const again = await handler.post(exportsPath(requestId));
    expect(again.status).toBe(409);
    expect((await again.json()).message).toBe('An export of this request is being prepared already.');

    const erasure = await subject.post(`/api/t/${slug}/me/requests`, {
      idempotencyKey: randomUUID(),
      request: { kind: 'erasure', scope: 'everything' },
    });
    const wrongKind = await handler.post(exportsPath((await erasure.json()).id));
    expect(wrongKind.status).toBe(409);
    expect((await wrongKind.json()).message).toMatch(/access and portability requests only/);

    const closed = await file('access');
    expect((await subject.post(`/api/t/${slug}/me/requests/${closed}/withdraw`, {})).status).toBe(200);
    const res = await handler.post(exportsPath(closed));
    expect(res.status).toBe(409);
    expect((await res.json()).message).toMatch(/withdrawn/);
  });
});

describe('a portability export', () => {
  it('holds only the categories the subject provided, in JSON and CSV', async () => {
    const requestId = await file('portability');
    expect((await prepare(requestId)).status).toBe('ready');
    const files = await download(requestId);
    const provided = tenant.categories.filter((c) => c.providedBySubject).map((c) => c.id);
    const notProvided = tenant.categories.filter((c) => !c.providedBySubject).map((c) => c.id);
    expect(notProvided).toContain('account');
    expect(Object.keys(files).sort()).toEqual(['data.json', 'summary.html', ...provided.map((id) => `${id}.csv`)].sort());
    const data = JSON.parse(files['data.json'] as string);
    expect(data.kind).toBe('portability');
    expect(data.categories.map((c: { id: string }) => c.id).sort()).toEqual([...provided].sort());
    expect(files['data.json']).not.toContain('memberReference');
    expect(files['summary.html']).toContain('Not included: this is not data you gave us yourself');
  });
});

describe('who can see and start exports', () => {
  let requestId: string;
  beforeAll(async () => {
    requestId = await file('access');
    await prepare(requestId);
  });

  it('another subject, another tenant, or staff of another tenant find nothing (404)', async () => {
    const { exports } = (await (await subject.get(myExportsPath(requestId))).json()) as SubjectExportList;
    const url = exports[0]?.downloadUrl as string;

    const other = await signedIn(centre, slug, 'james.patel@example.com');
    expect((await other.get(myExportsPath(requestId))).status).toBe(404);
    expect((await other.get(url)).status).toBe(404);

    const elsewhere = await signedIn(centre, 'inflection-point', 'alex.morgan@example.com');
    const foreignPath = `/api/t/inflection-point/me/requests/${requestId}/exports`;
    expect((await elsewhere.get(foreignPath)).status).toBe(404);
    expect((await elsewhere.get(`${foreignPath}/${exports[0]?.id}/download`)).status).toBe(404);

    const foreignStaff = await signedInStaff(centre, 'inflection-point', 'sam.taylor@staff.example');
    const foreignAdmin = `/api/t/inflection-point/admin/subjects/${subjectId}/requests/${requestId}/exports`;
    expect((await foreignStaff.get(foreignAdmin)).status).toBe(404);
    expect((await foreignStaff.post(foreignAdmin)).status).toBe(404);
    // The other tenant's staff session is not a session here at all.
    expect((await foreignStaff.get(exportsPath(requestId))).status).toBe(401);
  });

  it('a viewer can follow progress but not start an export (403, audited)', async () => {
    const viewer = await signedInStaff(centre, slug, 'support@it-mk.example');
    const list = (await (await viewer.get(exportsPath(requestId))).json()) as StaffExportList;
    expect(list.canStart).toBe(false);
    expect(list.exports[0]?.status).toBe('ready');
    const other = await file('access');
    const res = await viewer.post(exportsPath(other));
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/viewer/);
    expect(await centre.deps.exports.listForRequest(slug, subjectId, other)).toEqual([]);
    const refusals = (await centre.scanAll()).filter(
      (i) => i.action === 'staff.permission_refused' && (i.detail as { attempted?: string }).attempted === 'export',
    );
    expect(refusals).toHaveLength(1);
  });
});

describe('expiry and failures', () => {
  it('after the download days the link answers 410 with a sentence, and a browser gets a page, never raw storage XML', async () => {
    const requestId = await file('access');
    await prepare(requestId);
    const { exports } = (await (await subject.get(myExportsPath(requestId))).json()) as SubjectExportList;
    const url = exports[0]?.downloadUrl as string;
    expect(exports[0]?.availableUntil).toBe(new Date(clock.now().getTime() + 7 * 86_400_000).toISOString());

    clock.advance(7 * 86_400 + 60);
    subject = await signedIn(centre, slug, email);
    handler = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
    const list = (await (await subject.get(myExportsPath(requestId))).json()) as SubjectExportList;
    expect(list.exports[0]).toMatchObject({ status: 'expired' });
    expect(list.exports[0]?.downloadUrl).toBeUndefined();

    const res = await subject.get(url);
    expect(res.status).toBe(410);
    const body = await res.json();
    expect(body.error).toBe('gone');
    expect(body.message).toMatch(/^This download expired on \d+ March 2026\. .*Ask us for a new copy/);

    const page = await subject.get(url, { Accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(410);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('<h1>This download has expired</h1>');
    expect(html).toContain('Ask us for a new copy');
    expect(html).not.toContain('<?xml');

    const staffView = (await (await handler.get(exportsPath(requestId))).json()) as StaffExportList;
    expect(staffView.exports[0]?.expired).toBe(true);
  });

  it('a build that fails is marked failed with a plain reason, and a handler can retry it', async () => {
    const requestId = await file('access');
    // The file store cannot write: a file stands where the tenant's folder must go.
    const blocker = join(centre.exportsDir, 'exports', slug);
    rmSync(blocker, { recursive: true, force: true });
    writeFileSync(blocker, 'not a folder');
    const failed = await prepare(requestId);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatch(/^Building the file stopped part-way/);
    expect((await (await subject.get(myExportsPath(requestId))).json()).exports[0].status).toBe('preparing');
    expect((await handler.post(exportsPath(requestId))).status).toBe(202);
    await centre.buildExports();

    rmSync(blocker);
    const list = (await (await handler.get(exportsPath(requestId))).json()) as StaffExportList;
    const stillFailed = list.exports.filter((e) => e.status === 'failed');
    expect(stillFailed).toHaveLength(2);
    const retried = await handler.post(`${exportsPath(requestId)}/${failed.id}/retry`);
    expect(retried.status).toBe(202);
    await centre.buildExports();
    const after = (await (await handler.get(exportsPath(requestId))).json()) as StaffExportList;
    const again = after.exports.find((e) => e.id === failed.id);
    expect(again).toMatchObject({ status: 'ready', attempts: 2 });
    expect(again?.failure).toBeUndefined();
    expect((await handler.post(`${exportsPath(requestId)}/${failed.id}/retry`)).status).toBe(409);
    const files = await download(requestId);
    expect(Object.keys(files)).toContain('data.json');
  });

  it('once the request is closed, a build that failed is no longer shown to the subject as being prepared', async () => {
    const requestId = await file('access');
    const blocker = join(centre.exportsDir, 'exports', slug);
    rmSync(blocker, { recursive: true, force: true });
    writeFileSync(blocker, 'not a folder');
    try {
      const failed = await prepare(requestId);
      expect(failed).toMatchObject({ status: 'failed', startedAt: expect.any(String) });
      expect((await (await subject.get(myExportsPath(requestId))).json()).exports).toHaveLength(1);
      const requestPath = admin(`/subjects/${subjectId}/requests/${requestId}`);
      await actOnLatest(handler, requestPath, { type: 'start' });
      await actOnLatest(handler, requestPath, { type: 'complete', message: 'Sent to you by post.' });
      // No retry can come any more: nothing is promised, and the page says no download was prepared.
      expect((await (await subject.get(myExportsPath(requestId))).json()).exports).toEqual([]);
      expect((await handler.post(`${exportsPath(requestId)}/${failed.id}/retry`)).status).toBe(409);
    } finally {
      rmSync(blocker, { force: true });
    }
  });

  it('records when its build began to the millisecond, as the systems record their results', async () => {
    // The staff page says an export is behind when a system's result came after its build began;
    // a start cut to the second hid a result recorded later in that same second.
    const requestId = await file('access');
    clock.advance(0.75);
    const began = clock.now().toISOString();
    expect(began).toMatch(/\.\d{3}Z$/);
    expect(began).not.toMatch(/\.000Z$/);
    const job = await prepare(requestId);
    expect(job).toMatchObject({ status: 'ready', startedAt: began });
  });
});
