import type { Context } from 'hono';
import type * as z from 'zod';
import { ukDate } from '../../../shared/deadlines.ts';
import { DomainError } from '../../../shared/errors.ts';
import {
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
import { errorReply, reply } from '../../http/route-group.ts';
import { type BodyOf, type RouteSpec, subjectAccess } from '../../http/routes.ts';
import { type PortalEnv, type PortalRoutes, portalRouteGroup, tenantPath } from '../context.ts';

const view = reply('The request as you see it', RequestViewSchema);
const notYours = errorReply('No such request of yours');
const closed = errorReply('The request is closed or changed meanwhile');

export function requestRoutes(portal: PortalRoutes): void {
  const { deps } = portal;
  const route = portalRouteGroup(portal, 'rights requests');
  const today = () => ukDate(deps.clock.now());

  route.post(`${tenantPath}/me/requests`, {
    access: subjectAccess,
    summary: 'File a rights request (idempotent: the same idempotencyKey makes one request)',
    body: FileRequest,
    responses: {
      201: reply('Filed; an acknowledgement with the due date is emailed', FiledRequest),
      200: reply(
        'Already filed with this idempotencyKey: the first request; or (alreadyOpen) your open request of the same kind and scope, nothing filed',
        FiledRequest,
      ),
      400: errorReply('Bad input; details.fields says which'),
    },
    handler: async (c, body) => {
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
  });

  route.get(`${tenantPath}/me/requests`, {
    access: subjectAccess,
    summary: 'My requests, newest first, with status, due date and days left',
    responses: { 200: reply('My requests', RequestList) },
    handler: async (c) => {
      const tenant = c.get('tenant');
      const requests = await deps.requests.listForSubject(tenant.slug, c.get('subjectId'));
      requests.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      return c.json({ requests: requests.map((r) => requestView(tenant, r, today())) });
    },
  });

  route.get(`${tenantPath}/me/requests/:requestId`, {
    access: subjectAccess,
    summary: 'One of my requests with its history',
    responses: { 200: view, 404: notYours },
    handler: async (c) => {
      const tenant = c.get('tenant');
      const request = await deps.requests.get(tenant.slug, c.get('subjectId'), c.req.param('requestId') ?? '');
      if (!request) throw new DomainError('not_found', 'That request does not exist.');
      return c.json(requestView(tenant, request, today()));
    },
  });

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

  /** A step the person may take on an open request of theirs: each its own route, all acting alike. */
  const step = <B extends z.ZodType>(
    name: string,
    spec: { summary: string; body: B; empty?: string },
    action: (body: BodyOf<B>) => RequestAction,
  ) => {
    const emptyRefused: RouteSpec['responses'] = spec.empty ? { 400: errorReply(spec.empty) } : {};
    route.post(`${tenantPath}/me/requests/:requestId/${name}`, {
      access: subjectAccess,
      summary: spec.summary,
      body: spec.body,
      responses: { 200: view, ...emptyRefused, 404: notYours, 409: closed },
      handler: (c, input) => subjectAction(c, action(input)),
    });
  };

  step('withdraw', { summary: 'Withdraw an open request', body: RequestWithdrawal }, (b) => ({
    type: 'withdraw',
    message: b.message,
  }));
  step(
    'answer',
    { summary: 'Answer our request for information (the clock runs again)', body: RequestAnswer, empty: 'Empty answer' },
    (b) => ({ type: 'provide-information', message: b.message }),
  );
  step(
    'add',
    {
      summary: 'Add details to an open request of mine (instead of filing it again)',
      body: RequestAddition,
      empty: 'Nothing to add',
    },
    (b) => ({ type: 'add', message: b.message }),
  );
}
