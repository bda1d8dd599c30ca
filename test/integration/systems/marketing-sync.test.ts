import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialSource } from '../../../functions/connectors/credentials.ts';
import { subscriberHash } from '../../../functions/connectors/mailchimp.ts';
import { loadTenantDir } from '../../../functions/local/tenant-bundles.ts';
import { type SystemStandIns, startSystemStandIns } from '../../../functions/local/vendors/index.ts';
import type { StaffMarketingView } from '../../../shared/admin-api.ts';
import { startTestCentre, type TestCentre } from '../../support/centre.ts';
import { signedIn } from '../../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../../support/staff.ts';

/**
 * Opt-outs reach the mailers, and come back from them: Inflection Point's Mailchimp (the
 * stand-in, validated against Mailchimp's own OpenAPI document) with its Newsletter audience
 * mapped to the "newsletters" topic. Real connector, real worker, DynamoDB Local; what Mailchimp
 * holds is read through Mailchimp's own API, as an admin would.
 */
const slug = 'inflection-point';
let standIns: SystemStandIns;
let centre: TestCentre;
let staff: StaffClient;
let creds: { apiKey: string; baseUrl: string };
let down = false;
const audience = '1e69f3e821';

beforeAll(async () => {
  standIns = await startSystemStandIns(loadTenantDir('tenants'));
  // While `down`, Mailchimp's credentials point at a port nothing listens on.
  const credentials: CredentialSource = {
    async get(tenant, systemId) {
      const real = (await standIns.credentials.get(tenant, systemId)) as Record<string, string>;
      return down ? { ...real, baseUrl: 'http://127.0.0.1:9/3.0' } : real;
    },
  };
  centre = await startTestCentre({ systemCredentials: credentials });
  staff = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
  creds = (await standIns.credentials.get(slug, 'mailchimp')) as typeof creds;
});
afterAll(async () => {
  await centre?.stop();
  await standIns?.stop();
});

const mailchimp = (path: string, init: RequestInit = {}) =>
  fetch(`${creds.baseUrl}/${path}`, {
    ...init,
    headers: {
      authorization: `Basic ${Buffer.from(`admin:${creds.apiKey}`).toString('base64')}`,
      'content-type': 'application/json',
    },
  });
const memberPath = (email: string) => `lists/${audience}/members/${subscriberHash(email)}`;
const statusThere = async (email: string) => ((await (await mailchimp(memberPath(email))).json()) as { status: string }).status;
/** What someone does in Mailchimp itself (an unsubscribe link in a campaign, or an admin re-adding them). */
const setStatusThere = async (email: string, status: 'subscribed' | 'unsubscribed') => {
  const res = await mailchimp(memberPath(email), { method: 'PATCH', body: JSON.stringify({ status }) });
  expect(res.status).toBe(200);
};

async function subjectIdOf(email: string) {
  const person = await signedIn(centre, slug, email);
  return { person, subjectId: (await (await person.get(`/api/t/${slug}/me`)).json()).subject.id as string };
}
const staffView = async (subjectId: string) =>
  (await (await staff.get(`/api/t/${slug}/admin/subjects/${subjectId}/marketing`)).json()) as StaffMarketingView;
const mailchimpLine = (view: StaffMarketingView) => view.systems.find((s) => s.systemId === 'mailchimp');

describe('opt-outs reach Mailchimp in the background', () => {
  it('stopping all marketing unsubscribes the person in Mailchimp, and the outcome is on their staff page', async () => {
    const email = 'gareth.evans@example.co.uk';
    expect(await statusThere(email)).toBe('subscribed');
    const { person } = await subjectIdOf(email);
    const stopped = await person.post(`/api/t/${slug}/me/marketing/stop-all`);
    expect(stopped.status).toBe(200);
    await centre.settleSystems();
    expect(await statusThere(email)).toBe('unsubscribed');
    const { subjectId } = await subjectIdOf(email);
    expect(mailchimpLine(await staffView(subjectId))).toMatchObject({
      name: 'Mailchimp (newsletters)',
      push: { state: 'done', text: 'Unsubscribed in 1 list', attention: false },
      reconciled: null,
    });
  });

  it('turning a topic off by email unsubscribes from the lists that carry it, and only from those', async () => {
    const email = 'alex.morgan@example.com';
    const { person, subjectId } = await subjectIdOf(email);
    // Offers carry no Mailchimp list: nothing is asked of Mailchimp.
    const offers = await person.put(`/api/t/${slug}/me/marketing`, {
      changes: [{ channel: 'email', topic: 'research', granted: false }],
    });
    expect(offers.status).toBe(200);
    await centre.settleSystems();
    expect(await statusThere(email)).toBe('subscribed');
    expect(mailchimpLine(await staffView(subjectId))?.push).toBeNull();
    // SMS newsletters are not Mailchimp's either.
    await person.put(`/api/t/${slug}/me/marketing`, { changes: [{ channel: 'sms', topic: 'newsletters', granted: false }] });
    await centre.settleSystems();
    expect(await statusThere(email)).toBe('subscribed');
    // Newsletters by email: the Newsletter audience.
    await person.put(`/api/t/${slug}/me/marketing`, { changes: [{ channel: 'email', topic: 'newsletters', granted: false }] });
    await centre.settleSystems();
    expect(await statusThere(email)).toBe('unsubscribed');
    expect(mailchimpLine(await staffView(subjectId))?.push).toMatchObject({ state: 'done', text: 'Unsubscribed in 1 list' });
  });
});

