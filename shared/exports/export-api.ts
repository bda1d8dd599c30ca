import * as z from 'zod';
import { lazySchema } from '../lazy-schema.ts';

/**
 * The export routes' response schemas (staff: `…/admin/subjects/<sid>/requests/<rid>/exports`;
 * subject: `…/me/requests/<rid>/exports`). The pages import their types only.
 */

export const ExportProgressSchema = /* @__PURE__ */ lazySchema(() =>
  z.object({
    step: z.enum(['waiting', 'json', 'csv', 'summary', 'done']),
    records: z.number(),
    categoriesDone: z.number(),
    categoriesTotal: z.number(),
  }),
);

export const StaffExport = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    kind: z.enum(['access', 'portability']),
    status: z.enum(['queued', 'building', 'ready', 'failed']),
    createdAt: z.string(),
    requestedBy: z.string(),
    progress: ExportProgressSchema,
    attempts: z.number(),
    /** When its latest build began: it reads the request's connected systems then. */
    startedAt: z.string().optional(),
    finishedAt: z.string().optional(),
    /** Bytes of the ZIP. */
    size: z.number().optional(),
    downloadUntil: z.string().optional(),
    /** The subject's download has expired. */
    expired: z.boolean(),
    /** Why the build failed, in plain words. */
    failure: z.string().optional(),
  }),
);
export type StaffExport = z.infer<typeof StaffExport>;

export const StaffExportList = /* @__PURE__ */ lazySchema(() =>
  z.object({
    exports: z.array(StaffExport),
    /** Whether this member of staff may start an export of this request now, and if not why not. */
    canStart: z.boolean(),
    reason: z.string().optional(),
  }),
);
export type StaffExportList = z.infer<typeof StaffExportList>;

export const SubjectExport = /* @__PURE__ */ lazySchema(() =>
  z.object({
    id: z.string(),
    kind: z.enum(['access', 'portability']),
    /** preparing: not ready yet; ready: downloadable until `availableUntil`; expired: ask for a new copy. */
    status: z.enum(['preparing', 'ready', 'expired']),
    createdAt: z.string(),
    size: z.number().optional(),
    availableUntil: z.string().optional(),
    /** Where the browser downloads it (while signed in). */
    downloadUrl: z.string().optional(),
  }),
);
export type SubjectExport = z.infer<typeof SubjectExport>;

export const SubjectExportList = /* @__PURE__ */ lazySchema(() => z.object({ exports: z.array(SubjectExport) }));
export type SubjectExportList = z.infer<typeof SubjectExportList>;
