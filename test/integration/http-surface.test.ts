import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocumentText } from '../../infra/openapi-documents.ts';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';
import { signedInStaff } from '../support/staff.ts';

let centre: TestCentre;

beforeAll(async () => {
  centre = await startTestCentre({ distDir: 'web/dist' });
});
afterAll(() => centre.stop());

describe('the HTTP surface', () => {
  it('answers GET /api/health with 200', async () => {
    expect((await centre.app.request('/api/health')).status).toBe(200);
  });

  it('sends the security headers on the API and the page', async () => {
    const server = centre.server;
    if (!server) throw new Error('no server');
    for (const path of ['/api/health', '/t/it-mk/', '/']) {
      const res = await server.request(path);
      const csp = res.headers.get('Content-Security-Policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('Strict-Transport-Security'), path).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers.get('X-Content-Type-Options'), path).toBe('nosniff');
      expect(res.headers.get('Referrer-Policy'), path).toBe('no-referrer');
    }
  });

  it('serves hashed assets with a long cache and the page with none', async () => {
    const server = centre.server;
    if (!server) throw new Error('no server');
    const html = await (await server.request('/t/it-mk/')).text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await server.request(script as string);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('Cache-Control')).toContain('immutable');
    expect(html).not.toMatch(/<script(?![^>]*src=)[^>]*>/); // no inline script
  });

  it('compresses the page and its assets as CloudFront does (Brotli, else gzip, from 1,000 bytes), and the API its own JSON', async () => {
    const server = centre.server;
    if (!server) throw new Error('no server');
    const html = await (await server.request('/t/it-mk/')).text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)?.[1] as string;
    const plain = await (await server.request(script)).arrayBuffer();
    const br = await server.request(script, { headers: { 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(br.headers.get('Content-Encoding')).toBe('br');
    expect(br.headers.get('Vary')).toContain('Accept-Encoding');
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(Number(br.headers.get('Content-Length'))).toBe(brBytes.length);
    expect(brBytes.length).toBeLessThan(plain.byteLength / 2);
    expect(brotliDecompressSync(brBytes).equals(Buffer.from(plain))).toBe(true);
    const gz = await server.request(script, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('Content-Encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(Buffer.from(plain))).toBe(true);
    // The page is 1,000 bytes or more, so it goes Brotli'd too (with its favicon inline it is
    // smaller so: BENCHMARKS.md, issue 17, eleventh round).
    expect(Buffer.byteLength(html)).toBeGreaterThanOrEqual(1000);
    const page = await server.request('/t/it-mk/', { headers: { 'Accept-Encoding': 'br' } });
    expect(page.headers.get('Content-Encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await page.arrayBuffer())).toString()).toBe(html);
    // A compressible file under 1,000 bytes (the favicon as a file: both pages now carry it inline):
    // CloudFront leaves it as it is, so does the local server.
    const icon = await server.request('/favicon.svg', { headers: { 'Accept-Encoding': 'br' } });
    const iconBytes = Buffer.from(await icon.arrayBuffer());
    expect(icon.headers.get('Content-Type')).toMatch(/^image\/svg\+xml/);
    expect(iconBytes.length).toBeLessThan(1000);
    expect(icon.headers.get('Content-Encoding')).toBeNull();
    expect(iconBytes.toString()).toContain('<svg');
    // No Accept-Encoding, no compression.
    expect((await server.request(script)).headers.get('Content-Encoding')).toBeNull();
    // CloudFront's API behaviour compresses nothing, nor does the local server's layer: the API
    // gzips its own JSON of 1 kB or more (functions/portal/app.ts), on Lambda as here.
    const small = await server.request('/api/tenants', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(Buffer.byteLength(await small.text())).toBeLessThan(1024); // under 1 kB: as it is
    expect(small.headers.get('Content-Encoding')).toBeNull();
    expect(small.headers.get('Vary')).toContain('Accept-Encoding');
    const plainApi = await (await server.request('/api/openapi.json')).text();
    expect(Buffer.byteLength(plainApi)).toBeGreaterThan(1024);
    const api = await server.request('/api/openapi.json', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(api.status).toBe(200);
    expect(api.headers.get('Content-Encoding')).toBe('gzip');
    expect(api.headers.get('Vary')).toContain('Accept-Encoding');
    expect(
      (await server.request('/api/openapi.json', { headers: { 'Accept-Encoding': 'gzip;q=0' } })).headers.get('Content-Encoding'),
    ).toBeNull();
    expect(gunzipSync(Buffer.from(await api.arrayBuffer())).toString('utf8')).toBe(plainApi);
  });

  it('marks personal data no-store', async () => {
    const http = await signedIn(centre, 'instant-on-it', 'alex.morgan@example.com');
    const res = await http.get('/api/t/instant-on-it/me');
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
  });

  it('serves an OpenAPI document covering every route, with the request schemas', async () => {
    const doc = await (await centre.app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/t/{tenant}/auth/link',
        '/api/t/{tenant}/auth/verify',
        '/api/t/{tenant}/auth/logout',
        '/api/t/{tenant}/me',
        '/api/t/{tenant}/me/records/{recordId}',
        '/api/t/{tenant}/me/email',
        '/api/t/{tenant}/auth/confirm-email',
        '/api/t/{tenant}/me/corrections',
        '/api/t/{tenant}/me/marketing',
        '/api/t/{tenant}/me/marketing/stop-all',
        '/api/t/{tenant}/unsubscribe/{token}',
      ]),
    );
    const link = doc.paths['/api/t/{tenant}/auth/link'].post;
    expect(link.requestBody.content['application/json'].schema.properties.email.format).toBe('email');
    expect(link.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
  });

  it('serves locally the same OpenAPI documents the synth puts into the Lambda functions’ assets', async () => {
    // Locally each document is built from the running app's routes; on AWS the function serves the
    // one the synth built from the route sets alone (infra/openapi-documents.ts), its bundle having no
    // JSON Schema converter (infra/bundling.ts). Both must say the same.
    for (const [path, name] of [
      ['/api/openapi.json', 'portal'],
      ['/api/t/it-mk/admin/openapi.json', 'admin'],
      ['/api/t/it-mk/admin/casework/openapi.json', 'casework'],
      ['/api/t/it-mk/admin/tools/openapi.json', 'staff-tools'],
    ] as const) {
      const served = await (await (name === 'portal' ? centre.app : centre.admin).request(path)).json();
      expect(Object.keys(served.paths).length, path).toBeGreaterThan(5);
      expect(served, path).toEqual(JSON.parse(openApiDocumentText(name)));
    }
  });

  it('answers a page path of an unknown tenant with a plain 404 page, not the app', async () => {
    const server = centre.server;
    if (!server) throw new Error('no server');
    for (const path of [
      '/t/no-such-tenant/',
      '/t/no-such-tenant',
      '/t/no-such-tenant/verify',
      '/t/no-such-tenant/admin/',
      '/t/no-such-tenant/admin/requests',
    ]) {
      const res = await server.request(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('Content-Type'), path).toMatch(/^text\/html/);
      const html = await res.text();
      expect(html, path).toContain('There is no privacy centre at this address');
      expect(html, path).not.toContain('/assets/');
      expect(res.headers.get('Content-Security-Policy'), path).toContain("script-src 'self'");
    }
    // A tenant that exists still gets its pages.
    expect((await server.request('/t/it-mk/admin/')).status).toBe(200);
    expect((await server.request('/t/it-mk/verify')).status).toBe(200);
  });

  it('has the browser preload what a page asks for first, as CloudFront’s viewer-response function does', async () => {
    const server = centre.server;
    if (!server) throw new Error('no server');
    const home = await server.request('/t/it-mk/', { headers: { Cookie: 'pc_it-mk=whatever' } });
    expect(home.status).toBe(200);
    // The page's own scripts first (this build's, from web/dist's manifest), its data, and the
    // signed-in view's script, its own chunk.
    const pageScripts = '<\\/assets\\/index-[\\w-]+\\.js>; rel=modulepreload(, <\\/assets\\/[\\w-]+\\.js>; rel=modulepreload)*';
    expect(home.headers.get('Link')).toMatch(
      new RegExp(
        `^${pageScripts}, <\\/api\\/t\\/it-mk>; rel=preload; as=fetch; crossorigin, <\\/api\\/t\\/it-mk\\/me>; rel=preload; as=fetch; crossorigin, <\\/assets\\/my-data-[\\w-]+\\.js>; rel=modulepreload`,
      ),
    );
    expect((await server.request('/t/it-mk/verify')).headers.get('Link')).toMatch(
      new RegExp(`^${pageScripts}, <\\/api\\/t\\/it-mk>; rel=preload; as=fetch; crossorigin$`),
    );
    expect((await server.request('/t/it-mk/admin/')).headers.get('Link')).toBeNull();
    expect((await server.request('/t/no-such-tenant/')).headers.get('Link')).toBeNull();
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await centre.app.request('/api/nope');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('not_found');
  });
});

describe('writes that carry a session cookie but say nothing of where they came from', () => {
  /** A request as a script outside any browser would send it: the cookie, but no Origin and no Sec-Fetch-Site. */
  const bare = (app: typeof centre.app | typeof centre.admin, path: string, jar: Map<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: '{}',
    });

  it('refuses a subject write with the session cookie and neither Origin nor Sec-Fetch-Site, and changes nothing', async () => {
    const slug = 'inflection-point';
    const http = await signedIn(centre, slug, 'alex.morgan@example.com');
    const before = await (await http.get(`/api/t/${slug}/me/marketing`)).json();
    const res = await bare(centre.app, `/api/t/${slug}/me/marketing/stop-all`, http.jar);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe('forbidden');
    expect(await (await http.get(`/api/t/${slug}/me/marketing`)).json()).toEqual(before);
    // The same write from the page (the browser sends Origin) still goes through.
    expect((await http.post(`/api/t/${slug}/me/marketing/stop-all`, {})).status).toBe(200);
  });

  it('refuses a staff write with the staff session cookie and neither header (the session stays signed in)', async () => {
    const slug = 'it-mk';
    const http = await signedInStaff(centre, slug, 'sam.taylor@staff.example');
    const res = await bare(centre.admin, `/api/t/${slug}/admin/auth/logout`, http.jar);
    expect(res.status).toBe(403);
    expect((await http.get(`/api/t/${slug}/admin/requests`)).status).toBe(200);
  });

  it('still accepts a write with neither header when it carries no session cookie (a mail server, curl)', async () => {
    const res = await bare(centre.app, '/api/t/inflection-point/auth/link', new Map());
    // The body is checked, so the request got past the origin check.
    expect(res.status).toBe(400);
  });
});
