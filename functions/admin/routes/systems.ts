import { systemsProgress } from '../../../shared/admin/systems-view.ts';
import { SystemsProgress } from '../../../shared/admin-api/systems.ts';
import { pathIds, reply, routeGroup } from '../../http/route-group.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, requestPath, staffReplies } from '../context.ts';

const ids = pathIds('subjectId', 'requestId');

/** Where a request's connected systems stand, which the request page polls while they run. */
export function systemsRoutes(admin: AdminRoutes): void {
  const { deps } = admin;

  routeGroup(admin, 'staff requests').get(`${requestPath}/systems`, {
    access: staffAccess('read'),
    summary: 'Where the connected systems of a request stand (states only, for the page to poll while they run)',
    responses: { 200: reply('The progress', SystemsProgress), 404: staffReplies.notInCentre },
    handler: async (c) => c.json(await systemsProgress(deps, c.get('staff'), ids(c))),
  });
}
