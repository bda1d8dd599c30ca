import { describe, expect, it } from 'vitest';
import { looker, newContext, shots, staffSignIn, useBrowserAndCentre } from './harness.ts';

/**
 * Staff logging an erasure on the "Log a request" page can name single records, as the person
 * can on their own page (issue 15): at Northgate IT, Alex phoned to have one call recording and
 * one other record deleted. The records are listed by category; ticking none is refused before
 * anything is sent; the request names exactly the ticked records. Desktop and phone, axe-clean.
 */
const tenant = 'northgate-it';
const email = 'alex.morgan@example.com';
const env = useBrowserAndCentre();
const look = looker('log-erasure-records');

describe('staff logging an erasure of some records', () => {
  for (const kind of ['desktop', 'phone'] as const) {
    it(`${kind}: lists the person’s records by category and logs the ticked ones alone`, async () => {
      const { browser, centre } = env;
      const context = await newContext(browser, kind);
      const page = await context.newPage();
      await staffSignIn(page, centre, tenant, 'sam.taylor@staff.example');
      await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'Log a request' }).click();
      await page.getByLabel('Their email address').fill(email);
      await page.getByRole('button', { name: 'Find them' }).click();
      await page.getByLabel('Kind of request').selectOption('erasure');
      // Only an erasure offers single records.
      await page.getByLabel('Only some records').check();
      const picker = page.getByRole('group', { name: 'Which records?' });
      const calls = picker.getByRole('group', { name: 'Phone call recordings' });
      await calls.getByRole('checkbox').first().waitFor();
      expect(await calls.getByRole('checkbox').count()).toBe(3);
      const held = (await picker.getByRole('group').all()).length;
      expect(held).toBeGreaterThan(1);
      await page.getByLabel('How did it reach you?').selectOption('phone');

      // Nothing ticked: the form says so, and nothing is filed.
      await page.getByRole('button', { name: 'Log the request' }).click();
      await page.getByRole('heading', { name: 'There is a problem' }).waitFor();
      expect(await picker.textContent()).toContain('Choose at least one record');
      await look(page, `${kind}-none-ticked`);

      const call = calls.getByRole('checkbox').nth(1);
      const callLabel = (await calls.locator('label').nth(1).textContent()) ?? '';
      expect(callLabel).toMatch(/^Recorded \d+ \w+ \d{4}/);
      await call.check();
      const other = picker
        .getByRole('group')
        .filter({ hasNot: page.getByText('Phone call recordings') })
        .first();
      await other.getByRole('checkbox').first().check();
      await look(page, `${kind}-ticked`);
      await picker.screenshot({ path: `${shots}/log-erasure-records-${kind}-picker.png` });

      const subjectId = (await centre.deps.subjects.findIdByEmail(tenant, email)) as string;
      const before = new Set((await centre.deps.requests.listForSubject(tenant, subjectId)).map((r) => r.id));
      await page.getByRole('button', { name: 'Log the request' }).click();
      await page.locator('.summary').waitFor();
      const main = await page.locator('main').textContent();
      expect(main).toContain('Only these records: Phone call recordings of ');
      await look(page, `${kind}-logged`);

      const filed = (await centre.deps.requests.listForSubject(tenant, subjectId)).filter((r) => !before.has(r.id));
      expect(filed).toHaveLength(1);
      const request = filed[0];
      expect(request?.kind).toBe('erasure');
      const records = await centre.deps.subjects.listRecords(tenant, subjectId);
      const ids = request?.details.recordIds as string[];
      expect(ids).toHaveLength(2);
      expect(request?.details.scope).toBe('some');
      const categories = ids.map((id) => records.find((r) => r.id === id)?.category);
      expect(categories).toContain('call-recordings');
      expect(new Set(categories).size).toBe(2);
      await context.close();
    });
  }
});
