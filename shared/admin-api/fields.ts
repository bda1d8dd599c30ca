import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';
import { grouped } from '../uk-time.ts';

/** Field builders the staff schemas share. */

/** A value of a record's field. */
export const RecordValue = /* @__PURE__ */ lazySchema(() => z.union([z.string(), z.number(), z.boolean()]));

/** Required text, trimmed, with the words the page shows when it is missing or too long. */
export const text = (what: string, max = 5000) =>
  z
    .string({ error: `Please give ${what}` })
    .trim()
    .min(1, { error: `Please give ${what}` })
    .max(max, { error: `Keep ${what} under ${grouped(max)} characters` });
