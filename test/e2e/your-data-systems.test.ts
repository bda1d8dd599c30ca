import { describe, expect, it } from 'vitest';
import { memoryCredentials } from '../../functions/connectors/credentials.ts';
import type { SystemRun } from '../../shared/systems/ports.ts';
import {
  callApi,
  expectNoAxeViolations,
  expectNoSideways,
  personOnPage,
  shots,
  staffOnPage,
  useBrowserAndCentre,
} from './harness.ts';

/** "Your data" names the other systems the person's data is held in, from their last search there. */
const tenant = 'inflection-point';
// Priya: the centre holds some kinds of data about her and not others.
const email = 'priya.shah@example.co.uk';
// The tenants keep their declared systems (no credentials: nothing here asks the worker to run).
const env = useBrowserAndCentre({ systemCredentials: memoryCredentials({}) });

const found = (systemId: string, systemName: string, records: { object: string; category: string }[], at: string) => ({
  step: { systemId, systemName, operation: 'read' as const, identity: 'email', automatic: true },
  outcome: {
    state: 'found' as const,
    count: records.length,
    at,
    records: records.map((r, i) => ({ ref: `${r.object}:${i}`, ...r, data: { note: 'x' } })),
  },
});

type Me = { subject: { id: string }; categories: { id: string; name: string; records: unknown[] }[] };

