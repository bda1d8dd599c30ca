import { staffQueue } from '../../../shared/admin/queue.ts';
import { QueueQuery, QueueResponse } from '../../../shared/admin-api.ts';
import { errorReply, reply, routeGroup } from '../../http/route-group.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

/** The queue: the admin function's (it reads only requests and the runs needing a handler). */
export function queueRoutes(admin: AdminRoutes): void {
  const { deps } = admin;
  const route = routeGroup(admin, 'staff requests');

  route.get(`${adminPath}/requests`, {
    access: staffAccess('read'),
    summary: 'The queue by legal due date, filtered (status, kind, due, assignee), with counts',
    responses: { 200: reply('The queue', QueueResponse), 400: errorReply('Bad filter') },
    handler: async (c) => c.json(await staffQueue(deps, c.get('staff'), parseQuery(c, QueueQuery.strict()))),
  });
}
