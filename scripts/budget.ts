/**
 * Budget check, by size (stable on a busy machine), after `npm run build:web`, for each page:
 * - the subject page (index.html): the JavaScript every visit loads (the entry chunk and what it
 *   imports statically) stays under 11 kB gzip: that is what a subject on a phone waits for
 *   before seeing the sign-in form; with the signed-in view ("your data", its own chunk, which a
 *   signed-in visit preloads with the page) under 18.5 kB; all JavaScript, including chunks loaded on demand (e.g. the
 *   request forms), under 30 kB; CSS under 5 kB;
 * - the staff page (admin.html): every visit under 25 kB, all its JavaScript under 48 kB, its CSS
 *   (styles.css and admin.css) under 6 kB. The "all" figure counts every staff screen, each loaded
 *   only when opened (December 2026: the audit trail browser, retention and marketing on the
 *   person page took it from 39.3 to 42.8 kB; complaints and connected-system progress are next),
 *   so it was raised from 40 to 48 kB; what a visit waits for stays under 25 kB.
 * - the subject page's first visit as CloudFront sends it (Brotli, and only files of 1,000 bytes or
 *   more): its HTML, CSS and every-visit JavaScript under 12 kB, so that with the responses'
 *   headers and the centre's details (`GET /api/t/<slug>`, about 1 kB) it fits in the first
 *   window a new TCP connection may send (10 segments, 14,600 bytes; RFC 6928). At 56 bytes over
 *   that window the sign-in page waited one more round trip, and Lighthouse's LCP went from
 *   1.10 to 1.23 s on that round's bench (BENCHMARKS.md, issue 17, eleventh round; the twelfth
 *   round's bench, as Lighthouse launches Chromium, measures both pages slower).
 * The two pages share no file: the subject page never loads a chunk of the staff page.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { asCloudFrontSends } from '../functions/local/compress.ts';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

/**
 * kB gzip. Raised in December 2026 from 15 (subject, every visit) and 48 (staff, all JS): "your
 * data" now names the connected systems that hold the person's data, every limited text box counts
 * as you type, and staff work connected systems, duplicates, fees and the new outcomes from the
 * request page; those rarer forms load on first offer, so a staff visit still loads under 25 kB
 * (BENCHMARKS.md). All staff JS 56 → 57 kB: someone acting for the person is flagged in the queue
 * and their authority check recorded from the request (a rarer form, loaded on first offer), and a bare 429 worded from its Retry-After: 56.4 kB.
 */
const pages: {
  name: string;
  entry: string;
  every: number;
  all: number;
  css: number;
  /** A view most visits need straight after the page, loaded on demand: every visit plus it. */
  signedIn?: { view: string; limit: number };
  /** kB Brotli, as CloudFront sends them: the HTML, CSS and every-visit JS of a first visit (its first TCP window). */
  firstWindow?: number;
}[] = [
  // every 15.5 → 11 when "your data" became its own chunk: a first visit (the sign-in form) loads 9.8 kB.
  // signedIn: a visit that is signed in loads "your data" too (preloaded with the page): 17.0 kB.
  // signedIn 17.5 → 18: London dates and times written without Intl (shared/uk-time.ts, 0.3 kB),
  // whose first use cost the page 17-40 ms of its first task, and "your data" drawn in shorter
  // tasks (0.2 kB): 18.0 kB (BENCHMARKS.md, "your data" in Lighthouse). 18 → 18.5: the title and
  // first line of "your data" drawn from the page's first script as soon as the data is there,
  // before the view's (0.15 kB): 18.15 kB, its LCP a tenth of a second sooner (the same section).
  // 18.5 → 18.625: a kind of data held only in a connected system counts as held (it was listed
  // under "What we hold nothing about you for"), and dates read as dates: 19,007 bytes.
  {
    name: 'Subject page',
    entry: 'index.html',
    every: 11,
    // all 30 → 30.5: "You have signed out." after Sign out, the not-found page of a centre, the
    // link page taking a token from a changed fragment (BENCHMARKS.md, budgets raised): 30,770 bytes.
    all: 30.5,
    css: 5,
    signedIn: { view: 'src/components/my-data/index.tsx', limit: 18.625 },
    firstWindow: 12,
  },
  // all: 57 from 56 when the person page gained "Log an erasure of this record" (issue 15, BENCHMARKS.md).
  // every 25 → 16 and all 57 → 61 when the request page became its own chunk: a staff visit now
  // loads 14.2 kB, and every chunk together 60.0 kB after issues 15, 16 and 18 merged (BENCHMARKS.md).
  // all 61 → 62: the staff page's copy of the subject page's date words now carries London time
  // without Intl (shared/uk-time.ts), and its own dates and counts use it too: 61.1 kB.
  // all 62 → 62.5: a complaint has an address of its own (…/admin/complaints/<subject>/<id>), so
  // staff can link to one, reload it and go back from it: 62.1 kB (BENCHMARKS.md, budgets raised).
  // all 62.5 → 62.75: the person page names what the connected systems held at the last search
  // (it said "Nothing held in" a kind Xero held), and the complaint form asks who made the
  // complaint, not the request: 64,033 bytes.
  // all 62.75 → 63: a third user trial's fixes to the request page (the erase question names what
  // becomes a handler's task, the "what happened there" choice is the handler's, an erasure's note
  // asks whether the data is erased, a refusal is not called a change made meanwhile): 64,346 bytes.
  { name: 'Staff page', entry: 'admin.html', every: 16, all: 63, css: 6 },
];

