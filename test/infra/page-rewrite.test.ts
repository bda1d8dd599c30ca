import { describe, expect, it } from 'vitest';
import { notFoundPageHtml } from '../../functions/local/not-found-page.tsx';
import { pageRewriteCode, tenantSlugsData } from '../../infra/constructs/page-rewrite.ts';
import { pageRewriteHandler } from './page-rewrite-harness.ts';

const handler = pageRewriteHandler(pageRewriteCode, ['it-mk', 'northgate-it', 'admin']);
const rewrite = async (uri: string) => {
  const result = await handler(uri);
  if (!('uri' in result)) throw new Error(`${uri} answered ${result.statusCode}`);
  return result.uri;
};

describe('the CloudFront page rewrite', () => {
  it.each([
    '/',
    '/t/it-mk',
    '/t/it-mk/',
    '/t/it-mk/verify',
    '/t/northgate-it/requests/new',
    // Not the staff pages: "admin" must be a whole path segment right after the tenant.
    '/t/it-mk/administrator',
    '/t/it-mk/admins',
    '/t/it-mk/requests/admin',
    '/t/admin',
    '/t/admin/',
  ])('serves index.html for %s', async (uri) => {
    expect(await rewrite(uri)).toBe('/index.html');
  });

  it.each([
    '/t/it-mk/admin',
    '/t/it-mk/admin/',
    '/t/it-mk/admin/requests',
    '/t/northgate-it/admin/requests/IPM-2026-000001',
    '/t/admin/admin',
    '/t/it-mk/admin/staff/new',
  ])('serves admin.html for %s', async (uri) => {
    expect(await rewrite(uri)).toBe('/admin.html');
  });

  it.each([
    '/index.html',
    '/admin.html',
    '/assets/index-abc123.js',
    '/assets/admin-abc123.css',
    '/favicon.svg',
    '/t/it-mk/logo.svg',
    '/t/it-mk/admin.css',
    '/t/it-mk/admin.html',
    '/t/it-mk/admin/app.js',
    '/t/IT_MK',
    '/t/IT_MK/admin',
    '/robots.txt',
    '/admin',
  ])('leaves %s alone', async (uri) => {
    expect(await rewrite(uri)).toBe(uri);
  });

  it.each([
    '/t/no-such-tenant',
    '/t/no-such-tenant/',
    '/t/no-such-tenant/verify',
    '/t/no-such-tenant/admin',
    '/t/no-such-tenant/admin/requests',
    '/t/it-mk-old/',
  ])('answers %s, a slug no tenant has, with the plain 404 page', async (uri) => {
    const result = await handler(uri);
    expect(result).toEqual({
      statusCode: 404,
      statusDescription: 'Not Found',
      headers: { 'content-type': { value: 'text/html; charset=utf-8' }, 'cache-control': { value: 'no-cache' } },
      body: notFoundPageHtml,
    });
  });

  it('fills the key value store with one key per tenant slug, in the format CloudFront imports', () => {
    expect(JSON.parse(tenantSlugsData(['it-mk', 'northgate-it']))).toEqual({
      data: [
        { key: 'it-mk', value: 'tenant' },
        { key: 'northgate-it', value: 'tenant' },
      ],
    });
  });
});
