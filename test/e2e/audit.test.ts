import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, looker, newContext, personOnPage, staffOnPage, staffSignIn, useBrowserAndCentre } from './harness.ts';

/**
 * An admin reads the audit trail in the browser: filters by member of staff, kind and person,
 * reads older events, and downloads the CSV and the JSON with the chain check.
 */
const tenant = 'it-mk';
const adminEmail = 'info@it-mk.example';
const personEmail = 'alex.morgan@example.com';
const env = useBrowserAndCentre();
const look = looker('audit');

const kindsShown = (page: Page) => page.locator('table.audit-events tbody td:nth-of-type(1) code').allTextContents();

async function filter(page: Page, fields: Record<string, string>) {
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Show events' }).click();
  await page.getByRole('button', { name: 'Show events' }).and(page.locator(':enabled')).waitFor();
}

async function download(page: Page, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name, exact: true }).click()]);
  return readFileSync((await file.path()) as string, 'utf8');
}

describe('the audit trail screen', () => {
  it('filters by staff member, kind and person, reads on, and exports CSV and JSON with the chain check', async () => {
    const { browser, centre } = env;
    // Some activity by a person, so the trail has their events.
    await personOnPage(browser, centre, tenant, personEmail, 'desktop');

    const page = await (await newContext(browser, 'desktop')).newPage();
    // Enrolling, the page offers the otpauth:// link beside the QR code, for the same phone.
    await staffSignIn(page, centre, tenant, adminEmail, async (step) => {
      if (step !== 'enrol') return;
      const link = page.getByRole('link', { name: 'Open it in your authenticator app' });
      expect(await link.getAttribute('href')).toMatch(/^otpauth:\/\/totp\/.+\?secret=[A-Z2-7]+&issuer=/);
      await look(page, 'enrol-desktop');
    });
    // More than a page of events: each check of the chain is one.
    for (let i = 0; i < 50; i++) expect((await callApi(page, tenant, '/admin/audit/verify')).status).toBe(200);
    await page.goto(`${centre.url}/t/${tenant}/admin/audit`);
    await page.locator('table.audit-events').waitFor();
    expect(await page.locator('table.audit-events tbody tr').count()).toBe(50);
    await page.getByRole('button', { name: 'Older events' }).click();
    await expect.poll(() => page.locator('table.audit-events tbody tr').count()).toBeGreaterThan(50);
    await look(page, 'desktop');

    await filter(page, { 'Member of staff': adminEmail, Kind: 'staff.' });
    await expect.poll(() => page.locator('.trail-summary').innerText()).toMatch(/Showing the newest/);
    const kinds = await kindsShown(page);
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k.startsWith('staff.'))).toBe(true);
    expect(kinds).toContain('staff.viewed_audit_trail');

    await filter(page, { 'Member of staff': '', Kind: '', Person: personEmail });
    await expect.poll(() => kindsShown(page)).toContain('auth.signed_in');
    const persons = await page.locator('table.audit-events tbody td:nth-of-type(3)').allTextContents();
    expect(new Set(persons.map((p) => p.replace('Person', ''))).size).toBe(1);

    const csv = await download(page, 'CSV');
    expect(csv).toMatch(/# Filters: person=[\w-]+/);
    expect(csv).toMatch(/# Chain check: intact: \d+ events checked; head #\d+ [0-9a-f]{64}/);
    expect(csv).toContain('auth.signed_in');
    const json = JSON.parse(await download(page, 'JSON'));
    expect(json.chain).toMatchObject({ ok: true, firstBroken: null });
    expect(json.events.length).toBeGreaterThan(0);
    expect(json.events.every((e: { subjectId?: string }) => e.subjectId === json.filter.person)).toBe(true);

    await filter(page, { Person: '', From: '2030-01-02', To: '2030-01-01' });
    await page.getByText('The last day must be on or after the first day').first().waitFor();
    await filter(page, { From: '2020-01-01', To: '2020-01-31' });
    await page.getByText('No events match these filters.').waitFor();

    // On a phone: a card per event, nothing sideways.
    const { page: phone } = await staffOnPage(browser, centre, tenant, adminEmail, 'phone');
    await phone.goto(`${centre.url}/t/${tenant}/admin/audit`);
    await phone.locator('table.audit-events').waitFor();
    await look(phone, 'phone');
  });

  it('a handler sees the chain check, and that only admins read the events', async () => {
    const { browser, centre } = env;
    const { page } = await staffOnPage(browser, centre, tenant, 'sam.taylor@staff.example', 'desktop');
    await page.goto(`${centre.url}/t/${tenant}/admin/audit`);
    await page.getByText('Only an admin of this centre can read and export the events themselves.').waitFor();
    expect(await page.locator('table.audit-events').count()).toBe(0);
    await page.getByRole('button', { name: 'Check the audit trail' }).click();
    await page.getByText(/^Intact:/).waitFor();
  });
});
