import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForEmail } from '../support/mail.ts';
import { logAccessFor, looker, openAction, staffOnPage, useBrowserWithSystems } from './harness.ts';

/**
 * A whole case for an unknown address with the centre's connected systems (issue 18): logged by
 * staff, started (which searches HaloPSA and Xero; the paper files wait for a handler), refused
 * "nothing held" until every system has held nothing, then answered "nothing held" in the right
 * words within the time limit, the search record naming the systems searched.
 */
const tenant = 'it-mk';
const env = useBrowserWithSystems();
const look = looker('cases-systems');

/** Records, by the request page's form, that the paper files hold nothing about the person. */
async function recordPaperFilesNotHeld(page: Page, note: string) {
  const resolve = await openAction(page, 'Record what was found or done in a system');
  const select = resolve.getByLabel('System', { exact: true });
  await select.selectOption((await select.locator('option', { hasText: 'Recruitment files' }).getAttribute('value')) ?? '');
  await resolve.getByLabel('What happened there').selectOption('not-held');
  await resolve.getByLabel('What you found or did, or why').fill(note);
  await resolve.getByRole('button', { name: 'Record it' }).click();
  await page.locator('p.status', { hasText: 'Recorded.' }).waitFor();
}

describe('a request from an unknown address, with connected systems', () => {
  it('searches the centre and its systems before answering "nothing held" (desktop)', async () => {
    const { browser, centre } = env;
    const stranger = 'kim.nobody@example.net';
    const { page } = await staffOnPage(browser, centre, tenant, 'sam.taylor@staff.example', 'desktop');
    await logAccessFor(page, stranger);
    await page.getByLabel('How did it reach you?').selectOption('email');
    await page.getByRole('button', { name: 'Log the request' }).click();
    await page.locator('.summary').waitFor();
    const ack = await waitForEmail(centre.sesEndpoint, stranger, 'We will respond by');
    const reference = /ITMK-\d{4}-\d+/.exec(ack.subject)?.[0] ?? '';

    // Not started: its systems are not searched, so "nothing held" is refused, with the reason.
    let nothingHeld = await openAction(page, 'Answer: nothing held');
    await nothingHeld.getByRole('button', { name: 'Search and answer' }).click();
    await page
      .getByText(/Start work on the request first: that searches its connected systems/)
      .first()
      .waitFor();
    await look(page, 'desktop-not-started');

    const start = await openAction(page, 'Start work');
    await start.getByRole('button', { name: 'Start work on it' }).click();
    await page.locator('p.status', { hasText: 'Marked as in progress.' }).waitFor();
    await centre.settleSystems();
    await page.reload();
    // The paper files wait for a handler: recorded as holding nothing.
    await recordPaperFilesNotHeld(page, 'Looked through the applications cabinet: no file for them.');
    await page.reload();
    await look(page, 'desktop-systems-searched');

    nothingHeld = await openAction(page, 'Answer: nothing held');
    await nothingHeld.getByRole('button', { name: 'Search and answer' }).click();
    await page.locator('p.status', { hasText: 'nothing held' }).waitFor();
    await look(page, 'desktop-nothing-held-done');
    const answer = await waitForEmail(centre.sesEndpoint, stranger, 'we hold none');
    expect(answer.subject).toBe(`Your request ${reference} is complete`);
    expect(answer.body.text).toContain('so there is nothing to give you a copy of');

    const subjectId = (await centre.deps.subjects.findIdByEmail(tenant, stranger)) as string;
    const [request] = await centre.deps.requests.listForSubject(tenant, subjectId);
    expect(request).toMatchObject({ status: 'completed', outcome: 'nothing-held' });
    expect((request?.history.at(-1)?.at.slice(0, 10) ?? '') <= (request?.dueOn ?? '')).toBe(true);
    // The centre's own search, beside one entry per connected system searched (the evidence pack's s.78 record).
    expect(request?.searches?.find((x) => x.place.endsWith('every category of the privacy policy'))?.note).toBe(
      'Connected systems searched by the request’s run, each holding nothing: HaloPSA, Recruitment files (paper, office cabinet), Xero (accounts).',
    );
    await page.context().close();
  });

  it('says when an export was built before a system was recorded, until a new one is prepared (desktop)', async () => {
    const { browser, centre } = env;
    const { page } = await staffOnPage(browser, centre, tenant, 'sam.taylor@staff.example', 'desktop');
    await logAccessFor(page, 'pat.other@example.net');
    await page.getByLabel('How did it reach you?').selectOption('email');
    await page.getByRole('button', { name: 'Log the request' }).click();
    await page.locator('.summary').waitFor();
    const start = await openAction(page, 'Start work');
    await start.getByRole('button', { name: 'Start work on it' }).click();
    await page.locator('p.status', { hasText: 'Marked as in progress.' }).waitFor();
    await centre.settleSystems();
    await page.reload();

    // The export is prepared while the paper files still wait for a handler.
    const section = page.locator('section.export');
    await section.getByRole('button', { name: 'Prepare the export' }).click();
    await section.getByRole('status').getByText('The export is ready and the requester has been emailed.').waitFor();
    expect(await page.getByTestId('export-behind').count()).toBe(0);

    await recordPaperFilesNotHeld(page, 'No file for them in the cabinet.');
    // The export on the page no longer tells the whole search: the page says so, and how to put it right.
    await expect.poll(() => page.getByTestId('export-behind').count()).toBe(1);
    expect(await page.getByTestId('export-behind').textContent()).toMatch(/Prepare a new export/);
    await section.scrollIntoViewIfNeeded();
    await look(page, 'desktop-export-behind');

    await section.getByRole('button', { name: 'Prepare a new export' }).click();
    await expect.poll(() => section.locator('ol.exports li').count()).toBe(2);
    await section.getByRole('status').getByText('The export is ready and the requester has been emailed.').waitFor();
    expect(await page.getByTestId('export-behind').count()).toBe(0);
    await page.context().close();
  });
});
