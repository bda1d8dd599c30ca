import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { viewports } from './browser.ts';
import { decideOthers, looker, openAction, staffOpens, subjectFiles, useBrowserWithSystems } from './harness.ts';

/**
 * A handler works an erasure through the connected systems from the request page: HaloPSA is down
 * when the search runs and fails, is tried again once it is back, the person is erased there, the
 * paper files are recorded as shredded by hand, and only then does the centre's own erasure
 * complete the request. On a desktop and on a phone, axe-clean at each view.
 */
const tenant = 'it-mk';
const email = 'alex.morgan@example.com';
/** Systems made unreachable: their credentials point at a port nothing listens on. */
const down = new Set<string>();
const env = useBrowserWithSystems((systemId, real) => (down.has(systemId) ? { ...real, baseUrl: 'http://127.0.0.1:9' } : real));
const look = looker('systems');

// biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
const text = (locator: Locator) => locator.innerText();
const system = (page: Page, id: string) => page.getByTestId(`system-${id}`);
const status = (page: Page, words: string) => page.locator('p.status', { hasText: words }).waitFor();
/** Waits (the page polls) until a system shows the state. */
const until = (page: Page, id: string, state: RegExp) =>
  expect.poll(() => text(system(page, id).locator('h3')), { timeout: 30_000 }).toMatch(state);

