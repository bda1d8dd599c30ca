import { recordMarketingChoice, staffMarketingView } from '../../../shared/admin/marketing.ts';
import { RecordMarketingChoice, StaffMarketingView } from '../../../shared/admin-api.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

/** A person's marketing choices on their staff page, and a choice staff record for them. */
export function marketingRoutes({ app, routes, deps }: AdminRoutes): void {
  const path = `${adminPath}/subjects/:subjectId/marketing`;
  const subjectId = (c: { req: { param(name: string): string | undefined } }) => c.req.param('subjectId') ?? '';
  routes.add(
    app,
    {
      method: 'get',
      path,
      tag: 'staff data tools',
      access: staffAccess('read'),
      summary: "A person's marketing choices now and their consent history, newest first (audited)",
      responses: {
        200: { description: 'The choices and the ledger', schema: StaffMarketingView },
        404: { description: 'Not in this centre', schema: ErrorResponse },
      },
    },
    async (c) => c.json(await staffMarketingView(deps, c.get('staff'), subjectId(c))),
  );
  routes.add(
    app,
    {
      method: 'post',
      path,
      tag: 'staff data tools',
      access: staffAccess('act', 'record-marketing-choice'),
      summary: 'Record a choice the person gave by phone, letter, email or in person, for one channel and topic (audited)',
      body: RecordMarketingChoice,
      responses: {
        200: { description: 'Recorded (nothing new if it was already so); the choices now', schema: StaffMarketingView },
        400: { description: 'Not a channel and topic this centre offers', schema: ErrorResponse },
        403: { description: 'Your role cannot act (audited)', schema: ErrorResponse },
        404: { description: 'Not in this centre', schema: ErrorResponse },
      },
    },
    async (c, body) => c.json(await recordMarketingChoice(deps, c.get('staff'), subjectId(c), body)),
  );
}
