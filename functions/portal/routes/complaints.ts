import { answerComplaint } from '../../../shared/complaints/actions.ts';
import { ComplaintAnswer, ComplaintList, ComplaintView, NewComplaint } from '../../../shared/complaints/complaint-api.ts';
import { fileComplaint } from '../../../shared/complaints/file.ts';
import { complaintView } from '../../../shared/complaints/view.ts';
import { DomainError } from '../../../shared/errors.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { subjectAccess } from '../../http/routes.ts';
import type { PortalRoutes } from '../context.ts';
import { tenantPath } from '../context.ts';

const signedOut = { description: 'No valid session', schema: ErrorResponse };
const view = { description: 'The complaint as you see it', schema: ComplaintView };
const notYours = { description: 'No such complaint of yours', schema: ErrorResponse };

/** The person's complaints (DPA 2018 s.164A): theirs only, by the session's subject. */
export function complaintRoutes({ app, routes, deps }: PortalRoutes): void {
  const tag = 'complaints';
  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/me/complaints`,
      access: subjectAccess,
      tag,
      summary: 'Complain about a request’s handling or how your data is used; acknowledged straight away',
      body: NewComplaint,
      responses: {
        201: { description: 'Received and acknowledged; the acknowledgement is emailed', schema: ComplaintView },
        400: { description: 'Bad input; details.fields says which', schema: ErrorResponse },
        401: signedOut,
      },
    },
    async (c, body) => {
      const complaint = await fileComplaint(deps, { tenant: c.get('tenant'), subjectId: c.get('subjectId'), ...body });
      return c.json(complaintView(complaint), 201);
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: `${tenantPath}/me/complaints`,
      access: subjectAccess,
      tag,
      summary: 'My complaints, newest first',
      responses: { 200: { description: 'My complaints', schema: ComplaintList }, 401: signedOut },
    },
    async (c) => {
      const all = await deps.complaints.listForSubject(c.get('tenant').slug, c.get('subjectId'));
      all.sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
      return c.json({ complaints: all.map(complaintView) });
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: `${tenantPath}/me/complaints/:complaintId`,
      access: subjectAccess,
      tag,
      summary: 'One of my complaints with its history',
      responses: { 200: view, 401: signedOut, 404: notYours },
    },
    async (c) => {
      const complaint = await deps.complaints.get(c.get('tenant').slug, c.get('subjectId'), c.req.param('complaintId') ?? '');
      if (!complaint) throw new DomainError('not_found', 'That complaint does not exist.');
      return c.json(complaintView(complaint));
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${tenantPath}/me/complaints/:complaintId/answer`,
      access: subjectAccess,
      tag,
      summary: 'Answer our question about your complaint',
      body: ComplaintAnswer,
      responses: {
        200: view,
        400: { description: 'Empty answer', schema: ErrorResponse },
        401: signedOut,
        404: notYours,
        409: { description: 'Nothing was asked, or it is closed', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      const complaint = await answerComplaint(deps, {
        tenantSlug: c.get('tenant').slug,
        subjectId: c.get('subjectId'),
        complaintId: c.req.param('complaintId') ?? '',
        message: body.message,
      });
      return c.json(complaintView(complaint));
    },
  );
}
