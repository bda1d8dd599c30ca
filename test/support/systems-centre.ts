import { afterAll, beforeAll } from 'vitest';
import { loadTenantDir } from '../../functions/local/tenant-bundles.ts';
import { type SystemStandIns, startSystemStandIns } from '../../functions/local/vendors/index.ts';
import type { RequestDetail } from '../../shared/admin-api.ts';
import { startTestCentre, type TestCentre } from './centre.ts';
import { type StaffClient, signedInStaff } from './staff.ts';
import { actOnLatest } from './staff-centre.ts';

type Ref = { subjectId: string; id: string };

/**
 * A test centre reaching a stand-in of every vendor the shipped tenants declare (their demo people
 * in each), with a handler signed in to `slug` (started before the file's tests, stopped after),
 * and that handler's view of a request and its actions.
 */
export function useSystemsCentre(slug: string) {
  const s = {} as { standIns: SystemStandIns; centre: TestCentre; handler: StaffClient };
  beforeAll(async () => {
    s.standIns = await startSystemStandIns(loadTenantDir('tenants'));
    s.centre = await startTestCentre({ systemCredentials: s.standIns.credentials });
    s.handler = await signedInStaff(s.centre, slug, 'sam.taylor@staff.example');
  });
  afterAll(async () => {
    await s.centre?.stop();
    await s.standIns?.stop();
  });
  const path = (r: Ref) => `/api/t/${slug}/admin/subjects/${r.subjectId}/requests/${r.id}`;
  const detail = async (r: Ref): Promise<RequestDetail> => (await s.handler.get(path(r))).json();
  /** Takes a staff action on the request as it stands now; it must succeed. */
  const act = async (r: Ref, action: Record<string, unknown>): Promise<RequestDetail> => actOnLatest(s.handler, path(r), action);
  return { s, path, detail, act };
}
