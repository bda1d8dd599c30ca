import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { waitForEmail } from '../support/mail.ts';
import { alexAsksForAccess, itMk, looker, newContext, staffOpens, useBrowserAndCentre } from './harness.ts';

/**
 * A handler prepares the export of an access request and completes the request; the subject is
 * emailed, downloads the ZIP from their request page, and it opens; once expired, the page and
 * the download link say so in words.
 */
const { tenant, handler, subjectEmail } = itMk;
const env = useBrowserAndCentre();

const look = looker('exports');

describe('access export, end to end', () => {
  it('staff prepare it and complete the request; the subject downloads a valid ZIP; an expired one is explained', async () => {
    const { browser, centre } = env;
    const filed = await alexAsksForAccess(env);
    const { context: subjectContext, page: subject, id, reference } = filed;

    // The handler opens the request and prepares the export.
    const { context: staffContext, page } = await staffOpens(browser, centre, tenant, handler, { reference });
    const section = page.locator('section.export');
    await section.getByRole('heading', { name: 'Access export' }).waitFor();
    await section.getByRole('button', { name: 'Prepare the export' }).waitFor();
    await look(page, 'staff-before');
    // How a long build looks while it runs (the API's answer held at one moment of a build).
    const building = {
      id: 'x',
      kind: 'access',
      status: 'building',
      createdAt: new Date().toISOString(),
      requestedBy: 'Sam Taylor',
      progress: { step: 'csv', records: 10_000, categoriesDone: 3, categoriesTotal: 6 },
      attempts: 1,
      expired: false,
    };
    await page.route('**/exports', (route) => route.fulfill({ json: { exports: [building], canStart: false } }));
    await page.reload();
    await section.getByText('Writing the CSV files: 3 of 6 categories done').waitFor();
    await section.getByRole('status').getByText('Preparing the export…').waitFor();
    await look(page, 'staff-building');
    await page.unroute('**/exports');
    await page.reload();
    await section.getByRole('button', { name: 'Prepare the export' }).click();
    await section.getByRole('status').getByText('The export is ready and the requester has been emailed.').waitFor();
    await expect.poll(() => section.locator('ol.exports').textContent()).toMatch(/Ready.*A ZIP of \d+ kB with \d+ records/);
    await section.getByRole('button', { name: 'Prepare a new export' }).waitFor();
    await look(page, 'staff-ready');
    // Signed in as on the desktop: its cookie, and the page's note that it may be signed in.
    const staffPhoneContext = await newContext(browser, 'phone', await staffContext.storageState());
    const staffPhone = await staffPhoneContext.newPage();
    await staffPhone.goto(page.url());
    await staffPhone.locator('section.export ol.exports').getByText('Ready').waitFor();
    await look(staffPhone, 'staff-ready-phone');
    await staffPhoneContext.close();

    // …and completes the request.
    const complete = page.locator('details.action', { has: page.locator('summary', { hasText: 'Complete the request' }) });
    await complete.locator('summary').click();
    await complete.getByLabel('Response note for the requester').fill('Your data is ready to download on this page.');
    await complete.getByRole('button', { name: 'Complete the request' }).click();
    await page.getByRole('button', { name: 'Yes, complete it' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toContain('Completed');

    // The subject is emailed a link to the request page, and downloads the ZIP there.
    const mail = await waitForEmail(centre.sesEndpoint, subjectEmail, `in request ${reference} is ready`);
    expect(mail.body.text).toContain(`${centre.url}/t/${tenant}/requests/${id}`);
    await subject.goto(`${centre.url}/t/${tenant}/requests/${id}`);
    const copy = subject.locator('section', { has: subject.getByRole('heading', { name: 'Your copy' }) });
    const link = copy.getByRole('link', { name: /^Download your data \(ZIP, \d+ kB\)$/ });
    await link.waitFor();
    expect(await copy.textContent()).toMatch(/Available until \d+ \w+ \d{4} at \d\d:\d\d\./);
    await look(subject, 'subject-ready-desktop');
    const [download] = await Promise.all([subject.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`${reference}-your-data.zip`);
    const files = unzipSync(readFileSync(await download.path()));
    const text = Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, strFromU8(bytes)]));
    const data = JSON.parse(text['data.json'] as string);
    expect(data.subject.email).toBe(subjectEmail);
    const stored = await centre.deps.subjects.listRecords(tenant, data.subject.id);
    const exported = data.categories.flatMap((c: { records: { id: string }[] }) => c.records.map((r) => r.id));
    expect(exported).toEqual(expect.arrayContaining(stored.map((r) => r.id)));
    for (const category of centre.deps.tenants.get(tenant)?.categories ?? []) {
      // A byte order mark first, so that Excel reads UTF-8; then the policy's labels.
      expect([...(files[`${category.id}.csv`] ?? []).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(text[`${category.id}.csv`]?.split('\r\n')[0]).toBe(
        `Record id,Recorded on,${category.fields.map((f) => f.label).join(',')}`,
      );
    }
    expect(text['summary.html']).toContain("Information Commissioner's Office");

    // The summary reads well and passes axe too.
    const summary = await subjectContext.newPage();
    await summary.setContent(text['summary.html'] as string);
    await look(summary, 'summary-html');
    await summary.close();

    // On a phone.
    const phoneContext = await newContext(browser, 'phone', await subjectContext.storageState());
    const phone = await phoneContext.newPage();
    await phone.goto(`${centre.url}/t/${tenant}/requests/${id}`);
    await phone.getByRole('link', { name: /^Download your data/ }).waitFor();
    await look(phone, 'subject-ready-phone');

    // Expired: the page says so in a sentence, and the link itself answers with a page.
    const [job] = await centre.deps.exports.listForRequest(tenant, data.subject.id, id);
    if (!job) throw new Error('no export');
    await centre.deps.exports.save(
      { ...job, downloadUntil: new Date(Date.now() - 60_000).toISOString(), version: job.version + 1 },
      job.version,
      { audit: [] },
    );
    await subject.reload();
    await copy.getByText(/^Your download expired on .* To get a new copy, ask us at/).waitFor();
    await look(subject, 'subject-expired-desktop');
    await phone.reload();
    await phone.getByText(/^Your download expired on/).waitFor();
    await look(phone, 'subject-expired-phone');
    const gone = await subject.goto(`${centre.url}/api/t/${tenant}/me/requests/${id}/exports/${job.id}/download`);
    expect(gone?.status()).toBe(410);
    await subject.getByRole('heading', { level: 1, name: 'This download has expired' }).waitFor();
    expect(await subject.locator('main').textContent()).toContain('Ask us for a new copy');
    await look(subject, 'download-expired-page');

    await page.reload();
    await section.getByText(/their download expired on/).waitFor();
    await phoneContext.close();
    await subjectContext.close();
    await staffContext.close();
    // A long journey (two people, three viewports, eight axe checks) on a shared two-core machine.
  }, 180_000);
});
