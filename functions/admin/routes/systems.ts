import { systemsProgress } from '../../../shared/admin/systems-view.ts';
import { SystemsProgress } from '../../../shared/admin-api/systems.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, requestPath } from '../context.ts';

/** Where a request's connected systems stand, which the request page polls while they run. */
export function systemsRoutes({ app, routes, deps }: AdminRoutes): void {
  routes.add(
    app,
    {
      method: 'get',
      path: `${requestPath}/systems`,
      tag: 'staff requests',
      access: staffAccess('read'),
      summary: 'Where the connected systems of a request stand (states only, for the page to poll while they run)',
      responses: {
        200: { description: 'The progress', schema: SystemsProgress },
        404: { description: 'Not in this centre', schema: ErrorResponse },
      },
    },
    async (c) =>
      c.json(
        await systemsProgress(deps, c.get('staff'), {
          subjectId: c.req.param('subjectId') ?? '',
          requestId: c.req.param('requestId') ?? '',
        }),
      ),
  );
}
