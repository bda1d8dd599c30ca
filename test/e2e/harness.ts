import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadTenantDir } from '../../functions/local/tenant-bundles.ts';
import { type SystemStandIns, startSystemStandIns } from '../../functions/local/vendors/index.ts';
import { totpCode, totpStep } from '../../shared/staff/totp.ts';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { enrolledSecret, freshCode, rememberSecret } from '../support/staff.ts';
import { launchChromium, viewports } from './browser.ts';
import { serveTestCentre } from './serve.ts';

export const shots = 'test-results/screenshots';

export type ServedCentre = Awaited<ReturnType<typeof serveTestCentre>>;

/** IT-MK and the demo people its journeys act as (seeds/): Sam, a handler, and Alex, held there. */
export const itMk = { tenant: 'it-mk', handler: 'sam.taylor@staff.example', subjectEmail: 'alex.morgan@example.com' } as const;

/** One Chromium and one served centre per test file, started in beforeAll, closed in afterAll. */
export function useBrowserAndCentre(options: Parameters<typeof serveTestCentre>[0] = {}): {
  browser: Browser;
  centre: ServedCentre;
} {
  const env = {} as { browser: Browser; centre: ServedCentre };
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [env.browser, env.centre] = await Promise.all([launchChromium(), serveTestCentre(options)]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.centre?.close();
  });
  return env;
}

/**
 * `useBrowserAndCentre` with a stand-in of every vendor the shipped tenants declare (their demo
 * people in each), started before the file's tests and stopped after, in `env.standIns`.
 * `adjust` (asked at each call) may point a system's credentials elsewhere: at a port nothing
 * listens on, for a system that is down.
 */
export function useBrowserWithSystems(
  adjust: (systemId: string, real: Record<string, string>) => Record<string, string> = (_, real) => real,
) {
  const stand = {} as { standIns: SystemStandIns };
  beforeAll(async () => {
    stand.standIns = await startSystemStandIns(loadTenantDir('tenants'));
  });
  const env = useBrowserAndCentre({
    systemCredentials: {
      async get(tenant, systemId) {
        return adjust(systemId, (await stand.standIns.credentials.get(tenant, systemId)) as Record<string, string>);
      },
    },
  });
  afterAll(() => stand.standIns?.stop());
  return Object.defineProperty(env, 'standIns', { get: () => stand.standIns }) as typeof env & { standIns: SystemStandIns };
}

export function newContext(
  browser: Browser,
  kind: keyof typeof viewports,
  /** Another context's cookies and storage (`context.storageState()`): the same person, another screen. */
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: viewports[kind],
    ...(kind === 'phone' ? { isMobile: true, hasTouch: true } : {}),
    ...(storageState ? { storageState } : {}),
  });
}

/** Zero violations of the WCAG 2.0/2.1/2.2 A and AA rules. */
export async function expectNoAxeViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, where).toEqual([]);
}

/** A view checked as a user meets it: axe clean, no sideways scrolling, and a full-page screenshot to look at. */
export function looker(prefix: string) {
  return async (page: Page, name: string) => {
    await expectNoAxeViolations(page, name);
    await expectNoSideways(page, name);
    await page.screenshot({ path: `${shots}/${prefix}-${name}.png`, fullPage: true });
  };
}

/** Nothing wider than the viewport (no sideways scrolling on a phone). */
export async function expectNoSideways(page: Page, where: string) {
  const width = page.viewportSize()?.width ?? 0;
  expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(width);
}

/** Signs in through the page, reading the link from the SES stand-in. */
export async function signInThroughPage(page: Page, centre: ServedCentre, tenant: string, email: string) {
  const prefix = `${centre.url}/t/${tenant}/verify#`;
  const before = (await emailsTo(centre.sesEndpoint, email, prefix)).length;
  await page.goto(`${centre.url}/t/${tenant}/`);
  await page.getByLabel('Your email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const mail = await waitForEmail(centre.sesEndpoint, email, prefix, before + 1);
  const link = (mail.body.text ?? '').split('\n').find((l) => l.startsWith(prefix)) ?? '';
  await page.goto(link.trim());
  await page.getByRole('button', { name: 'Confirm sign-in' }).click();
  await page.getByRole('heading', { name: /^Your data, / }).waitFor();
  // The title and first line come first; the footer only with the whole view (web/src/main.tsx).
  await page.getByRole('contentinfo').waitFor();
}

/** The signed-in API, called from the page with its own session cookie. */
export function callApi<T>(
  page: Page,
  tenant: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ url, method, body }) => {
      const res = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { url: `/api/t/${tenant}${path}`, method: init.method ?? 'GET', body: init.body },
  );
}

