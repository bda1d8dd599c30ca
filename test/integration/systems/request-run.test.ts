import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialSource } from '../../../functions/connectors/credentials.ts';
import { loadTenantDir } from '../../../functions/local/tenant-bundles.ts';
import { type SystemStandIns, startSystemStandIns } from '../../../functions/local/vendors/index.ts';
import type { QueueResponse, RequestDetail } from '../../../shared/admin-api.ts';
import { startTestCentre, type TestCentre } from '../../support/centre.ts';
import { fileAfresh } from '../../support/requests.ts';
import { signedIn } from '../../support/sign-in.ts';
import { type StaffClient, signedInStaff } from '../../support/staff.ts';
import { actOnLatest } from '../../support/staff-centre.ts';

/** Starting a request searches the tenant's connected systems in the background: the vendor stand-ins, through the real connectors. */
const email = 'alex.morgan@example.com';
let standIns: SystemStandIns;
let centre: TestCentre;
/** Systems made unreachable: their credentials point at a port nothing listens on. */
const down = new Set<string>();
const staff = new Map<string, StaffClient>();

beforeAll(async () => {
  standIns = await startSystemStandIns(loadTenantDir('tenants'));
  const credentials: CredentialSource = {
    async get(tenant, systemId) {
      const real = (await standIns.credentials.get(tenant, systemId)) as Record<string, string>;
      if (!down.has(systemId)) return real;
      return { ...real, ...('graphUrl' in real ? { graphUrl: 'http://127.0.0.1:9' } : { baseUrl: 'http://127.0.0.1:9' }) };
    },
  };
  centre = await startTestCentre({ systemCredentials: credentials });
});
afterAll(async () => {
  await centre?.stop();
  await standIns?.stop();
});

async function handlerOf(slug: string) {
  if (!staff.has(slug)) staff.set(slug, await signedInStaff(centre, slug, 'sam.taylor@staff.example'));
  return staff.get(slug)!;
}

async function file(slug: string, request: Record<string, unknown>) {
  // Each test follows a request of its own: an open one of the same kind would be given back instead.
  return { slug, ...(await fileAfresh(await signedIn(centre, slug, email), slug, request)) };
}
type Ref = { slug: string; subjectId: string; id: string };
const path = (r: Ref) => `/api/t/${r.slug}/admin/subjects/${r.subjectId}/requests/${r.id}`;
const detail = async (r: Ref): Promise<RequestDetail> => (await (await handlerOf(r.slug)).get(path(r))).json();
const act = async (r: Ref, action: Record<string, unknown>, status = 200) =>
  actOnLatest(await handlerOf(r.slug), path(r), action, status);
/** Lets the worker finish, then reads the page's view of the systems. */
async function settled(r: Ref) {
  await centre.settleSystems();
  const d = await detail(r);
  return { d, by: (id: string) => d.systems?.results.find((s) => s.systemId === id) };
}

