import { evidencePack } from '../../../shared/admin/evidence.ts';
import { complaintEvidencePack } from '../../../shared/complaints/evidence.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, complaintPath, requestPath } from '../context.ts';

/**
 * The evidence packs of a request and of a complaint: self-contained HTML documents, downloaded
 * now and then, whose building (the audit view, the connected systems' s.78 record, the letters)
 * is the largest part of the staff code; on AWS the staff tools function serves them.
 */
export function evidenceRoutes({ app, routes, deps }: AdminRoutes): void {
  const param = (c: { req: { param(name: string): string | undefined } }, name: string) => c.req.param(name) ?? '';

  routes.add(
    app,
    {
      method: 'get',
      path: `${requestPath}/evidence`,
      tag: 'staff requests',
      access: staffAccess('read'),
      summary: 'The evidence pack of a request: a self-contained HTML document (audited)',
      responses: { 200: { description: 'text/html attachment' } },
    },
    async (c) => {
      const ids = { subjectId: param(c, 'subjectId'), requestId: param(c, 'requestId') };
      const pack = await evidencePack(deps, c.get('staff'), ids);
      c.header('Content-Disposition', `attachment; filename="${pack.filename}"`);
      return c.html(pack.html);
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: `${complaintPath}/evidence`,
      tag: 'staff complaints',
      access: staffAccess('read'),
      summary: 'The evidence pack of a complaint: a self-contained HTML document (audited)',
      responses: {
        200: { description: 'text/html attachment' },
        404: { description: 'Not in this centre', schema: ErrorResponse },
      },
    },
    async (c) => {
      const ids = { subjectId: param(c, 'subjectId'), complaintId: param(c, 'complaintId') };
      const pack = await complaintEvidencePack(deps, c.get('staff'), ids);
      c.header('Content-Disposition', `attachment; filename="${pack.filename}"`);
      return c.html(pack.html);
    },
  );
}