/** Staff sign-in through the page up to the second step (enrol or code): the email, and the link it brings. */
export async function staffSignInLink(
  page: Page,
  centre: ServedCentre,
  tenant: string,
  email: string,
  look: (step: string) => Promise<void> = async () => undefined,
) {
  const prefix = `${centre.url}/t/${tenant}/admin/verify#`;
  const before = (await emailsTo(centre.sesEndpoint, email, prefix)).length;
  await page.goto(`${centre.url}/t/${tenant}/admin/`);
  await page.getByLabel('Your work email address').fill(email);
  await look('sign-in');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  const mail = await waitForEmail(centre.sesEndpoint, email, prefix, before + 1);
  await page.goto((mail.body.text ?? '').split('\n').find((l) => l.startsWith(prefix)) ?? '');
  await page.getByRole('button', { name: 'Continue signing in' }).click();
}

type OnPage = [browser: Browser, centre: ServedCentre, tenant: string, email: string, kind?: keyof typeof viewports];

/** A new page of `kind` size (desktop unless given), signed in through it by `signIn`. */
async function signedInPage(
  signIn: (page: Page, centre: ServedCentre, tenant: string, email: string) => Promise<void>,
  ...[browser, centre, tenant, email, kind = 'desktop']: OnPage
) {
  const context = await newContext(browser, kind);
  const page = await context.newPage();
  await signIn(page, centre, tenant, email);
  return { context, page };
}

/** A new page, the person signed in through it (ends on "Your data"). */
export const personOnPage = (...args: OnPage) => signedInPage(signInThroughPage, ...args);

/** A new page, a member of staff signed in through it (ends on the queue). */
export const staffOnPage = (...args: OnPage) => signedInPage(staffSignIn, ...args);

/**
 * Staff sign-in through the page: the email link, then enrolment (the first time, reading the
 * secret off the page as a phone app would, and keeping it) or a code from the kept secret.
 * `look` is called at each step (sign-in, enrol, recovery-codes, second-factor) for axe and
 * screenshots. Ends on the queue.
 */
