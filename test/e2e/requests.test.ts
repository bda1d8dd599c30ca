import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatUkDate } from '../../shared/dates.ts';
import type { MarketingResponse } from '../../shared/portal-api.ts';
import type { RequestAction } from '../../shared/requests/lifecycle.ts';
import { actOnRequest } from '../../shared/requests/save-step.ts';
import type { viewports } from './browser.ts';
import {
  callApi,
  newContext as contextFor,
  expectNoAxeViolations,
  expectNoSideways,
  shots,
  signInThroughPage,
  useBrowserAndCentre,
} from './harness.ts';

const tenant = 'it-mk';
const email = 'alex.morgan@example.com';
const env = useBrowserAndCentre();

const newContext = (kind: keyof typeof viewports) => contextFor(env.browser, kind);
const signIn = (page: Page) => signInThroughPage(page, env.centre, tenant, email);
const call = <T>(page: Page, path: string, init: { method?: string; body?: unknown } = {}) =>
  callApi<T>(page, tenant, path, init);

interface View {
  id: string;
  reference: string;
  status: string;
  dueOn: string;
}

/** Console errors other than the API's expected 4xx answers. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (400|401|409)/.test(m.text())) errors.push(m.text());
  });
  return errors;
}

/** Withdraws the person's open requests of a kind: another of the same kind and scope would be a duplicate, giving back the first. */
async function withdrawOpen(page: Page, kind: string) {
  for (const r of (await call<{ requests: (View & { id: string; kind: string; open: boolean })[] }>(page, '/me/requests')).body
    .requests)
    if (r.kind === kind && r.open) await call(page, `/me/requests/${r.id}/withdraw`, { method: 'POST', body: {} });
}

const countRequests = async (page: Page) => (await call<{ requests: View[] }>(page, '/me/requests')).body.requests.length;

