/**
 * A Lambda parses each zod schema a handful of times per cold start (config, tenant policies, a
 * few requests), so zod's JIT (on an object schema's first parse it compiles a fast path with
 * `new Function`) costs more than it saves there: turning it off took about a tenth off each
 * bundle's own import time (BENCHMARKS.md, "Lambda bundles"). Imported first by runtime.ts, before
 * anything is parsed; the local server and the tests keep the default.
 */
import * as z from 'zod';

z.config({ jitless: true });
