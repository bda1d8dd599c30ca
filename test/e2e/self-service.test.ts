import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sendSampleMarketing } from '../../shared/marketing/send-sample.ts';
import { listEmails, type StoredEmail, waitForEmail } from '../support/mail.ts';
import { viewports } from './browser.ts';
import {
  callApi,
  newContext as contextFor,
  expectNoAxeViolations,
  looker,
  shots,
  signInThroughPage,
  useBrowserAndCentre,
} from './harness.ts';

const tenant = 'inflection-point';
const email = 'alex.morgan@example.com';
const env = useBrowserAndCentre();

const newContext = (kind: keyof typeof viewports) => contextFor(env.browser, kind);
const signIn = (page: Page, address = email) => signInThroughPage(page, env.centre, tenant, address);
const call = <T>(page: Page, path: string, init: { method?: string; body?: unknown } = {}) =>
  callApi<T>(page, tenant, path, init);

/** Watches a page for third-party requests and console errors. */
function watch(page: Page) {
  const external: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(env.centre.url)) external.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { external, errors };
}

function linkIn(mail: StoredEmail, prefix: string): string {
  const line = (mail.body.text ?? '').split('\n').find((l) => l.startsWith(prefix));
  if (!line) throw new Error(`no link starting ${prefix}`);
  return line.trim();
}

interface Me {
  version: number;
  categories: { id: string; records: { id: string; data: Record<string, string> }[] }[];
}
const identityOf = (me: Me) => me.categories.find((c) => c.id === 'identity')?.records[0];

interface Marketing {
  cells: { channel: string; topic: string; granted: boolean }[];
}
const granted = (m: Marketing, channel: string, topic: string) =>
  m.cells.find((c) => c.channel === channel && c.topic === topic)?.granted;

