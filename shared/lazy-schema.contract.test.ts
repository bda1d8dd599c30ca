import { readdirSync } from 'node:fs';
import { types } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';

/**
 * Every module whose schemas are built on first use (lazySchema): the HTTP contract, the mail
 * tools' and exports' APIs, the tenant policy and its systems. Each is imported twice: as it is,
 * and with lazySchema building at once (as the module was written before); every exported schema
 * must convert to the same JSON Schema, byte for byte (what the OpenAPI documents are made of),
 * and importing them must build none of them.
 */
const folder = (dir: string) =>
  readdirSync(new URL(dir, import.meta.url))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => `${dir}/${f}`);
const MODULES = [
  './portal-api.ts',
  ...folder('./portal-api'),
  './complaints/complaint-api.ts',
  './admin-api.ts',
  ...folder('./admin-api'),
  './mailer-api.ts',
  './exports/export-api.ts',
  './policy/schema.ts',
  './policy/fees.ts',
  './systems/declaration.ts',
  './systems/rest-declaration.ts',
];

type Exports = Record<string, unknown>;
async function importAll(lazySchema: (build: () => object) => object): Promise<Exports[]> {
  vi.resetModules();
  vi.doMock('./lazy-schema.ts', () => ({ lazySchema }));
  return Promise.all(MODULES.map((m) => import(m) as Promise<Exports>));
}

const jsonSchemas = (schema: z.ZodType) =>
  (['input', 'output'] as const).map((io) => JSON.stringify(z.toJSONSchema(schema, { io, unrepresentable: 'any' })));

describe('schemas built on first use', () => {
  afterEach(() => {
    vi.doUnmock('./lazy-schema.ts');
    vi.resetModules();
  });

  it('builds no schema at import', async () => {
    const { lazySchema } = await vi.importActual<typeof import('./lazy-schema.ts')>('./lazy-schema.ts');
    let builds = 0;
    const lazy = await importAll((build) =>
      lazySchema(() => {
        builds++;
        return build();
      }),
    );
    expect(builds).toBe(0);
    // Touching one builds it and what it is made of, not the rest.
    const portal = lazy[0] as { LinkRequest: z.ZodType };
    expect(portal.LinkRequest.safeParse({ email: 'ada@example.org' }).success).toBe(true);
    expect(builds).toBeGreaterThan(0);
    expect(builds).toBeLessThan(5);
  });

  it('converts every exported schema to the same JSON Schema as the schemas built at import', async () => {
    const { lazySchema } = await vi.importActual<typeof import('./lazy-schema.ts')>('./lazy-schema.ts');
    const lazy = await importAll(lazySchema);
    const eager = await importAll((build) => build());
    let compared = 0;
    for (const [i, module] of MODULES.entries()) {
      for (const [name, value] of Object.entries(eager[i] ?? {})) {
        if (!(value instanceof z.ZodType)) continue;
        const standIn = lazy[i]?.[name];
        // The one a stand-in, the other the schema itself: else the comparison would prove nothing.
        expect(types.isProxy(standIn), `${module} ${name}`).toBe(true);
        expect(types.isProxy(value), `${module} ${name}`).toBe(false);
        expect(jsonSchemas(standIn as z.ZodType), `${module} ${name}`).toEqual(jsonSchemas(value));
        compared++;
      }
    }
    // Every schema of these modules, not a few: they export over 150.
    expect(compared).toBeGreaterThan(150);
  });
});
