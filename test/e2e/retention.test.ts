import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { looker, staffOnPage, useBrowserAndCentre } from './harness.ts';

/**
 * Retention on the staff person page: the deletion date per category, a handler recording when a
 * relationship ended (the dates move at once), and a restricted person's overdue records saying
 * why the sweep skips them; on a desktop and a phone, axe-clean at every view.
 */
const tenant = 'it-mk';
const handler = 'sam.taylor@staff.example';
const env = useBrowserAndCentre();
const look = looker('retention');

async function openPerson(page: Page, email: string, name: string) {
  await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'People' }).click();
  await page.getByLabel('Email address or request reference').fill(email);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('retention on the staff person page', () => {
  for (const kind of ['desktop', 'phone'] as const) {
    it(`${kind}: records the end of a relationship and shows the deletion date it gives; a restriction says why records stay`, async () => {
      const { browser, centre } = env;
      const { context, page } = await staffOnPage(browser, centre, tenant, handler, kind);
      const email = kind === 'desktop' ? 'rachel.hughes@example.co.uk' : 'james.patel@example.com';
      await openPerson(page, email, kind === 'desktop' ? 'Rachel Hughes' : 'James Patel');
      const retention = page.getByRole('region', { name: 'Retention' });
      await retention.getByRole('button', { name: 'Change the relationship' }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rel-startedOn');
      await retention.getByLabel('Ended on (optional)').fill('2025-03-31');
      await retention.getByRole('button', { name: 'Save the relationship' }).click();
      await retention.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await look(page, `${kind}-relationship-error`);
      await retention.getByLabel('How do you know?').fill('Membership cancelled by letter of 31 March 2025');
      await retention.getByRole('button', { name: 'Save the relationship' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved the relationship.' }).waitFor();
      await page
        .locator('.summary')
        .getByText(/ended 31 March 2025/)
        .waitFor();
      expect(await retention.locator('ul').textContent()).toContain('Membership and services: deletion due 31 March 2032');
      await look(page, `${kind}-relationship-saved`);

      // A restriction on a former member whose data is past its date: each record says why it stays.
      const george = (await centre.deps.subjects.findIdByEmail(tenant, 'george.lane@example.co.uk')) as string;
      await centre.deps.subjects.setRestriction({
        tenant,
        subjectId: george,
        restriction: { categories: '*', since: new Date().toISOString(), reason: 'Accuracy contested while we check' },
        effects: { audit: [] },
      });
      await openPerson(page, 'george.lane@example.co.uk', 'George Lane');
      const account = page.getByRole('region', { name: /^Membership and services/ });
      expect(await account.locator('.hold-note').textContent()).toContain('skips it: restricted since ');
      expect(await retention.locator('ul').textContent()).toContain('1 kept past it');
      await look(page, `${kind}-restricted`);
      await context.close();
    });
  }
});
