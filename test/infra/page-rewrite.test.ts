import { describe, expect, it } from 'vitest';
import { pageRewriteCode } from '../../infra/constructs/page-rewrite.ts';

type Handler = (event: { request: { uri: string } }) => { uri: string };
const handler = new Function(`${pageRewriteCode}; return handler;`)() as Handler;
const rewrite = (uri: string) => handler({ request: { uri } }).uri;

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
  ])('serves index.html for %s', (uri) => {
    expect(rewrite(uri)).toBe('/index.html');
  });

  it.each([
    '/t/it-mk/admin',
    '/t/it-mk/admin/',
    '/t/it-mk/admin/requests',
    '/t/northgate-it/admin/requests/IPM-2026-000001',
    '/t/admin/admin',
    '/t/it-mk/admin/staff/new',
  ])('serves admin.html for %s', (uri) => {
    expect(rewrite(uri)).toBe('/admin.html');
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
  ])('leaves %s alone', (uri) => {
    expect(rewrite(uri)).toBe(uri);
  });
});
