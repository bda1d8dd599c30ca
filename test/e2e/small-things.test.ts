import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  callApi,
  fileRequest,
  itMk,
  looker,
  newContext,
  openAction,
  personOnPage,
  signInThroughPage,
  staffSignIn,
  staffSignInLink,
  useBrowserAndCentre,
  withdrawOpen,
} from './harness.ts';

/**
 * The small things of issue 18, as a person and a DPO meet them in the browser: limits shown with
 * a live count and checked before sending; a note typed before a 409 kept; a way back to sign in
 * after the second-factor lockout; Back after filing shows the request was sent; a refusal's
 * reason said once on the person's page.
 */
const { tenant, handler, subjectEmail } = itMk;
const env = useBrowserAndCentre();
const look = looker('small-things');

/** Withdraws the person's open access requests: a second one would be given back as a duplicate. */
const withdrawOpenAccess = (page: Page) => withdrawOpen(page, tenant, 'access');

/** A request filed by the subject through the API, and its reference. */
async function fileAccess(page: Page) {
  await withdrawOpenAccess(page);
  return fileRequest(page, tenant, { kind: 'access', scope: 'everything' });
}

/** Staff: the email link, up to the second step (enrol or code). */
const toSecondStep = (page: Page, email: string) => staffSignInLink(page, env.centre, tenant, email);

/** The person's access request form on a page of `size`, "Everything" chosen (their open access requests withdrawn). */
async function accessForm(size: 'desktop' | 'phone') {
  const { browser, centre } = env;
  const { context, page } = await personOnPage(browser, centre, tenant, subjectEmail, size);
  await withdrawOpenAccess(page);
  await page.goto(`${centre.url}/t/${tenant}/requests/new?kind=access`);
  await page.getByLabel('Everything', { exact: true }).check();
  return { context, page };
}

describe('the person filing a request', () => {
  it.each(['desktop', 'phone'] as const)('on a %s: sees the limit and a live count, and is stopped over it', async (size) => {
    const { context, page } = await accessForm(size);
    const note = page.getByLabel('Anything else we should know? (optional)');
    await note.fill('Everything since 2019, please.');
    await expect.poll(() => page.locator('#rq-note-count').textContent()).toBe('30 of 2,000 characters');
    await look(page, `${size}-request-form-count`);
    const before = (await callApi<{ requests: unknown[] }>(page, tenant, '/me')).body.requests.length;
    await note.fill('x'.repeat(2001));
    await expect.poll(() => page.locator('#rq-note-count').textContent()).toBe('2,001 of 2,000 characters');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain(
      'Anything else we should know? (optional): keep it under 2,000 characters (it has 2,001)',
    );
    await look(page, `${size}-request-form-over`);
    expect((await callApi<{ requests: unknown[] }>(page, tenant, '/me')).body.requests).toHaveLength(before);
    await context.close();
  });

  it.each(['desktop', 'phone'] as const)('on a %s: after filing, Back shows the request was sent', async (size) => {
    const { context, page } = await accessForm(size);
    await page.getByLabel('Anything else we should know? (optional)').fill('Everything since 2019, please.');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: 'What you asked' }).waitFor();
    const reference = ((await page.locator('dl dd').first().textContent()) ?? '').trim();
    expect(reference).toMatch(/^[A-Z]+-2026-\d{6}$/);
    await page.goBack();
    await page.getByRole('heading', { name: 'Your request is sent' }).waitFor();
    expect(await page.locator('main').textContent()).toContain(reference);
    expect(await page.getByLabel('Anything else we should know? (optional)').count()).toBe(0);
    await look(page, `${size}-request-form-back`);
    await page.getByRole('link', { name: 'See your request' }).click();
    await page.getByRole('heading', { name: 'What you asked' }).waitFor();
    await context.close();
  });
});

