import type { Context } from 'hono';
import { ukDate } from '../../../shared/deadlines.ts';
import { DomainError } from '../../../shared/errors.ts';
import {
  ErrorResponse,
  FiledRequest,
  FileRequest,
  RequestAddition,
  RequestAnswer,
  RequestList,
  RequestViewSchema,
  RequestWithdrawal,
} from '../../../shared/portal-api.ts';
import { fileRequest } from '../../../shared/requests/file.ts';
import type { RequestAction } from '../../../shared/requests/lifecycle.ts';
import { actOnRequest } from '../../../shared/requests/save-step.ts';
import { requestView } from '../../../shared/requests/view.ts';
import { subjectAccess } from '../../http/routes.ts';
import type { PortalEnv, PortalRoutes } from '../context.ts';
import { tenantPath } from '../context.ts';

const signedOut = { description: 'No valid session', schema: ErrorResponse };
const view = { description: 'The request as you see it', schema: RequestViewSchema };
const notYours = { description: 'No such request of yours', schema: ErrorResponse };
const closed = { description: 'The request is closed or changed meanwhile', schema: ErrorResponse };

export function requestRoutes({ app, routes, deps }: PortalRoutes): void {
  const today = () => ukDate(deps.clock.now());

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/me/requests`,
      access: subjectAccess,
      tag: 'rights requests',
      summary: 'File a rights request (idempotent: the same idempotencyKey makes one request)',
      body: FileRequest,
      responses: {
        201: { description: 'Filed; an acknowledgement with the due date is emailed', schema: FiledRequest },
        200: {
          description:
            'Already filed with this idempotencyKey: the first request; or (alreadyOpen) your open request of the same kind and scope, nothing filed',
          schema: FiledRequest,
        },
        400: { description: 'Bad input; details.fields says which', schema: ErrorResponse },
        401: signedOut,
      },
    },
    async (c, body) => {
      const tenant = c.get('tenant');
      const { request, created, alreadyOpen } = await fileRequest(deps, {
        tenant,
        subjectId: c.get('subjectId'),
        request: body.request,
        idempotencyKey: body.idempotencyKey,
        ...(body.onBehalf ? { onBehalf: { ...body.onBehalf, recordedBy: 'requester' as const } } : {}),
      });
      return c.json({ ...requestView(tenant, request, today()), ...(alreadyOpen ? { alreadyOpen } : {}) }, created ? 201 : 200);
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: `${tenantPath}/me/requests`,
      access: subjectAccess,
      tag: 'rights requests',
      summary: 'My requests, newest first, with status, due date and days left',
      responses: { 200: { description: 'My requests', schema: RequestList }, 401: signedOut },
    },
    async (c) => {
      const tenant = c.get('tenant');
      const requests = await deps.requests.listForSubject(tenant.slug, c.get('subjectId'));
      requests.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      return c.json({ requests: requests.map((r) => requestView(tenant, r, today())) });
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: `${tenantPath}/me/requests/:requestId`,
      access: subjectAccess,
      tag: 'rights requests',
      summary: 'One of my requests with its history',
      responses: { 200: view, 401: signedOut, 404: notYours },
    },
    async (c) => {
      const tenant = c.get('tenant');
      const request = await deps.requests.get(tenant.slug, c.get('subjectId'), c.req.param('requestId') ?? '');
      if (!request) throw new DomainError('not_found', 'That request does not exist.');
      return c.json(requestView(tenant, request, today()));
    },
  );

  const subjectAction = async (c: Context<PortalEnv>, action: RequestAction) => {
    const tenant = c.get('tenant');
    const subjectId = c.get('subjectId');
    const request = await actOnRequest(deps, {
      tenant,
      subjectId,
      requestId: c.req.param('requestId') ?? '',
      action,
      actor: { type: 'subject', id: subjectId },
    });
    return c.json(requestView(tenant, request, today()));
  };

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/me/requests/:requestId/withdraw`,
      access: subjectAccess,
      tag: 'rights requests',
      summary: 'Withdraw an open request',
      body: RequestWithdrawal,
      responses: { 200: view, 401: signedOut, 404: notYours, 409: closed },
    },
    (c, body) => subjectAction(c, { type: 'withdraw', message: body.message }),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/me/requests/:requestId/answer`,
      access: subjectAccess,
      tag: 'rights requests',
      summary: 'Answer our request for information (the clock runs again)',
      body: RequestAnswer,
      responses: {
        200: view,
        400: { description: 'Empty answer', schema: ErrorResponse },
        401: signedOut,
        404: notYours,
        409: closed,
      },
    },
    (c, body) => subjectAction(c, { type: 'provide-information', message: body.message }),
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/me/requests/:requestId/add`,
      access: subjectAccess,
      tag: 'rights requests',
      summary: 'Add details to an open request of mine (instead of filing it again)',
      body: RequestAddition,
      responses: {
        200: view,
        400: { description: 'Nothing to add', schema: ErrorResponse },
        401: signedOut,
        404: notYours,
        409: closed,
      },
    },
    (c, body) => subjectAction(c, { type: 'add', message: body.message }),
  );
}
