import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { esbuildOptions, NO_JSON_SCHEMA_MESSAGE } from '../../infra/bundling.ts';
import { fromRoot } from '../../infra/paths.ts';

/** Bundles `source` (an entry point, removed after) as a Lambda is bundled, runs it, gives what it printed. */
async function bundleAndRun(source: string): Promise<{ printed: string; bundle: string }> {
  // Inside the repository, so the entry resolves packages from its node_modules.
  mkdirSync(fromRoot('node_modules', '.cache'), { recursive: true });
  const dir = mkdtempSync(fromRoot('node_modules', '.cache', 'bundling-test-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(entry, source);
  const outfile = join(dir, 'out', 'index.mjs');
  try {
    const result = await build(esbuildOptions(entry, outfile));
    expect(result.warnings).toEqual([]);
    const printed = execFileSync(process.execPath, [outfile], { cwd: fromRoot(), encoding: 'utf8' });
    return { printed, bundle: readFileSync(outfile, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the Lambda bundles’ zod', () => {
  it('validates as ever, builds schemas of every kind, and has no JSON Schema converter: asking for one fails plainly', async () => {
    const { printed, bundle } = await bundleAndRun(`
      import * as z from 'zod';
      const Person = z.object({ name: z.string().min(2), age: z.number().int().optional(), tags: z.array(z.enum(['a', 'b'])),
        at: z.iso.datetime(), kind: z.union([z.literal('x'), z.literal('y')]), n: z.coerce.number().default(1) }).strict();
      console.log(JSON.stringify([Person.safeParse({ name: 'Al', tags: ['a'], at: '2026-12-04T10:00:00Z', kind: 'x' }).success,
        Person.safeParse({ name: 'A', tags: [], at: 'no', kind: 'z' }).error.issues.length, typeof Person['~standard'].validate]));
      for (const ask of [() => z.toJSONSchema(Person), () => Person.toJSONSchema(), () => Person['~standard'].jsonSchema.input({ target: 'draft-2020-12' })]) {
        try { ask(); console.log('converted'); } catch (error) { console.log(error.message); }
      }
    `);
    const [parsed, ...asked] = printed.trim().split('\n');
    expect(JSON.parse(parsed as string)).toEqual([true, 3, 'function']);
    expect(asked).toEqual([NO_JSON_SCHEMA_MESSAGE, NO_JSON_SCHEMA_MESSAGE, NO_JSON_SCHEMA_MESSAGE]);
    // zod's converter is not in the bundle: one of its messages would be.
    expect(bundle).not.toContain('cannot be represented in JSON Schema');
  });
});
