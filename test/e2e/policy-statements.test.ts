import { describe, expect, it } from 'vitest';
import { looker, newContext, shots, signInThroughPage, useBrowserAndCentre } from './harness.ts';

/**
 * Two statements the promise traces found missing from the page (issue 15): IT-MK's policy says
 * it makes no automated decisions and "we do not collect cookies". "Your data" now quotes the
 * policy's words on automated decisions (and says the policy describes none where it is silent,
 * as at Northgate IT), and every page's footer says the one cookie the centre itself sets and
 * why. Desktop and phone, axe-clean.
 */
const env = useBrowserAndCentre();
const look = looker('policy-statements');

describe('what the policy says about automated decisions, and the centre’s own cookie', () => {
  for (const kind of ['desktop', 'phone'] as const) {
    it(`${kind}: quotes IT-MK's words, and says Northgate IT's policy describes none`, async () => {
      const { browser, centre } = env;
      const context = await newContext(browser, kind);
      const page = await context.newPage();
      await signInThroughPage(page, centre, 'it-mk', 'rachel.hughes@example.co.uk');
      const section = page.getByRole('region', { name: 'Decisions made by computer alone' });
      await section.waitFor();
      expect(await section.textContent()).toContain(
        'Our privacy policy says: IT-MK does not use your data for any automated decision making or profiling purposes.',
      );
      expect(await section.textContent()).toContain('Choose “Ask about automated decisions” in a request');
      const cookie = page.locator('footer .cookie-note');
      expect(await cookie.textContent()).toMatch(/^This privacy centre sets one cookie, only to keep you signed in/);
      await look(page, `${kind}-it-mk`);
      await section.screenshot({ path: `${shots}/policy-statements-${kind}-it-mk-section.png` });
      await page.locator('footer').screenshot({ path: `${shots}/policy-statements-${kind}-footer.png` });

      await signInThroughPage(page, centre, 'northgate-it', 'alex.morgan@example.com');
      const silent = page.getByRole('region', { name: 'Decisions made by computer alone' });
      await silent.waitFor();
      expect(await silent.textContent()).toContain('Decisions made by computer aloneOur privacy policy describes none.');
      expect(await silent.textContent()).not.toContain('Our privacy policy says:');
      await context.close();
    });
  }
});
