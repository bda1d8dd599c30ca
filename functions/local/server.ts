import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { securityHeaders } from '../http/security.ts';
import type { PortalApp } from '../portal/app.ts';

/**
 * One local server: the very same portal app as on Lambda under `/api`, and the built page
 * (what CloudFront serves from S3 on AWS): hashed assets cached long, index.html never.
 */
export function createLocalServer(portal: PortalApp, distDir: string) {
  const root = resolve(distDir);
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    throw new Error(`The page is not built: ${indexFile} is missing. Run "npm run build:web" first.`);
  }
  const indexHtml = readFileSync(indexFile, 'utf8');
  const app = new Hono();
  app.route('/', portal);
  app.use('*', securityHeaders());
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
  app.get('/', page);
  app.get('/t/:tenant', page);
  app.get('/t/:tenant/*', page);
  return app;
}
