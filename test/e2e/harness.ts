import { mkdirSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { launchChromium, viewports } from './browser.ts';
import { serveTestCentre } from './serve.ts';

export const shots = 'test-results/screenshots';

export type ServedCentre = Awaited<ReturnType<typeof serveTestCentre>>;

/** One Chromium and one served centre per test file, started in beforeAll, closed in afterAll. */
export function useBrowserAndCentre(): { browser: Browser; centre: ServedCentre } {
  const env = {} as { browser: Browser; centre: ServedCentre };
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [env.browser, env.centre] = await Promise.all([launchChromium(), serveTestCentre()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.centre?.close();
  });
  return env;
}

export function newContext(browser: Browser, kind: keyof typeof viewports): Promise<BrowserContext> {
  return browser.newContext({ viewport: viewports[kind], ...(kind === 'phone' ? { isMobile: true, hasTouch: true } : {}) });
}

/** Zero violations of the WCAG 2.0/2.1/2.2 A and AA rules. */
export async function expectNoAxeViolations(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, where).toEqual([]);
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
