import type { StaffContext } from '../../shared/admin/context.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import type { ResolvedStaff } from '../../shared/staff/staff-sign-in.ts';
import { type AppRoutes, errorReply } from '../http/route-group.ts';

export type AdminEnv = {
  Variables: {
    tenant: TenantConfig;
    /** A live staff session at either stage (set on the auth routes that need one). */
    resolved: ResolvedStaff;
    sessionId: string;
    /** A fully signed-in member of staff. */
    staff: StaffContext;
  };
};

export type AdminRoutes = AppRoutes<AdminEnv>;

export const adminPath = '/t/:tenant/admin';

/** A rights request and a complaint, under their person (each one's routes are in more than one function on AWS). */
export const requestPath = `${adminPath}/subjects/:subjectId/requests/:requestId`;
export const complaintPath = `${adminPath}/subjects/:subjectId/complaints/:complaintId`;

/** An import's body may carry a whole file, up to this; every other staff request stays under 16 kB. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

/** Answers many staff routes share, worded once for the OpenAPI document. */
export const staffReplies = {
  notInCentre: errorReply('Not in this centre'),
  cannotAct: errorReply('Your role cannot act'),
  cannotActAudited: errorReply('Your role cannot act (audited)'),
  badInput: errorReply('Bad input'),
  notNow: errorReply('Not possible in this state, or changed meanwhile'),
};
