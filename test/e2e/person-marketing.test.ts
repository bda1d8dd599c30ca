import { describe, expect, it } from 'vitest';
import { callApi, looker, personOnPage, staffOnPage, useBrowserAndCentre } from './harness.ts';

/** A handler sees a person's marketing choices on their page and records one given by phone. */
const tenant = 'inflection-point';
const env = useBrowserAndCentre();
const look = looker('person-marketing');

describe('marketing choices on the staff person page', () => {
  it('shows the choices and history, and records a choice given by phone', async () => {
    const { browser, centre } = env;
    const { page: subject } = await personOnPage(browser, centre, tenant, 'alex.morgan@example.com', 'desktop');
    const me = await callApi<{ subject: { id: string } }>(subject, tenant, '/me');
    const person = `${centre.url}/t/${tenant}/admin/people/${me.body.subject.id}`;

    for (const kind of ['desktop', 'phone'] as const) {
      const { page } = await staffOnPage(browser, centre, tenant, 'sam.taylor@staff.example', kind);
      const reads: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'GET' && /\/marketing$/.test(new URL(r.url()).pathname)) reads.push(r.url());
      });
      await page.goto(person);
      await page.getByRole('heading', { name: 'Marketing choices' }).waitFor();
      await page.locator('ul.marketing-cells').waitFor();
      await page.waitForLoadState('networkidle');
      // Opening the page reads (and audits reading) the choices once.
      expect(reads).toHaveLength(1);
      if (kind === 'desktop') {
        // Nothing is chosen for the handler: sent as it opens, the form says what is missing and records nothing.
        const posts: string[] = [];
        page.on('request', (r) => {
          if (r.method() === 'POST') posts.push(r.url());
        });
        for (const label of ['Which', 'Their choice', 'How they told you']) {
          expect(await page.getByLabel(label).inputValue()).toBe('');
        }
        await page.getByRole('button', { name: 'Record the choice' }).click();
        const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
        await summary.waitFor();
        expect(await summary.textContent()).toMatch(
          /Choose which marketing the choice is about\s*Choose what they want\s*Choose how they told you/,
        );
        expect(posts).toEqual([]);
        await page.getByLabel('Which').selectOption('email|offers');
        await page.getByLabel('Their choice').selectOption('true');
        await page.getByLabel('How they told you').selectOption('phone');
        await page.getByRole('button', { name: 'Record the choice' }).click();
        await page.getByText('Recorded on their consent history.').waitFor();
        expect(await page.locator('ul.marketing-cells').innerText()).toMatch(/Offers by email: yes, since/i);
        await page.getByText(/^Consent history/).click();
        expect(await page.locator('ol.consent-history').innerText()).toContain(
          'recorded by staff (phone) by sam.taylor@staff.example',
        );
      }
      await look(page, kind);
    }
  });
});
