/**
 * Budget check, by size (stable on a busy machine), after `npm run build:web`:
 * - the JavaScript every visit loads (the entry chunk and what it imports statically) stays
 *   under 15 kB gzip: that is what a subject on a phone waits for before seeing their data;
 * - all JavaScript, including chunks loaded on demand (e.g. the request forms), under 30 kB;
 * - CSS under 5 kB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const dist = 'web/dist';
let manifest: Record<string, Chunk>;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
} catch {
  console.error(`${dist}/.vite/manifest.json is missing: run npm run build:web first`);
  process.exit(1);
}
const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

const initial = new Set<string>();
const visit = (key: string) => {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const next of chunk.imports ?? []) visit(next);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

const allJs = new Set(
  Object.values(manifest)
    .map((c) => c.file)
    .filter((f) => f.endsWith('.js')),
);
const allCss = new Set(Object.values(manifest).flatMap((c) => c.css ?? []));
const sum = (files: Iterable<string>) => [...files].reduce((n, f) => n + gz(f), 0);

const checks = [
  { name: 'JS every visit loads', bytes: sum([...initial].filter((f) => f.endsWith('.js'))), limit: 15 * 1024 },
  { name: 'JS in all, with on-demand chunks', bytes: sum(allJs), limit: 30 * 1024 },
  { name: 'CSS', bytes: sum(allCss), limit: 5 * 1024 },
];
let failed = false;
for (const check of checks) {
  const ok = check.bytes <= check.limit;
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} ${check.name.padEnd(34)} ${(check.bytes / 1024).toFixed(1)} kB gzip (budget ${check.limit / 1024} kB)`,
  );
}
for (const file of [...allJs].filter((f) => !initial.has(f)))
  console.log(`     on demand: ${file} ${(gz(file) / 1024).toFixed(1)} kB`);
process.exit(failed ? 1 : 0);
