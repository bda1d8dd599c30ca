import type * as z from 'zod';
import { takeStaffAction } from '../../../shared/admin/actions/take.ts';
import { requestDetail } from '../../../shared/admin/detail.ts';
import { logRequest } from '../../../shared/admin/log.ts';
import { staffQueue } from '../../../shared/admin/queue.ts';
import { ActionRequest, LogRequest, QueueQuery, QueueResponse, RequestDetail } from '../../../shared/admin-api.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { parseQuery, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath, requestPath } from '../context.ts';

export function requestRoutes({ app, routes, deps }: AdminRoutes): void {
  const tag = 'staff requests';
  const ids = (c: { req: { param(name: string): string | undefined } }) => ({
    subjectId: c.req.param('subjectId') ?? '',
    requestId: c.req.param('requestId') ?? '',
  });

  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/requests`,
      tag,
      access: staffAccess('read'),
      summary: 'The queue by legal due date, filtered (status, kind, due, assignee), with counts',
      responses: {
        200: { description: 'The queue', schema: QueueResponse },
        400: { description: 'Bad filter', schema: ErrorResponse },
      },
    },
    async (c) => c.json(await staffQueue(deps, c.get('staff'), parseQuery(c, QueueQuery.strict()))),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${adminPath}/requests`,
      tag,
      access: staffAccess('act', 'log-request'),
      summary: 'Log a request received by phone, letter, email or in person, for a subject',
      body: LogRequest,
      responses: {
        201: { description: 'Logged; the subject is sent the acknowledgement', schema: RequestDetail },
        200: { description: 'Logged already with this idempotency key', schema: RequestDetail },
        403: { description: 'Your role cannot act', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      const { detail, created } = await logRequest(deps, c.get('staff'), body);
      return c.json(detail, created ? 201 : 200);
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: requestPath,
      tag,
      access: staffAccess('read'),
      summary: 'A request with its subject, their data and its full history (an audited read)',
      responses: {
        200: { description: 'The request', schema: RequestDetail },
        404: { description: 'Not in this centre', schema: ErrorResponse },
      },
    },
    async (c) => c.json(await requestDetail(deps, c.get('staff'), { ...ids(c), audit: true })),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${requestPath}/actions`,
      tag,
      access: staffAccess('act', (body: z.infer<typeof ActionRequest>) => body.action.type),
      summary: 'Act on a request: assign, verify identity, start, ask for information, extend, refuse, complete, note',
      body: ActionRequest,
      responses: {
        200: { description: 'Done; the request as it is now', schema: RequestDetail },
        400: { description: 'Bad input', schema: ErrorResponse },
        403: { description: 'Your role cannot act', schema: ErrorResponse },
        409: { description: 'Not possible in this state, or changed meanwhile', schema: ErrorResponse },
      },
    },
    async (c, body) => c.json(await takeStaffAction(deps, c.get('staff'), { ...ids(c), ...body })),
  );
}