const dist = 'web/dist';
let manifest: Record<string, Chunk>;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
} catch {
  console.error(`${dist}/.vite/manifest.json is missing: run npm run build:web first`);
  process.exit(1);
}
const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + gz(f), 0);
/** Bytes of a file as CloudFront sends it to a browser that takes Brotli. */
function asSent(file: string): number {
  const body = readFileSync(join(dist, file));
  return (asCloudFrontSends(body, 'br') ?? body).length;
}
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

/** The files reachable from a manifest key: by static imports only, or with `dynamic`, on demand too. */
function reach(key: string, dynamic: boolean, files = new Set<string>()): Set<string> {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return files;
  files.add(chunk.file);
  for (const file of chunk.css ?? []) files.add(file);
  for (const next of [...(chunk.imports ?? []), ...(dynamic ? (chunk.dynamicImports ?? []) : [])]) reach(next, dynamic, files);
  return files;
}

let failed = false;
const reached = new Map<string, Set<string>>();
for (const page of pages) {
  if (!manifest[page.entry]?.isEntry) {
    console.error(`OVER ${page.name}: ${page.entry} is not an entry of the build`);
    failed = true;
    continue;
  }
  const initial = [...reach(page.entry, false)].filter((f) => f.endsWith('.js'));
  const all = reach(page.entry, true);
  reached.set(page.entry, all);
  const js = [...all].filter((f) => f.endsWith('.js'));
  const checks: { name: string; bytes: number; limit: number; encoding?: string }[] = [
    { name: 'JS every visit loads', bytes: sum(initial), limit: page.every * 1024 },
    { name: 'JS in all, with on-demand chunks', bytes: sum(js), limit: page.all * 1024 },
    { name: 'CSS', bytes: sum([...all].filter((f) => f.endsWith('.css'))), limit: page.css * 1024 },
    ...(page.signedIn
      ? [
          {
            name: 'JS a signed-in visit loads',
            bytes: sum(new Set([...initial, ...[...reach(page.signedIn.view, false)].filter((f) => f.endsWith('.js'))])),
            limit: page.signedIn.limit * 1024,
          },
        ]
      : []),
    ...(page.firstWindow
      ? [
          {
            name: 'first visit: HTML, CSS, JS as sent',
            bytes: [page.entry, ...reach(page.entry, false)].reduce((n, f) => n + asSent(f), 0),
            limit: page.firstWindow * 1024,
            encoding: 'Brotli',
          },
        ]
      : []),
  ];
  console.log(`${page.name} (${page.entry})`);
  for (const check of checks) {
    const ok = check.bytes <= check.limit;
    failed ||= !ok;
    console.log(
      `${ok ? 'ok  ' : 'OVER'} ${check.name.padEnd(34)} ${kB(check.bytes)} ${check.encoding ?? 'gzip'}, ${check.bytes} of ${check.limit} bytes (budget ${check.limit / 1024} kB)`,
    );
  }
  for (const file of js.filter((f) => !initial.includes(f))) console.log(`     on demand: ${file} ${kB(gz(file))}`);
}

const [subject, staff] = pages.map((p) => reached.get(p.entry) ?? new Set<string>());
const shared = [...(subject ?? [])].filter((f) => staff?.has(f));
if (shared.length > 0) {
  failed = true;
  console.log(`OVER the subject page loads files of the staff page: ${shared.join(', ')}`);
}
process.exit(failed ? 1 : 0);
