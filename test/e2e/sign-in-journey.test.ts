import { describe, expect, it } from 'vitest';
import { emailsTo, waitForEmail } from '../support/mail.ts';
import { viewports } from './browser.ts';
import { expectNoAxeViolations, looker, newContext, personOnPage, shots, staffSignIn, useBrowserAndCentre } from './harness.ts';

const env = useBrowserAndCentre();

describe.each(Object.keys(viewports) as (keyof typeof viewports)[])('sign-in journey on %s', (name) => {
  const tenant = name === 'phone' ? 'it-mk' : 'inflection-point';
  const email = 'alex.morgan@example.com';

  it('signs in by email link, shows the data by category with the Art. 15 information, and signs out', async () => {
    const context = await newContext(env.browser, name);
    const page = await context.newPage();
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(env.centre.url)) external.push(r.url());
    });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });

    await page.goto(`${env.centre.url}/t/${tenant}/`);
    await page.getByRole('heading', { name: 'See your data' }).waitFor();
    await expectNoAxeViolations(page, 'sign-in page');
    await page.screenshot({ path: `${shots}/${name}-1-sign-in.png`, fullPage: true });

    // A bad address gets a message next to the field, and nothing is sent
    await page.getByLabel('Your email address').fill('not an email');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/valid email/);
    await expectNoAxeViolations(page, 'sign-in error');

    await page.getByLabel('Your email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectNoAxeViolations(page, 'check your email');
    await page.screenshot({ path: `${shots}/${name}-2-check-email.png`, fullPage: true });

    const mail = await waitForEmail(env.centre.sesEndpoint, email, `${env.centre.url}/t/${tenant}/verify#`);
    const link = (mail.body.text ?? '').split('\n').find((l) => l.startsWith(`${env.centre.url}/t/${tenant}/verify#`)) ?? '';

    await page.goto(link);
    await page.getByRole('button', { name: 'Confirm sign-in' }).waitFor();
    expect(new URL(page.url()).hash).toBe(''); // the token left the address bar
    await expectNoAxeViolations(page, 'confirm page');
    await page.screenshot({ path: `${shots}/${name}-3-confirm.png`, fullPage: true });
    await page.getByRole('button', { name: 'Confirm sign-in' }).click();

    await page.getByRole('heading', { name: /Your data, Alex Morgan/ }).waitFor();
    const policy = env.centre.bundles.find((b) => b.config.slug === tenant)?.config;
    const held = env.centre.bundles
      .find((b) => b.config.slug === tenant)
      ?.demo?.subjects.find((s) => s.email === email)
      ?.records.map((r) => r.category);
    for (const category of policy?.categories.filter((c) => held?.includes(c.id)) ?? []) {
      const section = page.getByRole('region', { name: new RegExp(`^${category.name}`) });
      await expect.poll(() => section.count(), { message: category.name }).toBe(1);
      const text = (await section.textContent()) ?? '';
      for (const fact of [
        'Why we hold it',
        'Lawful basis',
        'Where it came from',
        'Who receives it',
        'How long we keep it',
        'Next deletion',
      ]) {
        expect(text, `${category.name}: ${fact}`).toContain(fact);
      }
      expect(text).toContain(category.purpose);
    }
    // open every record list, then check accessibility of the full page
    for (const summary of await page.locator('details > summary').all()) await summary.click();
    await expectNoAxeViolations(page, 'my data');
    await page.screenshot({ path: `${shots}/${name}-4-my-data.png`, fullPage: true });

    // Coming back signed in: the page's Link header preloads the data and the signed-in view's
    // script (its own chunk, which a first visit never loads), and the page uses each preload.
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    // Watch for the footer being drawn under a placeholder while the data or the view's script is
    // still on its way: the data would then push it down (a layout shift).
    await page.addInitScript(() => {
      const w = window as unknown as { footerUnderPlaceholder: boolean };
      w.footerUnderPlaceholder = false;
      new MutationObserver(() => {
        if (document.querySelector('footer') && document.querySelector('main > [aria-busy="true"]'))
          w.footerUnderPlaceholder = true;
      }).observe(document, { childList: true, subtree: true });
    });
    // The view's script held back: the title and the first line are drawn from the page's own
    // script as soon as the data is there, with no footer yet; the rest once the script arrives.
    let release = () => {};
    const viewHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/assets/my-data-*.js', async (route) => {
      await viewHeld;
      await route.continue();
    });
    const again = await page.goto(`${env.centre.url}/t/${tenant}/`);
    const preload = again?.headers().link ?? '';
    const view = /<(\/assets\/my-data-[\w-]+\.js)>; rel=modulepreload/.exec(preload)?.[1];
    expect(view, preload).toBeDefined();
    expect(preload).toContain(`</api/t/${tenant}/me>; rel=preload; as=fetch; crossorigin`);
    await page.getByRole('heading', { name: 'Your data, Alex Morgan' }).waitFor();
    expect(await page.locator('main > p.lead').textContent()).toMatch(
      new RegExp(`^Signed in as ${email}\\. We hold \\w+ kinds? of information about you\\.$`),
    );
    expect(await page.locator('main > [aria-busy="true"]').textContent()).toBe('Loading the details…');
    expect(await page.getByRole('link', { name: 'What we may send you' }).count()).toBe(0);
    expect(await page.locator('footer').count()).toBe(0);
    await expectNoAxeViolations(page, 'my data, its first line only');
    release();
    await page.getByRole('link', { name: 'What we may send you' }).waitFor();
    await page.unroute('**/assets/my-data-*.js');
    expect(await page.locator('main > p.lead').count()).toBe(1);
    expect(asked.filter((path) => path === view)).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { footerUnderPlaceholder: boolean }).footerUnderPlaceholder)).toBe(
      false,
    );
    expect(asked.filter((path) => path === `/api/t/${tenant}/me`)).toHaveLength(1);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'See your data' }).waitFor();
    // Said, above the form: on a shared computer the next person can see that it was done
    expect(await page.getByRole('status').textContent()).toBe('You have signed out.');
    await looker('signed-out')(page, name);
    const me = await page.evaluate(async (t) => (await fetch(`/api/t/${t}/me`)).status, tenant);
    expect(me).toBe(401);

    expect(external, 'no third-party requests').toEqual([]);
    // 400 (the bad address above) and 401 (signed out) are expected answers, not page errors
    expect(consoleErrors.filter((e) => !/status of (400|401)/.test(e))).toEqual([]);
    await context.close();
  });
});

