/**
 * Viewer-response code (cloudfront-js-2.0) for the page paths: a `Link` header that has the
 * browser preload the data the page asks for first, so the request starts with the page instead
 * of after the page's script has loaded and run (one round trip or more on a phone):
 *
 * - every subject page path under `/t/<slug>` preloads the centre's public details
 *   (`/api/t/<slug>`, which the page fetches at once and whose footer is the sign-in page's largest
 *   paint);
 * - the home (`/t/<slug>` or `/t/<slug>/`) also preloads `GET /me` when the request carries that
 *   centre's session cookie (without it the page shows the sign-in form and asks nothing).
 *
 * `as=fetch; crossorigin` matches the page's own `fetch()` (same origin, credentials
 * same-origin), so the browser uses the preloaded answer instead of asking twice. Staff pages,
 * assets and anything not 200 are left alone. The local server runs this same code
 * (functions/local/page-preload.ts), so what is measured locally is what CloudFront sends.
 */
export const pagePreloadCode = `function handler(event) {
  var response = event.response;
  var page = /^\\/t\\/([a-z0-9-]+)(\\/[^.]*)?$/.exec(event.request.uri);
  if (!page || response.statusCode !== 200 || /^\\/admin(\\/|$)/.test(page[2] || '')) return response;
  var api = '/api/t/' + page[1];
  var links = ['<' + api + '>; rel=preload; as=fetch; crossorigin'];
  var cookies = event.request.cookies || {};
  if ((page[2] || '/') === '/' && (cookies['__Host-pc_' + page[1]] || cookies['pc_' + page[1]])) {
    links.push('<' + api + '/me>; rel=preload; as=fetch; crossorigin');
  }
  response.headers['link'] = { value: links.join(', ') };
  return response;
}`;
