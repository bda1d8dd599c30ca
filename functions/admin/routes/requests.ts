import type * as z from 'zod';
import { takeStaffAction } from '../../../shared/admin/actions/take.ts';
import { requestDetail } from '../../../shared/admin/detail.ts';
import { logRequest } from '../../../shared/admin/log.ts';
import { ActionRequest, LogRequest, RequestDetail } from '../../../shared/admin-api.ts';
import { pathIds, reply, routeGroup } from '../../http/route-group.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath, requestPath, staffReplies } from '../context.ts';

const ids = pathIds('subjectId', 'requestId');

/**
 * A request's page and its actions, and logging a request: the casework function's
 * (functions/casework/routes.ts), with the connected systems' staff side they reach.
 */
export function requestRoutes(admin: AdminRoutes): void {
  const { deps } = admin;
  const route = routeGroup(admin, 'staff requests');
  const { notInCentre, cannotAct } = staffReplies;

  route.post(`${adminPath}/requests`, {
    access: staffAccess('act', 'log-request'),
    summary: 'Log a request received by phone, letter, email or in person, for a subject',
    body: LogRequest,
    responses: {
      201: reply('Logged; the subject is sent the acknowledgement', RequestDetail),
      200: reply('Logged already with this idempotency key', RequestDetail),
      403: cannotAct,
    },
    handler: async (c, body) => {
      const { detail, created } = await logRequest(deps, c.get('staff'), body);
      return c.json(detail, created ? 201 : 200);
    },
  });

  route.get(requestPath, {
    access: staffAccess('read'),
    summary: 'A request with its subject, their data and its full history (an audited read)',
    responses: { 200: reply('The request', RequestDetail), 404: notInCentre },
    handler: async (c) => c.json(await requestDetail(deps, c.get('staff'), { ...ids(c), audit: true })),
  });

  route.post(`${requestPath}/actions`, {
    access: staffAccess('act', (body: z.infer<typeof ActionRequest>) => body.action.type),
    summary: 'Act on a request: assign, verify identity, start, ask for information, extend, refuse, complete, note',
    body: ActionRequest,
    responses: {
      200: reply('Done; the request as it is now', RequestDetail),
      400: staffReplies.badInput,
      403: cannotAct,
      409: staffReplies.notNow,
    },
    handler: async (c, body) => c.json(await takeStaffAction(deps, c.get('staff'), { ...ids(c), ...body })),
  });
}
