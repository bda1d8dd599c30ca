import { describe, expect, it } from 'vitest';
import { mayWeSend } from '../../shared/marketing/preferences.ts';
import { sealUnsubscribeToken } from '../../shared/marketing/unsubscribe-token.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { looker, newContext, useBrowserAndCentre } from './harness.ts';

/**
 * The server-rendered pages issue 18 changed, as a browser opens them from an email, on a phone
 * and a desktop (axe, nothing off the screen, screenshots): a used unsubscribe link, and an
 * export's download link with no session, the person's and staff's.
 */
const tenant = 'inflection-point';
const env = useBrowserAndCentre();
const look = looker('plain-pages');

/** A person who receives newsletters now, a different one per screen size (each link is used once). */
const used = new Set<string>();
async function receiver(centre: (typeof env)['centre']): Promise<string> {
  const tenantConfig = centre.deps.tenants.get(tenant) as TenantConfig;
  for (const subjectId of await centre.deps.subjects.listIds(tenant)) {
    if (used.has(subjectId)) continue;
    const verdict = await mayWeSend(centre.deps, { tenant: tenantConfig, subjectId, channel: 'email', topic: 'newsletters' });
    if (verdict.allowed) {
      used.add(subjectId);
      return subjectId;
    }
  }
  throw new Error('no one receives newsletters');
}

describe.each(['desktop', 'phone'] as const)('on a %s', (size) => {
  it('a used unsubscribe link says it is done, with no button', async () => {
    const { browser, centre } = env;
    const subjectId = await receiver(centre);
    const token = sealUnsubscribeToken(centre.deps.settings.hashKeys.sealingKeys(), { tenant, subjectId, topic: 'newsletters' });
    const url = `${centre.url}/api/t/${tenant}/unsubscribe/${token}`;
    const context = await newContext(browser, size);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByRole('heading', { name: 'You are unsubscribed' }).waitFor();
    await page.goto(url);
    await page.getByRole('heading', { name: 'You are already unsubscribed from Newsletters' }).waitFor();
    expect(await page.getByRole('button').count()).toBe(0);
    await look(page, `${size}-unsubscribe-already`);
    await context.close();
  });

  it('an export download opened signed out asks to sign in', async () => {
    const { browser, centre } = env;
    const context = await newContext(browser, size);
    const page = await context.newPage();
    const res = await page.goto(`${centre.url}/api/t/${tenant}/me/requests/rq-1/exports/ex-1/download`);
    expect(res?.status()).toBe(401);
    await page.getByRole('heading', { name: 'Sign in to download your data' }).waitFor();
    await look(page, `${size}-download-signed-out`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.getByLabel('Your email address').waitFor();
    await context.close();
  });

  it('a staff download opened signed out asks to sign in, for each kind of download', async () => {
    const { browser, centre } = env;
    const context = await newContext(browser, size);
    const page = await context.newPage();
    const admin = `${centre.url}/api/t/${tenant}/admin`;
    for (const path of [
      '/subjects/s-1/requests/rq-1/evidence',
      '/subjects/s-1/complaints/c-1/evidence',
      '/audit/export?format=csv',
      '/reports.csv?from=2026-01-01&to=2026-01-31',
    ]) {
      const res = await page.goto(`${admin}${path}`);
      expect(res?.status(), path).toBe(401);
      expect(res?.headers()['content-type'], path).toContain('text/html');
      await page.getByRole('heading', { name: 'Sign in to download this' }).waitFor();
    }
    await look(page, `${size}-staff-download-signed-out`);
    await page.getByRole('link', { name: 'Sign in to the staff pages' }).click();
    await page.getByLabel('Your work email address').waitFor();
    await context.close();
  });
});
