import type { z } from 'zod';
import type * as Admin from '../../../../shared/admin-api.ts';
import type * as Exports from '../../../../shared/exports/export-api.ts';
import { ApiError, api } from '../../lib/portal-client.ts';

/*
 * Types only from the contract: importing its values would bring zod into the page.
 */
export type StaffMe = Admin.StaffMe;
export type StaffRole = Admin.StaffRole;
export type QueueResponse = Admin.QueueResponse;
export type QueueItem = Admin.QueueItem;
export type RequestDetail = Admin.RequestDetail;
export type StaffAction = z.input<typeof Admin.StaffAction>;
export type ActionName = RequestDetail['actions'][number];
export type IdentityMethod = NonNullable<RequestDetail['request']['identity']>['method'];
export type ReportResponse = Admin.ReportResponse;
export type AuditVerifyResponse = Admin.AuditVerifyResponse;
export type AuditPage = Admin.AuditPage;
export type AuditEventView = Admin.AuditEventView;
export type Enrolment = z.infer<typeof Admin.Enrolment>;
export type Enrolled = z.infer<typeof Admin.Enrolled>;
export type NextStep = z.infer<typeof Admin.StaffLinkVerified>['next'];
export type SubjectSearch = z.infer<typeof Admin.SubjectSearch>;
export type StaffList = z.infer<typeof Admin.StaffListResponse>;
export type StaffMember = StaffList['staff'][number];
export type LogRequest = z.input<typeof Admin.LogRequest>;
export type RequestKind = QueueItem['kind'];
export type RequestStatus = QueueItem['status'];
export type StaffExport = Exports.StaffExport;
export type StaffExportList = Exports.StaffExportList;

/** The tenant and the signed-in member of staff: what every signed-in view needs. */
export interface Ctx {
  tenant: { slug: string; name: string };
  me: StaffMe;
}

let signedOut: (error?: ApiError) => void = () => undefined;

/** Who to tell when a call finds no session (a 401): the app shows the sign-in view. */
export function whenSignedOut(handler: (error?: ApiError) => void): void {
  signedOut = handler;
}

/** Back to the sign-in view, e.g. after signing out. */
export const goSignedOut = (): void => signedOut();

/** The staff pages' own "may be signed in" flag in lib/session-hint.ts, per centre. */
export const staffHint = (tenant: string): string => `staff:${tenant}`;

/** The step a 401 says is still to come after the email link, if any. */
export function nextStepOf(error: unknown): NextStep | undefined {
  const next = error instanceof ApiError ? (error.details as { next?: unknown } | undefined)?.next : undefined;
  return next === 'enrol' || next === 'second-factor' ? next : undefined;
}

/** The path of the staff API of a tenant: `/t/<tenant>/admin/<path>` (after `/api`). */
export const adminPath = (tenant: string, path: string): string => `/t/${tenant}/admin/${path}`;

/**
 * A call to the staff API. A 401 from any call sends the person back to sign in (unless `quiet`,
 * for the sign-in steps, which show it themselves).
 */
export async function adminApi<T>(
  tenant: string,
  path: string,
  init: { method?: string; body?: unknown; quiet?: boolean } = {},
): Promise<T> {
  try {
    return await api<T>(adminPath(tenant, path), init);
  } catch (error) {
    if (!init.quiet && error instanceof ApiError && error.status === 401) signedOut(error);
    throw error;
  }
}