/** A new desktop page, with the errors its console logs and the paths it asks for, as they come. */
async function watchedPage() {
  const context = await newContext(env.browser, 'desktop');
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  return { context, page, consoleErrors, asked };
}

describe('a first visit', () => {
  it('shows the sign-in form without asking for the data, so the browser logs no error', async () => {
    const { context, page, consoleErrors, asked } = await watchedPage();
    const res = await page.goto(`${env.centre.url}/t/inflection-point/`);
    // The Link header: the page's own scripts (read from the HTML, they would start only once it
    // is parsed), then the centre's details.
    const preload = res?.headers().link ?? '';
    const scripts = [...preload.matchAll(/<(\/assets\/[\w-]+\.js)>; rel=modulepreload/g)].map((m) => m[1]);
    expect(
      scripts.some((path) => /^\/assets\/index-[\w-]+\.js$/.test(path ?? '')),
      preload,
    ).toBe(true);
    expect(preload).toBe(
      [
        ...scripts.map((path) => `<${path}>; rel=modulepreload`),
        '</api/t/inflection-point>; rel=preload; as=fetch; crossorigin',
      ].join(', '),
    );
    await page.getByRole('heading', { name: 'See your data' }).waitFor();
    await page.getByRole('contentinfo').waitFor(); // the centre's details arrived: the page is complete
    expect(asked).not.toContain('/api/t/inflection-point/me');
    expect(
      asked.some((path) => path.startsWith('/assets/my-data-')),
      'the signed-in view is not loaded',
    ).toBe(false);
    // The centre's details were preloaded with the page (Link header) and the page's fetch took that answer.
    expect(asked.filter((path) => path === '/api/t/inflection-point')).toHaveLength(1);
    // And the page's scripts: each fetched once, the preload taken by the page's own module script.
    for (const path of scripts)
      expect(
        asked.filter((p) => p === path),
        path,
      ).toHaveLength(1);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('a first visit to the staff pages', () => {
  it('shows the sign-in form without asking who is signed in; signed in, a reload keeps them; signed out, it asks nothing again', async () => {
    const { context, page, consoleErrors, asked } = await watchedPage();
    const me = '/api/t/it-mk/admin/me';
    await page.goto(`${env.centre.url}/t/it-mk/admin/`);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
    expect(asked).not.toContain(me);

    // A link that is refused starts no session: the next visit still asks nothing.
    await page.goto(`${env.centre.url}/t/it-mk/admin/verify#not-a-real-token`);
    const refused = page.waitForResponse((r) => r.url().endsWith('/admin/auth/verify'));
    await page.getByRole('button', { name: 'Continue signing in' }).click();
    expect((await refused).status()).toBe(400);
    await page.goto(`${env.centre.url}/t/it-mk/admin/`);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
    expect(asked).not.toContain(me);
    // The refused link's own 400 is an expected answer; nothing else may be logged.
    consoleErrors.splice(0);

    // Signed in through the page: a reload asks, and finds them.
    await staffSignIn(page, env.centre, 'it-mk', 'sam.taylor@staff.example');
    asked.length = 0;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    expect(asked).toContain(me);

    // Signed out: the form again, and a reload does not ask.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
    asked.length = 0;
    await page.reload();
    await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
    expect(asked).not.toContain(me);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('signing out from a request’s page', () => {
  it('says so above the sign-in form, and a first visit does not', async () => {
    const { context, page } = await personOnPage(env.browser, env.centre, 'it-mk', 'alex.morgan@example.com');
    await page.goto(`${env.centre.url}/t/it-mk/complaints`);
    await page.getByRole('link', { name: 'Back to your data' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'See your data' }).waitFor();
    expect(await page.getByRole('status').textContent()).toBe('You have signed out.');
    const fresh = await context.newPage();
    await fresh.goto(`${env.centre.url}/t/it-mk/`);
    await fresh.getByRole('heading', { name: 'See your data' }).waitFor();
    expect(await fresh.getByRole('status').count()).toBe(0);
    await context.close();
  });
});

describe('link page', () => {
  it('explains what to do when the link is incomplete', async () => {
    const context = await env.browser.newContext({ viewport: viewports.phone });
    const page = await context.newPage();
    await page.goto(`${env.centre.url}/t/the-one-point/verify`);
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/incomplete/);
    await expectNoAxeViolations(page, 'incomplete link');
    await context.close();
  });

  it('takes a link opened in the same tab (only the fragment changes), and says a wrong link is not valid', async () => {
    const tenant = 'it-mk';
    const email = 'alex.morgan@example.com';
    for (const kind of ['phone', 'desktop'] as const) {
      const context = await newContext(env.browser, kind);
      const page = await context.newPage();
      const verify = `${env.centre.url}/t/${tenant}/verify`;
      await page.goto(verify);
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toBe('This link is incomplete. Please ask for a new one below.');
      await looker('verify')(page, `${kind}-incomplete`);

      // A mistyped link, then the real one, each in the same tab: no reload
      await page.goto(`${verify}#not-a-real-token`);
      await page.getByRole('button', { name: 'Confirm sign-in' }).click();
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toBe('This link is not valid or has expired. Please ask for a new one.');
      await looker('verify')(page, `${kind}-not-valid`);
      const before = (await emailsTo(env.centre.sesEndpoint, email, `${verify}#`)).length;
      await page.evaluate(
        (url) =>
          fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{"email":"alex.morgan@example.com"}',
          }),
        `/api/t/${tenant}/auth/link`,
      );
      const mail = await waitForEmail(env.centre.sesEndpoint, email, `${verify}#`, before + 1);
      await page.goto((mail.body.text ?? '').split('\n').find((l) => l.startsWith(`${verify}#`)) ?? '');
      await page.getByRole('button', { name: 'Confirm sign-in' }).click();
      await page.getByRole('heading', { name: /^Your data, / }).waitFor();
      await context.close();
    }
  });
});

describe('an address with no privacy centre', () => {
  it('answers a plain 404 page, readable and accessible at desktop and phone size', async () => {
    for (const kind of ['desktop', 'phone'] as const) {
      const context = await newContext(env.browser, kind);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      const res = await page.goto(`${env.centre.url}/t/no-such-tenant/`);
      expect(res?.status()).toBe(404);
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      expect(await page.textContent('main')).toContain('There is no privacy centre at this address');
      // Only the 404 itself: no app loaded to fail on its first API call.
      expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
      await expectNoAxeViolations(page, `404 page (${kind})`);
      await page.screenshot({ path: `${shots}/${kind}-404-unknown-tenant.png`, fullPage: true });
      await context.close();
    }
  });
});

describe('an address in a real centre that is none of its pages', () => {
  it('says the page is not found in that centre’s own page, with a link to its home, at desktop and phone size', async () => {
    for (const kind of ['desktop', 'phone'] as const) {
      const context = await newContext(env.browser, kind);
      const page = await context.newPage();
      await page.goto(`${env.centre.url}/t/inflection-point/nonsense-page`);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      expect(await page.locator('header').textContent()).toContain('Inflection Point privacy centre');
      expect(await page.textContent('main')).toContain('There is no page at this address.');
      expect(await page.textContent('main')).not.toContain('no privacy centre');
      await expect.poll(() => page.title()).toBe('Page not found – Inflection Point privacy centre');
      await page.getByRole('contentinfo').waitFor();
      await looker('tenant-404')(page, kind);
      await page.getByRole('link', { name: 'Go to the Inflection Point privacy centre' }).click();
      await page.getByRole('heading', { level: 1, name: 'See your data' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/t/inflection-point/');
      await context.close();
    }
  });
});
