/**
 * Viewer-response code (cloudfront-js-2.0) for the page paths: a `Link` header that has the
 * browser preload the data the page asks for first, so the request starts with the page instead
 * of after the page's script has loaded and run (one round trip or more on a phone):
 *
 * - every subject page path under `/t/<slug>` preloads the centre's public details
 *   (`/api/t/<slug>`, which the page fetches at once and whose footer is the sign-in page's largest
 *   paint);
 * - the home (`/t/<slug>` or `/t/<slug>/`) also preloads `GET /me` when the request carries that
 *   centre's session cookie (without it the page shows the sign-in form and asks nothing), and the
 *   script of the signed-in view ("your data"), which a first visit never loads (`signedInModules`).
 *
 * `as=fetch; crossorigin` matches the page's own `fetch()` (same origin, credentials
 * same-origin), so the browser uses the preloaded answer instead of asking twice. Staff pages,
 * assets and anything not 200 are left alone. The local server runs this same code
 * (functions/local/page-preload.ts), so what is measured locally is what CloudFront sends.
 */
export function pagePreloadCode(signedIn: string[] = []): string {
  const modules = signedIn.map((file) => `<${file}>; rel=modulepreload`);
  return `var signedIn = ${JSON.stringify(modules)};
function handler(event) {
  var response = event.response;
  var page = /^\\/t\\/([a-z0-9-]+)(\\/[^.]*)?$/.exec(event.request.uri);
  if (!page || response.statusCode !== 200 || /^\\/admin(\\/|$)/.test(page[2] || '')) return response;
  var api = '/api/t/' + page[1];
  var links = ['<' + api + '>; rel=preload; as=fetch; crossorigin'];
  var cookies = event.request.cookies || {};
  if ((page[2] || '/') === '/' && (cookies['__Host-pc_' + page[1]] || cookies['pc_' + page[1]])) {
    links.push('<' + api + '/me>; rel=preload; as=fetch; crossorigin');
    links = links.concat(signedIn);
  }
  response.headers['link'] = { value: links.join(', ') };
  return response;
}`;
}

/** A chunk of Vite's build manifest (web/dist/.vite/manifest.json), as far as read here. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The signed-in view's module: the subject page loads it on demand (web/src/main.tsx). */
export const SIGNED_IN_VIEW = 'src/components/my-data/index.tsx';

/**
 * The scripts the signed-in view needs beyond what the subject page loads every visit: its own
 * chunk and the chunks it imports statically, as root-relative paths (`/assets/…`). Empty if the
 * build has no such chunk (the view is back in the page's own script).
 */
export function signedInModules(manifest: Record<string, ManifestChunk>): string[] {
  const every = new Set<string>();
  const visit = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(key)) return;
    into.add(key);
    for (const next of chunk.imports ?? []) visit(next, into);
  };
  visit('index.html', every);
  const view = new Set<string>();
  visit(SIGNED_IN_VIEW, view);
  return [...view].filter((key) => !every.has(key)).map((key) => `/${(manifest[key] as ManifestChunk).file}`);
}