describe('self-service on a phone', () => {
  it('changes details in place, refuses a bad postcode, shows newer values on a conflict, and asks for a correction', async () => {
    const context = await newContext('phone');
    const page = await context.newPage();
    const seen = watch(page);
    const patches: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') patches.push(r.postData() ?? '');
    });
    await signIn(page);

    const details = page.getByRole('region', { name: /^Your name and contact details/ });
    await details.locator('summary').click();
    await details.getByRole('button', { name: /^Change \(/ }).click();
    const form = details.getByRole('form', { name: /^Change your name and contact details/ });
    await form.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('honorific-prefix');
    expect(await form.getByLabel('Mobile').getAttribute('type')).toBe('tel');
    expect(await form.getByLabel('Postcode').getAttribute('autocomplete')).toBe('postal-code');
    await expectNoAxeViolations(page, 'form open');
    await details.locator('.record').screenshot({ path: `${shots}/phone-5-edit.png` });

    // A bad postcode: nothing moves on leaving the field; a save sends nothing, and the message
    // sits next to the field and in the summary
    const postcode = form.getByLabel('Postcode');
    await form.getByLabel('Mobile').fill('+44 7700 900 555');
    await postcode.fill('XX1');
    await postcode.blur();
    expect(await postcode.getAttribute('aria-invalid')).toBeNull();
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => postcode.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await postcode.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('Enter a real UK postcode');
    const summary = form.getByRole('alert');
    await expect.poll(() => summary.textContent()).toMatch(/There is a problem.*Enter a real UK postcode/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    await summary.getByRole('link').click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('postal-code');
    expect(patches).toEqual([]);
    expect(identityOf((await call<Me>(page, '/me')).body)?.data.mobile).toBe('07700 900214');
    await expectNoAxeViolations(page, 'errors shown');
    await details.locator('.record').screenshot({ path: `${shots}/phone-5-errors.png` });

    // Put right and save: only what changed is sent, the page shows the values as stored
    await postcode.fill('ls11 5ps');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => details.getByRole('status').textContent()).toMatch(/^Saved/);
    const saved = (await details.locator('.record').textContent()) ?? '';
    expect(saved).toContain('07700 900555');
    expect(saved).toContain('LS11 5PS');
    expect(patches.map((p) => JSON.parse(p).changes)).toEqual([{ mobile: '07700 900555' }]);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Change/);
    await expectNoAxeViolations(page, 'saved');
    await details.locator('.record').screenshot({ path: `${shots}/phone-5-saved.png` });

    // A race: the details change elsewhere (same session, another window) after the page loaded
    await details.getByRole('button', { name: /^Change \(/ }).click();
    const me = (await call<Me>(page, '/me')).body;
    const elsewhere = await call(page, `/me/records/${identityOf(me)?.id}`, {
      method: 'PATCH',
      body: { version: me.version, changes: { town: 'Bradford' } },
    });
    expect(elsewhere.status).toBe(200);
    await form.getByLabel('Address line 2').fill('15 Canal Wharf');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByLabel('Town or city').inputValue()).toBe('Bradford');
    expect(await form.getByRole('alert').textContent()).toMatch(/changed meanwhile/);
    expect(await form.getByLabel('Address line 2').inputValue()).toBe('14 Canal Wharf'); // the newer values, nothing overwritten
    expect(identityOf((await call<Me>(page, '/me')).body)?.data.addressLine2).toBe('14 Canal Wharf');
    await expectNoAxeViolations(page, 'conflict');
    await details.locator('.record').screenshot({ path: `${shots}/phone-6-conflict.png` });
    // ...and saving again, now on the newest version, works
    await form.getByLabel('Address line 2').fill('15 Canal Wharf');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => details.getByRole('status').textContent()).toMatch(/^Saved/);
    expect(await details.locator('.record').textContent()).toMatch(/15 Canal Wharf.*Bradford/);

    // A detail kept by the employer: ask for a correction
    const job = page.getByRole('region', { name: /^Your job and employer/ });
    await job.locator('summary').click();
    expect(await job.locator('.record').textContent()).toContain('kept by your employer');
    await job.getByRole('button', { name: /^Ask for a correction/ }).click();
    await job.getByRole('button', { name: 'Send correction request' }).click();
    await expect.poll(() => job.getByRole('alert').textContent()).toMatch(/Tell us what the correct value is/);
    await job.getByLabel('Which detail is wrong?').selectOption('jobTitle');
    expect(await job.getByText('Now: Practice Office Manager. Kept by your employer.').count()).toBe(1);
    await job.getByLabel('What should it say?').fill('Practice Manager');
    await job.getByLabel('Anything we should know').fill('Promoted in March.');
    await expectNoAxeViolations(page, 'correction form');
    await job.locator('.record').screenshot({ path: `${shots}/phone-7-correction-form.png` });
    await job.getByRole('button', { name: 'Send correction request' }).click();
    await expect
      .poll(() => job.getByRole('status').textContent())
      .toMatch(/Your reference is \S+\. We will reply by \d+ \w+ \d{4}/);
    const reference = /Your reference is (\S+)\./.exec((await job.getByRole('status').textContent()) ?? '')?.[1] ?? '';
    const requests = page.getByRole('region', { name: 'Your requests' });
    const listed = (await requests.textContent()) ?? '';
    expect(listed).toContain(reference);
    expect(listed).toContain('Correct job title (Your job and employer) to “Practice Manager”');
    expect(listed).toMatch(/Received.*Reply due by\d+ \w+ \d{4} \(\d+ days left\)/);
    await expectNoAxeViolations(page, 'correction sent');
    await job.locator('.record').screenshot({ path: `${shots}/phone-7-correction-sent.png` });
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/phone-7-requests.png` });

    // A stored date and time reads as a date, on the record and in its correction form
    const account = page.getByRole('region', { name: /^Customer Portal account/ });
    await account.locator('summary').click();
    expect(await account.locator('.record').first().textContent()).toContain('Last sign-in20 November 2026 at 08:41');
    await account.getByRole('button', { name: /^Ask for a correction/ }).click();
    await account.getByLabel('Which detail is wrong?').selectOption('lastSignIn');
    expect(await account.getByText('Now: 20 November 2026 at 08:41.').count()).toBe(1);
    await account
      .locator('.record')
      .first()
      .screenshot({ path: `${shots}/phone-7-date-shown.png` });

    // Everything fits the phone's width
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewports.phone.width);
    expect(seen.external).toEqual([]);
    expect(seen.errors.filter((e) => !/status of (400|401|409)/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('a save with mistakes in two fields', () => {
  it('takes a press of Save straight from a mistyped field and moves focus to the error summary, at phone and desktop size', async () => {
    for (const kind of ['phone', 'desktop'] as const) {
      const context = await newContext(kind);
      const page = await context.newPage();
      await signIn(page);
      const details = page.getByRole('region', { name: /^Your name and contact details/ });
      await details.locator('summary').click();
      await details.getByRole('button', { name: /^Change \(/ }).click();
      const form = details.getByRole('form', { name: /^Change your name and contact details/ });
      await form.getByLabel('First name').fill('');
      await form.getByLabel('Telephone').fill('abc not a phone');
      // Straight from the field to Save, as a person does: leaving the field must not move Save from under the pointer
      // (pressed and released a moment apart, at the same point of the screen, as a finger or a mouse does)
      const save = form.getByRole('button', { name: 'Save' });
      await save.scrollIntoViewIfNeeded();
      // As Safari (every browser on an iPhone) draws it: no scroll anchoring keeps Save in place when text appears above it
      await page.evaluate(() => {
        document.documentElement.style.overflowAnchor = 'none';
      });
      const box = await save.boundingBox();
      await page.mouse.move((box?.x ?? 0) + 8, (box?.y ?? 0) + 8);
      await page.mouse.down();
      await page.waitForTimeout(150);
      await page.mouse.up();
      const summary = form.locator('.error-summary');
      await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
      expect(await summary.getByRole('heading').textContent()).toBe('There is a problem');
      const links = summary.getByRole('link');
      expect(await links.count()).toBe(2);
      expect(await links.nth(0).getAttribute('href')).toBe(`#${await form.getByLabel('First name').getAttribute('id')}`);
      expect(await links.nth(1).getAttribute('href')).toBe(`#${await form.getByLabel('Telephone').getAttribute('id')}`);
      await links.nth(1).click();
      expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('tel');
      await looker(`record-errors-${kind}`)(page, 'summary');
      await details.locator('.record').screenshot({ path: `${shots}/record-errors-${kind}-form.png` });
      await context.close();
    }
  }, 120_000);
});

