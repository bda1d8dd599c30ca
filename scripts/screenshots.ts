/**
 * `npm run screenshots`: signs in to a running centre (npm start) as a demo subject and saves
 * desktop and phone screenshots of each view to test-results/screenshots/manual/, to look at.
 * Usage: npm run screenshots -- [tenant] [email]
 */
import { mkdirSync } from 'node:fs';
import { launchChromium, viewports } from '../test/e2e/browser.ts';

const base = `http://localhost:${process.env.PORT ?? 3000}`;
const ses = `http://localhost:${process.env.SES_PORT ?? 8005}`;
const tenant = process.argv[2] ?? 'inflection-point';
const email = process.argv[3] ?? 'alex.morgan@example.com';
const dir = 'test-results/screenshots/manual';
mkdirSync(dir, { recursive: true });

const browser = await launchChromium();
for (const [name, viewport] of Object.entries(viewports)) {
  const context = await browser.newContext({ viewport, ...(name === 'phone' ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  await page.goto(`${base}/t/${tenant}/`);
  await page.getByLabel('Your email address').fill(email);
  const since = Math.floor(Date.now() / 1000) - 1;
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your email' }).waitFor();
  await page.screenshot({ path: `${dir}/${name}-check-email.png` });
  let link = '';
  for (let i = 0; i < 100 && !link; i++) {
    const { emails } = (await (await fetch(`${ses}/store?since=${since}`)).json()) as {
      emails: { destination: { to: string[] }; body: { text: string } }[];
    };
    const mail = emails.reverse().find((e) => e.destination.to.includes(email) && e.body.text.includes(`/t/${tenant}/verify#`));
    link = mail?.body.text.split('\n').find((l) => l.includes('/verify#')) ?? '';
    if (!link) await new Promise((r) => setTimeout(r, 100));
  }
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm sign-in' }).waitFor();
  await page.screenshot({ path: `${dir}/${name}-confirm.png` });
  await page.getByRole('button', { name: 'Confirm sign-in' }).click();
  await page.getByRole('heading', { name: /Your data/ }).waitFor();
  await page.getByRole('contentinfo').waitFor(); // the whole view, not only its first line
  await page.screenshot({ path: `${dir}/${name}-my-data-top.png` });
  await page.locator('details > summary').first().click();
  await page.locator('section.category').first().scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, 300));
  await page.screenshot({ path: `${dir}/${name}-my-data-records.png` });
  await context.close();
}
await browser.close();
console.log(`Screenshots in ${dir}/`);
