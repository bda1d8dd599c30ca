import { readFileSync } from 'node:fs';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { RequestDetail } from '../../../shared/admin-api.ts';
import { httpClient } from '../../support/http.ts';
import { useStaffCentre } from '../../support/staff-centre.ts';

/**
 * A published policy whose connected systems' declarations no longer pass, as after a code change
 * tightened their schema (shared/systems/declared.ts): the policy stays in force for everything
 * that does not act on a system, the same in every function (the portal does not read the
 * declarations), and whatever acts on a system refuses, naming the field, with nothing changed.
 */
const slug = 'it-mk';
const { s, admin, logRequest, act } = useStaffCentre(slug);

describe('a published policy whose systems’ declarations no longer pass', () => {
  it('stays in force for the person’s pages; starting a request that searches systems is refused, naming the field, and nothing changes', async () => {
    const policy = JSON.parse(readFileSync(`tenants/${slug}/policy.json`, 'utf8'));
    policy.legalName = 'IT MK Published Ltd';
    policy.systems[0].may.push('suppress'); // HaloPSA cannot unsubscribe anyone: the schema refuses it
    await s.centre.db.doc.send(
      new PutCommand({
        TableName: s.centre.db.table,
        Item: { pk: 'CONFIG', sk: `TENANT#${slug}`, type: 'policy', slug, policy: JSON.stringify(policy), revision: 2 },
      }),
    );
    await s.centre.tenants.refresh({ force: true });

    // The person's pages: the published policy, the same as staff see it.
    const http = httpClient(s.centre.app, s.centre.base);
    expect((await (await http.get(`/api/t/${slug}`)).json()).legalName).toBe('IT MK Published Ltd');

    const logged = await logRequest({ email: 'james.patel@example.com', request: { kind: 'access', scope: 'everything' } });
    const refused = await act(logged, { type: 'start' }, 500);
    expect(refused).toMatchObject({ error: 'config_invalid' });
    expect(refused.message).toMatch(/declarations in this tenant's policy do not pass their checks, .* nothing was changed/);
    expect(refused.message).toMatch(/field "systems\.0\.may\.\d+": a halopsa system cannot "suppress"/);
    expect(refused.message).toMatch(/Publish a corrected policy/);

    const path = admin(`/subjects/${logged.request.subjectId}/requests/${logged.request.id}`);
    const after = (await (await s.handler.get(path)).json()) as RequestDetail;
    expect(after.request.version).toBe(logged.request.version);
    expect(after.request.status).toBe(logged.request.status);
    expect(after.systems ?? null).toBeNull();

    // An erasure can still be logged and its page shown: completing it is refused, saying why.
    const erasure = await logRequest({ email: 'james.patel@example.com', request: { kind: 'erasure', scope: 'everything' } });
    expect(erasure.actions).not.toContain('carry-out-erasure');
    const blocked = await act(erasure, { type: 'carry-out-erasure' }, 409);
    expect(blocked.message).toMatch(/field "systems\.0\.may\.\d+"/);
    // The person's marketing page still shows, naming no system.
    const marketing = await s.handler.get(admin(`/subjects/${erasure.request.subjectId}/marketing`));
    expect(marketing.status).toBe(200);
    expect((await marketing.json()).systems).toEqual([]);
  });
});
