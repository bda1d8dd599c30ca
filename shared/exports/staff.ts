import { type StaffContext, staffActor } from '../admin/context.ts';
import { loadRequest } from '../admin/detail.ts';
import { newId } from '../crypto.ts';
import type { Deps } from '../deps.ts';
import type { RightsRequest, Subject } from '../entities.ts';
import { DomainError } from '../errors.ts';
import { IDENTITY_FIRST, identityUnconfirmed, isOpen } from '../requests/lifecycle.ts';
import { listStaff } from '../staff/directory.ts';
import { can, requirePermission } from '../staff/permissions.ts';
import type { StaffExport, StaffExportList } from './export-api.ts';
import { type ExportJob, type ExportKind, exportKinds } from './ports.ts';
import { exportScope } from './records.ts';

/** A queued job that nobody ever builds is cleaned up after this. */
const QUEUED_KEEP_DAYS = 30;
/** Nothing is built for, or sent to, a person whose data was erased: there is no one to send it to. */
const ERASED = 'This person’s data has been erased: there is nothing to export and no address to send it to.';

const isExportKind = (kind: string): kind is ExportKind => (exportKinds as readonly string[]).includes(kind);
const inFlight = (job: ExportJob) => job.status === 'queued' || job.status === 'building';

/** Why an export of this request cannot be started now, or undefined if it can. */
function startRefusal(request: RightsRequest, jobs: ExportJob[], subject: Subject | undefined): string | undefined {
  if (!isExportKind(request.kind)) return 'Exports are made for access and portability requests only.';
  if (!subject?.email || subject.erasedAt) return ERASED;
  if (!isOpen(request.status)) return `This request is ${request.status}: start an export while the request is open.`;
  if (identityUnconfirmed(request)) return IDENTITY_FIRST;
  if (jobs.some(inFlight)) return 'An export of this request is being prepared already.';
  return undefined;
}

export function staffExportView(job: ExportJob, now: Date, names: Map<string, string>): StaffExport {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    createdAt: job.createdAt,
    requestedBy: names.get(job.requestedBy) ?? job.requestedBy,
    progress: job.progress,
    attempts: job.attempts,
    ...(job.startedAt ? { startedAt: job.startedAt } : {}),
    ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
    ...(job.size !== undefined ? { size: job.size } : {}),
    ...(job.downloadUntil ? { downloadUntil: job.downloadUntil } : {}),
    expired: job.status === 'ready' && !!job.downloadUntil && Date.parse(job.downloadUntil) <= now.getTime(),
    ...(job.failure ? { failure: job.failure } : {}),
  };
}

/** The exports of a request, newest first, with their progress (every role may read them). */
export async function listRequestExports(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; requestId: string },
): Promise<StaffExportList> {
  const request = await loadRequest(deps, ctx, input.subjectId, input.requestId);
  const [jobs, staff, subject] = await Promise.all([
    deps.exports.listForRequest(ctx.tenant.slug, request.subjectId, request.id),
    listStaff(deps, ctx.tenant),
    deps.subjects.get(ctx.tenant.slug, request.subjectId),
  ]);
  const names = new Map(staff.map((s) => [s.email, s.name]));
  const refusal = can(ctx.member.role, 'act')
    ? startRefusal(request, jobs, subject)
    : 'Your role is viewer: you cannot start an export.';
  return {
    exports: jobs.map((j) => staffExportView(j, deps.clock.now(), names)),
    canStart: !refusal,
    ...(refusal ? { reason: refusal } : {}),
  };
}

/**
 * Queues an export of an open access or portability request. It is built in the background
 * (the table stream on AWS, the local driver here); the subject is emailed when it is ready.
 */
export async function startExport(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; requestId: string },
): Promise<StaffExportList> {
  const slug = ctx.tenant.slug;
  await requirePermission(deps, ctx, 'act', 'export');
  const request = await loadRequest(deps, ctx, input.subjectId, input.requestId);
  const [jobs, subject] = await Promise.all([
    deps.exports.listForRequest(slug, request.subjectId, request.id),
    deps.subjects.get(slug, request.subjectId),
  ]);
  const refusal = startRefusal(request, jobs, subject);
  if (refusal || !isExportKind(request.kind)) throw new DomainError('conflict', refusal ?? 'Not possible.');
  const now = deps.clock.now();
  const categories = exportScope(ctx.tenant, request.kind).included.length;
  const job: ExportJob = {
    id: newId(),
    tenant: slug,
    subjectId: request.subjectId,
    requestId: request.id,
    kind: request.kind,
    status: 'queued',
    requestedBy: ctx.member.email,
    createdAt: now.toISOString(),
    progress: { step: 'waiting', records: 0, categoriesDone: 0, categoriesTotal: categories },
    attempts: 0,
    expiresAt: Math.floor(now.getTime() / 1000) + QUEUED_KEEP_DAYS * 86_400,
    version: 1,
  };
  await deps.exports.create(job, {
    audit: [
      {
        action: 'export.started',
        actor: staffActor(ctx),
        subjectId: request.subjectId,
        detail: { requestId: request.id, reference: request.reference, exportId: job.id, kind: job.kind },
      },
    ],
  });
  return listRequestExports(deps, ctx, input);
}

/** Queues a failed export again (a handler's retry); it is built as a new attempt. */
export async function retryExport(
  deps: Deps,
  ctx: StaffContext,
  input: { subjectId: string; requestId: string; exportId: string },
): Promise<StaffExportList> {
  const slug = ctx.tenant.slug;
  await requirePermission(deps, ctx, 'act', 'export-retry');
  const request = await loadRequest(deps, ctx, input.subjectId, input.requestId);
  const job = await deps.exports.get(slug, request.subjectId, input.exportId);
  if (!job || job.requestId !== request.id) throw new DomainError('not_found', 'That export does not exist.');
  if (job.status !== 'failed') throw new DomainError('conflict', 'Only a failed export can be tried again.');
  if (!isOpen(request.status))
    throw new DomainError('conflict', `This request is ${request.status}: start an export while the request is open.`);
  const subject = await deps.subjects.get(slug, request.subjectId);
  if (!subject?.email || subject.erasedAt) throw new DomainError('conflict', ERASED);
  const now = deps.clock.now();
  const queued: ExportJob = {
    ...job,
    status: 'queued',
    requestedBy: ctx.member.email,
    progress: { step: 'waiting', records: 0, categoriesDone: 0, categoriesTotal: job.progress.categoriesTotal },
    expiresAt: Math.floor(now.getTime() / 1000) + QUEUED_KEEP_DAYS * 86_400,
    version: job.version + 1,
  };
  delete queued.failure;
  delete queued.finishedAt;
  await deps.exports.save(queued, job.version, {
    audit: [
      {
        action: 'export.retried',
        actor: staffActor(ctx),
        subjectId: request.subjectId,
        detail: { requestId: request.id, reference: request.reference, exportId: job.id, failedAttempts: job.attempts },
      },
    ],
  });
  return listRequestExports(deps, ctx, { subjectId: input.subjectId, requestId: input.requestId });
}
