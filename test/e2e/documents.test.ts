import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEvidencePack } from '../../shared/admin/evidence.ts';
import { chainOk, completedAccess, ctx, staff } from '../../shared/admin/evidence-fixtures.ts';
import { renderSummary } from '../../shared/exports/summary.tsx';
import { parseTenantConfig } from '../../shared/policy/parse.ts';
import { launchChromium } from './browser.ts';
import { expectNoAxeViolations, expectNoSideways, newContext, shots } from './harness.ts';

/**
 * The two documents a person or staff keep outside the centre, the export's summary.html and the
 * evidence pack, opened as files on a phone and on a desktop: nothing runs off the screen, axe
 * finds nothing, and each has a <main> landmark (axe's region rules, which its WCAG tags leave out).
 */
const tenant = parseTenantConfig(JSON.parse(readFileSync('tenants/inflection-point/policy.json', 'utf8')), 'policy.json');
const counts = new Map(tenant.categories.map((c, i) => [c.id, i * 7]));
const documents = {
  'export-summary': renderSummary({
    tenant,
    request: { ...completedAccess, tenant: tenant.slug },
    subject: {
      id: 'sub-1',
      tenant: tenant.slug,
      email: 'alex.morgan@example.com',
      relationship: { startedOn: '2024-02-01' },
      createdAt: '2024-02-01T09:00:00.000Z',
      version: 3,
    },
    kind: 'access',
    tally: { counts, extraKeys: new Map(), unknown: ['legacy-crm-notes-from-the-old-system'], name: 'Alex Morgan' },
    generatedAt: new Date('2026-06-01T10:00:00.000Z'),
  }),
  'evidence-pack': renderEvidencePack({
    ctx,
    request: completedAccess,
    subject: { id: 'sub-1', email: 'alex.morgan@example.com', name: 'Alex Morgan' },
    events: [],
    staffNames: staff,
    chain: chainOk,
    generatedAt: '2026-06-01T10:00:00.000Z',
  }),
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe.each(Object.entries(documents))('%s', (name, html) => {
  it.each(['phone', 'desktop'] as const)('reads on a %s: within the screen, in a <main> landmark, axe clean', async (size) => {
    const context = await newContext(browser, size);
    const page = await context.newPage();
    await page.setContent(html);
    await expectNoSideways(page, `${name} ${size}`);
    await expectNoAxeViolations(page, `${name} ${size}`);
    const landmarks = await new AxeBuilder({ page }).withRules(['landmark-one-main', 'region']).analyze();
    expect(
      landmarks.violations.map((v) => v.id),
      `${name} ${size}`,
    ).toEqual([]);
    expect(await page.locator('main h1').count()).toBe(1);
    await page.screenshot({ path: `${shots}/documents-${name}-${size}.png`, fullPage: true });
    // The first screenful, with the table of what was searched: a full page is too long to look at.
    await page.screenshot({ path: `${shots}/documents-${name}-${size}-top.png` });
    await context.close();
  });
});
