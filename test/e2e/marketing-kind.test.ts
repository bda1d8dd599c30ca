import { describe, expect, it } from 'vitest';
import { looker, personOnPage, staffOnPage, useBrowserAndCentre } from './harness.ts';

/**
 * PECR in the browser at IT-MK: a job applicant reads that nothing is sent unless they switch it
 * on, with every switch off; a member reads "As an existing customer"; a retention period the
 * centre filled in says so. Staff say who a person is, and stop one channel for every topic. On a
 * desktop and a phone, axe-clean at every view.
 */
const tenant = 'it-mk';
const env = useBrowserAndCentre();
const look = looker('marketing-kind');

describe('the marketing default follows who the person is', () => {
  it('an applicant and a member see their own default and words; staff set the kind and stop a channel', async () => {
    const { browser, centre } = env;
    for (const kind of ['desktop', 'phone'] as const) {
      const { page: applicant } = await personOnPage(browser, centre, tenant, 'alex.morgan@example.com', kind);
      const section = applicant.locator('section', { has: applicant.getByRole('heading', { name: 'What we may send you' }) });
      await section.getByText(/We only send you what you have switched on/).waitFor();
      expect(await section.locator('input[type=checkbox]:checked').count()).toBe(0);
      expect(await section.textContent()).not.toContain('existing customer');
      await section.scrollIntoViewIfNeeded();
      await look(applicant, `${kind}-applicant`);
      // The job application's period is the centre's default, and the page says so.
      // (Lawful bases the operator chose carry their own mark, "Set by the operator…", before it.)
      await applicant.locator('small.said', { hasText: 'The centre’s default: the policy does not say' }).first().waitFor();

      const { page: member } = await personOnPage(browser, centre, tenant, 'rachel.hughes@example.co.uk', kind);
      await member.getByText(/^As an existing customer, we may contact you by email/).waitFor();
      await look(member, `${kind}-member`);
    }

    const { page: staff } = await staffOnPage(browser, centre, tenant, 'sam.taylor@staff.example', 'desktop');
    const david = await centre.deps.subjects.findIdByEmail(tenant, 'david.wilson@example.co.uk');
    await staff.goto(`${centre.url}/t/${tenant}/admin/people/${david}`);
    await staff.getByText(/^Job applicant, since/).waitFor();
    await staff.getByRole('button', { name: 'Change the relationship' }).click();
    await staff.getByLabel('Who they are to you').selectOption('customer');
    await staff.getByLabel('How do you know?').fill('Joined as a member');
    await staff.getByRole('button', { name: 'Save the relationship' }).click();
    await staff.getByText(/^Member, since/).waitFor();
    await staff.locator('ul.marketing-cells').waitFor();
    await staff.getByLabel('Which').selectOption('email|*');
    await staff.getByLabel('Their choice').selectOption('false');
    await staff.getByLabel('How they told you').selectOption('letter');
    await staff.getByRole('button', { name: 'Record the choice' }).click();
    await staff.getByText('Recorded on their consent history.').waitFor();
    expect(await staff.locator('ul.marketing-cells').textContent()).toMatch(/Security bulletins by email: no, since/);
    await look(staff, 'desktop-staff');
    // Three sign-ins and a dozen views: over a minute when the machine is busy.
  }, 150_000);
});
