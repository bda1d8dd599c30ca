import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { viewports } from './browser.ts';
import { looker, openAction, type ServedCentre, staffOnPage, subjectFiles, useBrowserAndCentre } from './harness.ts';

/**
 * A handler does the work requests ask for, from the request page: carries out an erasure (and
 * sees what was kept, and why), restricts a person's data, tells them it will be lifted and lifts
 * it, and upholds an objection; on a desktop and on a phone, axe-clean at every view.
 */
const tenant = 'it-mk';
const handler = 'sam.taylor@staff.example';
const env = useBrowserAndCentre();

const look = looker('fulfilment');

/**
 * A subject signs in and files a request through the subject API: its address on the staff page.
 * The demo's open request of the same kind and scope would make it a duplicate: it is withdrawn.
 */
async function file(centre: ServedCentre, email: string, request: { kind: string } & Record<string, unknown>) {
  const filed = await subjectFiles(env.browser, centre, tenant, email, request, { replacing: true });
  await filed.context.close();
  return { reference: filed.reference, url: filed.staffUrl };
}

async function openRequest(page: Page, url: string) {
  await page.goto(url);
  await page.locator('.summary').waitFor();
}

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
const text = (locator: Locator) => locator.innerText();
const status = (page: Page, text: string) => page.locator('p.status', { hasText: text }).waitFor();
const requester = (page: Page) => page.getByRole('region', { name: 'The requester' });

