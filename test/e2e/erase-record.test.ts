import { describe, expect, it } from 'vitest';
import { looker, personOnPage, shots, staffOnPage, useBrowserAndCentre } from './harness.ts';

/**
 * "Ask us to delete this record" on "your data" (issue 15): at Northgate IT, whose policy lets a
 * person have a specific call deleted, Alex asks for one call recording; the request names that
 * recording and nothing else. Desktop and phone, axe-clean at every view.
 */
const tenant = 'northgate-it';
const email = 'alex.morgan@example.com';
const env = useBrowserAndCentre();
const look = looker('erase-record');

describe('asking to delete one record', () => {
  for (const kind of ['desktop', 'phone'] as const) {
    it(`${kind}: files an erasure of one call recording from its card`, async () => {
      const { browser, centre } = env;
      const { context, page } = await personOnPage(browser, centre, tenant, email, kind);
      // Whose words: the policy's transfer statement on the page, and the contacts marked the operator's placeholders.
      const transfers = page.getByRole('region', { name: 'Whether your data leaves the UK' });
      expect(await transfers.textContent()).toContain('The policy does not describe transfers outside the UK.');
      expect(await page.locator('footer .said').textContent()).toContain('Given by the operator of this centre');
      await page.locator('footer').screenshot({ path: `${shots}/erase-record-${kind}-footer.png` });
      const calls = page.getByRole('region', { name: /^Phone call recordings/ });
      await calls.getByText('Show the 3 records').click();
      const card = calls.locator('li.record').nth(kind === 'desktop' ? 0 : 1);
      await card.getByRole('button', { name: 'Ask us to delete this record (Phone call recordings)' }).click();
      await card.getByRole('heading', { name: 'Ask us to delete this record' }).waitFor();
      expect(await card.textContent()).toMatch(/We delete this record \(Phone call recordings, \d+ \w+ \d{4}\) and nothing else/);
      await look(page, `${kind}-form`);
      await card.screenshot({ path: `${shots}/erase-record-${kind}-form-card.png` });
      await card.getByLabel('Anything we should know (optional)').fill('The call about my old laptop');
      await card.getByRole('button', { name: 'Send erasure request' }).click();
      await card
        .getByRole('status')
        .filter({ hasText: 'We have your request to delete this record (Phone call recordings, ' })
        .waitFor();
      await look(page, `${kind}-sent`);
      await card.screenshot({ path: `${shots}/erase-record-${kind}-sent-card.png` });
      const subjectId = (await centre.deps.subjects.findIdByEmail(tenant, email)) as string;
      const filed = (await centre.deps.requests.listForSubject(tenant, subjectId)).filter(
        (r) => r.kind === 'erasure' && Array.isArray(r.details.recordIds),
      );
      expect(filed.at(-1)?.details).toMatchObject({ scope: 'some', categories: ['call-recordings'] });
      expect(filed.at(-1)?.details.recordIds).toHaveLength(1);
      await context.close();
    });
  }
});

describe('staff logging an erasure of one record', () => {
  for (const kind of ['desktop', 'phone'] as const) {
    it(`${kind}: logs it from the record on the person page, received by phone`, async () => {
      const { browser, centre } = env;
      const { context, page } = await staffOnPage(browser, centre, tenant, 'sam.taylor@staff.example', kind);
      await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'People' }).click();
      await page.getByLabel('Email address or request reference').fill(email);
      await page.getByRole('button', { name: 'Find', exact: true }).click();
      const calls = page.getByRole('region', { name: /^Phone call recordings/ });
      const record = calls.getByRole('article').nth(2);
      await record.getByRole('button', { name: 'Log an erasure of this record (Phone call recordings)' }).click();
      await record.getByRole('button', { name: 'Log the request' }).click();
      await record.getByRole('heading', { name: 'There is a problem' }).waitFor();
      await record.getByLabel('How did it reach you?').selectOption('phone');
      await look(page, `${kind}-staff-form`);
      await record.screenshot({ path: `${shots}/erase-record-${kind}-staff-form-card.png` });
      await record.getByRole('button', { name: 'Log the request' }).click();
      const status = page
        .getByRole('status')
        .filter({ hasText: /^Logged NGIT-\d{4}-\d{6}: erase the Phone call recordings record of / });
      await status.waitFor();
      expect(await status.textContent()).toContain('received by phone. Carry it out from its request page.');
      await look(page, `${kind}-staff-logged`);
      await context.close();
    });
  }
});
