import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../shared/staff/totp.ts';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { enrolledSecret, freshCode, rememberSecret } from '../support/staff.ts';
import {
  callApi,
  expectNoAxeViolations,
  expectNoSideways,
  newContext,
  type ServedCentre,
  shots,
  signInThroughPage,
  useBrowserAndCentre,
} from './harness.ts';

/**
 * A handler signs in with an email link and an authenticator app, works a request from received
 * to completed, and the subject sees the result.
 */
const tenant = 'it-mk';
const handler = 'sam.taylor@staff.example';
const subjectEmail = 'alex.morgan@example.com';
const env = useBrowserAndCentre();

async function look(page: Page, name: string) {
  await expectNoAxeViolations(page, name);
  await expectNoSideways(page, name);
  await page.screenshot({ path: `${shots}/admin-${name}.png`, fullPage: true });
}

/** Email link, then enrolment (first time, reading the secret off the page as a phone app would) or a code. */
async function staffSignIn(page: Page, centre: ServedCentre, email: string, view: string) {
  const prefix = `${centre.url}/t/${tenant}/admin/verify#`;
  const before = (await emailsTo(centre.sesEndpoint, email, prefix)).length;
  await page.goto(`${centre.url}/t/${tenant}/admin/`);
  await page.getByLabel('Your work email address').fill(email);
  await look(page, `${view}-sign-in`);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const mail = await waitForEmail(centre.sesEndpoint, email, prefix, before + 1);
  await page.goto((mail.body.text ?? '').split('\n').find((l) => l.startsWith(prefix)) ?? '');
  await page.getByRole('button', { name: 'Continue signing in' }).click();
  const enrol = page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' });
  const code = page.getByRole('heading', { name: 'Enter the code from your app' });
  await enrol.or(code).waitFor();
  expect(page.url()).not.toContain('#');
  if (await enrol.isVisible()) {
    await page.locator('img.qr').waitFor();
    await look(page, `${view}-enrol`);
    const secret = (await page.locator('.secret').innerText()).replace(/\s+/g, '');
    rememberSecret(centre, tenant, email, secret);
    await page.getByLabel('6-digit code').fill(totpCode(secret, totpStep(Date.now() / 1000)));
    await page.getByRole('button', { name: 'Set up and continue' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    expect(await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').count()).toBe(10);
    await look(page, `${view}-recovery-codes`);
    await page.getByRole('button', { name: 'I have saved them — continue' }).click();
  } else {
    await look(page, `${view}-second-factor`);
    const secret = enrolledSecret(centre, tenant, email) as string;
    await page.getByLabel('6-digit code').fill(await freshCode(centre, tenant, email, secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
}

/** Opens an action's panel, and returns it. */
async function openAction(page: Page, title: string) {
  const panel = page.locator('details.action', { has: page.locator('summary', { hasText: title }) });
  await panel.locator('summary').click();
  return panel;
}

describe('staff work a request to the end', () => {
  it('signs in with TOTP, works an access request from received to completed, and the subject sees the result', async () => {
    const { browser, centre } = env;
    // The subject asks for a copy of their data.
    const subjectContext = await newContext(browser, 'desktop');
    const subject = await subjectContext.newPage();
    await signInThroughPage(subject, centre, tenant, subjectEmail);
    const filed = await callApi<{ id: string; reference: string }>(subject, tenant, '/me/requests', {
      method: 'POST',
      body: { idempotencyKey: randomUUID(), request: { kind: 'access', scope: 'everything' } },
    });
    expect(filed.status).toBe(201);
    const { id, reference } = filed.body;

    // The handler signs in for the first time and finds it in the queue.
    const staffContext = await newContext(browser, 'desktop');
    const page = await staffContext.newPage();
    await staffSignIn(page, centre, handler, 'desktop');
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
    await staffSignIn(page, centre, handler, 'phone');
    await page.locator('table.queue').waitFor();
    await look(page, 'phone-queue');
    await page.locator('table.queue tbody th a').first().click();
    await page.locator('.summary').waitFor();
    await look(page, 'phone-request');
    await context.close();
  });
});
