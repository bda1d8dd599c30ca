import { answerComplaint } from '../../../shared/complaints/actions.ts';
import { ComplaintAnswer, ComplaintList, ComplaintView, NewComplaint } from '../../../shared/complaints/complaint-api.ts';
import { fileComplaint } from '../../../shared/complaints/file.ts';
import { complaintView } from '../../../shared/complaints/view.ts';
import { DomainError } from '../../../shared/errors.ts';
import { errorReply, reply } from '../../http/route-group.ts';
import { subjectAccess } from '../../http/routes.ts';
import { type PortalRoutes, portalRouteGroup, tenantPath } from '../context.ts';

const view = reply('The complaint as you see it', ComplaintView);
const notYours = errorReply('No such complaint of yours');

/** The person's complaints (DPA 2018 s.164A): theirs only, by the session's subject. */
export function complaintRoutes(portal: PortalRoutes): void {
  const { deps } = portal;
  const route = portalRouteGroup(portal, 'complaints');

  route.post(`${tenantPath}/me/complaints`, {
    access: subjectAccess,
    summary: 'Complain about a request’s handling or how your data is used; acknowledged straight away',
    body: NewComplaint,
    responses: {
      201: reply('Received and acknowledged; the acknowledgement is emailed', ComplaintView),
      400: errorReply('Bad input; details.fields says which'),
    },
    handler: async (c, body) => {
      const complaint = await fileComplaint(deps, { tenant: c.get('tenant'), subjectId: c.get('subjectId'), ...body });
      return c.json(complaintView(complaint), 201);
    },
  });

  route.get(`${tenantPath}/me/complaints`, {
    access: subjectAccess,
    summary: 'My complaints, newest first',
    responses: { 200: reply('My complaints', ComplaintList) },
    handler: async (c) => {
      const all = await deps.complaints.listForSubject(c.get('tenant').slug, c.get('subjectId'));
      all.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      return c.json({ complaints: all.map(complaintView) });
    },
  });

  route.get(`${tenantPath}/me/complaints/:complaintId`, {
    access: subjectAccess,
    summary: 'One of my complaints with its history',
    responses: { 200: view, 404: notYours },
    handler: async (c) => {
      const complaint = await deps.complaints.get(c.get('tenant').slug, c.get('subjectId'), c.req.param('complaintId') ?? '');
      if (!complaint) throw new DomainError('not_found', 'That complaint does not exist.');
      return c.json(complaintView(complaint));
    },
  });

  route.post(`${tenantPath}/me/complaints/:complaintId/answer`, {
    access: subjectAccess,
    summary: 'Answer our question about your complaint',
    body: ComplaintAnswer,
    responses: {
      200: view,
      400: errorReply('Empty answer'),
      404: notYours,
      409: errorReply('Nothing was asked, or it is closed'),
    },
    handler: async (c, body) => {
      const complaint = await answerComplaint(deps, {
        tenantSlug: c.get('tenant').slug,
        subjectId: c.get('subjectId'),
        complaintId: c.req.param('complaintId') ?? '',
        message: body.message,
      });
      return c.json(complaintView(complaint));
    },
  });
}
