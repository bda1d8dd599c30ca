import type { Context } from 'hono';
import { renderSVG } from 'uqr';
import {
  Enrolled,
  Enrolment,
  EnrolRequest,
  SecondFactorRequest,
  StaffLinkRequest,
  StaffLinkVerified,
  StaffMe,
} from '../../../shared/admin-api.ts';
import type { StaffMember } from '../../../shared/entities.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import { ErrorResponse, Message, VerifyRequest } from '../../../shared/portal-api.ts';
import { can } from '../../../shared/staff/permissions.ts';
import {
  enrol,
  enrolment,
  requestStaffLink,
  secondFactor,
  staffSignOut,
  verifyStaffLink,
} from '../../../shared/staff/staff-sign-in.ts';
import { publicAccess, secondFactorAccess, staffAccess } from '../../http/routes.ts';
import { type AdminRoutes, adminPath } from '../context.ts';

const LINK_SENT =
  'If that address belongs to staff of this privacy centre, we have sent it a sign-in link. It works once, for 15 minutes.';

export function staffMe(tenant: TenantConfig, member: StaffMember) {
  return {
    email: member.email,
    name: member.name,
    role: member.role,
    tenant: {
      slug: tenant.slug,
      name: tenant.name,
      referencePrefix: tenant.referencePrefix,
      categories: tenant.categories.map((c) => ({
        id: c.id,
        name: c.name,
        providedBySubject: c.providedBySubject,
        lawfulBasis: c.lawfulBasis,
      })),
    },
    can: {
      act: can(member.role, 'act'),
      manageStaff: can(member.role, 'manage-staff'),
      readAudit: can(member.role, 'read-audit'),
    },
    recoveryCodesLeft: member.recoveryCodes?.length ?? 0,
  };
}

export function authRoutes({ app, routes, deps, cookie }: AdminRoutes, clientIp: (c: Context) => string): void {
  const tag = 'staff sign-in';
  routes.add(
    app,
    {
      method: 'post',
      path: `${adminPath}/auth/link`,
      access: publicAccess,
      tag,
      summary: 'Email a staff sign-in link (same answer whether or not the address is staff)',
      body: StaffLinkRequest,
      responses: {
        202: { description: 'Accepted', schema: Message },
        400: { description: 'Bad input', schema: ErrorResponse },
        429: { description: 'Too many requests', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      await requestStaffLink(deps, { tenant: c.get('tenant'), email: body.email, clientKey: clientIp(c) });
      return c.json({ message: LINK_SENT }, 202);
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${adminPath}/auth/verify`,
      access: publicAccess,
      tag,
      summary: 'Exchange the link token for a session that is good only for the second factor',
      body: VerifyRequest,
      responses: {
        200: { description: 'Next: enrol an authenticator app, or enter a code', schema: StaffLinkVerified },
        400: { description: 'Unknown, used or expired token', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      const tenant = c.get('tenant');
      const previous = cookie.read(c, tenant.slug);
      const session = await verifyStaffLink(deps, { tenant, token: body.token });
      if (previous) await staffSignOut(deps, { tenant: tenant.slug, sessionId: previous });
      cookie.write(c, tenant.slug, session.sessionId, session.maxAgeSeconds);
      return c.json({ next: session.next });
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/auth/enrolment`,
      tag,
      access: secondFactorAccess,
      summary: 'The new authenticator secret, as a QR code and as text (first sign-in only)',
      responses: {
        200: { description: 'Scan or type it', schema: Enrolment },
        409: { description: 'Enrolled already', schema: ErrorResponse },
      },
    },
    (c) => {
      const e = enrolment(deps, { tenant: c.get('tenant'), resolved: c.get('resolved') });
      return c.json({ ...e, qrSvg: renderSVG(e.otpauthUri, { border: 2 }) });
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${adminPath}/auth/enrol`,
      tag,
      access: secondFactorAccess,
      summary: 'Confirm the authenticator app with a first code; returns recovery codes, once',
      body: EnrolRequest,
      responses: {
        200: { description: 'Signed in', schema: Enrolled },
        400: { description: 'Wrong code', schema: ErrorResponse },
        429: { description: 'Too many wrong codes', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      const tenant = c.get('tenant');
      const resolved = c.get('resolved');
      const result = await enrol(deps, { tenant, resolved, code: body.code });
      cookie.write(c, tenant.slug, result.sessionId, result.maxAgeSeconds);
      const member = { ...resolved.member, recoveryCodes: result.recoveryCodes };
      return c.json({ recoveryCodes: result.recoveryCodes, me: staffMe(tenant, member) });
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${adminPath}/auth/second-factor`,
      tag,
      access: secondFactorAccess,
      summary: 'Finish signing in with a code from the authenticator app, or a recovery code',
      body: SecondFactorRequest,
      responses: {
        200: { description: 'Signed in', schema: StaffMe },
        400: { description: 'Wrong or used code', schema: ErrorResponse },
        429: { description: 'Too many wrong codes: the sign-in ends', schema: ErrorResponse },
      },
    },
    async (c, body) => {
      const tenant = c.get('tenant');
      const resolved = c.get('resolved');
      const result = await secondFactor(deps, { tenant, resolved, ...body });
      cookie.write(c, tenant.slug, result.sessionId, result.maxAgeSeconds);
      const member = (await deps.staff.get(tenant.slug, resolved.member.email)) ?? resolved.member;
      return c.json(staffMe(tenant, { ...resolved.member, recoveryCodes: member.recoveryCodes }));
    },
  );

  routes.add(
    app,
    {
      method: 'post',
      path: `${adminPath}/auth/logout`,
      access: publicAccess,
      tag,
      summary: 'End the staff session on the server',
      responses: { 204: { description: 'Signed out' } },
    },
    async (c) => {
      const tenant = c.get('tenant').slug;
      const sessionId = cookie.read(c, tenant);
      if (sessionId) await staffSignOut(deps, { tenant, sessionId });
      cookie.clear(c, tenant);
      return c.body(null, 204);
    },
  );

  routes.add(
    app,
    {
      method: 'get',
      path: `${adminPath}/me`,
      tag,
      access: staffAccess('read'),
      summary: 'Who is signed in, with which role; 401 with details.next while the second factor is due',
      responses: {
        200: { description: 'Signed in', schema: StaffMe },
        401: { description: 'Not (fully) signed in', schema: ErrorResponse },
      },
    },
    (c) => {
      const { tenant, member } = c.get('staff');
      return c.json(staffMe(tenant, member));
    },
  );
}
