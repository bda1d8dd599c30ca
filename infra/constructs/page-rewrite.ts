import { Function as EdgeFunction, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * Viewer-request code (cloudfront-js-2.0) for the page paths, which have no file extension: the
 * staff pages (`/t/<slug>/admin`, `/t/<slug>/admin/...`) are served by admin.html, every other
 * page path (`/`, `/t/<slug>`, `/t/<slug>/...`) by index.html; each single-page app routes its
 * own paths. Anything with a dot (assets, `/t/<slug>/admin.css`) is left alone.
 */
export const pageRewriteCode = `function handler(event) {
  var request = event.request;
  if (/^\\/t\\/[a-z0-9-]+\\/admin(\\/[^.]*)?$/.test(request.uri)) {
    request.uri = '/admin.html';
  } else if (/^\\/(t\\/[a-z0-9-]+(\\/[^.]*)?)?$/.test(request.uri)) {
    request.uri = '/index.html';
  }
  return request;
}`;

export function pageRewriteFunction(scope: Construct, id: string): EdgeFunction {
  return new EdgeFunction(scope, id, {
    comment: 'Serves admin.html for the staff page paths, index.html for the other page paths',
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(pageRewriteCode),
  });
}
