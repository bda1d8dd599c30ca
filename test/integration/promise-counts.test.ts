import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The counts in docs/promises/README.md are the traces' own: a row added, removed or given
 * another status without the table following would make the README say what the traces do not.
 */
const statuses = ['enforced', 'shown', 'msp', 'not done'] as const;
const cells = (line: string) => line.split('|').map((c) => c.trim().replace(/\*/g, ''));

function countsOf(slug: string): number[] {
  const rows = readFileSync(`docs/promises/${slug}.md`, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('|') && !l.startsWith('|---') && !l.startsWith('| Promise'))
    .map((l) => cells(l)[3] ?? '');
  return [rows.length, ...statuses.map((s) => rows.filter((r) => r === s).length)];
}

describe('the promise traces’ counts', () => {
  const readme = readFileSync('docs/promises/README.md', 'utf8');
  const table = readme
    .split('\n')
    .filter((l) => /^\| [^|]+ \| \**\d+\** \|/.test(l))
    .map(cells);
  const traces = readme
    .split('\n')
    .map((l) => /^\| ([^|]+) \| `\d{3}_[0-9a-f]+\.txt` \| \[([a-z-]+)\.md\]/.exec(l))
    .filter((m) => m !== null)
    .map((m) => ({ name: m[1]?.trim() ?? '', slug: m[2] ?? '' }));

  it('lists each tenant once, and the total', () => {
    expect(traces).toHaveLength(5);
    expect(table.map((r) => r[1])).toEqual([...traces.map((t) => t.name), 'All five']);
  });

  it('gives each tenant’s rows and statuses as its trace holds them, and their sum', () => {
    const total = [0, 0, 0, 0, 0];
    for (const { name, slug } of traces) {
      const counts = countsOf(slug);
      counts.forEach((n, i) => {
        total[i] = (total[i] ?? 0) + n;
      });
      const row = table.find((r) => r[1] === name);
      expect(row?.slice(2, 7).map(Number), name).toEqual(counts);
    }
    expect(
      table
        .find((r) => r[1] === 'All five')
        ?.slice(2, 7)
        .map(Number),
    ).toEqual(total);
  });
});
