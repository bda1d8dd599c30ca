import { evidencePack } from '../../../shared/admin/evidence.ts';
import { complaintEvidencePack } from '../../../shared/complaints/evidence.ts';
import { htmlFile, pathIds, reply, routeGroup } from '../../http/route-group.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, complaintPath, requestPath, staffReplies } from '../context.ts';

const requestIds = pathIds('subjectId', 'requestId');
const complaintIds = pathIds('subjectId', 'complaintId');

/**
 * The evidence packs of a request and of a complaint: self-contained HTML documents, downloaded
 * now and then, whose building (the audit view, the connected systems' s.78 record, the letters)
 * is the largest part of the staff code; on AWS the staff tools function serves them. Each stays
 * under its case's tag in the OpenAPI document.
 */
export function evidenceRoutes(admin: AdminRoutes): void {
  const { deps } = admin;

  routeGroup(admin, 'staff requests').get(`${requestPath}/evidence`, {
    access: staffAccess('read'),
    summary: 'The evidence pack of a request: a self-contained HTML document (audited)',
    responses: { 200: reply('text/html attachment') },
    handler: async (c) => htmlFile(c, await evidencePack(deps, c.get('staff'), requestIds(c))),
  });

  routeGroup(admin, 'staff complaints').get(`${complaintPath}/evidence`, {
    access: staffAccess('read'),
    summary: 'The evidence pack of a complaint: a self-contained HTML document (audited)',
    responses: { 200: reply('text/html attachment'), 404: staffReplies.notInCentre },
    handler: async (c) => htmlFile(c, await complaintEvidencePack(deps, c.get('staff'), complaintIds(c))),
  });
}
