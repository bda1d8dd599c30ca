import { describe, expect, it } from 'vitest';
import { waitForEmail } from '../support/mail.ts';
import {
  alexAsksForAccess,
  callApi,
  expectNoAxeViolations,
  itMk,
  looker,
  newContext,
  openAction,
  staffSignIn,
  useBrowserAndCentre,
} from './harness.ts';

/**
 * A handler signs in with an email link and an authenticator app, works a request from received
 * to completed, and the subject sees the result.
 */
const { tenant, handler, subjectEmail } = itMk;
const env = useBrowserAndCentre();

const look = looker('admin');

describe('staff work a request to the end', () => {
  it('signs in with TOTP, works an access request from received to completed, and the subject sees the result', async () => {
    const { browser, centre } = env;
    // The subject asks for a copy of their data.
    const filed = await alexAsksForAccess(env);
    const { context: subjectContext, page: subject, id, reference } = filed;

    // The handler signs in for the first time and finds it in the queue.
    const staffContext = await newContext(browser, 'desktop');
    const page = await staffContext.newPage();
    await staffSignIn(page, centre, tenant, handler, (step) => look(page, `desktop-${step}`));
    await page.locator('table.queue').waitFor();
    await look(page, 'desktop-queue');
    await page.getByRole('link', { name: reference }).click();
    await page.locator('.summary').waitFor();
    await expect.poll(() => page.locator('.summary').innerText()).toContain('Received');
    await look(page, 'desktop-request');

    // Assign, check identity, start, complete.
    const assign = await openAction(page, 'Assign');
    await assign.getByLabel('Who works on this request?').selectOption(handler);
    await assign.getByRole('button', { name: 'Save' }).click();
    await page.locator('p.status', { hasText: 'Assigned' }).waitFor();

    const identity = await openAction(page, 'Record the identity check');
    await identity.getByLabel('How did you check?').selectOption('email-link');
    await identity.getByLabel('What did you check?').fill('Asked while signed in with the address we hold.');
    await identity.getByRole('button', { name: 'Record the check' }).click();
    await page.locator('p.status', { hasText: 'Identity check recorded' }).waitFor();

    const start = await openAction(page, 'Start work');
    await start.getByRole('button', { name: 'Start work on it' }).click();
    await page.locator('p.status', { hasText: 'in progress' }).waitFor();

    const complete = await openAction(page, 'Complete the request');
    // No export was prepared here: the form says what completing now means for the person's download.
    expect(await complete.textContent()).toContain('Have the export above ready first');
    await complete
      .getByLabel('Response note for the requester')
      .fill('Here is everything we hold about you, category by category.');
    await complete.getByRole('button', { name: 'Complete the request' }).click();
    await page.getByRole('button', { name: 'Yes, complete it' }).click();
    await expect.poll(() => page.locator('.summary').innerText()).toContain('Completed');
    await look(page, 'desktop-request-completed');

    // The subject is told, and sees the outcome on their request page, without the internal steps.
    const mail = await waitForEmail(centre.sesEndpoint, subjectEmail, 'Here is everything we hold about you');
    expect(mail.subject).toBe(`Your request ${reference} is complete`);
    await subject.goto(`${centre.url}/t/${tenant}/requests/${id}`);
    await subject.getByRole('heading', { name: 'Our reply' }).waitFor();
    const seen = await subject.locator('main').innerText();
    expect(seen).toContain('Here is everything we hold about you, category by category.');
    expect(seen).not.toContain('Sam Taylor');
    expect(seen).not.toContain('Asked while signed in');
    await expectNoAxeViolations(subject, 'subject request completed');

    // The queue no longer lists it as open.
    const open = await callApi<{ requests: { id: string }[] }>(page, tenant, '/admin/requests');
    expect(open.body.requests.map((r) => r.id)).not.toContain(id);
    await subjectContext.close();
    await staffContext.close();
  });

  it('on a phone: signs in with a code from the app and reads the queue and a request', async () => {
    const { browser, centre } = env;
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await staffSignIn(page, centre, tenant, handler, (step) => look(page, `phone-${step}`));
    await page.locator('table.queue').waitFor();
    await look(page, 'phone-queue');
    await page.locator('table.queue tbody th a').first().click();
    await page.locator('.summary').waitFor();
    await look(page, 'phone-request');
    await context.close();
  });
});