describe('"your data" and the connected systems', () => {
  it('lists each system holding the person’s data, what it holds and the date of the search, on desktop and phone', async () => {
    // A kind of data the centre holds no record of for them, which a system holds: held all the same.
    let onlyThere = { id: '', name: '' };
    let heldHere = 0;
    for (const kind of ['desktop', 'phone'] as const) {
      const { context, page } = await personOnPage(env.browser, env.centre, tenant, email, kind);
      if (kind === 'desktop') {
        // Before any search: no such section.
        expect(await page.getByRole('region', { name: 'Other systems that hold your data' }).count()).toBe(0);
        const me = await callApi<Me>(page, tenant, '/me');
        onlyThere = me.body.categories.find((c) => c.records.length === 0) ?? onlyThere;
        expect(onlyThere.id).not.toBe('');
        heldHere = me.body.categories.filter((c) => c.records.length > 0).length;
        expect(await page.locator('.lead').textContent()).toContain(`We hold ${heldHere} kinds of information about you`);
        expect(await page.getByRole('region', { name: 'What we hold nothing about you for' }).textContent()).toContain(
          onlyThere.name,
        );
        const base = { tenant, subjectId: me.body.subject.id, requestedBy: 'system', version: 1 };
        const older: SystemRun = {
          ...base,
          requestId: 'older',
          operation: 'read',
          requestedAt: '2026-10-01T09:00:00.000Z',
          updatedAt: '2026-10-01T09:00:00.000Z',
          results: [found('halo', 'HaloPSA', [{ object: 'ticket', category: 'support-tickets' }], '2026-10-01T09:00:03.000Z')],
        };
        const latest: SystemRun = {
          ...base,
          requestId: 'latest',
          operation: 'read',
          requestedAt: '2026-11-20T09:00:00.000Z',
          updatedAt: '2026-11-20T09:00:09.000Z',
          results: [
            found(
              'm365',
              'Microsoft 365 (Harbourside Dental Practice Ltd)',
              [
                { object: 'user', category: 'identity' },
                { object: 'group-membership', category: 'account' },
                { object: 'group-membership', category: 'account' },
              ],
              '2026-11-20T09:00:04.000Z',
            ),
            found(
              'halo',
              'HaloPSA',
              [
                { object: 'user', category: 'identity' },
                { object: 'ticket', category: 'support-tickets' },
                { object: 'ticket', category: 'support-tickets' },
                { object: 'ticket', category: onlyThere.id },
              ],
              '2026-11-20T09:00:09.000Z',
            ),
            // The phone system has no API: the service desk lead searched it and recorded what they found, and how many.
            {
              step: {
                systemId: 'call-recordings',
                systemName: 'Call recordings (hosted phone system)',
                operation: 'read' as const,
                identity: 'email',
                automatic: false,
              },
              outcome: {
                state: 'resolved' as const,
                resolution: {
                  reason: 'done-by-hand' as const,
                  note: 'Two calls found and exported.',
                  by: 'sam.taylor@staff.example',
                  at: '2026-11-20T11:30:00.000Z',
                  count: 2,
                },
              },
            },
          ],
        };
        for (const run of [older, latest]) await env.centre.deps.systemRuns.request(run, 0, { audit: [] });
      }
      await page.reload();
      const section = page.getByRole('region', { name: 'Other systems that hold your data' });
      await section.waitFor();
      expect(await section.textContent()).toContain('What we found when we last searched them, on 20 November 2026');
      const items = await section.getByRole('listitem').allTextContents();
      expect(items).toEqual([
        'Microsoft 365 (Harbourside Dental Practice Ltd): Your name and contact details (1), Customer Portal account (2)',
        `HaloPSA: Your name and contact details (1), Support requests (2), ${onlyThere.name} (1)`,
        // The count the handler gave (the system's one declared category).
        'Call recordings (hosted phone system): Phone call recordings (2) (searched by our staff by hand)',
      ]);
      // Counted as held, with its Art. 15 information, and no longer listed as not held.
      expect(await page.locator('.lead').textContent()).toContain(`We hold ${heldHere + 1} kinds of information about you`);
      const there = page.getByRole('region', { name: new RegExp(`^${onlyThere.name}`) });
      expect(await there.getByRole('heading').first().textContent()).toBe(`${onlyThere.name} (in HaloPSA)`);
      expect(await there.textContent()).toContain('Why we hold it');
      expect(await there.textContent()).toContain('How long we keep it');
      // The centre schedules deletions of its own records only: none here, so no date and no "Not yet set".
      expect(await there.textContent()).not.toContain('Next deletion');
      await there.screenshot({ path: `${shots}/${kind}-your-data-held-in-a-system.png` });
      const none = page.getByRole('region', { name: 'What we hold nothing about you for' });
      expect(await none.getByRole('listitem').allTextContents()).not.toContain(onlyThere.name);
      expect(await none.getByRole('listitem').count()).toBeGreaterThan(0); // the others are still there
      // A handler's note is staff's words about the search: never shown to the person.
      expect(await section.textContent()).not.toContain('Two calls found');
      await expectNoAxeViolations(page, `your data with systems (${kind})`);
      await expectNoSideways(page, `your data with systems (${kind})`);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/${kind}-your-data-systems.png` });
      await context.close();
    }

    // Staff see the same on the person's page: what the systems held, and not "Nothing held in" for it.
    const subjectId = (await env.centre.deps.subjects.findIdByEmail(tenant, email)) as string;
    const { context, page } = await staffOnPage(env.browser, env.centre, tenant, 'sam.taylor@staff.example', 'desktop');
    await page.goto(`${env.centre.url}/t/${tenant}/admin/people/${subjectId}`);
    const held = page.getByRole('region', { name: 'In connected systems, when last searched (20 November 2026)' });
    await held.waitFor();
    expect(await held.getByRole('listitem').allTextContents()).toContain(
      `HaloPSA: Your name and contact details (1), Support requests (2), ${onlyThere.name} (1)`,
    );
    const nothing = (await page.getByText(/^Nothing held in:/).textContent()) ?? '';
    expect(nothing).not.toContain(onlyThere.name);
    await expectNoAxeViolations(page, 'staff person page with systems');
    await held.screenshot({ path: `${shots}/desktop-staff-person-systems.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await expectNoSideways(page, 'staff person page with systems (phone)');
    await held.screenshot({ path: `${shots}/phone-staff-person-systems.png` });
    await context.close();
  });
});
