import { removeStaff, resetSecondFactor, staffList, upsertStaff } from '../../../shared/admin/staff.ts';
import { StaffListResponse, StaffUpsert } from '../../../shared/admin-api.ts';
import { DomainError } from '../../../shared/errors.ts';
import { EmailAddress, ErrorResponse } from '../../../shared/portal-api.ts';
import { staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

const emailParam = (raw: string | undefined) => {
  const parsed = EmailAddress.safeParse(decodeURIComponent(raw ?? ''));
  if (!parsed.success) throw new DomainError('bad_request', 'That is not an email address.');
  return parsed.data;
};

export function staffRoutes({ app, routes, deps }: AdminRoutes): void {
  const tag = 'staff management';
  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/staff`,
      tag,
      access: staffAccess('read'),
      summary: 'Staff of this centre with their roles',
      responses: { 200: { description: 'Staff', schema: StaffListResponse } },
    },
    async (c) => c.json({ staff: await staffList(deps, c.get('staff')) }),
  );
  routes.add(
    app,
    {
      method: 'put',
      path: `${adminPath}/staff/:email`,
      tag,
      access: staffAccess('manage-staff', 'upsert-staff'),
      summary: 'Add a member of staff or change their name or role (admins only)',
      body: StaffUpsert,
      responses: {
        200: { description: 'Staff now', schema: StaffListResponse },
        403: { description: 'Not an admin', schema: ErrorResponse },
        409: { description: 'Would leave no admin', schema: ErrorResponse },
      },
    },
    async (c, body) =>
      c.json({ staff: await upsertStaff(deps, c.get('staff'), { email: emailParam(c.req.param('email')), ...body }) }),
  );
  routes.add(
    app,
    {
      method: 'delete',
      path: `${adminPath}/staff/:email`,
      tag,
      access: staffAccess('manage-staff', 'remove-staff'),
      summary: 'Remove a member of staff (admins only); their access ends at once',
      responses: {
        200: { description: 'Staff now', schema: StaffListResponse },
        403: { description: 'Not an admin', schema: ErrorResponse },
        409: { description: 'Would leave no admin', schema: ErrorResponse },
      },
    },
    async (c) => c.json({ staff: await removeStaff(deps, c.get('staff'), emailParam(c.req.param('email'))) }),
  );
  routes.add(
    app,
    {
      method: 'post',
      path: `${adminPath}/staff/:email/reset-second-factor`,
      tag,
      access: staffAccess('manage-staff', 'reset-second-factor'),
      summary: 'Forget their authenticator app and recovery codes and end their sessions (admins only; a lost phone)',
      responses: {
        200: { description: 'Staff now', schema: StaffListResponse },
        403: { description: 'Not an admin', schema: ErrorResponse },
        409: { description: 'Nothing to reset', schema: ErrorResponse },
      },
    },
    async (c) => c.json({ staff: await resetSecondFactor(deps, c.get('staff'), emailParam(c.req.param('email'))) }),
  );
}
