import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCentre, type TestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';

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

  it('compresses the page and its assets as CloudFront does: Brotli, else gzip, from 1,000 bytes; never the API', async () => {
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
    // The page is under 1,000 bytes: CloudFront leaves it as it is, so does the local server.
    expect(Buffer.byteLength(html)).toBeLessThan(1000);
    const page = await server.request('/t/it-mk/', { headers: { 'Accept-Encoding': 'br' } });
    expect(page.headers.get('Content-Encoding')).toBeNull();
    expect(await page.text()).toBe(html);
    // No Accept-Encoding, no compression; the API never (CloudFront's API behaviour does not compress).
    expect((await server.request(script)).headers.get('Content-Encoding')).toBeNull();
    const api = await server.request('/api/tenants', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(api.status).toBe(200);
    expect(api.headers.get('Content-Encoding')).toBeNull();
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

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await centre.app.request('/api/nope');
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('not_found');
  });
});