describe('connected systems on the staff request page', () => {
  it('a failed system is retried, a manual one resolved with a reason, then the erasure completes', async () => {
    const { browser, centre } = env;
    const filed = await subjectFiles(browser, centre, tenant, email, { kind: 'erasure', scope: 'everything' });
    await filed.context.close();
    const url = filed.staffUrl;

    const { context, page } = await staffOpens(browser, centre, tenant, 'sam.taylor@staff.example', { url });

    // HaloPSA is down when the search runs.
    down.add('halo');
    const start = await openAction(page, 'Start work');
    await start.getByRole('button', { name: 'Start work on it' }).click();
    await status(page, 'Marked as in progress');
    await until(page, 'halo', /Failed/);
    await until(page, 'paper-files', /Waiting for a handler/);
    await expect.poll(() => text(system(page, 'halo'))).toMatch(/Attempt 1\. Try again below/);
    await expect.poll(() => text(system(page, 'paper-files'))).toMatch(/For Office manager, by .*: Scan the CV/);
    expect(await text(page.getByTestId('systems-blocked'))).toMatch(/Erase the person in the connected systems first/);
    // The form to record a system by hand was drawn when the search began, with nothing waiting yet:
    // it chose no system, offers none that has answered since, and sends nothing until one is chosen.
    const early = await openAction(page, 'Record what was found or done in a system');
    const choice = early.getByLabel('System', { exact: true });
    await expect.poll(() => choice.locator('option').allTextContents()).not.toContainEqual(expect.stringMatching(/^Xero/));
    expect(await choice.inputValue()).toBe('');
    await early.getByLabel('What you found or did, or why').fill('Looked in the cabinet.');
    await early.getByRole('button', { name: 'Record it' }).click();
    await expect.poll(() => text(early)).toMatch(/Choose the system/);
    expect(await text(system(page, 'paper-files'))).toMatch(/Waiting for a handler/);
    await early.locator('summary').click();
    expect(await page.locator('details.action summary', { hasText: 'Carry out the erasure' }).count()).toBe(0);
    await look(page, 'desktop-failed');
    await page.setViewportSize(viewports.phone);
    await look(page, 'phone-width-failed');
    await page.setViewportSize(viewports.desktop);

    // Back up: try again, and Alex is found there.
    down.delete('halo');
    const retry = await openAction(page, 'Try the failed systems again');
    await retry.getByRole('button', { name: 'Try again' }).click();
    await until(page, 'halo', /Found/);

    // Erase in the systems: HaloPSA anonymises Alex (the tickets are kept); the paper files wait for a handler.
    const erase = await openAction(page, 'Erase in the connected systems');
    await erase.getByRole('button', { name: 'Erase in the systems' }).click();
    // The paper files are not erased by this: the question says so rather than name them with the rest.
    const question = (await erase.locator('fieldset.confirm legend').textContent()) ?? '';
    expect(question).toMatch(
      /^Erase this person in HaloPSA[^?]* now\? Recruitment files[^:]*: a task for a handler, not erased by this\./,
    );
    expect(question.split('?')[0]).not.toContain('Recruitment files');
    await erase.getByRole('button', { name: 'Yes, erase there' }).click();
    await until(page, 'halo', /Done/);
    await expect.poll(() => text(system(page, 'halo'))).toMatch(/anonymised [1-9]/);
    await until(page, 'paper-files', /Waiting for a handler/);
    await expect.poll(() => text(system(page, 'paper-files'))).toMatch(/Shred the CV/);

    // The paper files, done by hand and recorded with the reason.
    const resolve = await openAction(page, 'Record what was found or done in a system');
    await resolve.getByLabel('System', { exact: true }).selectOption('paper-files');
    // The count of records found goes only with "done by hand": for any other reason it is not asked.
    const count = resolve.getByLabel('How many records you found there (optional)');
    // Nothing chosen for the handler: what happened there is theirs to say.
    expect(await resolve.getByLabel('What happened there').inputValue()).toBe('');
    await resolve.getByRole('button', { name: 'Record it' }).click();
    await expect.poll(() => text(resolve)).toMatch(/Choose what happened there/);
    // An erasure's letter quotes the note: the form asks them to say whether the data is erased.
    expect(await text(resolve)).toContain('say whether their data there is erased');
    await resolve.getByLabel('What happened there').selectOption('legal-hold');
    expect(await count.count()).toBe(0);
    await resolve.getByLabel('What happened there').selectOption('done-by-hand');
    await resolve.getByLabel('What you found or did, or why').fill('CV and interview notes shredded on 3 December.');
    // Words where a number goes: the server's message, by the field, and nothing recorded.
    for (const typed of ['0x10', 'two']) {
      await count.fill(typed);
      await resolve.getByRole('button', { name: 'Record it' }).click();
      await expect.poll(() => text(resolve)).toMatch(/Give how many records you found as a number/);
    }
    // A negative number is a number: the message says what is wanted.
    await count.fill('-2');
    await resolve.getByRole('button', { name: 'Record it' }).click();
    await expect.poll(() => text(resolve)).toMatch(/Give how many records you found, 1 or more/);
    expect(await text(system(page, 'paper-files'))).toMatch(/Waiting for a handler/);
    await resolve.scrollIntoViewIfNeeded();
    await look(page, 'desktop-resolve-count-refused');
    await page.setViewportSize(viewports.phone);
    await look(page, 'phone-width-resolve-count-refused');
    await page.setViewportSize(viewports.desktop);
    await count.fill('2');
    await resolve.getByRole('button', { name: 'Record it' }).click();
    await status(page, 'Recorded');
    await until(page, 'paper-files', /Resolved/);
    expect(await text(system(page, 'paper-files'))).toMatch(
      /Resolved by a handler: done by hand, 2 records found.*shredded on 3 December.*Sam Taylor/s,
    );
    expect(await page.getByTestId('systems-blocked').count()).toBe(0);
    await look(page, 'desktop-resolved');

    // Now the centre's own erasure completes the request.
    const own = await openAction(page, 'Carry out the erasure');
    await decideOthers(own);
    await own.getByRole('button', { name: 'Erase the data' }).click();
    await own.getByRole('button', { name: 'Yes, erase it' }).click();
    await status(page, 'Erased and completed');
    expect(await text(page.locator('.summary'))).toContain('Completed');
    await look(page, 'desktop-done');
    await page.setViewportSize(viewports.phone);
    await look(page, 'phone-width-done');
    await context.close();
  });
});