describe('staff do the work a request asks for', () => {
  it('carries out an erasure, showing what was kept and why; upholds an objection (desktop)', async () => {
    const { browser, centre } = env;
    // An open access request of hers, which the erasure makes staff decide first.
    await file(centre, 'rachel.hughes@example.co.uk', { kind: 'access', scope: 'everything' });
    const erasure = await file(centre, 'rachel.hughes@example.co.uk', { kind: 'erasure', scope: 'everything' });
    const objection = await file(centre, 'alex.morgan@example.com', {
      kind: 'objection',
      processing: 'marketing-preferences',
      reason: 'I do not want my details used for your mailings',
    });

    const { context, page } = await staffOnPage(browser, centre, tenant, handler, 'desktop');
    await openRequest(page, erasure.url);

    // The erasure: what will happen is said before, and again in the confirmation.
    const erase = await openAction(page, 'Carry out the erasure');
    expect(await text(erase)).toMatch(/removes their account/);
    await look(page, 'desktop-erasure');
    // Her other open request (an older erasure in the demo data) must be decided first.
    await erase.getByRole('button', { name: 'Erase the data' }).click();
    const undecided = erase.getByRole('group', { name: 'Their other open requests: decide each first' });
    await undecided.locator('.field.invalid').first().waitFor();
    await look(page, 'desktop-erasure-decide');
    for (const choice of await undecided.getByRole('combobox').all()) await choice.selectOption('superseded');
    await undecided.getByLabel('Why they are closed as superseded').fill('She asked again; this erasure covers both.');
    await erase.getByRole('button', { name: 'Erase the data' }).click();
    const confirm = erase.getByRole('group', { name: /^Erase everything held about Rachel Hughes/ });
    await confirm.waitFor();
    expect(await text(confirm)).toMatch(/legal hold.*stay.*why.*signed out.*account is removed.*cannot be undone/s);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('FIELDSET');
    await look(page, 'desktop-erasure-confirm');
    await erase.getByRole('button', { name: 'Yes, erase it' }).click();
    await status(page, 'Erased and completed');

    // Done: the request is completed, the person reads as erased, and the kept records are there with the reasons.
    expect(await text(page.locator('.summary'))).toContain('Completed');
    const who = requester(page);
    expect(await text(who.locator('p.notice'))).toMatch(/^Erased\./);
    expect(await text(who.locator('dl').first())).toContain('(erased)');
    expect(await who.getByRole('link', { name: '(erased)' }).count()).toBe(0);
    const kept = await who.locator('details.data-category summary').allInnerTexts();
    expect(kept.join(' | ')).toMatch(/Payments \(2 records\)/);
    const letter = await text(page.locator('.timeline li', { hasText: 'We have erased' }).last());
    expect(letter).toContain(
      'We have kept Payments (2 records) because: We must keep records of payments for HM Revenue & Customs',
    );
    expect(letter).toMatch(/We have kept Membership.* \(1 record\) because: Your membership contract is kept for 7 years/);
    expect(letter).toContain('We have erased: Your name and contact details (1 record)');
    expect(letter).toMatch(
      /We have also closed your other requests? ITMK-\d{4}-\d+ \((Access \(Art\. 15\)|Erasure \(Art\. 17\))\).*: this erasure supersedes (it|them)\./,
    );
    await look(page, 'desktop-erasure-done');
    await page.setViewportSize(viewports.phone);
    await look(page, 'phone-width-erasure-done');
    await page.setViewportSize(viewports.desktop);
    // Her superseded access request is closed with its own email: this one is the erasure's.
    const erasureMail = async () =>
      (await emailsTo(centre.sesEndpoint, 'rachel.hughes@example.co.uk', 'We have kept Payments')).find(
        (m) => m.subject === `Your request ${erasure.reference} is complete`,
      );
    await expect.poll(erasureMail, { timeout: 10_000 }).toBeDefined();
    const mail = (await erasureMail())!;

    // An objection: the note is required, then it is upheld and shown by the purpose's name.
    await openRequest(page, objection.url);
    const uphold = await openAction(page, 'Uphold the objection');
    await uphold.getByRole('button', { name: 'Uphold the objection' }).click();
    await uphold.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await text(uphold.locator('.field-error'))).toContain('Write a response note for the requester');
    await look(page, 'desktop-objection-error');
    await uphold.getByLabel('Response note for the requester').fill('We have stopped using your details for our mailings.');
    await uphold.getByRole('button', { name: 'Uphold the objection' }).click();
    await status(page, 'Objection upheld');
    const upheld = requester(page).locator('dl > div', { hasText: 'Objections upheld' });
    expect(await text(upheld)).toContain('Contact preferences');
    await look(page, 'desktop-objection-done');
    await context.close();
  });

  it('restricts a person’s data, tells them it will be lifted, then lifts it (phone)', async () => {
    const { browser, centre } = env;
    const email = 'james.patel@example.com';
    const restriction = await file(centre, email, { kind: 'restriction', scope: 'everything', reason: 'accuracy' });

    const { context, page } = await staffOnPage(browser, centre, tenant, handler, 'phone');
    await openRequest(page, restriction.url);
    const restrict = await openAction(page, 'Restrict their data');
    await look(page, 'phone-restrict');
    await restrict.getByRole('button', { name: 'Restrict the data' }).click();
    await status(page, 'Data restricted');
    expect(await text(page.locator('.summary'))).toContain('Completed');
    const row = requester(page).locator('dl > div', { hasText: 'Restriction' });
    expect(await text(row)).toMatch(/All their data, since .*no marketing/s);
    expect(await text(row)).toContain('Why, as they were told: You contest the accuracy of the data');
    expect(await text(row)).toContain('They have not been told that it will be lifted');
    // Lifting is not offered until they have been told.
    expect(await page.locator('details.action summary', { hasText: 'Lift the restriction' }).count()).toBe(0);
    await look(page, 'phone-restricted');
    await page.setViewportSize(viewports.desktop);
    await look(page, 'desktop-width-restricted');
    await page.setViewportSize(viewports.phone);

    // Tell them: the reason is required, next to its field.
    const notify = await openAction(page, 'Tell them the restriction will be lifted');
    await notify.getByRole('button', { name: 'Email the requester' }).click();
    await notify.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await text(notify.locator('.field-error'))).toContain('Say why the restriction will be lifted');
    await look(page, 'phone-lift-notice-error');
    await notify
      .getByLabel('Why it will be lifted (the requester is told it)')
      .fill('We have checked your details and corrected your address.');
    await notify.getByRole('button', { name: 'Email the requester' }).click();
    await status(page, 'emailed that the restriction will be lifted');
    expect(await text(row)).toMatch(/They were told on .* that it will be lifted/);
    const notice = await waitForEmail(centre.sesEndpoint, email, 'We have checked your details and corrected your address.');
    expect(notice.subject).toBe(`We are going to lift the restriction on your data (${restriction.reference})`);

    // Lift it, after a confirmation in the page.
    const lift = await openAction(page, 'Lift the restriction');
    await lift.getByRole('button', { name: 'Lift the restriction' }).click();
    await lift.getByRole('group', { name: /^Lift the restriction on James Patel/ }).waitFor();
    await look(page, 'phone-lift-confirm');
    await lift.getByRole('button', { name: 'Yes, lift it' }).click();
    await status(page, 'Restriction lifted');
    expect(await requester(page).locator('dl > div', { hasText: 'Restriction' }).count()).toBe(0);
    await look(page, 'phone-lifted');
    await context.close();
  });
});
