/**
 * Reads Stryker's JSON report (after `stryker run`), prints the mutation score per file and every
 * surviving or uncovered mutant, and fails when a file scores under the floor (85 %).
 * `npm run test:mutation` runs both. Survivors left are named, with why, in TESTING.md.
 */
import { readFileSync } from 'node:fs';

const FLOOR = 85;
const REPORT = 'reports/mutation/mutation.json';

interface Mutant {
  mutatorName: string;
  replacement?: string;
  status: 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';
  location: { start: { line: number; column: number } };
}

const report = JSON.parse(readFileSync(REPORT, 'utf8')) as { files: Record<string, { source: string; mutants: Mutant[] }> };

const rows: string[] = [];
const left: string[] = [];
let failed = false;
for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const count = (...statuses: Mutant['status'][]) => mutants.filter((m) => statuses.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const valid = detected + count('Survived', 'NoCoverage');
  const score = valid ? (100 * detected) / valid : 100;
  if (score < FLOOR) failed = true;
  rows.push(
    `| \`${file}\` | ${valid} | ${detected} | ${count('Survived')} | ${count('NoCoverage')} | ${score.toFixed(1)} %${score < FLOOR ? ' ✗' : ''} |`,
  );
  const lines = source.split('\n');
  for (const m of mutants.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
    const { line, column } = m.location.start;
    left.push(
      `${file}:${line}:${column} ${m.status} ${m.mutatorName}: ${lines[line - 1]?.trim().slice(0, 110)}\n    → ${m.replacement?.replace(/\s+/g, ' ').slice(0, 110) ?? ''}`,
    );
  }
}

console.log('| file | mutants | killed | survived | no coverage | score |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
if (left.length) console.log(`\nLeft alive (${left.length}):\n${left.join('\n')}`);
if (failed) {
  console.error(`\nA file scores under ${FLOOR} %: kill its survivors, or name them as equivalent in TESTING.md.`);
  process.exit(1);
}
