import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { subscriberHash } from '../../functions/connectors/mailchimp.ts';
import { callApi, looker, personOnPage, staffOnPage, useBrowserWithSystems } from './harness.ts';

/**
 * The done-when of "opt-outs reach the mailers", in the browser: Gareth stops all marketing on his
 * page and is unsubscribed in the Mailchimp stand-in; Priya unsubscribes in Mailchimp itself and,
 * after reconciliation, her page says so; a handler sees both on the person pages, with Tom's
 * mismatch flagged. Desktop and phone, axe-clean.
 */
const tenant = 'inflection-point';
const env = useBrowserWithSystems();
const look = looker('marketing-systems');
// biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
const text = (locator: Locator) => locator.innerText();

async function mailchimp(email: string, init: RequestInit = {}) {
  const creds = (await env.standIns.credentials.get(tenant, 'mailchimp')) as { apiKey: string; baseUrl: string };
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
    const { page: gareth } = await personOnPage(browser, centre, tenant, 'gareth.evans@example.co.uk', 'desktop');
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

    const { page: priya } = await personOnPage(browser, centre, tenant, 'priya.shah@example.co.uk', 'phone');
    await mailchimp('priya.shah@example.co.uk', { method: 'PATCH', body: JSON.stringify({ status: 'unsubscribed' }) });
    await centre.reconcileMarketing();
    await priya.reload();
    const cameBack = priya.locator('ul.history li', {
      hasText: 'You turned off Newsletters by email, by unsubscribing in Mailchimp (newsletters), list “Newsletter”.',
    });
    await cameBack.scrollIntoViewIfNeeded();
    await look(priya, 'phone-person-preferences');
    const priyaId = (await callApi<{ subject: { id: string } }>(priya, tenant, '/me')).body.subject.id;

    const { page: tomSubject } = await personOnPage(browser, centre, tenant, 'tom.fletcher@example.com', 'desktop');
    const tomId = (await callApi<{ subject: { id: string } }>(tomSubject, tenant, '/me')).body.subject.id;

    for (const kind of ['desktop', 'phone'] as const) {
      const { page } = await staffOnPage(browser, centre, tenant, 'sam.taylor@staff.example', kind);
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