export async function staffSignIn(
  page: Page,
  centre: ServedCentre,
  tenant: string,
  email: string,
  look: (step: string) => Promise<void> = async () => undefined,
) {
  await staffSignInLink(page, centre, tenant, email, look);
  const enrol = page.getByRole('heading', { level: 1, name: 'Set up your authenticator app' });
  const code = page.getByRole('heading', { name: 'Enter the code from your app' });
  await enrol.or(code).waitFor();
  expect(page.url()).not.toContain('#');
  if (await enrol.isVisible()) {
    await page.locator('img.qr').waitFor();
    await look('enrol');
    const secret = (await page.locator('.secret').innerText()).replace(/\s+/g, '');
    rememberSecret(centre, tenant, email, secret);
    await page.getByLabel('6-digit code').fill(totpCode(secret, totpStep(Date.now() / 1000)));
    await page.getByRole('button', { name: 'Set up and continue' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    expect(await page.getByRole('list', { name: 'Your recovery codes' }).getByRole('listitem').count()).toBe(10);
    await look('recovery-codes');
    await page.getByRole('button', { name: 'I have saved them — continue' }).click();
  } else {
    await look('second-factor');
    const secret = enrolledSecret(centre, tenant, email) as string;
    await page.getByLabel('6-digit code').fill(await freshCode(centre, tenant, email, secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
}

/** A whole erasure asks staff to decide the person's other open requests first: close each as superseded. */
export async function decideOthers(form: Locator) {
  await form.getByRole('button', { name: 'Erase the data' }).waitFor();
  const group = form.getByRole('group', { name: 'Their other open requests: decide each first' });
  if ((await group.count()) === 0) return;
  for (const choice of await group.getByRole('combobox').all()) await choice.selectOption('superseded');
  await group.getByLabel('Why they are closed as superseded').fill('The erasure covers it.');
}

/** Staff start logging an access request for everything for `email` (found or not), up to the form's remaining fields. */
export async function logAccessFor(page: Page, email: string) {
  await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'Log a request' }).click();
  await page.getByLabel('Their email address').fill(email);
  await page.getByRole('button', { name: 'Find them' }).click();
  await page.getByRole('button', { name: `Log a request for ${email}` }).click();
  await page.getByLabel('Kind of request').selectOption('access');
  await page.getByLabel('Everything').check();
}

/** The text of the first element `selector` finds on the page (empty if it has none). */
export const firstText = async (page: Page, selector: string) => (await page.locator(selector).first().textContent()) ?? '';

/** Opens a staff action's panel on the request page, and returns it. */
export async function openAction(page: Page, title: string): Promise<Locator> {
  const panel = page.locator('details.action', { has: page.locator('summary', { hasText: title }) });
  await panel.locator('summary').click();
  return panel;
}

export type Filed = { id: string; reference: string };

/** Files a request through the subject API from a signed-in page, and expects it accepted. */
export async function fileRequest(page: Page, tenant: string, request: Record<string, unknown>): Promise<Filed> {
  const filed = await callApi<Filed>(page, tenant, '/me/requests', {
    method: 'POST',
    body: { idempotencyKey: randomUUID(), request },
  });
  expect(filed.status).toBe(201);
  return filed.body;
}

/** Withdraws the person's open requests of a kind: another of the same kind would be handed back as a duplicate. */
export async function withdrawOpen(page: Page, tenant: string, kind: string) {
  const mine = await callApi<{ requests: { id: string; kind: string; open: boolean }[] }>(page, tenant, '/me/requests');
  for (const r of mine.body.requests)
    if (r.kind === kind && r.open) await callApi(page, tenant, `/me/requests/${r.id}/withdraw`, { method: 'POST', body: {} });
}

/**
 * A subject signs in on a desktop page and files a request (`replacing`: after withdrawing their
 * open ones of the same kind). The context stays open for the test to use (and close);
 * `staffUrl` is the request's address on the staff pages.
 */
export async function subjectFiles(
  browser: Browser,
  centre: ServedCentre,
  tenant: string,
  email: string,
  request: { kind: string } & Record<string, unknown>,
  options: { replacing?: boolean } = {},
) {
  const { context, page } = await personOnPage(browser, centre, tenant, email);
  if (options.replacing) await withdrawOpen(page, tenant, request.kind);
  const filed = await fileRequest(page, tenant, request);
  const subjectId = (await callApi<{ subject: { id: string } }>(page, tenant, '/me')).body.subject.id;
  return { context, page, ...filed, subjectId, staffUrl: `${centre.url}/t/${tenant}/admin/requests/${subjectId}/${filed.id}` };
}

/** Alex files a request with IT-MK afresh (their open ones of its kind withdrawn), from a signed-in desktop page left open. */
export const alexFilesAfresh = (
  env: { browser: Browser; centre: ServedCentre },
  request: { kind: string } & Record<string, unknown>,
) => subjectFiles(env.browser, env.centre, itMk.tenant, itMk.subjectEmail, request, { replacing: true });

/** Alex asks IT-MK for a copy of everything, from a signed-in desktop page (left open for the test). */
export const alexAsksForAccess = (env: { browser: Browser; centre: ServedCentre }) =>
  subjectFiles(env.browser, env.centre, itMk.tenant, itMk.subjectEmail, { kind: 'access', scope: 'everything' });

/**
 * A handler signs in on a desktop page and opens a request: from the queue by its reference, or
 * at its staff address. Ends on the request page.
 */
export async function staffOpens(
  browser: Browser,
  centre: ServedCentre,
  tenant: string,
  email: string,
  request: { reference: string } | { url: string },
) {
  const { context, page } = await staffOnPage(browser, centre, tenant, email);
  if ('url' in request) await page.goto(request.url);
  else {
    await page.locator('table.queue').waitFor();
    await page.getByRole('link', { name: request.reference }).click();
  }
  await page.locator('.summary').waitFor();
  return { context, page };
}
