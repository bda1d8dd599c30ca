import { StaffExportList } from '../../../shared/exports/export-api.ts';
import { listRequestExports, retryExport, startExport } from '../../../shared/exports/staff.ts';
import { errorReply, pathIds, reply, routeGroup } from '../../http/route-group.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath, staffReplies } from '../context.ts';

const exportsPath = `${adminPath}/subjects/:subjectId/requests/:requestId/exports`;
const ids = pathIds('subjectId', 'requestId');
const retryIds = pathIds('subjectId', 'requestId', 'exportId');

/** Access and portability exports of a request: start one, follow its progress, retry a failed one. */
export function exportRoutes(admin: AdminRoutes): void {
  const { deps } = admin;
  const route = routeGroup(admin, 'staff exports');
  const list = reply("The request's exports, newest first, with progress", StaffExportList);
  const notHere = errorReply('No such request (or export) in this centre');
  const { cannotAct } = staffReplies;

  route.get(exportsPath, {
    access: staffAccess('read'),
    summary: 'The exports of a request with their progress, and whether one can be started now',
    responses: { 200: list, 404: notHere },
    handler: async (c) => c.json(await listRequestExports(deps, c.get('staff'), ids(c))),
  });

  route.post(exportsPath, {
    access: staffAccess('act', 'export'),
    summary:
      'Prepare the export of an open access or portability request; it builds in the background and the subject is emailed',
    responses: {
      202: reply('Queued', StaffExportList),
      403: cannotAct,
      404: notHere,
      409: errorReply('Not an open access or portability request, or one is being prepared'),
    },
    handler: async (c) => c.json(await startExport(deps, c.get('staff'), ids(c)), 202),
  });

  route.post(`${exportsPath}/:exportId/retry`, {
    access: staffAccess('act', 'export-retry'),
    summary: 'Try a failed export again',
    responses: {
      202: reply('Queued again', StaffExportList),
      403: cannotAct,
      404: notHere,
      409: errorReply('Not failed, or the request is closed'),
    },
    handler: async (c) => c.json(await retryExport(deps, c.get('staff'), retryIds(c)), 202),
  });
}