describe('a started request searches every connected system in the background', () => {
  it('asks for the search in the start’s transaction, finds Alex in Microsoft 365 and HaloPSA, and audits each without personal data', async () => {
    const r = await file('inflection-point', { kind: 'access', scope: 'everything' });
    expect((await detail(r)).systems).toBeNull();
    const started: RequestDetail = await act(r, { type: 'start' });
    expect(started.systems?.operation).toBe('read');
    expect(started.systems?.results.map((s) => s.systemId)).toEqual(['m365', 'halo', 'mailchimp', 'call-recordings']);

    const { d, by } = await settled(r);
    expect(by('m365')).toMatchObject({ state: 'found', text: expect.stringMatching(/^Found \d+ records?$/) });
    expect(by('halo')).toMatchObject({ state: 'found' });
    expect(by('halo')?.objects?.map((o) => o.object)).toContain('ticket');
    // The phone system has no API: its search is a task for the service desk lead, with the declaration's words.
    expect(by('call-recordings')).toMatchObject({
      state: 'waiting-for-handler',
      handler: 'Service desk lead',
      instructions: expect.stringMatching(/Export the matching recordings/),
    });
    expect(d.systems).toMatchObject({ running: false });
    expect(d.systems?.blocked).toMatch(/Call recordings/);
    expect(d.actions).not.toContain('complete');
    await act(r, { type: 'complete', message: 'Here is your data' }, 409);

    // A count that does not fit is refused with its field named, and nothing changes.
    const note = 'Two calls found in the phone system; exported and attached.';
    const byHand = { type: 'resolve-system', systemId: 'call-recordings', reason: 'done-by-hand', note };
    for (const [bad, message] of [
      [{ ...byHand, count: 0 }, /1 or more/],
      [{ ...byHand, count: 2.5 }, /whole number/],
      [{ ...byHand, reason: 'not-held', count: 2 }, /only with “done by hand”/],
    ] as const) {
      const refused = await act(r, bad, 400);
      expect(JSON.stringify(refused)).toMatch(message);
      // Whether the schema or the rule refused it, the form puts it by the count (the path's last part).
      expect(JSON.stringify(refused.details.fields)).toMatch(/"field":"(action\.)?count"/);
    }
    expect((await settled(r)).by('call-recordings')?.state).toBe('waiting-for-handler');

    // The handler records what they found there, and how many; then the request can be completed.
    const resolved: RequestDetail = await act(r, { ...byHand, count: 2 });
    expect(resolved.systems?.results.find((s) => s.systemId === 'call-recordings')).toMatchObject({
      state: 'resolved',
      text: 'Resolved by a handler: done by hand, 2 records found',
      resolution: { reason: 'done-by-hand', by: 'Sam Taylor', count: 2 },
    });
    expect(resolved.systems?.blocked).toBeUndefined();
    expect(resolved.actions).toContain('complete');
    // The search record kept when it is answered holds the handler's count.
    const answered: RequestDetail = await act(r, { type: 'complete', message: 'Here is your data' });
    expect(answered.request.searches?.find((s) => s.systemId === 'call-recordings')).toMatchObject({
      automatic: false,
      found: true,
      count: 2,
    });
    // The staff page of the person names what the systems hold, as the person's own page does.
    const person = await (await (await handlerOf(r.slug)).get(`/api/t/${r.slug}/admin/subjects/${r.subjectId}`)).json();
    expect(person.systems.systems.map((s: { name: string }) => s.name)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Microsoft 365/), 'HaloPSA', expect.stringMatching(/^Call recordings/)]),
    );

    await centre.settle();
    const audit = (await centre.scanAll()).filter((i) => i.type === 'audit' && String(i.action).startsWith('systems.'));
    const mine = audit.filter((a) => (a.detail as { requestId?: string }).requestId === r.id);
    expect([...new Set(mine.map((a) => (a.detail as { systemId: string }).systemId))].sort()).toEqual([
      'call-recordings',
      'halo',
      'm365',
      'mailchimp',
    ]);
    expect(JSON.stringify(mine)).not.toMatch(/alex|morgan/i);
    expect(mine.find((a) => a.action === 'systems.resolved')?.detail).toMatchObject({ systemId: 'call-recordings', count: 2 });
  });

  it('a system that stays down fails, is retried, becomes a handler’s task after three attempts, and blocks completion until resolved', async () => {
    down.add('halo');
    try {
      // Access: every system is searched (a portability request leaves out those holding nothing the person gave).
      const r = await file('inflection-point', { kind: 'access', scope: 'everything' });
      await act(r, { type: 'start' });
      let { d, by } = await settled(r);
      expect(by('m365')?.state).toBe('found');
      expect(by('halo')).toMatchObject({ state: 'failed', retryable: true, attempts: 1 });
      expect(d.systems?.blocked).toMatch(/HaloPSA/);
      expect(d.actions).not.toContain('complete');
      expect(d.actions).toEqual(expect.arrayContaining(['retry-systems', 'resolve-system']));
      await act(r, { type: 'complete', message: 'Here is your data' }, 409);
      const queue = await (await handlerOf(r.slug)).get(`/api/t/${r.slug}/admin/requests?systems=attention`);
      const q: QueueResponse = await queue.json();
      expect(q.requests.find((x) => x.id === r.id)?.systems).toBe('failed');
      expect(q.counts.systems).toBeGreaterThan(0);

      await act(r, { type: 'retry-systems' });
      ({ by } = await settled(r));
      expect(by('halo')).toMatchObject({ state: 'failed', attempts: 2 });
      await act(r, { type: 'retry-systems' });
      ({ d, by } = await settled(r));
      expect(by('halo')).toMatchObject({ state: 'waiting-for-handler', instructions: expect.stringMatching(/after 3 attempt/) });
      expect(d.actions).not.toContain('retry-systems');

      const resolved: RequestDetail = await act(r, {
        type: 'resolve-system',
        systemId: 'halo',
        reason: 'unreachable',
        note: 'Halo was down all week; searched its nightly export by hand, nothing more held',
      });
      expect(resolved.systems?.results[1]).toMatchObject({
        state: 'resolved',
        resolution: { reason: 'unreachable', by: 'Sam Taylor' },
      });
      // The phone system is still a handler's task: nothing of the person is held there.
      expect(resolved.systems?.blocked).toMatch(/Call recordings/);
      expect(resolved.actions).not.toContain('complete');
      const recorded: RequestDetail = await act(r, {
        type: 'resolve-system',
        systemId: 'call-recordings',
        reason: 'not-held',
        note: 'No calls from their numbers in the phone system’s log.',
      });
      expect(recorded.actions).toContain('complete');
      const done: RequestDetail = await act(r, { type: 'complete', message: 'Here is your data' });
      expect(done.request.status).toBe('completed');
      const after: QueueResponse = await (
        await (await handlerOf(r.slug)).get(`/api/t/${r.slug}/admin/requests?systems=attention`)
      ).json();
      expect(after.requests.map((x) => x.id)).not.toContain(r.id);
    } finally {
      down.delete('halo');
    }
  });

  it('a handler’s task is due no later than the request itself, so doing it on time cannot make the answer late', async () => {
    // IT-MK's seeded erasure, received 26 days ago: due within the week, while its paper files take 10 days by hand.
    const q: QueueResponse = await (await (await handlerOf('it-mk')).get('/api/t/it-mk/admin/requests')).json();
    const seeded = q.requests.find((x) => x.kind === 'erasure' && x.status === 'received');
    expect(seeded).toBeDefined();
    const r = { slug: 'it-mk', subjectId: seeded!.subjectId, id: seeded!.id };
    await act(r, { type: 'start' });
    const { d, by } = await settled(r);
    expect(by('paper-files')).toMatchObject({ state: 'waiting-for-handler' });
    const tasks = d.systems?.results.filter((x) => x.state === 'waiting-for-handler') ?? [];
    for (const task of tasks)
      expect({ task: task.systemId, due: task.dueAt?.slice(0, 10) }).toEqual({ task: task.systemId, due: d.request.dueOn });
  });

  it('a person held nowhere: every system answers not found or is checked by hand, and "nothing held" records each search', async () => {
    const slug = 'inflection-point';
    const email = 'held.nowhere@example.net';
    const handler = await handlerOf(slug);
    const res = await handler.post(`/api/t/${slug}/admin/requests`, {
      idempotencyKey: randomUUID(),
      via: 'email',
      receivedOn: new Date().toISOString().slice(0, 10),
      email,
      request: { kind: 'access', scope: 'everything' },
    });
    expect(res.status).toBe(201);
    const logged: RequestDetail = await res.json();
    const r = { slug, subjectId: logged.request.subjectId, id: logged.request.id };
    await act(r, { type: 'start' });
    const { by } = await settled(r);
    expect(['m365', 'halo', 'mailchimp'].map((id) => by(id)?.state)).toEqual(['not-found', 'not-found', 'not-found']);
    expect(by('call-recordings')?.state).toBe('waiting-for-handler');
    await act(r, { type: 'answer-nothing-held' }, 409);
    await act(r, {
      type: 'resolve-system',
      systemId: 'call-recordings',
      reason: 'not-held',
      note: 'No calls from this address in the phone system’s log.',
    });
    const done: RequestDetail = await act(r, { type: 'answer-nothing-held' });
    expect(done.request).toMatchObject({ status: 'completed', outcome: 'nothing-held' });
    expect(done.request.searches?.map((s) => [s.systemId ?? 'centre', s.automatic, s.by, s.found])).toEqual([
      ['centre', true, 'Sam Taylor', false],
      ['m365', true, 'the system', false],
      ['halo', true, 'the system', false],
      ['mailchimp', true, 'the system', false],
      ['call-recordings', false, 'Sam Taylor', false],
    ]);
  });

  it('a retry once the system is back finds what it holds', async () => {
    down.add('m365');
    const r = await file('inflection-point', { kind: 'access', scope: 'everything' });
    await act(r, { type: 'start' });
    expect((await settled(r)).by('m365')?.state).toBe('failed');
    down.delete('m365');
    await act(r, { type: 'retry-systems' });
    expect((await settled(r)).by('m365')).toMatchObject({ state: 'found' });
  });

  it('an erasure is searched on start, erased in each system when asked, and the centre’s own erasure waits for every system', async () => {
    const r = await file('it-mk', { kind: 'erasure', scope: 'everything' });
    expect((await detail(r)).systems?.blocked).toBeUndefined();
    expect((await detail(r)).actions).not.toContain('carry-out-erasure');
    await act(r, { type: 'start' });
    let { d, by } = await settled(r);
    expect(d.systems?.operation).toBe('read');
    expect(by('halo')?.state).toBe('found');
    expect(by('paper-files')).toMatchObject({ state: 'waiting-for-handler', handler: 'Office manager' });
    expect(d.systems?.blocked).toMatch(/Erase the person in the connected systems first/);
    expect(d.actions).toContain('erase-in-systems');
    expect(d.actions).not.toContain('carry-out-erasure');

    await act(r, { type: 'erase-in-systems' });
    ({ d, by } = await settled(r));
    expect(d.systems?.operation).toBe('erase');
    expect(by('halo')).toMatchObject({ state: 'done', text: expect.stringMatching(/anonymised [1-9]/) });
    expect(by('paper-files')).toMatchObject({ state: 'waiting-for-handler', instructions: expect.stringMatching(/Shred/) });
    expect(d.systems?.searched?.find((s) => s.systemId === 'halo')?.state).toBe('found');
    expect(d.actions).not.toContain('carry-out-erasure');
    await act(r, { type: 'erase-in-systems' }, 409);

    const resolved: RequestDetail = await act(r, {
      type: 'resolve-system',
      systemId: 'paper-files',
      reason: 'done-by-hand',
      note: 'CV and interview notes shredded on 3 December',
    });
    expect(resolved.systems?.blocked).toBeUndefined();
    expect(resolved.actions).toContain('carry-out-erasure');
    // A whole erasure first closes the person's other open requests (the earlier test's access).
    const others = resolved.subject.otherRequests
      .filter((o) => o.open)
      .map((o) => ({ requestId: o.id, decision: 'superseded' as const, reason: 'The erasure covers it.' }));
    const done: RequestDetail = await act(r, { type: 'carry-out-erasure', others });
    expect(done.request.status).toBe('completed');
  });
});
