import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueDate, ukDate } from '../../shared/deadlines.ts';
import { OBJECTION_WORDING } from '../../shared/marketing/stop-wording.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import type { MarketingResponse, RequestViewResponse } from '../../shared/portal-api.ts';
import { actOnRequest } from '../../shared/requests/save-step.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { waitForEmail } from '../support/mail.ts';
import { signedIn } from '../support/sign-in.ts';

const slug = 'it-mk';
const email = 'james.patel@example.com';
let centre: TestCentre;
let http: Awaited<ReturnType<typeof signedIn>>;
let tenant: TenantConfig;

beforeAll(async () => {
  centre = await startTestCentre();
  tenant = centre.deps.tenants.get(slug) as TenantConfig;
  http = await signedIn(centre, slug, email);
});
afterAll(() => centre.stop());

const file = async (request: Record<string, unknown>, idempotencyKey = randomUUID()) =>
  http.post(`/api/t/${slug}/me/requests`, { idempotencyKey, request });
/**
 * Withdraws the subject's open requests of this kind: a second open one of the same kind and
 * scope is a duplicate (it gives back the first), and each test here follows a request of its own.
 */
const noneOpen = async (kind: unknown) => {
  const { requests } = await (await http.get(`/api/t/${slug}/me/requests`)).json();
  for (const r of requests as { id: string; kind: string; open: boolean }[])
    if (r.kind === kind && r.open) await http.post(`/api/t/${slug}/me/requests/${r.id}/withdraw`, {});
};
const filed = async (request: Record<string, unknown>): Promise<RequestViewResponse> => {
  await noneOpen(request.kind);
  const res = await file(request);
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
};
const subjectId = async () => (await (await http.get(`/api/t/${slug}/me`)).json()).subject.id as string;
const staff = { type: 'staff', id: 'handler@it-mk.example' } as const;

