import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialSource } from '../../functions/connectors/credentials.ts';
import { subscriberHash } from '../../functions/connectors/mailchimp.ts';
import { loadTenantDir } from '../../functions/local/tenant-bundles.ts';
import { type SystemStandIns, startSystemStandIns } from '../../functions/local/vendors/index.ts';
import { callApi, looker, newContext, signInThroughPage, staffSignIn, useBrowserAndCentre } from './harness.ts';

/**
 * The done-when of "opt-outs reach the mailers", in the browser: Gareth stops all marketing on his
 * page and is unsubscribed in the Mailchimp stand-in; Priya unsubscribes in Mailchimp itself and,
 * after reconciliation, her page says so; a handler sees both on the person pages, with Tom's
 * mismatch flagged. Desktop and phone, axe-clean.
 */
const tenant = 'inflection-point';
let standIns: SystemStandIns;
beforeAll(async () => {
  standIns = await startSystemStandIns(loadTenantDir('tenants'));
});
afterAll(() => standIns?.stop());
const credentials: CredentialSource = { get: (t, id) => standIns.credentials.get(t, id) };
const env = useBrowserAndCentre({ systemCredentials: credentials });
const look = looker('marketing-systems');
// biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
const text = (locator: Locator) => locator.innerText();

async function mailchimp(email: string, init: RequestInit = {}) {
  const creds = (await standIns.credentials.get(tenant, 'mailchimp')) as { apiKey: string; baseUrl: string };
  const res = await fetch(`${creds.baseUrl}/lists/1e69f3e821/members/${subscriberHash(email)}`, {
    ...init,
    headers: {
      authorization: `Basic ${Buffer.from(`admin:${creds.apiKey}`).toString('base64')}`,
      'content-type': 'application/json',
    },
  });
  return (await res.json()) as { status: string };
}

describe('marketing opt-outs and Mailchimp, as a person and as staff see them', () => {
  it('stop all reaches Mailchimp; an unsubscribe there comes back to the person’s page; staff see each system’s state', async () => {
    const { browser, centre } = env;
    const gareth = await (await newContext(browser, 'desktop')).newPage();
    await signInThroughPage(gareth, centre, tenant, 'gareth.evans@example.co.uk');
    const garethId = (await callApi<{ subject: { id: string } }>(gareth, tenant, '/me')).body.subject.id;
    await gareth.getByRole('button', { name: 'Stop all marketing', exact: true }).click();
    await gareth.getByRole('button', { name: 'Yes, stop all marketing' }).click();
    await gareth
      .getByText(/You stopped all marketing on/)
      .first()
      .waitFor();
    await expect
      .poll(async () => (await mailchimp('gareth.evans@example.co.uk')).status, { timeout: 15_000 })
      .toBe('unsubscribed');

    const priya = await (await newContext(browser, 'phone')).newPage();
    await signInThroughPage(priya, centre, tenant, 'priya.shah@example.co.uk');
    await mailchimp('priya.shah@example.co.uk', { method: 'PATCH', body: JSON.stringify({ status: 'unsubscribed' }) });
    await centre.reconcileMarketing();
    await priya.reload();
    const cameBack = priya.locator('ul.history li', {
      hasText: 'You turned off Newsletters by email, by unsubscribing in Mailchimp (newsletters), list “Newsletter”.',
    });
    await cameBack.scrollIntoViewIfNeeded();
    await look(priya, 'phone-person-preferences');
    const priyaId = (await callApi<{ subject: { id: string } }>(priya, tenant, '/me')).body.subject.id;

    const tomSubject = await (await newContext(browser, 'desktop')).newPage();
    await signInThroughPage(tomSubject, centre, tenant, 'tom.fletcher@example.com');
    const tomId = (await callApi<{ subject: { id: string } }>(tomSubject, tenant, '/me')).body.subject.id;

    for (const kind of ['desktop', 'phone'] as const) {
      const page = await (await newContext(browser, kind)).newPage();
      await staffSignIn(page, centre, tenant, 'sam.taylor@staff.example');
      const tools = page.locator('ul.marketing-systems');
      await page.goto(`${centre.url}/t/${tenant}/admin/people/${garethId}`);
      await page.getByRole('heading', { name: 'Mailing tools' }).waitFor();
      expect(await text(tools)).toMatch(/Last opt-out sent \(.+\): Unsubscribed in 1 list/);
      await look(page, `${kind}-staff-stopped-all`);
      await page.goto(`${centre.url}/t/${tenant}/admin/people/${tomId}`);
      await page.getByRole('heading', { name: 'Mailing tools' }).waitFor();
      expect(await text(tools)).toContain('no consent to Newsletters by email is recorded here');
      await look(page, `${kind}-staff-mismatch`);
      await page.goto(`${centre.url}/t/${tenant}/admin/people/${priyaId}`);
      await page.getByRole('heading', { name: 'Mailing tools' }).waitFor();
      await page.getByText(/^Consent history/).click();
      expect(await text(page.locator('ol.consent-history'))).toContain(
        'unsubscribed in Mailchimp (newsletters), list “Newsletter”',
      );
      await look(page, `${kind}-staff-came-back`);
    }
  }, 300_000);
});
