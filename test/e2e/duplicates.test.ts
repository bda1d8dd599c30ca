import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi, looker, newContext, signInThroughPage, staffOnPage, useBrowserAndCentre } from './harness.ts';

/**
 * Duplicates in a real browser: the person filing the same request again is told they have one
 * open and adds to it; a handler sees two logged duplicates side by side and merges them.
 */
const tenant = 'it-mk';
const handler = 'sam.taylor@staff.example';
const env = useBrowserAndCentre();
const look = looker('duplicates');

const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

describe('the same request again', () => {
  it('says "you already have this request open" with its reference and due date, and adds to it', async () => {
    const { browser, centre } = env;
    for (const kind of ['desktop', 'phone'] as const) {
      const context = await newContext(browser, kind);
      const page = await context.newPage();
      const email = kind === 'desktop' ? 'rachel.hughes@example.co.uk' : 'david.wilson@example.co.uk';
      await signInThroughPage(page, centre, tenant, email);
      const first = await callApi<{ id: string; reference: string }>(page, tenant, '/me/requests', {
        method: 'POST',
        body: { idempotencyKey: randomUUID(), request: { kind: 'access', scope: 'everything' } },
      });
      expect(first.status).toBe(201);
      await page.goto(`${centre.url}/t/${tenant}/requests/new`);
      await page.getByRole('radio', { name: 'A copy of my data', exact: true }).check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('radio', { name: 'Everything', exact: true }).check();
      await page.getByRole('button', { name: 'Send request' }).click();
      await page.getByRole('heading', { name: 'You already have this request open' }).waitFor();
      expect(await mainText(page)).toContain(first.body.reference);
      // Received, not yet started: not "already working on it"
      expect(await mainText(page)).toContain(`We already have the same request from you, reference ${first.body.reference}`);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('already-open');
      await look(page, `${kind}-already-open`);

      await page.getByLabel(/What would you like to add/).fill('Please include my call recordings.');
      await page.getByRole('button', { name: 'Add to my request' }).click();
      await page.waitForURL(new RegExp(`/requests/${first.body.id}$`));
      await page.getByText('Please include my call recordings.').waitFor();
      const mine = await callApi<{ requests: { kind: string; open: boolean }[] }>(page, tenant, '/me/requests');
      expect(mine.body.requests.filter((r) => r.kind === 'access' && r.open)).toHaveLength(1);
      await context.close();
    }
  });
});

describe('staff merge two logged duplicates', () => {
  it('shows them side by side and keeps the one received first, with its deadline', async () => {
    const { browser, centre } = env;
    const { context, page } = await staffOnPage(browser, centre, tenant, handler, 'desktop');
    await page.locator('table.queue').waitFor();
    const subjectId = (await centre.deps.subjects.findIdByEmail(tenant, 'george.lane@example.co.uk')) as string;
    const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
    const weekAgo = await page.evaluate(() => new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10));
    const log = async (receivedOn: string, via: string) =>
      (
        await callApi<{ request: { id: string; reference: string; dueOn: string } }>(page, tenant, '/admin/requests', {
          method: 'POST',
          body: {
            idempotencyKey: randomUUID(),
            subjectId,
            via,
            receivedOn,
            request: { kind: 'erasure', scope: 'everything' },
          },
        })
      ).body.request;
    const earlier = await log(weekAgo, 'letter');
    const later = await log(today, 'phone');
    await page.goto(`${centre.url}/t/${tenant}/admin/requests/${subjectId}/${later.id}`);
    const compare = page.getByTestId('duplicates');
    await compare.waitFor();
    expect(await compare.textContent()).toContain(earlier.reference);
    await look(page, 'desktop-staff-duplicates');
    const { context: phone, page: p } = await staffOnPage(browser, centre, tenant, handler, 'phone');
    await p.goto(page.url());
    await p.getByTestId('duplicates').waitFor();
    await look(p, 'phone-staff-duplicates');
    await phone.close();

    const merge = page.locator('details.action', { has: page.locator('summary', { hasText: 'Merge a duplicate' }) });
    await merge.locator('summary').click();
    await merge.getByRole('button', { name: 'Merge' }).click();
    await merge.getByRole('button', { name: 'Yes, merge' }).click();
    await page.waitForURL(new RegExp(`/requests/${subjectId}/${earlier.id}$`));
    await page.getByRole('heading', { name: 'Merged into this request' }).waitFor();
    expect(await mainText(page)).toContain(later.reference);
    expect(await page.locator('.summary').textContent()).not.toContain('Merged');
    const detail = await callApi<{ request: { dueOn: string } }>(
      page,
      tenant,
      `/admin/subjects/${subjectId}/requests/${earlier.id}`,
    );
    expect(detail.body.request.dueOn).toBe(earlier.dueOn);
    await look(page, 'desktop-staff-merged');
    await context.close();
  });
});
