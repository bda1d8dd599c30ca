import { describe, expect, it } from 'vitest';
import { withAnn } from '../../marketing/preferences-fixtures.ts';
import { fileRequest } from '../../requests/file.ts';
import { requestView } from '../../requests/view.ts';
import { relatedRequests } from '../related.ts';
import { takeRepeatAsSam } from './repeat-fixtures.ts';

/** A repeat of a request answered recently, nothing changed: answered by pointing to the earlier answer. */
const handler = { type: 'staff' as const, id: 'sam@staff.example' };

/**
 * Ann's access request, closed on 5 March (as `outcome`, if given), and a day later the same
 * request again: not a duplicate of a closed one, a repeat.
 */
async function answeredThenAskedAgain(outcome?: 'superseded') {
  const centre = withAnn();
  const tenant = centre.deps.tenants.get('acme');
  const file = (key: string) =>
    fileRequest(centre.deps, {
      tenant: tenant as never,
      subjectId: 'ann',
      request: { kind: 'access', scope: 'everything' },
      idempotencyKey: key,
    });
  const first = (await file('a')).request;
  centre.state.requests.set(`acme|${first.id}`, {
    ...first,
    status: 'completed',
    ...(outcome ? { outcome } : {}),
    history: [...first.history, { at: '2026-03-05T12:00:00.000Z', type: 'completed', status: 'completed', actor: handler }],
    version: first.version + 1,
  });
  centre.advance(86_400);
  const repeat = (await file('b')).request;
  return { centre, tenant, first, repeat };
}

describe('answering a repeat by reference', () => {
  it('completes it with the earlier reference, the day answered and the reason; the earlier one shows as a recent repeat', async () => {
    const { centre, tenant, first, repeat } = await answeredThenAskedAgain();
    expect(repeat.id).not.toBe(first.id); // the first is closed: not a duplicate, a repeat
    const all = await centre.deps.requests.listForSubject('acme', 'ann');
    const related = relatedRequests(tenant as never, repeat, all, '2026-03-11');
    expect(related.earlier).toEqual([
      expect.objectContaining({ reference: first.reference, answeredOn: '2026-03-05', recentSameScope: true }),
    ]);
    const subject = await centre.deps.subjects.get('acme', 'ann');
    const out = await takeRepeatAsSam(
      centre,
      { request: repeat, subject },
      { type: 'answer-by-reference', earlierId: first.id, message: 'Your records have not changed since.' },
    );
    expect(out.request).toMatchObject({ status: 'completed', repeatOf: { id: first.id, reference: first.reference } });
    expect(out.request.history.at(-1)?.message).toBe(
      `You asked for the same thing in request ${first.reference}, which we answered on 5 March 2026. Nothing has changed since, so that answer stands and we have not made it again: Your records have not changed since.`,
    );
    expect(centre.actions('acme').at(-1)).toBe('request.completed');
    // The person's view, which their email is written from, says which answer stands (the email then names the courts).
    expect(requestView(tenant as never, out.request, '2026-03-11').repeatOf).toEqual({
      id: first.id,
      reference: first.reference,
    });
  });

  it('is refused pointing to a request closed as superseded by an erasure: it was never answered', async () => {
    const { centre, first, repeat } = await answeredThenAskedAgain('superseded');
    const subject = await centre.deps.subjects.get('acme', 'ann');
    await expect(
      takeRepeatAsSam(
        centre,
        { request: repeat, subject },
        { type: 'answer-by-reference', earlierId: first.id, message: 'Nothing changed.' },
      ),
    ).rejects.toThrow('Point to an earlier request of the same kind that was completed.');
  });

  it('is refused pointing to a request that was not completed', async () => {
    const centre = withAnn();
    const tenant = centre.deps.tenants.get('acme');
    const a = (
      await fileRequest(centre.deps, {
        tenant: tenant as never,
        subjectId: 'ann',
        request: { kind: 'erasure', scope: 'everything' },
      })
    ).request;
    const b = (
      await fileRequest(centre.deps, {
        tenant: tenant as never,
        subjectId: 'ann',
        request: { kind: 'access', scope: 'everything' },
      })
    ).request;
    await expect(
      takeRepeatAsSam(
        centre,
        { request: b, subject: undefined },
        {
          type: 'answer-by-reference',
          earlierId: a.id,
          message: 'x',
        },
      ),
    ).rejects.toThrow(/same kind that was completed/);
  });
});
