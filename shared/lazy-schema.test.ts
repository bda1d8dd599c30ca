import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { lazySchema } from './lazy-schema.ts';

describe('lazySchema', () => {
  it('builds the schema on first use, once, and stands in for it: parsing, instanceof, shape, composition, JSON Schema', () => {
    let builds = 0;
    const Name = lazySchema(() => {
      builds++;
      return z.string().trim().min(1, { error: 'Give a name' });
    });
    const Person = lazySchema(() => z.strictObject({ name: Name, age: z.number().int().optional() }));
    expect(builds).toBe(0);

    expect(Person.parse({ name: '  Ada ' })).toEqual({ name: 'Ada' });
    expect(builds).toBe(1);
    const refused = Person.safeParse({ name: ' ', extra: 1 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.message)).toContain('Give a name');
    expect(Person instanceof z.ZodObject).toBe(true);
    expect(Object.keys(Person.shape)).toEqual(['name', 'age']);
    expect(Person.extend({ email: z.email() }).safeParse({ name: 'Ada', email: 'a@b.example' }).success).toBe(true);
    expect(z.toJSONSchema(Person)).toMatchObject({ type: 'object', required: ['name'], additionalProperties: false });
    expect(builds).toBe(1);
  });

  it('converts to the same JSON Schema as the schema built at once, where zod looks a schema up under its own identity', () => {
    const eager = z.strictObject({ note: z.string().trim().max(10).optional(), tags: z.array(z.string()).optional() });
    const Note = lazySchema(() => z.string().trim().max(10).optional());
    const lazy = lazySchema(() => z.strictObject({ note: Note, tags: z.array(z.string()).optional() }));
    for (const io of ['input', 'output'] as const) {
      expect(z.toJSONSchema(lazy, { io })).toEqual(z.toJSONSchema(eager, { io }));
      expect(z.toJSONSchema(Note, { io })).toEqual(z.toJSONSchema(z.string().trim().max(10).optional(), { io }));
    }
  });

  it('is marked pure wherever a schema is declared with it, so a bundle that never uses one leaves it out', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
      );
    const unmarked = ['shared', 'functions', 'web/src']
      .flatMap(sources)
      .filter((file) => !file.endsWith('lazy-schema.ts') && !file.endsWith('.test.ts'))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => /\blazySchema\(/.test(line) && !/\/\* @__PURE__ \*\/ lazySchema\(/.test(line))
          .map((line) => `${file}: ${line.trim()}`),
      );
    expect(unmarked).toEqual([]);
  });
});
