import type { Context } from 'hono';
import { DomainError } from '../../../shared/errors.ts';
import { SubjectExportList } from '../../../shared/exports/export-api.ts';
import { downloadMyExport, myExports } from '../../../shared/exports/subject.ts';
import type { TenantConfig } from '../../../shared/policy/schema.ts';
import { ErrorResponse } from '../../../shared/portal-api.ts';
import { statusOf } from '../../http/errors.ts';
import { subjectAccess } from '../../http/routes.ts';
import { type PortalEnv, type PortalRoutes, tenantPath } from '../context.ts';
import { plainPage, Shell } from '../plain-page.tsx';

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

/** A browser that navigated to the download (rather than the page's script) gets a page, not JSON. */
const wantsPage = (c: Context) => (c.req.header('Accept') ?? '').includes('text/html');

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

export function exportRoutes({ app, routes, deps }: PortalRoutes): void {
  const tag = 'rights requests';
  const signedOut = { description: 'No valid session', schema: ErrorResponse };
  const mine = (c: Context<PortalEnv>) => ({
    tenant: c.get('tenant'),
    subjectId: c.get('subjectId'),
    requestId: c.req.param('requestId') ?? '',
  });

  routes.add(
    app,
    {
      method: 'get',
      path: `${tenantPath}/me/requests/:requestId/exports`,
      tag,
      access: subjectAccess,
      summary:
        'The exports of one of my access or portability requests: being prepared, ready to download (until when), or expired',
      responses: {
        200: { description: 'My exports, newest first', schema: SubjectExportList },
        401: signedOut,
        404: { description: 'No such request of mine', schema: ErrorResponse },
      },
    },
    async (c) => c.json(await myExports(deps, mine(c))),
  );

  const downloadPath = `${tenantPath}/me/requests/:requestId/exports/:exportId/download`;
  // A browser that opens the link (not the page's script) gets a page for every refusal, the
  // missing session included (the guard's 401 comes before the handler): never raw JSON.
  app.use(downloadPath, async (c, next) => {
    await next();
    const error = c.error;
    const tenant = c.get('tenant');
    if (!(error instanceof DomainError) || !tenant || !wantsPage(c)) return;
    c.res = undefined;
    c.res = await plainPage(
      c,
      statusOf(error),
      <DownloadProblem error={error} tenant={tenant} requestId={c.req.param('requestId') ?? ''} />,
    );
    c.header('Cache-Control', 'no-store');
  });

  routes.add(
    app,
    {
      method: 'get',
      path: downloadPath,
      tag,
      access: subjectAccess,
      summary:
        'Download my export (a ZIP): the file itself, or on AWS a redirect to a link valid for a minute. 410 once it has expired (an HTML page when a browser opens it)',
      responses: {
        200: { description: 'application/zip attachment' },
        302: { description: 'To a short-lived link of the file store' },
        401: { description: 'No valid session (an HTML page asking to sign in when a browser opens it)', schema: ErrorResponse },
        404: { description: 'No such export of mine, or not ready yet', schema: ErrorResponse },
        410: { description: 'Expired: ask for a new copy', schema: ErrorResponse },
      },
    },
    async (c) => {
      c.header('Cache-Control', 'no-store');
      const download = await downloadMyExport(deps, { ...mine(c), exportId: c.req.param('exportId') ?? '' });
      if (download.type === 'redirect') return c.redirect(download.url, 302);
      c.header('Content-Type', 'application/zip');
      c.header('Content-Length', String(download.size));
      c.header('Content-Disposition', `attachment; filename="${download.filename}"`);
      return c.body(toWebStream(download.body));
    },
  );
}
