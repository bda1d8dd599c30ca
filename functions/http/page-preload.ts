/**
 * Viewer-response code (cloudfront-js-2.0) for the page paths: a `Link` header that has the
 * browser fetch what the page needs first with the page itself, instead of once the HTML has been
 * parsed, or once the page's script has loaded and run (one round trip or more on a phone):
 *
 * - every subject page path under `/t/<slug>` preloads the page's own scripts (its entry chunk and
 *   what that imports, `pageModules.every`: the browser would otherwise ask for them only after
 *   reading the HTML), then the centre's public details (`/api/t/<slug>`, which the page fetches
 *   at once and whose footer is the sign-in page's largest paint);
 * - the home (`/t/<slug>` or `/t/<slug>/`) also preloads `GET /me` when the request carries that
 *   centre's session cookie (without it the page shows the sign-in form and asks nothing), and the
 *   script of the signed-in view ("your data"), which a first visit never loads (`signedIn`).
 *
 * `as=fetch; crossorigin` matches the page's own `fetch()` (same origin, credentials
 * same-origin), and `rel=modulepreload` the page's `<script type="module" crossorigin>`, so the
 * browser uses each preloaded answer instead of asking twice. Staff pages, assets and anything not
 * 200 are left alone. The local server runs this same code (functions/local/page-preload.ts), so
 * what is measured locally is what CloudFront sends.
 */
export function pagePreloadCode(modules: PageModules = { every: [], signedIn: [] }): string {
  const link = (files: string[]) => files.map((file) => `<${file}>; rel=modulepreload`);
  return `var every = ${JSON.stringify(link(modules.every))};
var signedIn = ${JSON.stringify(link(modules.signedIn))};
function handler(event) {
  var response = event.response;
  var page = /^\\/t\\/([a-z0-9-]+)(\\/[^.]*)?$/.exec(event.request.uri);
  if (!page || response.statusCode !== 200 || /^\\/admin(\\/|$)/.test(page[2] || '')) return response;
  var api = '/api/t/' + page[1];
  var links = every.concat(['<' + api + '>; rel=preload; as=fetch; crossorigin']);
  var cookies = event.request.cookies || {};
  if ((page[2] || '/') === '/' && (cookies['__Host-pc_' + page[1]] || cookies['pc_' + page[1]])) {
    links.push('<' + api + '/me>; rel=preload; as=fetch; crossorigin');
    links = links.concat(signedIn);
  }
  response.headers['link'] = { value: links.join(', ') };
  return response;
}`;
}

/** The scripts the preload names, as root-relative paths (`/assets/…`). */
export interface PageModules {
  /** The subject page's own: what every visit loads. */
  every: string[];
  /** The signed-in view's, beyond those. */
  signedIn: string[];
}

/** A chunk of Vite's build manifest (web/dist/.vite/manifest.json), as far as read here. */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

/** The signed-in view's module: the subject page loads it on demand (web/src/main.tsx). */
export const SIGNED_IN_VIEW = 'src/components/my-data/index.tsx';

/** The manifest keys reachable from `key` by static imports. */
function staticallyReached(manifest: Record<string, ManifestChunk>, key: string, into = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || into.has(key)) return into;
  into.add(key);
  for (const next of chunk.imports ?? []) staticallyReached(manifest, next, into);
  return into;
}

/**
 * The subject page's scripts in a build: those every visit loads (the entry chunk of index.html
 * and what it imports statically), and those the signed-in view needs beyond them (its own chunk
 * and what it imports; none if the build has no such chunk, the view being in the page's script).
 */
export function pageModules(manifest: Record<string, ManifestChunk>): PageModules {
  const every = staticallyReached(manifest, 'index.html');
  const path = (key: string) => `/${(manifest[key] as ManifestChunk).file}`;
  return {
    every: [...every].map(path),
    signedIn: [...staticallyReached(manifest, SIGNED_IN_VIEW)].filter((key) => !every.has(key)).map(path),
  };
}
