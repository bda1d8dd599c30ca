/**
 * Budget check: the page's JavaScript must stay under 15 kB gzip, its CSS under 5 kB.
 * Sizes, not timings, so it is stable on a busy machine. Run after `npm run build:web`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const budgets = { '.js': 15 * 1024, '.css': 5 * 1024 };
const dir = 'web/dist/assets';
let files: string[];
try {
  files = readdirSync(dir);
} catch {
  console.error(`${dir} is missing: run npm run build:web first`);
  process.exit(1);
}
let failed = false;
for (const [ext, limit] of Object.entries(budgets)) {
  const total = files
    .filter((f) => f.endsWith(ext))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  const ok = total <= limit;
  failed ||= !ok;
  console.log(
    `${ok ? 'ok  ' : 'OVER'} page ${ext.slice(1).padEnd(3)} ${(total / 1024).toFixed(1)} kB gzip (budget ${limit / 1024} kB)`,
  );
}
process.exit(failed ? 1 : 0);
