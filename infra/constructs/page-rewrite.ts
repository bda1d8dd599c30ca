import { Function as EdgeFunction, FunctionCode, FunctionRuntime } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * Viewer-request code (cloudfront-js-2.0): the page's own paths (`/`, `/t/<slug>`, `/t/<slug>/...`
 * without a file extension) are served by index.html, where the single-page app routes them.
 */
export const pageRewriteCode = `function handler(event) {
  var request = event.request;
  if (/^\\/(t\\/[a-z0-9-]+(\\/[^.]*)?)?$/.test(request.uri)) {
    request.uri = '/index.html';
  }
  return request;
}`;

export function pageRewriteFunction(scope: Construct, id: string): EdgeFunction {
  return new EdgeFunction(scope, id, {
    comment: 'Serves index.html for the page paths',
    runtime: FunctionRuntime.JS_2_0,
    code: FunctionCode.fromInline(pageRewriteCode),
  });
}
