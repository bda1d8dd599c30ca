import { removeStaff, resetSecondFactor, staffList, upsertStaff } from '../../../shared/admin/staff.ts';
import { StaffListResponse, StaffUpsert } from '../../../shared/admin-api.ts';
import { DomainError } from '../../../shared/errors.ts';
import { EmailAddress } from '../../../shared/portal-api.ts';
import { errorReply, reply, routeGroup } from '../../http/route-group.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

const memberPath = `${adminPath}/staff/:email`;

/** The member of staff the path names (its `:email`). */
const member = (c: { req: { param(name: 'email'): string | undefined } }) => {
  const parsed = EmailAddress.safeParse(decodeURIComponent(c.req.param('email') ?? ''));
  if (!parsed.success) throw new DomainError('bad_request', 'That is not an email address.');
  return parsed.data;
};

export function staffRoutes(admin: AdminRoutes): void {
  const { deps } = admin;
  const route = routeGroup(admin, 'staff management');
  const staffNow = reply('Staff now', StaffListResponse);
  const notAdmin = errorReply('Not an admin');

  route.get(`${adminPath}/staff`, {
    access: staffAccess('read'),
    summary: 'Staff of this centre with their roles',
    responses: { 200: reply('Staff', StaffListResponse) },
    handler: async (c) => c.json({ staff: await staffList(deps, c.get('staff')) }),
  });

  route.put(memberPath, {
    access: staffAccess('manage-staff', 'upsert-staff'),
    summary: 'Add a member of staff or change their name or role (admins only)',
    body: StaffUpsert,
    responses: { 200: staffNow, 403: notAdmin, 409: errorReply('Would leave no admin') },
    handler: async (c, body) => c.json({ staff: await upsertStaff(deps, c.get('staff'), { email: member(c), ...body }) }),
  });

  route.delete(memberPath, {
    access: staffAccess('manage-staff', 'remove-staff'),
    summary: 'Remove a member of staff (admins only); their access ends at once',
    responses: { 200: staffNow, 403: notAdmin, 409: errorReply('Would leave no admin') },
    handler: async (c) => c.json({ staff: await removeStaff(deps, c.get('staff'), member(c)) }),
  });

  route.post(`${memberPath}/reset-second-factor`, {
    access: staffAccess('manage-staff', 'reset-second-factor'),
    summary: 'Forget their authenticator app and recovery codes and end their sessions (admins only; a lost phone)',
    responses: { 200: staffNow, 403: notAdmin, 409: errorReply('Nothing to reset') },
    handler: async (c) => c.json({ staff: await resetSecondFactor(deps, c.get('staff'), member(c)) }),
  });
}
