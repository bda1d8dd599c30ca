import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { logAccessFor, looker, staffOnPage, useBrowserAndCentre } from './harness.ts';

/**
 * Real cases (issue 18): a request from someone the centre does not hold, logged by staff from
 * an email, searched, and answered "nothing held" within the time limit, read back from the SES
 * stand-in; and a request made by a parent for their child. Desktop and phone, axe-clean.
 */
const tenant = 'it-mk';
const handler = 'sam.taylor@staff.example';
const env = useBrowserAndCentre();
const look = looker('cases');
// biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
const text = (locator: Locator) => locator.innerText();

describe('a request from anyone', () => {
  it('logs a request for an unknown address, searches, and answers "nothing held" (desktop)', async () => {
    const { browser, centre } = env;
    const stranger = 'jo.unknown@example.net';
    const { context, page } = await staffOnPage(browser, centre, tenant, handler, 'desktop');

    await page.getByRole('navigation', { name: 'Staff pages' }).getByRole('link', { name: 'Log a request' }).click();
    await page.getByLabel('Their email address').fill(stranger);
    await page.getByRole('button', { name: 'Find them' }).click();
    await page.getByText('is held in this centre', { exact: false }).waitFor();
    await look(page, 'desktop-not-held');
    await page.getByRole('button', { name: `Log a request for ${stranger}` }).click();
    await page.getByLabel('Kind of request').selectOption('access');
    await page.getByLabel('Everything').check();
    await page.getByLabel('How did it reach you?').selectOption('email');
    await look(page, 'desktop-log-not-held');
    await page.getByRole('button', { name: 'Log the request' }).click();
    await page.locator('.summary').waitFor();
    const ack = await waitForEmail(centre.sesEndpoint, stranger, 'We will respond by');
    const reference = /ITMK-\d{4}-\d+/.exec(ack.subject)?.[0] ?? '';
    expect(reference).not.toBe('');

    // Searched: nothing held. The answer is sent in the right words, within the time limit.
    const panel = page.locator('details.action', { has: page.locator('summary', { hasText: 'Answer: nothing held' }) });
    await panel.locator('summary').click();
    await look(page, 'desktop-nothing-held-form');
    await panel.getByRole('button', { name: 'Search and answer' }).click();
    await page.locator('p.status', { hasText: 'nothing held' }).waitFor();
    expect(await text(page.locator('main'))).toMatch(/Completed/);
    await look(page, 'desktop-nothing-held-done');
    const answer = await waitForEmail(centre.sesEndpoint, stranger, 'we hold none');
    expect(answer.subject).toBe(`Your request ${reference} is complete`);
    expect(answer.body.text).toContain('so there is nothing to give you a copy of');
    // The search was recorded with the request (the evidence of a reasonable search).
    expect(await text(page.locator('main'))).toMatch(/searched for jo\.unknown@example\.net: nothing found/);
    // Answered within the time limit, and the search says what was searched, claiming no more.
    const subjectId = (await centre.deps.subjects.findIdByEmail(tenant, stranger)) as string;
    const [request] = await centre.deps.requests.listForSubject(tenant, subjectId);
    expect(request).toMatchObject({ status: 'completed', outcome: 'nothing-held' });
    const answeredOn = request?.history.at(-1)?.at.slice(0, 10) ?? '';
    expect(answeredOn <= (request?.dueOn ?? '')).toBe(true);
    expect(request?.searches?.at(-1)?.note).toBe('This centre has no connected system to search for this kind of request.');
    await context.close();
  });

  it('a parent logs a request for their child; answers go to the parent (phone)', async () => {
    const { browser, centre } = env;
    const child = 'sam.child@example.net';
    const parent = 'pat.parent@example.net';
    const { context, page } = await staffOnPage(browser, centre, tenant, handler, 'phone');
    await logAccessFor(page, child);
    await page.getByLabel('Who made the request').selectOption('parent');
    await page.getByLabel('Their name', { exact: true }).fill('Pat Parent');
    await page.getByLabel('Their email address (optional)').fill(parent);
    await page.getByLabel('What gives them authority').fill('Parental responsibility; the child is 12');
    await page.getByLabel(/How you checked it/).fill('Birth certificate seen at the office');
    await page.getByLabel('How did it reach you?').selectOption('letter');
    await look(page, 'phone-log-for-child');
    await page.getByRole('button', { name: 'Log the request' }).click();
    await page.locator('.summary').waitFor();
    const main = await text(page.locator('main'));
    expect(main).toContain('Pat Parent (parent)');
    expect(main).toContain('Birth certificate seen at the office');
    await look(page, 'phone-request-for-child');
    // The acknowledgement goes to the parent who asked, not to the child's address.
    await waitForEmail(centre.sesEndpoint, parent, 'We will respond by');
    expect(await emailsTo(centre.sesEndpoint, child, '')).toEqual([]);
    await context.close();
  });
});
