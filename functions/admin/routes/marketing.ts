import { recordMarketingChoice, staffMarketingView } from '../../../shared/admin/marketing.ts';
import { RecordMarketingChoice, StaffMarketingView } from '../../../shared/admin-api.ts';
import { errorReply, pathIds, reply, routeGroup } from '../../http/route-group.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath, staffReplies } from '../context.ts';

const subject = pathIds('subjectId');

/** A person's marketing choices on their staff page, and a choice staff record for them. */
export function marketingRoutes(admin: AdminRoutes): void {
  const { deps } = admin;
  const route = routeGroup(admin, 'staff data tools');
  const path = `${adminPath}/subjects/:subjectId/marketing`;

  route.get(path, {
    access: staffAccess('read'),
    summary: "A person's marketing choices now and their consent history, newest first (audited)",
    responses: { 200: reply('The choices and the ledger', StaffMarketingView), 404: staffReplies.notInCentre },
    handler: async (c) => c.json(await staffMarketingView(deps, c.get('staff'), subject(c).subjectId)),
  });

  route.post(path, {
    access: staffAccess('act', 'record-marketing-choice'),
    summary: 'Record a choice the person gave by phone, letter, email or in person, for one channel and topic (audited)',
    body: RecordMarketingChoice,
    responses: {
      200: reply('Recorded (nothing new if it was already so); the choices now', StaffMarketingView),
      400: errorReply('Not a channel and topic this centre offers'),
      403: staffReplies.cannotActAudited,
      404: staffReplies.notInCentre,
    },
    handler: async (c, body) => c.json(await recordMarketingChoice(deps, c.get('staff'), subject(c).subjectId, body)),
  });
}