/** From the chooser to the form of one kind. */
async function choose(page: Page, name: string) {
  await page.goto(`${env.centre.url}/t/${tenant}/requests/new`);
  await page.getByRole('radio', { name, exact: true }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Submits without filling in what is needed: the error summary lists each problem, linked to its field. */
async function expectErrors(page: Page, messages: string[], where: string) {
  await page.getByRole('button', { name: 'Send request' }).click();
  const summary = page.locator('.error-summary');
  await expect.poll(() => summary.locator('li').allTextContents(), { message: where }).toEqual(messages);
  for (const message of messages)
    expect(await page.locator('.field-error').filter({ hasText: message }).count(), message).toBe(1);
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
  await expectNoAxeViolations(page, `${where} with errors`);
  await expectNoSideways(page, where);
}

/** Sends the form and checks the request page it lands on: reference, received, due date. */
async function send(page: Page, where: string): Promise<{ text: string; view: View }> {
  await page.getByRole('button', { name: 'Send request' }).click();
  await page.waitForURL(/\/requests\/[\w-]+$/);
  await page.getByRole('heading', { name: 'What you asked' }).waitFor();
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  const view = (await call<View>(page, `/me/requests/${id}`)).body;
  const text = (await page.locator('main').textContent()) ?? '';
  expect(view.reference, where).toMatch(new RegExp(`^ITMK-${new Date().getFullYear()}-\\d{6}$`));
  expect(text, where).toContain(`Reference${view.reference}`);
  expect(text, where).toMatch(/Received \d{1,2} \w+ \d{4}/);
  expect(text, where).toMatch(new RegExp(`[Dd]ue by ${formatUkDate(view.dueOn)}`));
  await expectNoAxeViolations(page, `${where}: request page`);
  await expectNoSideways(page, `${where}: request page`);
  return { text, view };
}

describe('rights requests on a phone', () => {
  it('files each kind of request through its own form, and lists them all', async () => {
    const context = await newContext('phone');
    const page = await context.newPage();
    const errors = consoleErrors(page);
    const chunks: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/requests-/.test(r.url())) chunks.push(r.url());
    });
    const policy = env.centre.deps.tenants.get(tenant);
    const category = (id: string) => policy?.categories.find((c) => c.id === id);
    const references: string[] = [];

    // The entry point, beside "Your requests"; the request pages load only when needed
    await signIn(page);
    expect(chunks).toEqual([]);
    await page.getByRole('region', { name: 'Your requests' }).getByRole('link', { name: 'Make a request' }).click();
    await page.getByRole('heading', { level: 1, name: 'Make a request' }).waitFor();
    expect(chunks).toHaveLength(1);
    const chooser = page.getByRole('group', { name: 'What do you want us to do?' });
    expect(await chooser.getByRole('radio').count()).toBe(7);
    expect(await chooser.textContent()).toContain('Delete my data');
    await expectNoAxeViolations(page, 'chooser');
    await expectNoSideways(page, 'chooser');
    await page.screenshot({ path: `${shots}/phone-11-request-chooser.png`, fullPage: true });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('.error-summary li').allTextContents()).toEqual(['Choose what you want us to do']);
    await expectNoAxeViolations(page, 'chooser with an error');

    // Access: everything, with a note
    await choose(page, 'A copy of my data');
    await page.getByRole('radio', { name: 'Everything' }).check();
    await page.getByLabel('Anything else we should know? (optional)').fill('Including the notes on my job application.');
    let sent = await send(page, 'access');
    expect(sent.text).toContain('Which dataEverything');
    expect(sent.text).toContain('Including the notes on my job application.');
    references.push(sent.view.reference);

    // Erasure: not absolute; only some kinds of data
    await choose(page, 'Delete my data');
    expect(await page.locator('main').textContent()).toContain('This right is not absolute');
    await expectErrors(page, ['Choose everything or only some kinds of data'], 'erasure form');
    await page.getByRole('radio', { name: 'Only some kinds of data' }).check();
    await expectErrors(page, ['Choose at least one kind of data'], 'erasure form, no kind chosen');
    await page.getByRole('checkbox', { name: 'Job applications' }).check();
    await page.getByLabel('Anything else we should know? (optional)').fill('I no longer want the job.');
    await page.screenshot({ path: `${shots}/phone-12-erasure-form.png`, fullPage: true });
    sent = await send(page, 'erasure');
    expect(sent.text).toContain('Which dataJob applications');
    references.push(sent.view.reference);

    // Rectification: a detail chosen from the person's own, shown with its value now
    await choose(page, 'Correct my data');
    await expectErrors(page, ['Choose which information is wrong', 'Please tell us what it should be'], 'rectification form');
    const town = category('identity')?.fields.find((f) => f.id === 'town')?.label;
    await page.getByLabel('Which information is wrong?').selectOption({ label: `${town}: Milton Keynes` });
    expect(await page.getByText('Now: Milton Keynes').count()).toBe(1);
    await page.getByLabel('What should it say?').fill('Bletchley');
    sent = await send(page, 'rectification');
    expect(sent.text).toContain(`Information${town} (Your name and contact details)`);
    expect(sent.text).toContain('It says nowMilton Keynes');
    expect(sent.text).toContain('It should sayBletchley');
    await page.screenshot({ path: `${shots}/phone-13-request-page.png`, fullPage: true });
    references.push(sent.view.reference);

    // Restriction: which data and why
    await choose(page, 'Stop using my data for now');
    await expectErrors(
      page,
      ['Choose everything or only some kinds of data', 'Choose why you want us to stop using your data'],
      'restriction form',
    );
    await page.getByRole('radio', { name: 'Everything' }).check();
    await page.getByRole('radio', { name: 'I think the data is wrong, while you check it' }).check();
    sent = await send(page, 'restriction');
    expect(sent.text).toContain('WhyI think the data is wrong, while you check it');
    references.push(sent.view.reference);

    // Portability: only what the person gave us
    await choose(page, 'Take my data elsewhere');
    await page.getByRole('radio', { name: 'Only some kinds of data' }).check();
    const labels = await page.getByRole('group', { name: 'Which kinds of data?' }).locator('label').allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    for (const name of labels) expect(policy?.categories.find((c) => c.name === name)?.providedBySubject, name).toBe(true);
    await page.getByRole('checkbox', { name: 'Your name and contact details' }).check();
    sent = await send(page, 'portability');
    expect(sent.text).toContain('Which dataYour name and contact details');
    references.push(sent.view.reference);

    // Objection to one use of the data: a reason is needed
    await choose(page, 'Object to how my data is used');
    await expectErrors(
      page,
      ['Choose which use of your data you object to', 'Please tell us why you object: we must weigh your reasons against ours'],
      'objection form',
    );
    const tickets = category('support-tickets');
    await page.getByLabel('Which use of your data do you object to?').selectOption('support-tickets');
    await page.getByLabel('Why do you object?').fill('My question was answered; please stop using my messages.');
    sent = await send(page, 'objection');
    expect(sent.text).toContain(`Use of your data${tickets?.name}: ${tickets?.purpose}`);
    expect(sent.text).toContain('Your reasonsMy question was answered');
    expect(sent.view.status).toBe('received');
    references.push(sent.view.reference);

    // Objection to direct marketing: absolute, no reason needed, done at once
    await choose(page, 'Object to how my data is used');
    await page.getByLabel('Which use of your data do you object to?').selectOption('direct-marketing');
    const notice = await page.locator('.notice').textContent();
    expect(notice).toContain('absolute and takes effect at once');
    expect(await page.getByLabel('Why do you object? (optional)').count()).toBe(1);
    await expectNoAxeViolations(page, 'objection to direct marketing');
    sent = await send(page, 'objection to direct marketing');
    expect(sent.view.status).toBe('completed');
    expect(sent.text).toMatch(/StatusCompleted/);
    expect(sent.text).toMatch(/Completed on \d{1,2} \w+ \d{4}/);
    expect(sent.text).toContain('We have stopped all direct marketing to you');
    // The marketing history records the objection on the notice the form showed, word for word.
    const stops = (await call<MarketingResponse>(page, '/me/marketing')).body.history.filter((h) => !h.granted);
    expect(stops[0]?.wording).toBe(notice);
    expect(await page.getByRole('button', { name: 'Withdraw this request' }).count()).toBe(0);
    references.push(sent.view.reference);

    // Automated decision-making
    await choose(page, 'Ask about automated decisions');
    await expectErrors(page, ['Please tell us which decision', 'Please tell us your question'], 'automated decision form');
    await page.getByLabel('Which decision is it about?').fill('My job application was turned down.');
    await page.getByLabel('What do you want to ask?').fill('Was a person involved? If not, please have one review it.');
    sent = await send(page, 'automated decision');
    expect(sent.text).toContain('DecisionMy job application was turned down.');
    references.push(sent.view.reference);

    // "Your requests" lists every one, each linked to its page
    await page.getByRole('link', { name: 'Back to your data' }).click();
    const list = page.getByRole('region', { name: 'Your requests' });
    await list.waitFor();
    const listed = (await list.textContent()) ?? '';
    for (const reference of references) expect(listed).toContain(reference);
    expect(new Set(references).size).toBe(8);
    expect(listed).toMatch(/Reply due by\d{1,2} \w+ \d{4} \(\d+ days left\)/);
    // Which data each asked about, so two requests of one kind are told apart
    expect(listed).toContain('What you askedA copy of my data: everything');
    expect(listed).toMatch(/What you asked[^:]+: Job applications/);
    await list.getByRole('link', { name: references[0] }).click();
    await page.getByRole('heading', { level: 1, name: 'A copy of my data' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('makes one request of a double click, and of a retry with the same key', async () => {
    const context = await newContext('phone');
    const page = await context.newPage();
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/me/requests')) posts.push(r.postData() ?? '');
    });
    await signIn(page);
    await withdrawOpen(page, 'access');
    const before = await countRequests(page);
    await choose(page, 'A copy of my data');
    await page.getByRole('radio', { name: 'Everything' }).check();
    // Two clicks within one frame: the second comes before the button can be disabled
    await page.evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Send request');
      button?.click();
      button?.click();
    });
    await page.waitForURL(/\/requests\/[\w-]+$/);
    await page.getByRole('heading', { name: 'What you asked' }).waitFor();
    expect(await countRequests(page)).toBe(before + 1);
    expect(posts).toHaveLength(1);

    // The same form's key again (a retry after a lost answer): the first request, nothing new
    const first = new URL(page.url()).pathname.split('/').pop();
    const retry = await call<View>(page, '/me/requests', { method: 'POST', body: JSON.parse(posts[0] ?? '{}') });
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first);
    expect(await countRequests(page)).toBe(before + 1);

    // A new form has a key of its own (once the first is withdrawn: else it is a duplicate)
    await withdrawOpen(page, 'access');
    await choose(page, 'A copy of my data');
    await page.getByRole('radio', { name: 'Everything' }).check();
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(`/${first}`) && !url.pathname.endsWith('/new'));
    expect(await countRequests(page)).toBe(before + 2);
    const keys = posts.map((p) => JSON.parse(p).idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    await context.close();
  }, 120_000);

  it('shows our question, pauses the time limit, and takes the answer', async () => {
    const context = await newContext('phone');
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await signIn(page);
    await withdrawOpen(page, 'access');
    await choose(page, 'A copy of my data');
    await page.getByRole('radio', { name: 'Everything' }).check();
    const { view } = await send(page, 'access to be asked about');
    const subjectId = (await call<{ subject: { id: string } }>(page, '/me')).body.subject.id;
    const itmk = env.centre.deps.tenants.get(tenant);
    if (!itmk) throw new Error('no tenant');

    await actOnRequest(env.centre.deps, {
      tenant: itmk,
      subjectId,
      requestId: view.id,
      action: { type: 'ask-information', message: 'Which offices did you work at?' },
      actor: { type: 'staff', id: 'handler' },
    });
    await page.reload();
    const question = page.getByRole('region', { name: 'We need more information from you' });
    await question.waitFor();
    expect(await question.locator('blockquote').textContent()).toBe('Which offices did you work at?');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('StatusWaiting for information from you');
    expect(main).toMatch(/The time limit is paused until you answer \(due by \d{1,2} \w+ \d{4} if you answer today\)/);
    expect(await page.locator('.history').textContent()).toMatch(
      /Us:\s*We asked you for information.*Which offices did you work at\?/,
    );
    await expectNoAxeViolations(page, 'awaiting an answer');
    await expectNoSideways(page, 'awaiting an answer');
    await page.screenshot({ path: `${shots}/phone-14-awaiting-answer.png`, fullPage: true });

    await question.getByRole('button', { name: 'Send my answer' }).click();
    await expect.poll(() => question.locator('.field-error').textContent()).toContain('Please write your answer');
    await expectNoAxeViolations(page, 'answer form with an error');
    await question.getByLabel('Your answer', { exact: true }).fill('Milton Keynes, and Bedford for two months.');
    await question.getByRole('button', { name: 'Send my answer' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/we have your answer/);
    // The text is drawn first; the focus follows in an effect, after the paint (web/src/lib/use-focus.ts).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    expect(await question.count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('StatusReceived');
    const history = (await page.locator('.history').textContent()) ?? '';
    expect(history).toMatch(/You:\s*You answered\. The time limit runs again\.\s*Milton Keynes, and Bedford for two months\./);
    expect((await call<View>(page, `/me/requests/${view.id}`)).body.status).toBe('received'); // asked before work started: still to be started
    await expectNoAxeViolations(page, 'answered');
    await page.locator('.history').screenshot({ path: `${shots}/phone-14-history.png` });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
  it('shows an extension, a refusal with the right to complain, and where a copy will be', async () => {
    const context = await newContext('phone');
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await signIn(page);
    const subjectId = (await call<{ subject: { id: string } }>(page, '/me')).body.subject.id;
    const itmk = env.centre.deps.tenants.get(tenant);
    if (!itmk) throw new Error('no tenant');
    const file = async (request: { kind: 'access' | 'erasure'; scope: 'everything' }) =>
      (await call<View>(page, '/me/requests', { method: 'POST', body: { idempotencyKey: randomUUID(), request } })).body;
    const act = (requestId: string, action: RequestAction) =>
      actOnRequest(env.centre.deps, { tenant: itmk, subjectId, requestId, action, actor: { type: 'staff', id: 'handler' } });
    const open = async (id: string, heading: string) => {
      await page.goto(`${env.centre.url}/t/${tenant}/requests/${id}`);
      const region = page.getByRole('region', { name: heading });
      await region.waitFor();
      return region;
    };

    await withdrawOpen(page, 'erasure');
    await withdrawOpen(page, 'access');
    const erasure = await file({ kind: 'erasure', scope: 'everything' });
    await act(erasure.id, { type: 'extend', months: 1, reason: 'Your data is in three systems that we must search.' });
    const extended = await open(erasure.id, 'Why we need longer');
    expect(await extended.textContent()).toContain('Your data is in three systems that we must search.');
    const due = (await call<View>(page, `/me/requests/${erasure.id}`)).body.dueOn;
    expect(await page.locator('main').textContent()).toMatch(new RegExp(`StatusExtended.*Due by ${formatUkDate(due)}`));
    await expectNoAxeViolations(page, 'extended');

    await act(erasure.id, { type: 'refuse', reason: 'We must keep your invoices for six years by law.' });
    const refused = await open(erasure.id, 'Why we refused');
    const refusal = (await refused.textContent()) ?? '';
    expect(refusal).toContain('We must keep your invoices for six years by law.');
    expect(refusal).toContain('info@it-mk.co.uk');
    expect(refusal).toContain('0303 123 1113');
    expect(await refused.getByRole('link', { name: 'ico.org.uk/make-a-complaint' }).getAttribute('href')).toBe(
      'https://ico.org.uk/make-a-complaint/',
    );
    expect(await page.getByRole('button', { name: 'Withdraw this request' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'refused');

    const access = await file({ kind: 'access', scope: 'everything' });
    await act(access.id, { type: 'complete', message: 'We have gathered your data from every system.' });
    const copy = await open(access.id, 'Your copy');
    // Completed without an export: no download is coming, so none is promised.
    expect(await copy.textContent()).toContain('We did not prepare a download for this request: see our reply above.');
    expect(await copy.textContent()).not.toMatch(/will appear|when it is ready/);
    expect(await copy.getByRole('link').count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Our reply' }).textContent()).toContain('We have gathered your data');
    await expectNoAxeViolations(page, 'completed access');
    await expectNoSideways(page, 'completed access');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('rights requests on a desktop', () => {
  it('asks to sign in on a request link, and withdraws a request in two steps', async () => {
    const context = await newContext('desktop');
    const page = await context.newPage();
    const errors = consoleErrors(page);

    // The link in an acknowledgement email, opened without a session
    await page.goto(`${env.centre.url}/t/${tenant}/requests/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { level: 1, name: 'Sign in to continue' }).waitFor();
    expect(await page.getByLabel('Your email address').count()).toBe(1);
    await expectNoAxeViolations(page, 'signed out on a request link');

    await signIn(page);
    await page.goto(`${env.centre.url}/t/${tenant}/requests/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { level: 1, name: 'Request not found' }).waitFor();

    await page.goto(`${env.centre.url}/t/${tenant}/requests/new?kind=erasure`);
    await page.getByRole('heading', { level: 1, name: 'Delete my data' }).waitFor();
    await page.getByRole('radio', { name: 'Everything' }).check();
    const { view } = await send(page, 'erasure to withdraw');

    await page.getByRole('button', { name: 'Withdraw this request' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('withdraw-reason');
    expect((await call<View>(page, `/me/requests/${view.id}`)).body.status).toBe('received'); // nothing yet
    await page.getByLabel('Why are you withdrawing it? (optional)').fill('Sorted out by phone.');
    await expectNoAxeViolations(page, 'withdraw: confirm');
    await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toBe('You withdrew this request. We will take it no further.');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('StatusWithdrawn');
    expect(main).toMatch(/Withdrawn on \d{1,2} \w+ \d{4}/);
    expect(await page.locator('.history').textContent()).toMatch(/You:\s*The request was withdrawn\.\s*Sorted out by phone\./);
    expect(await page.getByRole('button', { name: 'Withdraw this request' }).count()).toBe(0);
    expect((await call<View>(page, `/me/requests/${view.id}`)).body.status).toBe('withdrawn');
    await expectNoAxeViolations(page, 'withdrawn');
    await page.screenshot({ path: `${shots}/desktop-15-request-page.png`, fullPage: true });
    await page.locator('.history').screenshot({ path: `${shots}/desktop-15-history.png` });
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);
});
