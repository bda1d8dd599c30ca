import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { actOnRequest } from '../../shared/requests/save-step.ts';
import { waitForEmail } from '../support/mail.ts';
import {
  alexFilesAfresh,
  firstText,
  itMk,
  looker,
  openAction,
  personOnPage,
  staffOpens,
  useBrowserAndCentre,
} from './harness.ts';

/**
 * A fee in a real browser: a handler asks for one, and the person's pages say how much, what for,
 * why, by when and how to pay, and that the time limit starts when it is paid. IT-MK is given fees
 * here (its own policy sets none).
 */
const { tenant, handler, subjectEmail } = itMk;
const tenantsDir = mkdtempSync(join(tmpdir(), 'pc-e2e-fees-'));
cpSync('tenants', tenantsDir, { recursive: true });
const policyFile = join(tenantsDir, tenant, 'policy.json');
writeFileSync(
  policyFile,
  JSON.stringify({
    ...JSON.parse(readFileSync(policyFile, 'utf8')),
    fees: {
      unfoundedOrExcessivePence: 2500,
      basis: 'Staff time to find, copy and send the data again.',
      howToPay: 'By bank transfer to IT-MK Limited, sort code 12-34-56, account 12345678, with your reference.',
      payWithinDays: 30,
    },
  }),
);
const env = useBrowserAndCentre({ tenantsDir });
afterAll(() => rmSync(tenantsDir, { recursive: true, force: true }));
const look = looker('fees');
const dated = /\d{1,2} \w+ \d{4}/.source;

describe('a fee on the person’s pages', () => {
  it('says what is asked, why, how to pay and by when, and that the time limit waits for it; no question to answer', async () => {
    const { browser, centre } = env;
    const filed = await alexFilesAfresh(env, { kind: 'access', scope: 'everything' });
    const { page: staff, context: staffContext } = await staffOpens(browser, centre, tenant, handler, { url: filed.staffUrl });
    const ask = await openAction(staff, 'Ask for a fee');
    await ask.getByLabel('Manifestly excessive: £25.00 (Art. 12(5))').check();
    await ask.getByLabel('Reason').fill('Your fourth identical request this month.');
    await ask.getByRole('button', { name: 'Ask for the fee' }).click();
    await staff.locator('p.status', { hasText: 'Fee asked.' }).waitFor();
    await waitForEmail(centre.sesEndpoint, subjectEmail, [filed.reference, 'Your fourth identical request this month.']);
    await staffContext.close();

    for (const kind of ['desktop', 'phone'] as const) {
      const { context, page } = kind === 'desktop' ? filed : await personOnPage(browser, centre, tenant, subjectEmail, 'phone');
      await page.goto(`${centre.url}/t/${tenant}/requests/${filed.id}`);
      const fee = page.getByRole('region', { name: 'The fee we asked for' });
      await fee.waitFor();
      const text = (await fee.textContent()) ?? '';
      expect(text).toContain('Amount£25.00');
      expect(text).toContain('What it is fora request we consider manifestly excessive (UK GDPR Article 12(5))');
      expect(text).toContain('WhyYour fourth identical request this month.');
      expect(text).toMatch(new RegExp(`Pay by${dated}`));
      expect(text).toContain('How to payBy bank transfer to IT-MK Limited');
      expect(text).toContain('How we set itStaff time to find, copy and send the data again.');
      const main = await firstText(page, 'main');
      expect(main).toMatch(
        new RegExp(`Waiting for the fee: the time limit starts when it is paid \\(due by ${dated} if it is paid today\\)`),
      );
      // Nothing asked of them in words: no answer box, and no "until you answer".
      expect(await page.getByRole('region', { name: 'We need more information from you' }).count()).toBe(0);
      expect(main).not.toContain('until you answer');
      await look(page, `${kind}-request-awaiting-fee`);
      await page.goto(`${centre.url}/t/${tenant}/`);
      const item = page.getByRole('listitem').filter({ hasText: filed.reference });
      await expect
        .poll(() => item.textContent())
        .toMatch(/Reply due byWaiting for the fee: the time limit starts when it is paid/);
      await look(page, `${kind}-requests-awaiting-fee`);
      await context.close();
    }

    // Paid, then a question to confirm who they are stops the clock again: the fee is not shown as still asked for.
    const steps = [
      { type: 'fee-paid', paidOn: new Date().toISOString().slice(0, 10), via: 'bank-transfer' },
      { type: 'ask-information', purpose: 'identity', message: 'Please send a photo ID.' },
    ] as const;
    for (const action of steps) {
      await actOnRequest(centre.deps, {
        tenant: centre.deps.tenants.get(tenant) as TenantConfig,
        subjectId: filed.subjectId,
        requestId: filed.id,
        action,
        actor: { type: 'staff', id: handler },
      });
    }
    const later = await personOnPage(browser, centre, tenant, subjectEmail);
    await later.page.goto(`${centre.url}/t/${tenant}/requests/${filed.id}`);
    await later.page.getByRole('region', { name: 'We need more information from you' }).waitFor();
    expect(await later.page.getByRole('region', { name: 'The fee we asked for' }).count()).toBe(0);
    await later.context.close();
  }, 120_000);
});