describe('reconciliation with Mailchimp', () => {
  it('an unsubscribe made in Mailchimp shows on the person’s page, with its source, after reconciliation', async () => {
    const email = 'priya.shah@example.co.uk';
    const { person, subjectId } = await subjectIdOf(email);
    const before = await (await person.get(`/api/t/${slug}/me/marketing`)).json();
    expect(before.cells.find((c: any) => c.channel === 'email' && c.topic === 'newsletters').granted).toBe(true);
    await setStatusThere(email, 'unsubscribed');

    await centre.reconcileMarketing();

    const after = await (await person.get(`/api/t/${slug}/me/marketing`)).json();
    expect(after.cells.find((c: any) => c.channel === 'email' && c.topic === 'newsletters').granted).toBe(false);
    // Her other choices stand.
    expect(after.cells.find((c: any) => c.channel === 'email' && c.topic === 'offers').granted).toBe(true);
    expect(after.history[0]).toMatchObject({
      source: 'connected-system',
      granted: false,
      text: 'You turned off Newsletters by email, by unsubscribing in Mailchimp (newsletters), list “Newsletter”.',
    });
    const view = await staffView(subjectId);
    expect(view.history[0]).toMatchObject({
      source: 'connected-system',
      sourceDetail: 'Mailchimp (newsletters), list “Newsletter”',
      topic: 'newsletters',
      granted: false,
    });
    // Once recorded, a second pass changes nothing.
    await centre.reconcileMarketing();
    expect((await staffView(subjectId)).history).toHaveLength(view.history.length);
  });

  it('someone suppressed here but subscribed again there is unsubscribed there, and the correction is audited', async () => {
    const email = 'gareth.evans@example.co.uk';
    await setStatusThere(email, 'subscribed');
    await centre.reconcileMarketing();
    expect(await statusThere(email)).toBe('unsubscribed');
    const { subjectId } = await subjectIdOf(email);
    expect(mailchimpLine(await staffView(subjectId))?.reconciled).toMatchObject({
      state: 'done',
      text: 'Unsubscribed in 1 list',
      attention: false,
    });
    const trail = await centre.deps.trail.listForSubject(slug, subjectId);
    const corrected = trail.find((e) => e.action === 'marketing.system_corrected');
    expect(corrected).toMatchObject({ actor: { type: 'system' }, detail: { systemId: 'mailchimp', list: audience } });
    // Ids only: no address in the audit event.
    expect(JSON.stringify(corrected)).not.toContain(email);
  });

  it('a mismatch it must not settle (subscribed there, no consent recorded here) is shown to staff, and clears once settled', async () => {
    const email = 'tom.fletcher@example.com';
    await centre.reconcileMarketing();
    expect(await statusThere(email)).toBe('subscribed');
    const { person, subjectId } = await subjectIdOf(email);
    expect(mailchimpLine(await staffView(subjectId))?.reconciled).toMatchObject({
      state: 'waiting-for-handler',
      attention: true,
      text: expect.stringContaining('no consent to Newsletters by email is recorded here'),
    });
    // Tom says yes to newsletters here: the two agree, and the next pass says so.
    await person.put(`/api/t/${slug}/me/marketing`, { changes: [{ channel: 'email', topic: 'newsletters', granted: true }] });
    await centre.reconcileMarketing();
    expect(mailchimpLine(await staffView(subjectId))?.reconciled).toMatchObject({
      state: 'done',
      text: 'In step with the centre',
      attention: false,
    });
  });
});

describe('when Mailchimp cannot be reached', () => {
  it('a push that fails is shown to staff, reconciliation changes nothing, and the next one with Mailchimp back puts it right', async () => {
    const email = 'tom.fletcher@example.com';
    const { person, subjectId } = await subjectIdOf(email);
    down = true;
    try {
      await person.post(`/api/t/${slug}/me/marketing/stop-all`);
      await centre.settleSystems();
      expect(mailchimpLine(await staffView(subjectId))?.push).toMatchObject({
        state: 'failed',
        attention: true,
        text: expect.stringMatching(/^Failed: /),
      });
      const before = (await staffView(subjectId)).systems;
      await centre.reconcileMarketing();
      expect((await staffView(subjectId)).systems).toEqual(before);
    } finally {
      down = false;
    }
    expect(await statusThere(email)).toBe('subscribed');
    await centre.reconcileMarketing();
    expect(await statusThere(email)).toBe('unsubscribed');
    expect(mailchimpLine(await staffView(subjectId))?.reconciled).toMatchObject({
      state: 'done',
      text: 'Unsubscribed in 1 list',
    });
  });
});
