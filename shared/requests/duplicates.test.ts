import { describe, expect, it } from 'vitest';
import { takeRepeatAsSam } from '../admin/actions/repeat-fixtures.ts';
import { withAnn } from '../marketing/preferences-fixtures.ts';
import { fileRequest } from './file.ts';
import { actOnRequest } from './save-step.ts';

/** Duplicates: one open request of a kind and scope per person; staff merge those logged twice. */
const access = { kind: 'access' as const, scope: 'everything' as const };
const file = (centre: ReturnType<typeof withAnn>, idempotencyKey: string, request: object = access) =>
  fileRequest(centre.deps, {
    tenant: centre.deps.tenants.get('acme') as never,
    subjectId: 'ann',
    request: request as never,
    idempotencyKey,
  });

describe('the same request filed twice', () => {
  it('gives back the first reference and due date, files nothing and sends no second acknowledgement', async () => {
    const centre = withAnn();
    const first = await file(centre, 'k1');
    centre.advance(5);
    const second = await file(centre, 'k2');
    expect(first).toMatchObject({ created: true });
    expect(second).toMatchObject({ created: false, alreadyOpen: true });
    expect(second.request.reference).toBe(first.request.reference);
    expect(second.request.dueOn).toBe(first.request.dueOn);
    expect(centre.state.requests.size).toBe(1);
    expect(centre.actions('acme')).toEqual(['request.received', 'request.duplicate_recognised']);
  });

  it('racing: two filings at once make one request', async () => {
    const centre = withAnn();
    const [a, b] = await Promise.all([file(centre, 'k1'), file(centre, 'k2')]);
    expect(a.request.reference).toBe(b.request.reference);
    expect(centre.state.requests.size).toBe(1);
  });

  it('a retry with the same key is the same filing, not a duplicate', async () => {
    const centre = withAnn();
    await file(centre, 'k1');
    expect(await file(centre, 'k1')).toMatchObject({ created: false });
    expect((await file(centre, 'k1')).alreadyOpen).toBeUndefined();
  });

  it('a different scope, or the first one closed, is a new request', async () => {
    const centre = withAnn();
    const all = await file(centre, 'k1');
    const some = await file(centre, 'k2', { kind: 'access', scope: 'some', categories: ['invoices'] });
    expect(some.created).toBe(true);
    const tenant = centre.deps.tenants.get('acme') as never;
    await actOnRequest(centre.deps, {
      tenant,
      subjectId: 'ann',
      requestId: all.request.id,
      action: { type: 'withdraw' },
      actor: { type: 'subject', id: 'ann' },
    });
    const again = await file(centre, 'k3');
    expect(again.created).toBe(true);
    expect(again.request.reference).not.toBe(all.request.reference);
  });
});

describe('staff merging two logged duplicates', () => {
  const handler = { type: 'staff' as const, id: 'sam@staff.example' };
  const log = (centre: ReturnType<typeof withAnn>, receivedOn: string, key: string) =>
    fileRequest(centre.deps, {
      tenant: centre.deps.tenants.get('acme') as never,
      subjectId: 'ann',
      request: access,
      idempotencyKey: key,
      logged: { by: handler, receivedOn, via: 'phone', note: `Called on ${receivedOn}.` },
    });

  it('keeps the one received first with its deadline, closes the other pointing to it, and loses nothing', async () => {
    const centre = withAnn();
    const later = (await log(centre, '2026-03-09', 'l1')).request;
    const earlier = (await log(centre, '2026-03-02', 'l2')).request;
    expect(later.reference).not.toBe(earlier.reference); // staff may log both; they merge them
    const subject = await centre.deps.subjects.get('acme', 'ann');
    // Taken on the later one: the earlier still stands.
    const out = await takeRepeatAsSam(centre, { request: later, subject }, { type: 'merge-duplicate', duplicateId: earlier.id });
    expect(out.request.id).toBe(earlier.id);
    expect(out.request.dueOn).toBe('2026-04-02');
    const closed = centre.state.requests.get(`acme|${later.id}`);
    expect(closed).toMatchObject({ status: 'merged', mergedInto: { id: earlier.id, reference: earlier.reference } });
    expect(closed?.internal?.[0]?.message).toMatch(/Called on 2026-03-09/);
    const kept = centre.state.requests.get(`acme|${earlier.id}`);
    expect(kept?.merged).toEqual([
      { id: later.id, reference: later.reference, receivedOn: '2026-03-09', details: later.details },
    ]);
    expect(kept?.internal?.map((e) => e.message).join('\n')).toMatch(new RegExp(`${later.reference}: logged: Received by phone`));
    expect(kept?.history.at(-1)).toMatchObject({ type: 'merged', status: 'received' });
    expect(centre.actions('acme')).toContain('request.merged');
    // Both merged twice: the second is refused, nothing changed.
    await expect(
      takeRepeatAsSam(
        centre,
        { request: kept as never, subject },
        {
          type: 'merge-duplicate',
          duplicateId: later.id,
        },
      ),
    ).rejects.toThrow(/Only open requests/);
  });

  it('never carries the duplicate’s identity check over to the one that stays', async () => {
    const centre = withAnn();
    const earlier = (await log(centre, '2026-03-02', 'l1')).request;
    const later = { ...(await log(centre, '2026-03-03', 'l2')).request };
    const verified = { ...later, identity: { method: 'documents' as const, note: 'Passport', at: '2026-03-03', by: handler.id } };
    centre.state.requests.set(`acme|${later.id}`, { ...verified, version: later.version + 1 });
    const subject = await centre.deps.subjects.get('acme', 'ann');
    const out = await takeRepeatAsSam(centre, { request: earlier, subject }, { type: 'merge-duplicate', duplicateId: later.id });
    expect(out.request.identity).toBeUndefined();
    expect(out.request.internal?.at(-1)?.message).toMatch(/identity check is not carried over/);
  });
});