describe('"your data" with closed requests', () => {
  it.each(['desktop', 'phone'] as const)(
    'on a %s: the open requests are shown, the closed ones folded under their count',
    async (size) => {
      const { context, page } = await personOnPage(env.browser, env.centre, tenant, subjectEmail, size);
      const closed = await fileAccess(page);
      const open = await fileAccess(page); // withdraws the first
      await page.goto(`${env.centre.url}/t/${tenant}/`);
      const list = page.getByRole('region', { name: 'Your requests' });
      await list.getByRole('link', { name: open.reference }).waitFor();
      expect(await list.getByRole('link', { name: closed.reference }).isVisible()).toBe(false);
      const folded = list.locator('details > summary');
      expect(await folded.textContent()).toMatch(/^\d+ closed requests?$/);
      await look(page, `${size}-your-requests-folded`);
      await folded.click();
      await list.getByRole('link', { name: closed.reference }).waitFor();
      expect(await list.locator('details').textContent()).toContain('Withdrawn');
      await look(page, `${size}-your-requests-unfolded`);
      await context.close();
    },
  );
});

describe('staff working a request', () => {
  /** One staff session and one subject session for the tests below, made by the first. */
  const s = {} as { staff: Page; subject: Page; close: () => Promise<void> };
  async function sessions() {
    if (s.staff) return s;
    const { browser, centre } = env;
    const subjectContext = await newContext(browser, 'desktop');
    s.subject = await subjectContext.newPage();
    await signInThroughPage(s.subject, centre, tenant, subjectEmail);
    const context = await newContext(browser, 'desktop');
    s.staff = await context.newPage();
    await staffSignIn(s.staff, centre, tenant, handler);
    s.close = async () => {
      await context.close();
      await subjectContext.close();
    };
    return s;
  }
  afterAll(() => s.close?.());

  /** A new access request, opened on the staff page. */
  async function openNew() {
    const { staff, subject } = await sessions();
    const filed = await fileAccess(subject);
    const subjectId = await subjectIdOf(staff, filed.id);
    await staff.goto(`${env.centre.url}/t/${tenant}/admin/requests/${subjectId}/${filed.id}`);
    await staff.locator('.summary').waitFor();
    return { ...filed, subjectId, page: staff, subject };
  }

  it('are stopped, on the page, before sending a note over its limit', async () => {
    const { page } = await openNew();
    const panel = await openAction(page, 'Add an internal note');
    await panel.getByLabel('Note', { exact: true }).fill('y'.repeat(17_000));
    await expect.poll(() => panel.locator('.count').textContent()).toBe('17,000 of 2,000 characters');
    await panel.getByRole('button', { name: 'Add the note' }).click();
    await panel.getByRole('heading', { name: 'There is a problem' }).waitFor();
    expect(await panel.locator('.error-summary').textContent()).toContain('Note: keep it under 2,000 characters (it has 17,000)');
    await look(page, 'desktop-note-over');
  });

  it('keep a note typed before a 409, to send again', async () => {
    const { page, id, subjectId } = await openNew();
    const panel = await openAction(page, 'Add an internal note');
    const typed = 'Called back on the number on file; they confirmed the request.';
    await panel.getByLabel('Note', { exact: true }).fill(typed);
    // Someone else changes the request meanwhile.
    const path = `/admin/subjects/${subjectId}/requests/${id}`;
    const now = await callApi<{ request: { version: number } }>(page, tenant, path);
    const other = await callApi(page, tenant, `${path}/actions`, {
      method: 'POST',
      body: { expectedVersion: now.body.request.version, action: { type: 'start' } },
    });
    expect(other.status).toBe(200);
    await panel.getByRole('button', { name: 'Add the note' }).click();
    // The server's own words, which say what happened (a refusal gets its own, with nothing added).
    await page.locator('p.error-notice', { hasText: 'This request was changed meanwhile. Please look at it again.' }).waitFor();
    await expect.poll(() => page.locator('.summary').textContent()).toContain('In progress');
    const kept = page.locator('details.action', { has: page.locator('summary', { hasText: 'Add an internal note' }) });
    expect(await kept.getByLabel('Note', { exact: true }).inputValue()).toBe(typed);
    await look(page, 'desktop-note-kept-after-409');
    await kept.getByRole('button', { name: 'Add the note' }).click();
    await page.locator('p.status', { hasText: 'Note added.' }).waitFor();
    expect(await page.locator('#history').locator('..').textContent()).toContain(typed);
  });

  it('refuse a request, and the person reads the reason once', async () => {
    const { page, subject, id } = await openNew();
    const reason = 'This is the fourth identical request this week; we answered the first on 2 March.';
    const refuse = await openAction(page, 'Refuse the request');
    await refuse.getByLabel('Manifestly excessive').check();
    await refuse.getByLabel('Reason for refusing (the requester is told it)').fill(reason);
    await refuse.getByRole('button', { name: 'Refuse the request' }).click();
    await page.getByRole('button', { name: 'Yes, refuse' }).click();
    await expect.poll(() => page.locator('.summary').textContent()).toContain('Refused');
    await subject.goto(`${env.centre.url}/t/${tenant}/requests/${id}`);
    await subject.getByRole('heading', { name: 'Why we refused' }).waitFor();
    const seen = (await subject.locator('main').textContent()) ?? '';
    expect(seen.split(reason).length - 1).toBe(1);
    expect(seen).toContain('We refused your request.');
    await look(subject, 'desktop-subject-refused');
  });
});