describe('filing rights requests', () => {
  it.each([
    ['access', { kind: 'access', scope: 'everything' }],
    ['rectification', { kind: 'rectification', field: 'Job title', value: 'Senior engineer' }],
    ['erasure', { kind: 'erasure', scope: 'some', categories: ['job-applications'] }],
    ['restriction', { kind: 'restriction', scope: 'everything', reason: 'accuracy', note: 'My CV is out of date' }],
    ['portability', { kind: 'portability', scope: 'everything' }],
    ['objection', { kind: 'objection', processing: 'support-tickets', reason: 'I left that client' }],
    ['automated-decision', { kind: 'automated-decision', decision: 'CV screening', question: 'Was a person involved?' }],
  ])('files %s with a reference, the legal due date and an acknowledgement', async (kind, request) => {
    const view = await filed(request);
    expect(view.kind).toBe(kind);
    expect(view.reference).toMatch(/^ITMK-\d{4}-\d{6}$/);
    expect(view.status).toBe('received');
    expect(view.receivedOn).toBe(ukDate(new Date()));
    expect(view.dueOn).toBe(dueDate({ received: view.receivedOn, nation: 'england-and-wales' }));
    expect(view.history.map((h) => h.type)).toEqual(['received']);
    const ack = await waitForEmail(centre.sesEndpoint, email, [centre.base, view.reference]);
    expect(ack.subject).toBe(`We have your request ${view.reference}`);
    expect(ack.body.text).toContain(`${centre.base}/t/${slug}/requests/${view.id}`);
  });

  it('makes one request of a double click or a retry with the same idempotency key', async () => {
    const key = randomUUID();
    const request = { kind: 'access', scope: 'everything' };
    await noneOpen('access');
    const [a, b] = await Promise.all([file(request, key), file(request, key)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [x, y] = [await a.json(), await b.json()];
    expect(x.id).toBe(y.id);
    const retry = await file(request, key);
    expect(retry.status).toBe(200);
    expect((await retry.json()).id).toBe(x.id);
    const all = (await centre.scanAll()).filter((i) => i.type === 'request' && i.id === x.id);
    expect(all).toHaveLength(1);
    const acks = (await centre.scanAll()).filter(
      (i) => i.type === 'audit' && i.action === 'request.received' && (i.detail as { requestId: string }).requestId === x.id,
    );
    expect(acks).toHaveLength(1);
  });

  it.each([
    ['no categories chosen', { kind: 'erasure', scope: 'some', categories: [] }, 'categories'],
    ['an unknown category', { kind: 'access', scope: 'some', categories: ['secret-files'] }, 'categories'],
    [
      'portability of data the subject did not provide',
      { kind: 'portability', scope: 'some', categories: ['account'] },
      'categories',
    ],
    ['an objection without a reason', { kind: 'objection', processing: 'support-tickets' }, 'reason'],
    // Its basis is the contract: the right to object does not reach it (Art. 21(1)).
    ['an objection to a use based on a contract', { kind: 'objection', processing: 'identity', reason: 'No' }, 'processing'],
    ['a rectification without the correct value', { kind: 'rectification', field: 'Name' }, 'request.value'],
    ['an unknown kind', { kind: 'teleport' }, 'request.kind'],
  ])('refuses %s with a message for the field, writing nothing', async (_name, request, field) => {
    const before = await centre.settledCount();
    const res = await file(request);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect((await centre.scanAll()).length).toBe(before);
  });

  it('refuses a correction to the value the record already has, writing nothing', async () => {
    const me = await (await http.get(`/api/t/${slug}/me`)).json();
    const identity = me.categories.find((c: { id: string }) => c.id === 'identity');
    const record = identity.records[0] as { id: string; data: Record<string, string> };
    const [field, value] = Object.entries(record.data).find(([, v]) => typeof v === 'string' && v !== '') as [string, string];
    const before = await centre.settledCount();
    const res = await file({ kind: 'rectification', recordId: record.id, field, value: ` ${value} ` });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.details.fields).toEqual([
      expect.objectContaining({ field: 'value', message: expect.stringContaining('already says') }),
    ]);
    expect((await centre.scanAll()).length).toBe(before);
  });

  it('stops all marketing at once for an objection to direct marketing, and completes it', async () => {
    const view = await filed({ kind: 'objection', processing: 'direct-marketing' });
    expect(view.status).toBe('completed');
    expect(view.outcome).toMatch(/stopped all direct marketing/);
    const marketing: MarketingResponse = await (await http.get(`/api/t/${slug}/me/marketing`)).json();
    expect(marketing.stoppedAllAt).not.toBeNull();
    // Recorded on the request form's words, not on the wording of the marketing switches.
    expect(marketing.history[0]).toMatchObject({ granted: false, source: 'portal', wording: OBJECTION_WORDING });
  });
});

describe('following a request', () => {
  it('lists my requests and shows one with its history; never another subject’s', async () => {
    const view = await filed({ kind: 'access', scope: 'everything' });
    const list = await (await http.get(`/api/t/${slug}/me/requests`)).json();
    expect(list.requests[0].id).toBe(view.id);
    const one = await http.get(`/api/t/${slug}/me/requests/${view.id}`);
    expect(one.status).toBe(200);
    const other = await signedIn(centre, slug, 'alex.morgan@example.com');
    expect((await other.get(`/api/t/${slug}/me/requests/${view.id}`)).status).toBe(404);
    expect((await other.post(`/api/t/${slug}/me/requests/${view.id}/withdraw`, {})).status).toBe(404);
    const me = await (await http.get(`/api/t/${slug}/me`)).json();
    expect(me.requests.some((r: { id: string }) => r.id === view.id)).toBe(true);
  });

  it('lets the subject withdraw an open request, emails them, and refuses to touch it after', async () => {
    const view = await filed({ kind: 'erasure', scope: 'everything' });
    const res = await http.post(`/api/t/${slug}/me/requests/${view.id}/withdraw`, { message: 'Sorted it out by phone' });
    expect(res.status).toBe(200);
    const after: RequestViewResponse = await res.json();
    expect(after.status).toBe('withdrawn');
    expect(after.history.map((h) => [h.type, h.byYou])).toEqual([
      ['received', true],
      ['withdrawn', true],
    ]);
    await waitForEmail(centre.sesEndpoint, email, [centre.base, `Your request ${view.reference} is withdrawn`]);
    const again = await http.post(`/api/t/${slug}/me/requests/${view.id}/withdraw`, {});
    expect(again.status).toBe(409);
    const audit = (await centre.scanAll()).filter(
      (i) => i.type === 'audit' && (i.detail as { requestId?: string })?.requestId === view.id,
    );
    const steps = audit.map((a) => String(a.action)).filter((a) => a.startsWith('request.'));
    expect(steps.sort()).toEqual(['request.received', 'request.withdrawn']);
  });

  it('pauses the clock when we ask for information, and the subject answers on the page', async () => {
    const view = await filed({ kind: 'access', scope: 'everything' });
    await actOnRequest(centre.deps, {
      tenant,
      subjectId: await subjectId(),
      requestId: view.id,
      action: { type: 'ask-information', message: 'Which email addresses have you used with us?' },
      actor: staff,
    });
    const paused: RequestViewResponse = await (await http.get(`/api/t/${slug}/me/requests/${view.id}`)).json();
    expect(paused.status).toBe('awaiting-information');
    expect(paused.paused).toBe(true);
    expect(paused.question).toBe('Which email addresses have you used with us?');
    const mail = await waitForEmail(centre.sesEndpoint, email, 'Which email addresses have you used with us?');
    expect(mail.subject).toContain(view.reference);

    expect((await http.post(`/api/t/${slug}/me/requests/${view.id}/answer`, { message: ' ' })).status).toBe(400);
    const answered = await http.post(`/api/t/${slug}/me/requests/${view.id}/answer`, { message: 'Only this one.' });
    expect(answered.status).toBe(200);
    const after: RequestViewResponse = await answered.json();
    expect(after.status).toBe('received'); // asked before work started: still to be started;
    expect(after.history.at(-1)).toMatchObject({ type: 'information-provided', message: 'Only this one.', byYou: true });
    expect(after.dueOn).toBe(view.dueOn); // answered the same day: no paused days
  });

  it('shows extension reasons and outcomes to the subject, and emails them', async () => {
    const view = await filed({ kind: 'access', scope: 'everything' });
    const id = await subjectId();
    await actOnRequest(centre.deps, {
      tenant,
      subjectId: id,
      requestId: view.id,
      action: { type: 'extend', months: 1, reason: 'Your data spans five systems.' },
      actor: staff,
    });
    const extended: RequestViewResponse = await (await http.get(`/api/t/${slug}/me/requests/${view.id}`)).json();
    expect(extended.status).toBe('extended');
    expect(extended.extensionReason).toBe('Your data spans five systems.');
    expect(extended.dueOn).toBe(dueDate({ received: view.receivedOn, nation: 'england-and-wales', extensionMonths: 1 }));
    await waitForEmail(centre.sesEndpoint, email, 'Your data spans five systems.');
    await actOnRequest(centre.deps, {
      tenant,
      subjectId: id,
      requestId: view.id,
      action: { type: 'refuse', reason: 'Manifestly excessive: the fifth identical request this month.' },
      actor: staff,
    });
    const refused: RequestViewResponse = await (await http.get(`/api/t/${slug}/me/requests/${view.id}`)).json();
    expect(refused.outcome).toMatch(/Manifestly excessive/);
    const mail = await waitForEmail(centre.sesEndpoint, email, 'Manifestly excessive');
    expect(mail.subject).toBe(`Your request ${view.reference} was refused`);
    expect(mail.body.text).toMatch(/Information Commissioner/);
    expect(refused.history.filter((h) => !h.byYou).every((h) => !JSON.stringify(h).includes('handler@'))).toBe(true);
  });
});

describe('the date of receipt', () => {
  it('is the UK date the request arrived, not the UTC date', async () => {
    const { testClock } = await import('../support/centre.ts');
    const clock = testClock(new Date('2026-06-30T23:30:00Z')); // 00:30 on 1 July in London (BST)
    const late = await startTestCentre({ clock });
    try {
      const client = await signedIn(late, slug, email);
      const res = await client.post(`/api/t/${slug}/me/requests`, {
        idempotencyKey: randomUUID(),
        request: { kind: 'access', scope: 'everything' },
      });
      const view: RequestViewResponse = await res.json();
      expect(view.receivedOn).toBe('2026-07-01');
      expect(view.dueOn).toBe('2026-08-03'); // 1 August 2026 is a Saturday
    } finally {
      await late.stop();
    }
  });
});

describe('a tenant that promises 30 days', () => {
  it('is due after 30 days when that is sooner than the legal month, and never later than it', async () => {
    const { fixedPeriodDueDate } = await import('../../shared/deadlines.ts');
    const instant = await signedIn(centre, 'instant-on-it', 'hannah.brooks@example.co.uk');
    const res = await instant.post('/api/t/instant-on-it/me/requests', {
      idempotencyKey: randomUUID(),
      request: { kind: 'access', scope: 'everything' },
    });
    const view: RequestViewResponse = await res.json();
    const legal = dueDate({ received: view.receivedOn, nation: 'england-and-wales' });
    expect(view.dueOn).toBe(fixedPeriodDueDate({ received: view.receivedOn, nation: 'england-and-wales', days: 30 }));
    expect(view.dueOn <= legal).toBe(true);
  });
});
