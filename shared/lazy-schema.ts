/**
 * A schema built on first use rather than when its module loads. Building zod schemas is most of
 * what a function's bundle does at import beyond loading the SDK (BENCHMARKS.md, "Lambda
 * bundles"), and most of the HTTP contract's schemas serve one route each, or only the OpenAPI
 * document: a cold start should build only those of the request it serves.
 *
 * The value stands in for the schema itself (every property, method and `instanceof` check goes
 * to the built schema), so modules declare and use it as before: `export const X = lazySchema(() =>
 * z.object({ … }))`, `X.safeParse(…)`, `z.infer<typeof X>`. A schema built from other lazy ones
 * builds them when it is built. Not for a schema that `.meta()` or `.describe()` is called on
 * from outside its builder (zod's registry would key the stand-in, not the schema).
 *
 * Declare each as `/* @__PURE__ *\/ lazySchema(…)`: a call at the top of a module is otherwise
 * kept in every bundle that imports the module, in case it has an effect, and with it every schema
 * it names; marked pure, esbuild leaves out a schema the bundle never uses (the systems'
 * declarations in the portal: issue 13's budget). lazy-schema.test.ts checks every declaration.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => {
    if (!built) {
      built = build();
      sameInJsonSchema(built, standIn);
    }
    return built;
  };
  const standIn: T = new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      // A proxy may not call a property non-configurable that its own (empty) target lacks.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
  });
  return standIn;
}

interface JsonSchemaContext {
  seen: Map<unknown, unknown>;
}
type Processor = (ctx: JsonSchemaContext, ...rest: unknown[]) => unknown;

/**
 * `z.toJSONSchema` notes each schema it meets (the stand-in, when a parent holds one) and then has
 * the schema's own converter look itself up under its own identity: make the note found under both.
 */
function sameInJsonSchema(built: object, standIn: object): void {
  const internals = (built as { _zod?: { processJSONSchema?: Processor } })._zod;
  const convert = internals?.processJSONSchema;
  if (!internals || !convert) return;
  internals.processJSONSchema = (ctx, ...rest) => {
    if (!ctx.seen.has(built) && ctx.seen.has(standIn)) ctx.seen.set(built, ctx.seen.get(standIn));
    return convert(ctx, ...rest);
  };
}
