import type { Hono } from 'hono';
import type { DomainError } from '../../shared/errors.ts';
import type { TenantConfig } from '../../shared/policy/schema.ts';
import { problemPages, Shell } from '../portal/plain-page.tsx';
import { type AdminEnv, adminPath } from './context.ts';

/**
 * The staff downloads a browser opens as a link (the evidence packs, the audit trail's export, the
 * reports' CSV): opened without a session, or refused, they answer a page in words, with the way
 * back, never raw JSON. The page's own scripts (which ask for JSON) still get JSON.
 */
export const STAFF_DOWNLOAD_PATHS = [
  `${adminPath}/subjects/:subjectId/requests/:requestId/evidence`,
  `${adminPath}/subjects/:subjectId/complaints/:complaintId/evidence`,
  `${adminPath}/audit/export`,
  `${adminPath}/reports.csv`,
] as const;

function DownloadProblem(props: { error: DomainError; tenant: TenantConfig }) {
  const { error, tenant } = props;
  const staffPages = `/t/${tenant.slug}/admin/`;
  if (error.code === 'unauthenticated') {
    return (
      <Shell title="Sign in to download this" tenant={tenant}>
        <p>
          Downloads from the staff pages work only while you are signed in, with your authenticator app, so that no one else can
          open them.
        </p>
        <p>
          <a href={staffPages}>Sign in to the staff pages</a>, then download it again from where you found it.
        </p>
      </Shell>
    );
  }
  return (
    <Shell title={error.code === 'forbidden' ? 'You cannot download this' : 'There is nothing to download here'} tenant={tenant}>
      <p>{error.message}</p>
      <p>
        <a href={staffPages}>Back to the staff pages</a>
      </p>
    </Shell>
  );
}

/** Registers the pages before the routes, so that a refusal by a route's guard is caught too. */
export function staffDownloadPages(app: Hono<AdminEnv>): void {
  const pages = problemPages<AdminEnv>((_, error, tenant) => <DownloadProblem error={error} tenant={tenant} />);
  for (const path of STAFF_DOWNLOAD_PATHS) app.use(path, pages);
}
