import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { cloudFrontCompression } from './compress.ts';

/** An app whose two paths answer a different 2 kB text each time they are asked: one immutable, one not. */
function app() {
  const app = new Hono();
  app.use('*', cloudFrontCompression());
  let served = 0;
  const body = () => `${++served} `.repeat(1_000);
  app.get('/assets/app.js', (c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(body(), 200, { 'Content-Type': 'text/javascript' });
  });
  app.get('/page', (c) => c.body(body(), 200, { 'Content-Type': 'text/html', 'Cache-Control': 'no-cache' }));
  return app;
}

const get = async (server: Hono, path: string) => {
  const res = await server.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
  expect(res.headers.get('Content-Encoding')).toBe('gzip');
  return gunzipSync(Buffer.from(await res.arrayBuffer())).toString();
};

describe('compressing as CloudFront does', () => {
  it('compresses an immutable response once and serves that copy after, as the edge keeps it', async () => {
    const server = app();
    const first = await get(server, '/assets/app.js');
    expect(first.startsWith('1 ')).toBe(true);
    expect(await get(server, '/assets/app.js')).toBe(first);
  });

  it('compresses any other response afresh each time', async () => {
    const server = app();
    expect((await get(server, '/page')).startsWith('1 ')).toBe(true);
    expect((await get(server, '/page')).startsWith('2 ')).toBe(true);
  });
});
