import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RequestDetail } from '../../shared/admin-api.ts';
import { ukDate } from '../../shared/deadlines.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { startTestCentre, type TestCentre } from './centre.ts';
import { type StaffClient, signedInStaff } from './staff.ts';

/** A request as the admin API names it: its subject and its id. */
export type RequestRef = { subjectId: string; id: string };

/** Takes a staff action on the request at `path` as it stands now (its current version); it must answer `status`. */
export async function actOnLatest(handler: StaffClient, path: string, action: Record<string, unknown>, status = 200) {
  const { request } = (await (await handler.get(path)).json()) as RequestDetail;
  const res = await handler.post(`${path}/actions`, { expectedVersion: request.version, action });
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
}

/**
 * A test centre with a member of staff signed in to `slug` (started before the file's tests,
 * stopped after): the centre, the staff client and the tenant's policy in `s`, the admin API's
 * paths, and what staff do to a request in these tests: log one, act on one.
 */
export function useStaffCentre(
  slug = 'it-mk',
  options: { staff?: string; timeout?: number; start?: Parameters<typeof startTestCentre>[0] } = {},
) {
  const s = {} as { centre: TestCentre; handler: StaffClient; tenant: TenantConfig };
  beforeAll(async () => {
    s.centre = await startTestCentre(options.start);
    s.tenant = s.centre.deps.tenants.get(slug) as TenantConfig;
    s.handler = await signedInStaff(s.centre, slug, options.staff ?? 'sam.taylor@staff.example');
  }, options.timeout);
  afterAll(() => s.centre?.stop());

  const admin = (path: string) => `/api/t/${slug}/admin${path}`;
  const requestPath = (r: RequestRef) => admin(`/subjects/${r.subjectId}/requests/${r.id}`);

  /** Logs a request staff received by email today; it must be accepted. */
  async function logRequest(body: Record<string, unknown>): Promise<RequestDetail> {
    const res = await s.handler.post(admin('/requests'), {
      idempotencyKey: randomUUID(),
      via: 'email',
      receivedOn: ukDate(new Date()),
      ...body,
    });
    const json = await res.json();
    expect(res.status, JSON.stringify(json)).toBe(201);
    return json as RequestDetail;
  }

  /** Takes a staff action at the version `d` shows; it must answer `status`. */
  async function act(d: RequestDetail, action: Record<string, unknown>, status = 200) {
    const res = await s.handler.post(`${requestPath(d.request)}/actions`, { expectedVersion: d.request.version, action });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(status);
    return body;
  }

  /** Takes a staff action on the request as it stands now; it must answer `status`. */
  const actNow = (r: RequestRef, action: Record<string, unknown>, status = 200) =>
    actOnLatest(s.handler, requestPath(r), action, status);

  return { s, admin, requestPath, logRequest, act, actNow };
}
