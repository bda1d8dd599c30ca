import { describe, expect, it } from 'vitest';
import { waitForEmail } from '../support/mail.ts';
import {
  alexAsksForAccess,
  firstText,
  itMk,
  looker,
  openAction,
  staffOnPage,
  staffOpens,
  useBrowserAndCentre,
} from './harness.ts';

/**
 * Identity information that arrived by post, email, phone or in person (UK GDPR Art. 12A): the
 * handler records the day it arrived on the staff request page, and the month counts from it.
 */
const { tenant, handler, subjectEmail } = itMk;
const env = useBrowserAndCentre();
const look = looker('identity-received');

describe('recording identity information received another way', () => {
  it('shows the form while identity information is awaited, and restarts the month from the day given', async () => {
    const { browser, centre } = env;
    const filed = await alexAsksForAccess(env);
    const { reference } = filed;
    await filed.context.close();

    const { context: staffContext, page } = await staffOpens(browser, centre, tenant, handler, { reference });
    // Not offered before anything was asked.
    expect(await page.locator('summary', { hasText: 'Identity information received' }).count()).toBe(0);
    const ask = await openAction(page, 'Ask the requester for information');
    await ask.getByLabel('To confirm who they are').check();
    await ask.getByLabel('Your question').fill('Please post a copy of a recent utility bill.');
    await ask.getByRole('button', { name: 'Send the question' }).click();
    await page.locator('p.status', { hasText: 'count again from the day' }).waitFor();

    const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
    for (const kind of ['desktop', 'phone'] as const) {
      const { context, page: p } =
        kind === 'desktop' ? { context: staffContext, page } : await staffOnPage(browser, centre, tenant, handler, 'phone');
      if (kind === 'phone') {
        await p.goto(page.url());
        await p.locator('.summary').waitFor();
      }
      const form = await openAction(p, 'Identity information received');
      await form.getByLabel('Day it arrived').fill(today);
      if (kind === 'desktop') {
        // How it came is a fact only the handler knows: no answer is chosen for them.
        expect(await form.getByRole('radio', { checked: true }).count()).toBe(0);
        await form.getByRole('button', { name: 'Record it and restart the clock' }).click();
        await form.getByText('Choose how it came').first().waitFor();
        expect(await page.locator('summary', { hasText: 'Identity information received' }).count()).toBe(1);
      }
      await form.getByLabel('By post').check();
      await form.getByLabel(/Note for staff/).fill('Bill in the post tray.');
      await look(p, `${kind}-staff-identity-received`);
      if (kind === 'phone') await context.close();
    }

    const form = page.locator('details.action', { has: page.locator('summary', { hasText: 'Identity information received' }) });
    await form.getByRole('button', { name: 'Record it and restart the clock' }).click();
    await page.locator('p.status', { hasText: 'The month counts from the day it arrived' }).waitFor();
    // It arrived the day the request did, so the month still counts from that day (the latest of the two).
    await expect.poll(() => firstText(page, '[data-testid="clock-note"]')).toMatch(/^Due .*: one calendar month from /);
    expect(await page.locator('summary', { hasText: 'Identity information received' }).count()).toBe(0);
    expect(await firstText(page, 'main')).toContain(
      'Identity information received, recorded by staff (the month counts from the day it arrived)',
    );
    await look(page, 'desktop-staff-after');
    const mail = await waitForEmail(centre.sesEndpoint, subjectEmail, [
      reference,
      'received the information to confirm your identity',
    ]);
    expect(mail.subject).toBe(`Thank you: we have what we needed for ${reference}`);
    await staffContext.close();
  });
});
