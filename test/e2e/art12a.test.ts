import { describe, expect, it } from 'vitest';
import { waitForEmail } from '../support/mail.ts';
import {
  alexAsksForAccess,
  firstText,
  itMk,
  looker,
  openAction,
  personOnPage,
  staffOpens,
  useBrowserAndCentre,
} from './harness.ts';

/**
 * UK GDPR Art. 12A on the pages: a handler asks the person to confirm who they are; the person's
 * page says the month starts again when they answer, and after it, from which day it counts.
 */
const { tenant, handler, subjectEmail } = itMk;
const env = useBrowserAndCentre();
const look = looker('art12a');

describe('the Art. 12A clock on the pages', () => {
  it('asks for identity information, and both pages say which rule sets the date and why', async () => {
    const { browser, centre } = env;
    const filed = await alexAsksForAccess(env);
    const { context: subjectContext, page: subject } = filed;
    const { id, reference } = filed;

    const { context: staffContext, page } = await staffOpens(browser, centre, tenant, handler, { reference });
    await expect
      .poll(() => firstText(page, '[data-testid="clock-note"]'))
      .toMatch(/one calendar month from .*the day the request was received/);
    const ask = await openAction(page, 'Ask the requester for information');
    await ask.getByLabel('To confirm who they are').check();
    await ask.getByLabel('Your question').fill('Please send a photo of your driving licence.');
    await look(page, 'desktop-staff-ask-identity');
    await ask.getByRole('button', { name: 'Send the question' }).click();
    await page.locator('p.status', { hasText: 'count again from the day' }).waitFor();
    await expect.poll(() => firstText(page, '[data-testid="clock-note"]')).toContain('starts again on the day it arrives');
    // Waiting for the answer, the page says why asking again and extending are not offered.
    const notNow = page.getByRole('heading', { name: 'Not possible now' });
    await notNow.waitFor();
    expect(await firstText(page, 'section.actions-panel')).toContain(
      'Extend the deadline: Extend once the requester has answered: the clock is stopped now.',
    );
    await look(page, 'desktop-staff-waiting-identity');

    // The search record, on the same access request.
    const search = await openAction(page, 'Record a search made');
    await search.getByLabel('System or place searched').fill('Xero');
    await search.getByLabel(/Searched for/).fill(subjectEmail);
    await search.getByLabel('How many records (optional)').fill('3');
    await search.getByLabel('What was found, and what was done with it').fill('Three invoices, included in the copy.');
    await look(page, 'desktop-staff-record-search');
    await search.getByRole('button', { name: 'Record the search' }).click();
    await page.locator('p.status', { hasText: 'Search recorded' }).waitFor();
    await expect.poll(() => firstText(page, 'main')).toContain('Xero, searched for');
    const mail = await waitForEmail(centre.sesEndpoint, subjectEmail, [
      reference,
      'Please send a photo of your driving licence.',
    ]);
    expect(mail.subject).toBe(`We need to confirm your identity for ${reference}`);

    for (const kind of ['desktop', 'phone'] as const) {
      const { context, page: p } =
        kind === 'desktop'
          ? { context: subjectContext, page: subject }
          : await personOnPage(browser, centre, tenant, subjectEmail, 'phone');
      await p.goto(`${centre.url}/t/${tenant}/requests/${id}`);
      await p.getByRole('heading', { name: 'We need more information from you' }).waitFor();
      const main = await firstText(p, 'main');
      expect(main).toContain('The one-month time limit counts again from the day we have your answer.');
      expect(main).toMatch(/starts again on the day it arrives.*Article 12A/);
      await look(p, `${kind}-subject-waiting-identity`);
      if (kind === 'phone') await context.close();
    }

    await subject.getByRole('textbox', { name: 'Your answer' }).fill('I have posted a copy of my licence.');
    await subject.getByRole('button', { name: 'Send my answer' }).click();
    await expect.poll(() => firstText(subject, 'main')).toMatch(/Due .*: one calendar month from .*confirm your identity/);
    await look(subject, 'desktop-subject-identity-received');
    await subjectContext.close();
    await staffContext.close();
  });
});
