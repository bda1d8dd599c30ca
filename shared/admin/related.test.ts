import { describe, expect, it } from 'vitest';
import { withAnn } from '../marketing/preferences-fixtures.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { fileRequest } from '../requests/file.ts';
import { relatedRequests } from './related.ts';

describe("a person's earlier requests, as staff compare a request with them", () => {
  it('shows one closed as superseded by an erasure as that, not as "Completed", and never as a recent answer to repeat', async () => {
    const centre = withAnn();
    const tenant = centre.deps.tenants.get('acme') as TenantConfig;
    const file = async (idempotencyKey: string, request: object) =>
      (await fileRequest(centre.deps, { tenant, subjectId: 'ann', request: request as never, idempotencyKey })).request;
    const access = await file('k1', { kind: 'access', scope: 'everything' });
    centre.advance(3);
    const erasure = await file('k2', { kind: 'erasure', scope: 'everything' });
    const closedAt = new Date(Date.parse(access.receivedAt) + 86_400_000).toISOString();
    const history = [
      ...access.history,
      {
        at: closedAt,
        type: 'completed' as const,
        status: 'completed' as const,
        actor: { type: 'staff' as const, id: 'sam' },
        message: 'Closed as superseded',
      },
    ];
    const superseded = { ...access, status: 'completed' as const, outcome: 'superseded' as const, history };
    const done = { ...superseded, outcome: 'done' as const };
    const today = erasure.receivedOn;
    const [row] = relatedRequests(tenant, erasure, [erasure, superseded], today).earlier;
    expect(row).toMatchObject({ id: access.id, statusText: 'Closed: superseded by an erasure', recentSameScope: false });
    // The same request answered is "Completed".
    const sameAccess = { ...erasure, kind: 'access' as const, details: access.details };
    expect(relatedRequests(tenant, sameAccess, [sameAccess, done], today).earlier[0]).toMatchObject({
      statusText: 'Completed',
      recentSameScope: true,
    });
  });
});
