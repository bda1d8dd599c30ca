import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { callApi, looker, personOnPage, staffOnPage, useBrowserAndCentre } from './harness.ts';

/**
 * Someone acting for another person (issue 18), on the person's own form: they say who they are,
 * how they are related and what gives them authority; the request is flagged for staff, who
 * record how they checked the authority on the request page. Phone and desktop, axe-clean.
 */
const tenant = 'it-mk';
const env = useBrowserAndCentre();
const look = looker('acting-for');
// biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
const text = (locator: Locator) => locator.innerText();

/** The person's open access requests withdrawn, so the next one is new (not a duplicate). */
async function withdrawAccess(page: Page) {
  const list = await callApi<{ requests: { id: string; kind: string; open: boolean }[] }>(page, tenant, '/me/requests');
  for (const r of list.body.requests)
    if (r.kind === 'access' && r.open) await callApi(page, tenant, `/me/requests/${r.id}/withdraw`, { method: 'POST', body: {} });
}

describe.each([
  ['phone', 'james.patel@example.com', 'jo.patel.lpa@example.net'],
  ['desktop', 'rachel.hughes@example.co.uk', 'rachel.solicitor@example.net'],
] as const)('on a %s', (size, person, representative) => {
  it('a representative files for the person; staff see it flagged and record how they checked the authority', async () => {
    const { browser, centre } = env;
    const { context, page } = await personOnPage(browser, centre, tenant, person, size);
    await withdrawAccess(page);
    await page.goto(`${centre.url}/t/${tenant}/requests/new`);
    await page.getByRole('radio', { name: 'A copy of my data', exact: true }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('Everything').check();
    await page.getByLabel('I am acting for the person this account belongs to').check();

    // Nothing about who they are: each problem named, linked to its field.
    await page.getByRole('button', { name: 'Send request' }).click();
    const summary = page.locator('.error-summary');
    await expect
      .poll(() => summary.locator('li').allTextContents())
      .toEqual([
        'Please give your name',
        'Choose how you are related to them',
        'Please say what gives you authority to act for them',
      ]);
    await look(page, `${size}-form-errors`);

    await page.getByLabel('Your full name').fill('Jo Patel');
    await page.getByLabel(size === 'phone' ? 'I hold a power of attorney for them' : 'I am their solicitor').check();
    await page.getByLabel('What gives you authority to act for them?').fill('A signed letter of authority from them');
    await page.getByLabel('Your email address (optional)').fill(representative);
    await look(page, `${size}-form-filled`);
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('heading', { name: 'What you asked' }).waitFor();
    const mine = await text(page.locator('main'));
    expect(mine).toContain('Made for you by');
    expect(mine).toContain('We check their authority to act for you before we share anything with them.');
    await look(page, `${size}-request-page`);
    const reference = /ITMK-\d{4}-\d{6}/.exec(mine)?.[0] ?? '';
    // Until the authority is checked, the person's own address is written to, not the one typed.
    await waitForEmail(centre.sesEndpoint, person, reference);
    expect(await emailsTo(centre.sesEndpoint, representative, reference)).toEqual([]);

    // Staff: flagged in the queue; the check recorded on the request page.
    const { page: staff } = await staffOnPage(browser, centre, tenant, 'sam.taylor@staff.example', size);
    const row = staff.locator('tr', { hasText: reference });
    await row.getByText('Acting for someone: authority to check').waitFor();
    await look(staff, `${size}-queue-flag`);
    await row.getByRole('link', { name: reference }).click();
    await staff.locator('.summary').getByText('Authority not checked yet').waitFor();
    const panel = staff.locator('details.action', {
      has: staff.locator('summary', { hasText: 'Record how their authority was checked' }),
    });
    await panel.locator('summary').click();
    await panel.getByLabel('How you checked it').fill('Letter of authority seen, signed by the person; called them to confirm');
    await look(staff, `${size}-record-authority`);
    await panel.getByRole('button', { name: 'Record the check' }).click();
    await staff.getByText('Recorded. The check is on the request and in its evidence pack.').waitFor();
    const summaryText = await text(staff.locator('.summary'));
    expect(summaryText).toContain(
      'Checked: Letter of authority seen, signed by the person; called them to confirm (by Sam Taylor',
    );
    await look(staff, `${size}-authority-recorded`);
    await staff.context().close();
    await context.close();
  });
});
