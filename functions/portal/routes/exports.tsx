import type { Context } from 'hono';
import type { DomainError } from '../../../shared/errors.ts';
import { SubjectExportList } from '../../../shared/exports/export-api.ts';
import { downloadMyExport, myExports } from '../../../shared/exports/subject.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import { attachment, errorReply, reply } from '../../http/route-group.ts';
import { subjectAccess } from '../../http/routes.ts';
import { type PortalEnv, type PortalRoutes, portalRouteGroup, tenantPath } from '../context.ts';
import { problemPages, Shell } from '../plain-page.tsx';

/** An async iterable as a web stream that reads only when the client does (backpressure). */
function toWebStream(source: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

const pageTitles: Partial<Record<string, string>> = {
  gone: 'This download has expired',
  not_found: 'There is nothing to download here',
  unauthenticated: 'Sign in to download your data',
};

/** The words of the page for an error a browser meets on the download link. */
function DownloadProblem(props: { error: DomainError; tenant: TenantConfig; requestId: string }) {
  const { error, tenant } = props;
  const request = `/t/${tenant.slug}/requests/${props.requestId}`;
  if (error.code === 'unauthenticated') {
    return (
      <Shell title={pageTitles.unauthenticated ?? ''} tenant={tenant}>
        <p>Your download works only while you are signed in to your privacy centre, so that no one else can open it.</p>
        <p>
          <a href={`/t/${tenant.slug}/`}>Sign in</a>, then open <a href={request}>your request</a> and download it from there.
        </p>
      </Shell>
    );
  }
  return (
    <Shell title={pageTitles[error.code] ?? 'This download is not available'} tenant={tenant}>
      <p>{error.message}</p>
      <p>
        <a href={request}>Back to your request</a>
      </p>
    </Shell>
  );
}

export function exportRoutes(portal: PortalRoutes): void {
  const { app, deps } = portal;
  const route = portalRouteGroup(portal, 'rights requests');
  const mine = (c: Context<PortalEnv>) => ({
    tenant: c.get('tenant'),
    subjectId: c.get('subjectId'),
    requestId: c.req.param('requestId') ?? '',
  });

  route.get(`${tenantPath}/me/requests/:requestId/exports`, {
    access: subjectAccess,
    summary:
      'The exports of one of my access or portability requests: being prepared, ready to download (until when), or expired',
    responses: {
      200: reply('My exports, newest first', SubjectExportList),
      404: errorReply('No such request of mine'),
    },
    handler: async (c) => c.json(await myExports(deps, mine(c))),
  });

  const downloadPath = `${tenantPath}/me/requests/:requestId/exports/:exportId/download`;
  // A browser that opens the link (not the page's script) gets a page for every refusal, the
  // missing session included (the guard's 401 comes before the handler): never raw JSON.
  app.use(
    downloadPath,
    problemPages<PortalEnv>((c, error, tenant) => (
      <DownloadProblem error={error} tenant={tenant} requestId={c.req.param('requestId') ?? ''} />
    )),
  );

  route.get(downloadPath, {
    access: subjectAccess,
    summary:
      'Download my export (a ZIP): the file itself, or on AWS a redirect to a link valid for a minute. 410 once it has expired (an HTML page when a browser opens it)',
    responses: {
      200: reply('application/zip attachment'),
      302: reply('To a short-lived link of the file store'),
      401: errorReply('No valid session (an HTML page asking to sign in when a browser opens it)'),
      404: errorReply('No such export of mine, or not ready yet'),
      410: errorReply('Expired: ask for a new copy'),
    },
    handler: async (c) => {
      c.header('Cache-Control', 'no-store');
      const download = await downloadMyExport(deps, { ...mine(c), exportId: c.req.param('exportId') ?? '' });
      if (download.type === 'redirect') return c.redirect(download.url, 302);
      c.header('Content-Type', 'application/zip');
      c.header('Content-Length', String(download.size));
      attachment(c, download.filename);
      return c.body(toWebStream(download.body));
    },
  });
}
