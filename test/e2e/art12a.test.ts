import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForEmail } from '../support/mail.ts';
import {
  alexAsksForAccess,
  alexFilesAfresh,
  callApi,
  firstText,
  itMk,
  looker,
  openAction,
  personOnPage,
  staffOnPage,
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

/** The person's request page waiting for their answer: on the desktop page they filed from, then on a phone signed in afresh. */
async function onBothPages(desktop: Page, id: string, check: (page: Page, kind: 'desktop' | 'phone') => Promise<void>) {
  for (const kind of ['desktop', 'phone'] as const) {
    const phone = kind === 'phone' ? await personOnPage(env.browser, env.centre, tenant, subjectEmail, 'phone') : undefined;
    const page = phone?.page ?? desktop;
    await page.goto(`${env.centre.url}/t/${tenant}/requests/${id}`);
    await page.getByRole('heading', { name: 'We need more information from you' }).waitFor();
    await check(page, kind);
    await phone?.context.close();
  }
}

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

    await onBothPages(subject, id, async (p, kind) => {
      const main = await firstText(p, 'main');
      expect(main).toContain('The one-month time limit counts again from the day we have your answer.');
      expect(main).toMatch(/starts again on the day it arrives.*Article 12A/);
      await look(p, `${kind}-subject-waiting-identity`);
    });

    await subject.getByRole('textbox', { name: 'Your answer' }).fill('I have posted a copy of my licence.');
    await subject.getByRole('button', { name: 'Send my answer' }).click();
    await expect.poll(() => firstText(subject, 'main')).toMatch(/Due .*: one calendar month from .*confirm your identity/);
    await look(subject, 'desktop-subject-identity-received');
    // Staff asked who they are: the answer is not yet a check, so completing waits for one, and says so.
    await page.reload();
    await page.getByRole('heading', { name: 'Not possible now' }).waitFor();
    expect(await firstText(page, 'section.actions-panel')).toContain(
      'Complete the request: You asked the requester to confirm who they are: record the identity check first',
    );
    await look(page, 'desktop-staff-identity-first');
    await subjectContext.close();
    await staffContext.close();
  });

  it('a question on an erasure request leaves the clock running, and staff and the person are told before and after', async () => {
    const { browser, centre } = env;
    const filed = await alexFilesAfresh(env, { kind: 'erasure', scope: 'everything' });
    const { context: subjectContext, page: subject, id, reference, staffUrl } = filed;
    const { context: staffContext, page } = await staffOpens(browser, centre, tenant, handler, { url: staffUrl });
    const dueBefore = await firstText(page, '[data-testid="clock-note"]');
    const ask = await openAction(page, 'Ask the requester for information');
    expect(await ask.textContent()).toContain(
      'The clock keeps running: the law stops it for a clarification only on an access request.',
    );
    await ask.getByLabel('Your question').fill('Do you mean the account at your old employer too?');
    await look(page, 'desktop-staff-ask-erasure');
    await ask.getByRole('button', { name: 'Send the question' }).click();
    await page.locator('p.status', { hasText: 'The clock keeps running while you wait for the answer.' }).waitFor();
    await expect.poll(() => firstText(page, '[data-testid="clock-note"]')).toBe(dueBefore);
    expect(await firstText(page, '.summary')).not.toContain('Clock stopped');
    // Waiting, the deadline can still be extended (the first deadline has not passed).
    expect(await page.locator('details.action summary', { hasText: 'Extend the deadline' }).count()).toBe(1);
    await look(page, 'desktop-staff-waiting-erasure');
    const mail = await waitForEmail(centre.sesEndpoint, subjectEmail, [
      reference,
      'Do you mean the account at your old employer too?',
    ]);
    expect(mail.body.text).toMatch(
      /The time limit keeps running while we wait for your answer: we will respond by \d{1,2} \w+ \d{4} at the latest\./,
    );

    await onBothPages(subject, id, async (p, kind) => {
      const main = await firstText(p, 'main');
      expect(main).toMatch(
        /The time limit keeps running while we wait for your answer: we will respond by \d{1,2} \w+ \d{4} at the latest\./,
      );
      expect(main).toMatch(/Due by \d{1,2} \w+ \d{4} \(\d+ days left\)/);
      expect(main).not.toContain('paused');
      await look(p, `${kind}-subject-waiting-erasure`);
    });
    await subject.getByRole('textbox', { name: 'Your answer' }).fill('Yes, that one too.');
    await subject.getByRole('button', { name: 'Send my answer' }).click();
    await expect.poll(() => subject.getByRole('status').textContent()).toBe('Thank you: we have your answer.');
    expect(await firstText(subject, '.history')).toMatch(/You answered\.\s*Yes, that one too\./);
    await subjectContext.close();
    await staffContext.close();
  });

  it('on an overdue erasure request, staff may only ask to clarify it: the form does not offer a question to confirm who they are', async () => {
    const { browser, centre } = env;
    const { context, page } = await staffOnPage(browser, centre, tenant, handler, 'desktop');
    await page.locator('table.queue').waitFor();
    const subjectId = (await centre.deps.subjects.findIdByEmail(tenant, 'george.lane@example.co.uk')) as string;
    // Received by letter 45 days ago: past one calendar month, whatever today is.
    const receivedOn = await page.evaluate(() => new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10));
    const logged = await callApi<{ request: { id: string } }>(page, tenant, '/admin/requests', {
      method: 'POST',
      body: {
        idempotencyKey: randomUUID(),
        subjectId,
        via: 'letter',
        receivedOn,
        request: { kind: 'erasure', scope: 'everything' },
      },
    });
    expect(logged.status).toBe(201);
    await page.goto(`${centre.url}/t/${tenant}/admin/requests/${subjectId}/${logged.body.request.id}`);
    await page.locator('.summary').waitFor();
    const ask = await openAction(page, 'Ask the requester for information');
    expect(await ask.textContent()).toContain('This request is overdue, so you may only ask them to clarify it');
    expect(await ask.getByLabel('To confirm who they are').count()).toBe(0);
    expect(await ask.getByLabel('To clarify what they are asking for').isChecked()).toBe(true);
    await ask.getByLabel('Your question').fill('Which of your two accounts do you mean?');
    await look(page, 'desktop-staff-ask-overdue');
    await ask.getByRole('button', { name: 'Send the question' }).click();
    await page.locator('p.status', { hasText: 'The clock keeps running while you wait for the answer.' }).waitFor();
    // The email promises no date already gone.
    const mail = await waitForEmail(centre.sesEndpoint, 'george.lane@example.co.uk', ['Which of your two accounts do you mean?']);
    expect(mail.body.text).toMatch(
      /Our response was due by \d{1,2} \w+ \d{4}: it is late, and we will respond as soon as we can\./,
    );
    expect(mail.body.text).not.toContain('at the latest');
    // The same page on a phone's width (a second staff sign-in so soon could find no fresh TOTP code).
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.locator('.summary').waitFor();
    await look(page, 'phone-staff-asked-overdue');
    await context.close();
  });
});
