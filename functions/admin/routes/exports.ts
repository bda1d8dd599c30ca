import { StaffExportList } from '../../../shared/exports/export-api.ts';
import { listRequestExports, retryExport, startExport } from '../../../shared/exports/staff.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

const exportsPath = `${adminPath}/subjects/:subjectId/requests/:requestId/exports`;

/** Access and portability exports of a request: start one, follow its progress, retry a failed one. */
export function exportRoutes({ app, routes, deps }: AdminRoutes): void {
  const tag = 'staff exports';
  const ids = (c: { req: { param(name: string): string | undefined } }) => ({
    subjectId: c.req.param('subjectId') ?? '',
    requestId: c.req.param('requestId') ?? '',
  });
  const list = { description: "The request's exports, newest first, with progress", schema: StaffExportList };
  const notHere = { description: 'No such request (or export) in this centre', schema: ErrorResponse };

  routes.add(
    app,
    {
      method: 'get',
      path: exportsPath,
      tag,
      access: staffAccess('read'),
      summary: 'The exports of a request with their progress, and whether one can be started now',
      responses: { 200: list, 404: notHere },
    },
    async (c) => c.json(await listRequestExports(deps, c.get('staff'), ids(c))),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: exportsPath,
      tag,
      access: staffAccess('act', 'export'),
      summary:
        'Prepare the export of an open access or portability request; it builds in the background and the subject is emailed',
      responses: {
        202: { description: 'Queued', schema: StaffExportList },
        403: { description: 'Your role cannot act', schema: ErrorResponse },
        404: notHere,
        409: { description: 'Not an open access or portability request, or one is being prepared', schema: ErrorResponse },
      },
    },
    async (c) => c.json(await startExport(deps, c.get('staff'), ids(c)), 202),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${exportsPath}/:exportId/retry`,
      tag,
      access: staffAccess('act', 'export-retry'),
      summary: 'Try a failed export again',
      responses: {
        202: { description: 'Queued again', schema: StaffExportList },
        403: { description: 'Your role cannot act', schema: ErrorResponse },
        404: notHere,
        409: { description: 'Not failed, or the request is closed', schema: ErrorResponse },
      },
    },
    async (c) => c.json(await retryExport(deps, c.get('staff'), { ...ids(c), exportId: c.req.param('exportId') ?? '' }), 202),
  );
}
