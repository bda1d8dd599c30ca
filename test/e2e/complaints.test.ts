import { describe, expect, it } from 'vitest';
import { acknowledgeByFor } from '../../shared/complaints/lifecycle.ts';
import { formatUkDate } from '../../shared/dates.ts';
import { addDays, daysLeft, ukDate } from '../../shared/deadlines.ts';
import { waitForEmail } from '../support/mail.ts';
import { looker, personOnPage, staffOnPage, useBrowserAndCentre } from './harness.ts';

/**
 * Complaints (DPA 2018 s.164A) in the browser: a person complains from the centre and is
 * acknowledged; a handler logs a complaint received by phone 30 days ago and sees it overdue.
 */
const tenant = 'it-mk';
const handler = 'sam.taylor@staff.example';
const env = useBrowserAndCentre();
const look = looker('complaints');

describe('complaints', () => {
  for (const kind of ['desktop', 'phone'] as const) {
    it(`a person complains from the centre and gets the acknowledgement (${kind})`, async () => {
      const { browser, centre } = env;
      const email = kind === 'desktop' ? 'rachel.hughes@example.co.uk' : 'alex.morgan@example.com';
      const { context, page } = await personOnPage(browser, centre, tenant, email, kind);
      await page.getByRole('link', { name: 'Complaints' }).click();
      await page.getByRole('heading', { name: 'Make a complaint' }).waitFor();
      await page.getByRole('button', { name: 'Send my complaint' }).click();
      await page.getByText('Choose what your complaint is about').first().waitFor();
      await look(page, `${kind}-form-errors`);
      await page.getByLabel('How my personal data is used').check();
      await page.getByLabel('What happened?').fill('You kept emailing me after I unsubscribed.');
      await look(page, `${kind}-form`);
      await page.getByRole('button', { name: 'Send my complaint' }).click();
      await page.getByRole('heading', { name: /^Complaint ITMK-C-\d{4}-\d{6}$/ }).waitFor();
      const heading = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
      const reference = heading.replace('Complaint ', '');
      expect(await page.locator('main').textContent()).toContain('Acknowledged');
      await look(page, `${kind}-filed`);
      const mail = await waitForEmail(centre.sesEndpoint, email, reference);
      expect(mail.subject).toBe(`We have your complaint ${reference}`);
      await context.close();
    });
  }

  it('a handler logs a complaint received by phone 40 days ago and sees it overdue', async () => {
    const { browser, centre } = env;
    const { context, page } = await staffOnPage(browser, centre, tenant, handler, 'desktop');
    await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'Complaints' }).click();
    await page.getByRole('button', { name: /Log a complaint/ }).click();
    await page.getByRole('heading', { name: '1. Who made the complaint?' }).waitFor();
    await page.getByLabel('Their email address').fill('james.patel@example.com');
    await page.getByRole('button', { name: 'Find them' }).click();
    // 30 days from the day after receipt, then the next working day (ICO): 40 days ago is overdue.
    const received = addDays(ukDate(new Date()), -40);
    const acknowledgeBy = acknowledgeByFor(received, 'england-and-wales');
    const late = -daysLeft(acknowledgeBy, ukDate(new Date()));
    // Nothing chosen for the handler: sent so, the form says what is missing and nothing is logged.
    expect(await page.getByLabel('How it reached you').inputValue()).toBe('');
    expect(await page.getByLabel('What it is about').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Log the complaint' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain('Choose how the complaint reached you');
    expect(await problem.textContent()).toContain('Choose what the complaint is about');
    expect(await page.getByRole('heading', { name: /^Complaint ITMK-C-/ }).count()).toBe(0);
    await page.getByLabel('How it reached you').selectOption('phone');
    await page.getByLabel(/Date received/).fill(received);
    await page.getByLabel('What it is about').selectOption('data-use');
    await page.getByLabel('What the person said happened').fill('Rang to say their old address is still on invoices.');
    await look(page, 'desktop-staff-log');
    await page.getByRole('button', { name: 'Log the complaint' }).click();
    await page.getByRole('heading', { name: /^Complaint ITMK-C-/ }).waitFor();
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '')
      .toContain(`${late} day${late === 1 ? '' : 's'} overdue`);
    expect(await page.locator('main').textContent()).toContain(`Acknowledge by ${formatUkDate(acknowledgeBy)}`);
    await look(page, 'desktop-staff-overdue');
    // The complaint has an address of its own: reloaded, it shows again; back, the list without it.
    const address = new RegExp(`/t/${tenant}/admin/complaints/[\\w-]+/[\\w-]+$`);
    expect(page.url()).toMatch(address);
    await page.reload();
    await page.getByRole('heading', { name: /^Complaint ITMK-C-/ }).waitFor();
    await page.goBack();
    await expect.poll(() => page.url()).toMatch(new RegExp(`/t/${tenant}/admin/complaints$`));
    await page.getByRole('table', { name: /Complaints, open first/ }).waitFor();
    expect(await page.getByRole('heading', { name: /^Complaint ITMK-C-/ }).count()).toBe(0);
    await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('table', { name: /Complaints/ }).waitFor();
    // The requests' figures say what they count: answered (not withdrawn) in the period; overdue today, whenever received.
    const figures = (await page.locator('dl.figures').textContent()) ?? '';
    expect(figures).toContain('Answered on time');
    expect(figures).not.toMatch(/closed/i);
    expect(await page.locator('main').textContent()).toContain('a withdrawal is not an answer');
    await look(page, 'desktop-staff-reports');
    await context.close();

    const { context: phone, page: small } = await staffOnPage(browser, centre, tenant, handler, 'phone');
    await small.goto(`${centre.url}/t/${tenant}/admin/complaints`);
    await small.locator('tr.is-overdue').first().waitFor();
    const wide = await small.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
        .slice(0, 5)
        .map((e) => `${e.tagName}.${e.className}`),
    );
    expect(wide).toEqual([]);
    await look(small, 'phone-staff-queue');
    // Closed with an outcome, the form offers what is left (a note), labelled for it.
    const reference = small.locator('tr.is-overdue').first().getByRole('link').first();
    expect(await reference.getAttribute('href')).toMatch(address);
    await reference.click();
    await small.getByRole('heading', { name: /^Complaint ITMK-C-/ }).waitFor();
    expect(small.url()).toMatch(address);
    // An internal note typed, then another step chosen: the box starts empty, so the note is never emailed.
    await small.getByLabel('What to do').selectOption('note');
    await small.getByLabel('Note', { exact: true }).fill('INTERNAL: not for the person.');
    await small.getByLabel('What to do').selectOption('close');
    expect(await small.getByLabel('The outcome, in plain words').inputValue()).toBe('');
    await small.getByLabel('The outcome, in plain words').fill('We have corrected the address on the invoices.');
    // Closing emails the outcome: the form asks once more, and nothing is sent until then.
    const closedBefore = (await small.locator('.summary').textContent()) ?? '';
    await small.getByRole('button', { name: 'Save' }).click();
    await small.getByText('This closes the complaint and emails the outcome to the person.').waitFor();
    expect(await small.locator('.summary').textContent()).toBe(closedBefore);
    await look(small, 'phone-staff-complaint-close-confirm');
    await small.getByRole('button', { name: 'Yes, close it and email the outcome' }).click();
    await expect.poll(() => small.getByRole('status').first().textContent()).toBe('Closed: the person is emailed the outcome.');
    await small.getByLabel('Note', { exact: true }).waitFor();
    expect(await small.getByLabel('What to do').inputValue()).toBe('note');
    await phone.close();
  });
});
