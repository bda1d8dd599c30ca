import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decideOthers, looker, openAction, staffOpens, subjectFiles, useBrowserWithSystems } from './harness.ts';

/**
 * A handler completes an erasure with one connected system failing (HaloPSA unreachable) and a
 * manual one (paper files) done by hand, from the request page; the letter and the evidence pack
 * then say which system failed, how it was resolved, and that nothing was erased there.
 */
const tenant = 'it-mk';
const email = 'alex.morgan@example.com';
// HaloPSA is down: its credentials point at a port nothing listens on.
const env = useBrowserWithSystems((systemId, real) =>
  systemId === 'halo' ? { ...real, baseUrl: 'http://127.0.0.1:9', authUrl: 'http://127.0.0.1:9/auth/token' } : real,
);
const look = looker('systems-erasure');

const status = (page: Page, text: string) => page.locator('p.status', { hasText: text }).waitFor();

describe('an erasure with a connected system failing', () => {
  it('is resolved by the handler, and the letter and evidence pack say which system failed and how it was resolved', async () => {
    const { browser, centre } = env;
    const filed = await subjectFiles(browser, centre, tenant, email, { kind: 'erasure', scope: 'everything' });
    await filed.context.close();
    const url = filed.staffUrl;

    const { context, page } = await staffOpens(browser, centre, tenant, 'sam.taylor@staff.example', { url });
    await (await openAction(page, 'Start work')).getByRole('button', { name: 'Start work on it' }).click();
    await status(page, 'Marked as in progress.');
    await centre.settleSystems();
    await page.reload();
    const erase = await openAction(page, 'Erase in the connected systems');
    await erase.getByRole('button', { name: 'Erase in the systems' }).click();
    await erase.getByRole('button', { name: 'Yes, erase there' }).click();
    await status(page, 'The erasure in the connected systems has started');
    await centre.settleSystems();
    await page.reload();
    await look(page, 'desktop-halo-failed');

    for (const [system, reason, note] of [
      ['HaloPSA', 'unreachable', 'Halo was down all week; the account is flagged for erasure when it is back.'],
      ['Recruitment files', 'done-by-hand', 'Shredded the application form and CV.'],
    ] as const) {
      const resolve = await openAction(page, 'Record what was found or done in a system');
      const select = resolve.getByLabel('System', { exact: true });
      const value = await select.locator('option', { hasText: system }).getAttribute('value');
      await select.selectOption(value ?? '');
      await resolve.getByLabel('What happened there').selectOption(reason);
      await resolve.getByLabel('What you found or did, or why').fill(note);
      await resolve.getByRole('button', { name: 'Record it' }).click();
      await status(page, 'Recorded.');
      await page.reload();
    }

    const carry = await openAction(page, 'Carry out the erasure');
    await decideOthers(carry);
    await carry.getByRole('button', { name: 'Erase the data' }).click();
    await carry.getByRole('button', { name: 'Yes, erase it' }).click();
    await status(page, 'Erased and completed');
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
    const letter = await page.locator('.timeline li').last().innerText();
    expect(letter).toContain('In the other systems where we hold data:');
    expect(letter).toMatch(
      /HaloPSA: we could not reach this system, so we have not erased your data there \(recorded on [^)]+\)\. They recorded: “Halo was down all week/,
    );
    expect(letter).toMatch(
      /Recruitment files \(paper, office cabinet\): the centre cannot act in this system by itself, so our staff dealt with it by hand on [^.]+\. They recorded: “Shredded the application form and CV\.”/,
    );
    expect(letter).not.toMatch(/HaloPSA: we erased/);
    await look(page, 'desktop-erasure-done');

    // The evidence pack comes as a download: fetched with the staff session, as the page's link does.
    const pack = await page.evaluate(
      async (u) => (await fetch(u)).text(),
      `${centre.url}/api/t/${tenant}/admin/subjects/${filed.subjectId}/requests/${filed.id}/evidence`,
    );
    expect(pack).toContain('Connected systems searched (Data (Use and Access) Act 2025, s.78)');
    expect(pack).toContain('HaloPSA <span class="muted mono">(halo)</span></td><td>their email address</td>');
    expect(pack).toContain(
      'Resolved by Sam Taylor: the system could not be reached, so nothing was done there automatically. “Halo was down all week',
    );
    expect(pack).toContain('Resolved by Sam Taylor: done by hand by our staff. “Shredded the application form and CV.”');
    expect(pack).not.toContain(email);
    await context.close();
  });
});
