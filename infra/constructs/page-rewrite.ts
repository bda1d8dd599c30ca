import { Function as EdgeFunction, FunctionCode, FunctionRuntime, ImportSource, KeyValueStore } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { type PageModules, pagePreloadCode } from '../../functions/http/page-preload.ts';
import { notFoundPageHtml } from '../../functions/local/not-found-page.tsx';

/** The key value store's contents: one key per tenant slug (the value is not read). */
export function tenantSlugsData(slugs: string[]): string {
  return JSON.stringify({ data: slugs.map((slug) => ({ key: slug, value: 'tenant' })) });
}

/**
 * Viewer-request code (cloudfront-js-2.0) for the page paths, which have no file extension: a
 * page path under a slug that is not in the tenants' key value store gets a plain 404 page (the
 * one the local server sends), instead of an app that would fail on its first API call; the staff
 * pages (`/t/<slug>/admin`, `/t/<slug>/admin/...`) are served by admin.html, every other page path
 * (`/`, `/t/<slug>`, `/t/<slug>/...`) by index.html; each single-page app routes its own paths.
 * Anything with a dot (assets, `/t/<slug>/admin.css`) is left alone.
 */
export const pageRewriteCode = `import cf from 'cloudfront';
var tenants = cf.kvs();
var notFound = {
  statusCode: 404,
  statusDescription: 'Not Found',
  headers: { 'content-type': { value: 'text/html; charset=utf-8' }, 'cache-control': { value: 'no-cache' } },
  body: ${JSON.stringify(notFoundPageHtml)}
};
async function handler(event) {
  var request = event.request;
  var page = /^\\/t\\/([a-z0-9-]+)(\\/[^.]*)?$/.exec(request.uri);
  if (page && !(await tenants.exists(page[1]))) {
    return notFound;
  }
  if (/^\\/t\\/[a-z0-9-]+\\/admin(\\/[^.]*)?$/.test(request.uri)) {
    request.uri = '/admin.html';
  } else if (page || request.uri === '/') {
    request.uri = '/index.html';
  }
  return request;
}`;

/**
 * The page rewrite and the key value store of tenant slugs it reads. The store starts with the
 * bundled tenants (tenants/<slug>/policy.json); a tenant that exists only as a published policy
 * is added to it by `npm run policy -- publish` (README, "Tenants").
 */
export function pageRewriteFunction(scope: Construct, id: string, slugs: string[]): { fn: EdgeFunction; tenants: KeyValueStore } {
  const tenants = new KeyValueStore(scope, `${id}Tenants`, {
    comment: 'Tenant slugs: a page path under any other slug is answered with a plain 404',
    source: ImportSource.fromInline(tenantSlugsData(slugs)),
  });
  const fn = new EdgeFunction(scope, id, {
    comment: 'A 404 for an unknown tenant; admin.html for the staff page paths, index.html for the other page paths',
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(pageRewriteCode),
    keyValueStore: tenants,
  });
  return { fn, tenants };
}

/**
 * The viewer-response function that adds the page's preload `Link` header
 * (functions/http/page-preload.ts); `modules`: the subject page's scripts in this build.
 */
export function pagePreloadFunction(scope: Construct, id: string, modules: PageModules): EdgeFunction {
  return new EdgeFunction(scope, id, {
    comment: 'Preloads the data a subject page asks for first (Link header)',
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(pagePreloadCode(modules)),
  });
}
