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
import { Message, VerifyRequest } from '../../../shared/portal-api.ts';
import { can } from '../../../shared/staff/permissions.ts';
import {
  enrol,
  enrolment,
  requestStaffLink,
  secondFactor,
  staffSignOut,
  verifyStaffLink,
} from '../../../shared/staff/staff-sign-in.ts';
import { errorReply, reply, routeGroup } from '../../http/route-group.ts';
import { publicAccess, secondFactorAccess, staffAccess } from '../../http/routes.ts';
import { signOutRoute } from '../../http/sign-out-route.ts';
import { type AdminEnv, type AdminRoutes, adminPath } from '../context.ts';

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

export function authRoutes(admin: AdminRoutes, clientIp: (c: Context) => string): void {
  const { deps, cookie } = admin;
  const route = routeGroup(admin, 'staff sign-in');
  /** Staff half-way through signing in, as the second-factor guard found them. */
  const pending = (c: Context<AdminEnv>) => ({ tenant: c.get('tenant'), resolved: c.get('resolved') });
  /** The second factor passed (a first code, or a code later): the full session takes the pending one's place in the cookie. */
  const fullSession = async <R extends { sessionId: string; maxAgeSeconds: number }>(
    c: Context<AdminEnv>,
    step: (at: ReturnType<typeof pending>) => Promise<R>,
  ) => {
    const at = pending(c);
    const result = await step(at);
    cookie.write(c, at.tenant.slug, result.sessionId, result.maxAgeSeconds);
    return { ...at, result };
  };

  route.post(`${adminPath}/auth/link`, {
    access: publicAccess,
    summary: 'Email a staff sign-in link (same answer whether or not the address is staff)',
    body: StaffLinkRequest,
    responses: {
      202: reply('Accepted', Message),
      400: errorReply('Bad input'),
      429: errorReply('Too many requests'),
    },
    handler: async (c, body) => {
      await requestStaffLink(deps, { tenant: c.get('tenant'), email: body.email, clientKey: clientIp(c) });
      return c.json({ message: LINK_SENT }, 202);
    },
  });

  route.post(`${adminPath}/auth/verify`, {
    access: publicAccess,
    summary: 'Exchange the link token for a session that is good only for the second factor',
    body: VerifyRequest,
    responses: {
      200: reply('Next: enrol an authenticator app, or enter a code', StaffLinkVerified),
      400: errorReply('Unknown, used or expired token'),
    },
    handler: async (c, body) => {
      const tenant = c.get('tenant');
      const session = await cookie.signIn(
        c,
        tenant.slug,
        () => verifyStaffLink(deps, { tenant, token: body.token }),
        (sessionId) => staffSignOut(deps, { tenant: tenant.slug, sessionId }),
      );
      return c.json({ next: session.next });
    },
  });

  route.get(`${adminPath}/auth/enrolment`, {
    access: secondFactorAccess,
    summary: 'The new authenticator secret, as a QR code and as text (first sign-in only)',
    responses: { 200: reply('Scan or type it', Enrolment), 409: errorReply('Enrolled already') },
    handler: (c) => {
      const e = enrolment(deps, pending(c));
      return c.json({ ...e, qrSvg: renderSVG(e.otpauthUri, { border: 2 }) });
    },
  });

  route.post(`${adminPath}/auth/enrol`, {
    access: secondFactorAccess,
    summary: 'Confirm the authenticator app with a first code; returns recovery codes, once',
    body: EnrolRequest,
    responses: {
      200: reply('Signed in', Enrolled),
      400: errorReply('Wrong code'),
      429: errorReply('Too many wrong codes'),
    },
    handler: async (c, body) => {
      const { tenant, resolved, result } = await fullSession(c, (at) => enrol(deps, { ...at, code: body.code }));
      const member = { ...resolved.member, recoveryCodes: result.recoveryCodes };
      return c.json({ recoveryCodes: result.recoveryCodes, me: staffMe(tenant, member) });
    },
  });

  route.post(`${adminPath}/auth/second-factor`, {
    access: secondFactorAccess,
    summary: 'Finish signing in with a code from the authenticator app, or a recovery code',
    body: SecondFactorRequest,
    responses: {
      200: reply('Signed in', StaffMe),
      400: errorReply('Wrong or used code'),
      429: errorReply('Too many wrong codes: the sign-in ends'),
    },
    handler: async (c, body) => {
      const { tenant, resolved } = await fullSession(c, (at) => secondFactor(deps, { ...at, ...body }));
      const member = (await deps.staff.get(tenant.slug, resolved.member.email)) ?? resolved.member;
      return c.json(staffMe(tenant, { ...resolved.member, recoveryCodes: member.recoveryCodes }));
    },
  });

  signOutRoute(route, cookie, {
    path: `${adminPath}/auth/logout`,
    summary: 'End the staff session on the server',
    end: (tenant, sessionId) => staffSignOut(deps, { tenant, sessionId }),
  });

  route.get(`${adminPath}/me`, {
    access: staffAccess('read'),
    summary: 'Who is signed in, with which role; 401 with details.next while the second factor is due',
    responses: { 200: reply('Signed in', StaffMe), 401: errorReply('Not (fully) signed in') },
    handler: (c) => {
      const { tenant, member } = c.get('staff');
      return c.json(staffMe(tenant, member));
    },
  });
}
