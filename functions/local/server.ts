import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { AdminApp } from '../admin/app.ts';
import { pageModules } from '../http/page-preload.ts';
import { securityHeaders } from '../http/security.ts';
import type { PortalApp } from '../portal/app.ts';
import { cloudFrontCompression } from './compress.ts';
import { drainUnreadBody } from './drain-body.ts';
import { notFoundPageHtml } from './not-found-page.tsx';
import { pagePreloader } from './page-preload.ts';

/**
 * One local server: the very same apps as on Lambda — the staff admin API under
 * `/api/t/<tenant>/admin`, the subject portal API under the rest of `/api`, each answering on its
 * own as its Lambda does — and the built pages (what CloudFront serves from S3 on AWS): hashed
 * assets cached long, the HTML never.
 */
export function createLocalServer(
  apps: { portal: PortalApp; admin: AdminApp },
  distDir: string,
  /** Before each API request, as the Lambda entry points do: re-reads stale published tenant policies. */
  beforeApi: () => Promise<void> = async () => {},
  /** Whether a tenant has this slug (after `beforeApi`): the page paths of any other answer a plain 404. */
  isTenant: (slug: string) => boolean = () => true,
) {
  const root = resolve(distDir);
  const read = (name: string) => {
    const file = join(root, name);
    if (!existsSync(file)) throw new Error(`The page is not built: ${file} is missing. Run "npm run build:web" first.`);
    return readFileSync(file, 'utf8');
  };
  const indexHtml = read('index.html');
  const adminHtml = read('admin.html');
  const pagePreloadLink = pagePreloader(pageModules(JSON.parse(read('.vite/manifest.json'))));
  const app = new Hono();
  app.use('/api/*', drainUnreadBody());
  app.use('/api/*', async (_c, next) => {
    await beforeApi();
    await next();
  });
  app.all('/api/t/:tenant/admin', (c) => apps.admin.fetch(c.req.raw, c.env));
  app.all('/api/t/:tenant/admin/*', (c) => apps.admin.fetch(c.req.raw, c.env));
  app.all('/api/*', (c) => apps.portal.fetch(c.req.raw, c.env));
  app.use('*', securityHeaders());
  app.use('*', cloudFrontCompression());
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root }));
  app.get('/favicon.svg', serveStatic({ path: join(root, 'favicon.svg') }));
  const page = (c: import('hono').Context) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml);
  };
  const adminPage = (c: import('hono').Context) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(adminHtml);
  };
  // What CloudFront's viewer-response function adds on AWS: preload the data the page asks for first.
  app.use('/t/*', async (c, next) => {
    await next();
    const link = pagePreloadLink(c.req.path, c.req.header('cookie'), c.res.status);
    if (link) c.res.headers.set('Link', link);
  });
  // A tenant's page paths only for a tenant that exists; any other slug gets a plain 404 page.
  app.get('/t/:tenant/*', async (c, next) => {
    await beforeApi();
    if (isTenant(c.req.param('tenant'))) return next();
    c.header('Cache-Control', 'no-cache');
    return c.html(notFoundPageHtml, 404);
  });
  app.get('/t/:tenant/admin', adminPage);
  app.get('/t/:tenant/admin/*', adminPage);
  app.get('/', page);
  app.get('/t/:tenant', page);
  app.get('/t/:tenant/*', page);
  return app;
}
