import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, looker, newContext, openAction, personOnPage, staffSignIn, useBrowserWithSystems } from './harness.ts';

/**
 * A handler sees what a correction will change where before applying it (HaloPSA's user title,
 * old → new; the systems that do not hold it), corrects it in the systems, then sees where it was
 * made, at desktop and phone size, axe clean.
 */
const tenant = 'inflection-point';
const email = 'alex.morgan@example.com';
const env = useBrowserWithSystems();
const look = looker('systems-correction');

const status = (page: Page, text: string) => page.locator('p.status', { hasText: text }).waitFor();

describe('a correction across the connected systems, from the request page', () => {
  it('is previewed, then applied in HaloPSA, and the page says where it was made', async () => {
    const { browser, centre } = env;
    const { context: subject, page: mine } = await personOnPage(browser, centre, tenant, email, 'desktop');
    const me = await callApi<{ subject: { id: string } }>(mine, tenant, '/me');
    const subjectId = me.body.subject.id;
    const employment = (await centre.deps.subjects.listRecords(tenant, subjectId)).find((r) => r.category === 'employment')!;
    const filed = await callApi<{ id: string }>(mine, tenant, '/me/requests', {
      method: 'POST',
      body: {
        idempotencyKey: randomUUID(),
        request: { kind: 'rectification', recordId: employment.id, field: 'jobTitle', value: 'Operations Manager' },
      },
    });
    await subject.close();
    const url = `${centre.url}/t/${tenant}/admin/requests/${subjectId}/${filed.body.id}`;

    // One signed-in page per size (a staff sign-in uses up the authenticator code of the moment).
    const pages = { desktop: undefined as Page | undefined, phone: undefined as Page | undefined };
    for (const size of ['desktop', 'phone'] as const) {
      const context = await newContext(browser, size);
      const page = await context.newPage();
      pages[size] = page;
      await staffSignIn(page, centre, tenant, 'sam.taylor@staff.example');
      await page.goto(url);
      await page.locator('.summary').waitFor();
      if (size === 'desktop') {
        await (await openAction(page, 'Start work')).getByRole('button', { name: 'Start work on it' }).click();
        await status(page, 'Marked as in progress.');
        await centre.settleSystems();
        await page.reload();
      }
      const correct = await openAction(page, 'Correct in the connected systems');
      const preview = correct.getByTestId('correction-preview');
      await expect(preview.getByRole('row').nth(1).textContent()).resolves.toMatch(
        /HaloPSA.*user:\d+.*title.*“Practice Office Manager”.*“Operations Manager”.*Will change/s,
      );
      await expect(preview.textContent()).resolves.toContain('Not holding this field, as their declarations say: Microsoft 365');
      await look(page, `${size}-preview`);
    }

    const page = pages.desktop!;
    // Still open from the preview.
    const correct = page.locator('details.action', {
      has: page.locator('summary', { hasText: 'Correct in the connected systems' }),
    });
    await correct.getByRole('button', { name: 'Correct in the systems' }).click();
    await correct.getByRole('button', { name: 'Yes, correct there' }).click();
    await status(page, 'The correction in the connected systems has started');
    await centre.settleSystems();
    for (const size of ['desktop', 'phone'] as const) {
      const here = pages[size]!;
      await here.reload();
      await here.locator('.summary').waitFor();
      const where = here.getByRole('region', { name: 'Connected systems' }).getByTestId('correction-preview');
      await expect(where.getByRole('row').nth(1).textContent()).resolves.toMatch(
        /HaloPSA.*title.*“Practice Office Manager”.*Changed/s,
      );
      await look(here, `${size}-outcome`);
    }
  }, 240_000);
});