describe('marketing', () => {
  /** The newest marketing email to `to` from this env.centre, sent after `since` (ms). */
  async function marketingEmailTo(to: string, since: number) {
    const mail = (await listEmails(env.centre.sesEndpoint)).find(
      (e) =>
        e.at * 1000 >= since - 1000 &&
        e.destination.to.includes(to) &&
        e.headers?.some((h) => h.name === 'List-Unsubscribe' && h.value.startsWith(`<${env.centre.url}/`)),
    );
    if (!mail) throw new Error(`no marketing email to ${to}`);
    return (name: string) => mail.headers?.find((h) => h.name === name)?.value ?? '';
  }

  async function sendSample(topic: string) {
    const inflection = env.centre.deps.tenants.get(tenant);
    if (!inflection) throw new Error('no tenant');
    await sendSampleMarketing(env.centre.deps, { tenant: inflection, topic });
    await env.centre.drainOutbox();
  }

  it('unsubscribes with the link in a real email: opening it changes nothing, one click does', async () => {
    const context = await newContext('phone');
    const page = await context.newPage();
    await signIn(page);
    expect(granted((await call<Marketing>(page, '/me/marketing')).body, 'email', 'newsletters')).toBe(true);

    const since = Date.now();
    await sendSample('newsletters');
    const header = await marketingEmailTo(email, since);
    expect(header('List-Unsubscribe')).toMatch(new RegExp(`^<${env.centre.url}/api/t/${tenant}/unsubscribe/[A-Za-z0-9_-]+>$`));
    expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = header('List-Unsubscribe').slice(1, -1);

    // Opened in a mail app's env.browser (no session there): a page that explains, and changes nothing
    const mailApp = await newContext('phone');
    const landing = await mailApp.newPage();
    await landing.goto(url);
    await landing.getByRole('heading', { name: 'Unsubscribe from Newsletters' }).waitFor();
    expect(await landing.getByRole('button', { name: 'Unsubscribe' }).count()).toBe(1);
    expect(granted((await call<Marketing>(page, '/me/marketing')).body, 'email', 'newsletters')).toBe(true);
    await expectNoAxeViolations(landing, 'unsubscribe page');
    await landing.screenshot({ path: `${shots}/phone-8-unsubscribe.png`, fullPage: true });
    await mailApp.close();

    // One click, as a mail provider sends it (RFC 8058): no cookies, no Origin
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');

    await page.reload();
    const prefs = page.getByRole('region', { name: 'What we may send you' });
    const box = prefs.getByRole('group', { name: 'Newsletters' }).getByRole('checkbox', { name: 'Email' });
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    expect(await prefs.locator('.history').textContent()).toContain(
      'You turned off Newsletters by email, with the unsubscribe link in an email.',
    );
    // Each change with the wording of its time (the unsubscribe page showed no wording of its own).
    const wording = env.centre.deps.tenants.get(tenant)?.marketing.wording as string;
    expect(await prefs.locator('.history li').first().locator('.wording').textContent()).toBe(
      `Our wording at the time: ${wording}`,
    );
    await expectNoAxeViolations(page, 'preferences after unsubscribing');
    await prefs.screenshot({ path: `${shots}/phone-8-preferences-after-unsubscribe.png` });
    await context.close();
  }, 120_000);

  // A known backend bug, reported with this change: the page's form POST carries `Origin: null`
  // (the env.centre sends Referrer-Policy: no-referrer) and sameOriginOnly() answers 403. Turn this
  // into `it(...)` once that is fixed.
  it('unsubscribes with the button on the link’s page in a browser', async () => {
    const since = Date.now();
    await sendSample('research'); // priya.shah has consented to research by email
    const url = (await marketingEmailTo('priya.shah@example.co.uk', since))('List-Unsubscribe').slice(1, -1);
    const context = await newContext('phone');
    const landing = await context.newPage();
    try {
      await landing.goto(url);
      await landing.getByRole('button', { name: 'Unsubscribe' }).click();
      await landing.getByRole('heading', { name: 'You are unsubscribed' }).waitFor({ timeout: 5_000 });
      await expectNoAxeViolations(landing, 'unsubscribed page');
      await landing.screenshot({ path: `${shots}/phone-8-unsubscribed.png`, fullPage: true });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('saves only the changed choices, shows the history, and stops all marketing in two steps', async () => {
    const context = await newContext('desktop');
    const page = await context.newPage();
    const puts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts.push(r.postData() ?? '');
    });
    await signIn(page);
    const prefs = page.getByRole('region', { name: 'What we may send you' });
    const research = prefs.getByRole('group', { name: 'Market research and feedback' });
    await research.getByRole('checkbox', { name: 'Text message' }).check();
    expect(await prefs.textContent()).toContain('We only send you what you have switched on below');
    await prefs.getByRole('button', { name: 'Save my choices' }).click();
    await expect.poll(() => prefs.getByRole('status').textContent()).toBe('Your choices are saved.');
    // With the wording the page showed, which the centre records as what the person was shown.
    const shown = await prefs.locator('p.wording').first().textContent();
    expect(shown).toMatch(/^I agree that Inflection Point MSP Ltd may send me/);
    expect(puts.map((p) => JSON.parse(p))).toEqual([
      { changes: [{ channel: 'sms', topic: 'research', granted: true }], wording: shown },
    ]);
    const history = prefs.locator('.history');
    expect(await history.textContent()).toMatch(
      /\d{1,2} \w+ \d{4} at \d{2}:\d{2}\s*You turned on Market research and feedback by text message, on this page\./,
    );
    const wording = env.centre.deps.tenants.get(tenant)?.marketing.wording as string;
    expect(await history.locator('li').first().locator('.wording').textContent()).toBe(`What you were shown: ${wording}`);
    await expectNoAxeViolations(page, 'preferences saved');
    await prefs.screenshot({ path: `${shots}/desktop-7-preferences.png` });

    // A page opened before the wording changed: what it sends is the wording it showed, which is no
    // longer the centre's (stood in for here by rewriting the request), so nothing is saved.
    await page.route('**/me/marketing', async (route) => {
      if (route.request().method() !== 'PUT') return route.fallback();
      const body = JSON.parse(route.request().postData() ?? '{}');
      await route.fallback({ postData: JSON.stringify({ ...body, wording: 'We may email you now and then.' }) });
    });
    const offers = prefs.getByRole('group', { name: 'Products, services and offers' }).getByRole('checkbox', { name: 'Email' });
    await offers.check();
    await prefs.getByRole('button', { name: 'Save my choices' }).click();
    await expect
      .poll(() => prefs.getByRole('alert').textContent())
      .toBe(
        'Our marketing wording changed after this page was opened, so nothing was saved. Reload the page to read it, then choose again.',
      );
    expect(granted((await call<Marketing>(page, '/me/marketing')).body, 'email', 'offers')).toBe(false);
    await expectNoAxeViolations(page, 'stale wording refused');
    await prefs.screenshot({ path: `${shots}/desktop-7-stale-wording.png` });
    await page.unroute('**/me/marketing');
    await offers.uncheck();

    await prefs.getByRole('button', { name: 'Stop all marketing' }).click();
    const yes = prefs.getByRole('button', { name: 'Yes, stop all marketing' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Yes, stop all marketing');
    expect(await prefs.textContent()).toContain('do-not-contact list');
    const besideStop = await prefs.locator('.stop > p').textContent();
    expect(granted((await call<Marketing>(page, '/me/marketing')).body, 'sms', 'research')).toBe(true); // nothing yet
    await expectNoAxeViolations(page, 'stop all: confirm');
    await yes.click();
    await expect.poll(() => prefs.locator('.notice').textContent()).toMatch(/^You stopped all marketing on \d+ \w+ \d{4} at/);
    expect(await history.locator('li').first().textContent()).toContain('You stopped all marketing on this page.');
    // Recorded on the words beside the button, not on the switches' consent wording.
    expect(besideStop).toMatch(/^This is absolute: we will send you no marketing at all/);
    expect(await history.locator('li').first().locator('.wording').textContent()).toBe(`What you were shown: ${besideStop}`);
    for (const box of await prefs.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(false);
    expect(await prefs.getByRole('button', { name: 'Stop all marketing' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'stopped');
    await prefs.screenshot({ path: `${shots}/desktop-8-stopped.png` });
    await context.close();
  }, 120_000);
});

describe('change of email address', () => {
  it('sends a link to the new address, which confirms it on another device, and tells the old one', async () => {
    const context = await newContext('phone');
    const page = await context.newPage();
    await signIn(page);
    const details = page.getByRole('region', { name: /^Your name and contact details/ });
    await details.locator('summary').click();
    await details.getByRole('button', { name: 'Change email address' }).click();
    await details.getByLabel('New email address').fill('not-an-address');
    await details.getByRole('button', { name: 'Send confirmation link' }).click();
    await expect.poll(() => details.locator('.field-error').textContent()).toMatch(/right format/);
    await details.getByLabel('New email address').fill('alex.new@example.com');
    await details.getByRole('button', { name: 'Send confirmation link' }).click();
    await expect.poll(() => details.getByRole('status').textContent()).toMatch(/^Check your new inbox/);
    await expectNoAxeViolations(page, 'email change sent');
    await details.locator('.record').screenshot({ path: `${shots}/phone-9-email-change.png` });

    const prefix = `${env.centre.url}/t/${tenant}/confirm-email#`;
    const link = linkIn(await waitForEmail(env.centre.sesEndpoint, 'alex.new@example.com', prefix), prefix);
    const since = Date.now();

    const other = await newContext('phone');
    const landing = await other.newPage();
    const posts: string[] = [];
    landing.on('request', (r) => {
      if (r.method() === 'POST') posts.push(r.url());
    });
    await landing.goto(link);
    const confirm = landing.getByRole('button', { name: 'Confirm new email address' });
    await confirm.waitFor();
    expect(new URL(landing.url()).hash).toBe(''); // the token left the address bar
    expect(posts).toEqual([]); // nothing happens on opening the link
    await expectNoAxeViolations(landing, 'confirm email');
    await landing.screenshot({ path: `${shots}/phone-10-confirm-email.png`, fullPage: true });
    await confirm.click();
    await expect.poll(() => landing.getByRole('status').textContent()).toMatch(/Your email address is changed/);
    await expectNoAxeViolations(landing, 'email confirmed');
    await landing.screenshot({ path: `${shots}/phone-10-email-confirmed.png`, fullPage: true });

    // The old address is told
    await expect
      .poll(async () =>
        (await listEmails(env.centre.sesEndpoint)).some(
          (e) => e.at * 1000 >= since - 1000 && e.destination.to.includes(email) && /was changed/.test(e.subject),
        ),
      )
      .toBe(true);

    // A link works once; opened in a tab already on the page (only the fragment changes), it is still read
    const again = await other.newPage();
    await again.goto(`${env.centre.url}/t/${tenant}/confirm-email`);
    await expect.poll(() => again.getByRole('alert').textContent()).toMatch(/This link is incomplete/);
    await again.goto(link);
    await again.getByRole('button', { name: 'Confirm new email address' }).click();
    await expect.poll(() => again.getByRole('alert').textContent()).toMatch(/does not work any more/);
    await other.close();

    // Confirmed on another device: the session this phone had is over (whoever held it is out),
    // and signing in again works with the new address.
    await page.reload();
    await page.getByLabel('Your email address').waitFor();
    await signIn(page, 'alex.new@example.com');
    await expect.poll(() => page.locator('.lead').textContent()).toContain('alex.new@example.com');
    await context.close();
  }, 120_000);
});
