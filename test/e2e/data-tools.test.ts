import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, looker, staffOnPage, useBrowserAndCentre } from './harness.ts';

/**
 * A handler finds a person by email and by reference, corrects a record, places a legal hold,
 * and imports a small CSV after a dry run; on a desktop and on a phone, axe-clean at every view.
 */
const tenant = 'it-mk';
const handler = 'sam.taylor@staff.example';
const env = useBrowserAndCentre();

const look = looker('data-tools');

const csv = [
  'email,sourceKey,recordedOn,reference,channel,subject,summary,status',
  'rachel.hughes@example.co.uk,HALO-7001,2026-01-05,HALO-7001,Phone,Printer jam,"Cleared the tray, tested",Closed',
  'new.starter@example.com,HALO-7002,06/01/2026,HALO-7002,Email,New starter,Laptop set up,Closed',
  'not-an-email,HALO-7003,2026-01-07,HALO-7003,Email,VPN,Reset token,Open',
].join('\n');

async function findPerson(page: Page, query: string) {
  await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('heading', { level: 1, name: 'Find a person' }).waitFor();
  await page.getByLabel('Email address or request reference').fill(query);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
}

describe('staff data tools in the browser', () => {
  it('finds a person, corrects a record, places a hold, and imports a CSV after a dry run', async () => {
    const { browser, centre } = env;
    const { context, page } = await staffOnPage(browser, centre, tenant, handler, 'desktop');

    // Find by email: the person page.
    await findPerson(page, 'Rachel.Hughes@example.co.uk');
    await look(page, 'desktop-people');
    await page.getByRole('heading', { level: 1, name: 'Rachel Hughes' }).waitFor();
    await look(page, 'desktop-person');

    // Correct the contact details: a bad postcode is refused next to the field, then a good one saves.
    const identity = page.getByRole('region', { name: /Your name and contact details/ });
    await identity.getByRole('button', { name: 'Correct this record (Your name and contact details)' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/^fix-.*-firstName$/);
    await identity.getByLabel('Postcode').fill('NOT A POSTCODE');
    await identity.getByRole('button', { name: 'Save the correction' }).click();
    await identity.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await identity.locator('.field-error').innerText()).toMatch(/real UK postcode/);
    await look(page, 'desktop-correct-error');
    await identity.getByLabel('Postcode').fill('mk9 2ah');
    await identity.getByRole('button', { name: 'Save the correction' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the correction' }).waitFor();
    expect(await identity.locator('table.kv').innerText()).toContain('MK9 2AH');

    // Place a legal hold on a payment, with a reason: shown on the record in words.
    const payments = page.getByRole('region', { name: /^Payments/ });
    await payments.getByRole('button', { name: 'Place a legal hold on this Payments record' }).first().click();
    await payments.getByLabel('Internal reason: why must this record be kept?').fill('Disputed invoice: possible small claim');
    // What the person is told is a separate field, with a safe default (never the internal reason).
    expect(await payments.getByLabel('What the person is told').inputValue()).toMatch(
      /^We must keep this record for a legal reason/,
    );
    await look(page, 'desktop-person-hold-form');
    await payments.getByRole('button', { name: 'Place the hold' }).click();
    await page.getByRole('status').filter({ hasText: 'Placed a legal hold' }).waitFor();
    await payments.getByText('On legal hold').waitFor();
    expect(await payments.locator('.hold-note').innerText()).toContain('Disputed invoice: possible small claim');
    expect(await payments.locator('.hold-note').innerText()).toContain('The person is told: “We must keep this record');
    await look(page, 'desktop-person-hold');

    // Find by a request reference.
    const queue = await callApi<{ requests: { reference: string; subjectId: string }[] }>(
      page,
      tenant,
      '/admin/requests?status=all',
    );
    const request = queue.body.requests[0];
    if (!request) throw new Error('no request in the demo queue');
    await findPerson(page, request.reference.toLowerCase());
    await page.waitForURL(`**/admin/people/${request.subjectId}`);
    await page.getByRole('link', { name: request.reference }).waitFor();

    // Import: the dry run shows the bad row, then the valid rows are imported.
    await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import data' }).waitFor();
    await page.getByLabel('What data is it?').selectOption('support-tickets');
    await page.getByLabel('Which system did it come from?').fill('halo-psa');
    await page
      .getByLabel('The file to import', { exact: true })
      .setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await look(page, 'desktop-import');
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: '2. What the check found' }).waitFor();
    const found = page.locator('section', { has: page.getByRole('heading', { name: '2. What the check found' }) });
    expect(await found.innerText()).toContain('Would create 2 records, for 1 person new to the centre');
    const errors = page.getByRole('table', { name: /Rows with errors/ });
    expect(await errors.getByRole('row').nth(1).innerText()).toMatch(/4\s+email/);
    await look(page, 'desktop-import-checked');
    await page.getByLabel(/Import the valid rows only/).check();
    await page.getByRole('button', { name: 'Import 2 records' }).click();
    await page.getByRole('heading', { name: 'Imported', exact: true }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Created 2 records, for 1 person new to the centre');
    await look(page, 'desktop-import-done');
    expect(await centre.deps.subjects.findIdByEmail(tenant, 'new.starter@example.com')).toBeDefined();

    // The same file again: nothing to import.
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('Nothing to import: every valid row is here already, unchanged.').waitFor();
    await context.close();
  });

  it('on a phone: the people, person and import views fit and pass axe', async () => {
    const { browser, centre } = env;
    const { context, page } = await staffOnPage(browser, centre, tenant, handler, 'phone');
    await findPerson(page, 'rachel.hughes@example.co.uk');
    await page.getByRole('heading', { level: 1, name: 'Rachel Hughes' }).waitFor();
    await look(page, 'phone-person');
    const payments = page.getByRole('region', { name: /^Payments/ });
    await payments.getByRole('button', { name: 'Lift the hold on this Payments record' }).click();
    await payments.getByLabel('Why can it be lifted?').waitFor();
    await look(page, 'phone-lift-hold');
    await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('What data is it?').selectOption('support-tickets');
    await page.getByLabel('Which system did it come from?').fill('halo-psa');
    await page
      .getByLabel('The file to import', { exact: true })
      .setInputFiles({ name: 'tickets.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: '2. What the check found' }).waitFor();
    await look(page, 'phone-import-checked');
    await context.close();
  });
});