/** The subject id of a request, from the staff queue (the page's own session). */
async function subjectIdOf(page: Page, requestId: string): Promise<string> {
  const queue = await callApi<{ requests: { id: string; subjectId: string }[] }>(page, tenant, '/admin/requests');
  return queue.body.requests.find((r) => r.id === requestId)?.subjectId ?? '';
}

describe('the second-factor lockout', () => {
  it('while setting up the app: after too many wrong codes, offers the way back to sign in', async () => {
    const { browser } = env;
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await toSecondStep(page, 'info@it-mk.example');
    await page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' }).waitFor();
    const code = page.getByLabel('6-digit code');
    for (let i = 0; i < 6; i++) {
      // Locked out already (the limit counts every wrong code of the hour): nothing more to send.
      if (await page.locator('.field-error', { hasText: /Too many wrong codes/ }).count()) break;
      // The last answer drawn (the button is back from "Sending…"), then the code sent by Enter in
      // its field: a click could land where the button was before the error above it was drawn.
      await page.getByRole('button', { name: 'Set up and continue' }).waitFor();
      await code.fill('000000');
      const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/auth/enrol')), code.press('Enter')]);
      // The lockout's own answer ends the loop, not the page's redraw of it.
      if (res.status() === 429) break;
    }
    await page
      .locator('.field-error', { hasText: /Too many wrong codes\. Wait \d+ minutes?, then ask for a new sign-in link\./ })
      .waitFor();
    const back = page.getByRole('button', { name: 'Ask for a new sign-in link' });
    await back.waitFor();
    await look(page, 'phone-enrol-locked');
    await back.click();
    await page.getByLabel('Your work email address').waitFor();
    await context.close();
  });

  it('entering a code: the same way back (it was there already)', async () => {
    const { browser } = env;
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await toSecondStep(page, handler);
    await page.getByRole('heading', { name: 'Enter the code from your app' }).waitFor();
    // Wrong codes until the server answers 429 (the lockout): its answer, not the page's redraw,
    // ends the loop, so no code is typed into a form that is already locked.
    for (let i = 0; i < 6; i++) {
      if (await page.locator('.field-error', { hasText: /Too many wrong codes/ }).count()) break;
      // As above: the last answer drawn first, then the code sent by Enter in its field.
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await page.getByLabel('6-digit code').fill('000000');
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/auth/second-factor')),
        page.getByLabel('6-digit code').press('Enter'),
      ]);
      if (res.status() === 429) break;
    }
    await page.locator('.field-error', { hasText: 'Too many wrong codes' }).waitFor();
    await page.getByRole('button', { name: 'Ask for a new sign-in link' }).click();
    await page.getByLabel('Your work email address').waitFor();
    await context.close();
  });
});
