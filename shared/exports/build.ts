import { type Deps, epochSeconds as epoch } from '../deps.ts';
import type { Effects } from '../entities.ts';
import { exportEntries } from './content.ts';
import type { ExportJob } from './ports.ts';
import { progressNotes } from './progress-notes.ts';
import { zipStream } from './zip.ts';

/** How long a builder holds a job between progress notes; a crashed one's job is retaken after it. */
export const LEASE_SECONDS = 5 * 60;
/** The row stays this long after the download expires (then the table's TTL and the cleanup take it). */
const KEEP_AFTER_EXPIRY_DAYS = 7;
/** Progress is written at most this often (the latest note within this time). */
const PROGRESS_EVERY_MS = 1000;

export const exportFilename = (reference: string, kind: ExportJob['kind']) =>
  `${reference}-${kind === 'access' ? 'your-data' : 'portable-data'}.zip`;

/** Why a build failed, in words staff can act on; the detail goes to the log, not the page. */
function plainReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/export storage/i.test(message)) return 'No storage for exports is set up on this deployment. Ask your administrator.';
  return 'Building the file stopped part-way (the data store or the file store did not answer). Nothing was sent to the requester. Try again; if it fails again, tell your administrator.';
}

/**
 * Builds one queued export: claims it, streams the ZIP into the blob store while writing
 * progress, then marks it ready (audit + the subject's email, in one transaction) or failed with
 * a plain reason. A job another builder holds, or one already finished, is left alone.
 */
export async function buildExport(
  deps: Deps,
  ref: Pick<ExportJob, 'tenant' | 'subjectId' | 'id'>,
): Promise<ExportJob | undefined> {
  const now = deps.clock.now();
  const job = await deps.exports.claim(ref.tenant, ref.subjectId, ref.id, now, epoch(now) + LEASE_SECONDS);
  if (!job) return undefined;
  const tenant = deps.tenants.get(job.tenant);
  const [subject, request, run] = await Promise.all([
    deps.subjects.get(job.tenant, job.subjectId),
    deps.requests.get(job.tenant, job.subjectId, job.requestId),
    deps.systemRuns.get(job.tenant, job.subjectId, job.requestId),
  ]);
  const system = { type: 'system' } as const;
  const blobKey = `exports/${job.tenant}/${job.subjectId}/${job.id}-${job.attempts}.zip`;
  const notes = progressNotes(
    job,
    (held, progress) => deps.exports.progress(held, progress, epoch(deps.clock.now()) + LEASE_SECONDS),
    PROGRESS_EVERY_MS,
  );
  try {
    if (!tenant || !subject || !request) throw new Error('the request or its subject is gone');
    const entries = exportEntries({ deps, tenant, subject, request, job, run, generatedAt: now, onProgress: notes.note });
    const { size } = await deps.blobs.put(blobKey, zipStream(entries, now), { contentType: 'application/zip' });
    await notes.settle();
    const finished = deps.clock.now();
    const until = new Date(finished.getTime() + deps.settings.exportDownloadDays * 86_400_000);
    const ready: ExportJob = {
      ...job,
      status: 'ready',
      progress: { ...job.progress, step: 'done', categoriesDone: job.progress.categoriesTotal },
      finishedAt: finished.toISOString(),
      blobKey,
      size,
      downloadUntil: until.toISOString(),
      expiresAt: epoch(until) + KEEP_AFTER_EXPIRY_DAYS * 86_400,
      version: job.version + 1,
    };
    delete ready.leaseUntil;
    delete ready.failure;
    const effects: Effects = {
      audit: [
        {
          action: 'export.ready',
          actor: system,
          subjectId: job.subjectId,
          detail: { requestId: job.requestId, exportId: job.id, kind: job.kind, records: job.progress.records, bytes: size },
        },
      ],
      mail: [{ template: 'export-ready', to: subject.email, subjectId: subject.id, requestId: job.requestId, exportId: job.id }],
    };
    await deps.exports.save(ready, job.version, effects);
    return ready;
  } catch (error) {
    await notes.settle().catch(() => undefined);
    console.error(
      JSON.stringify({
        level: 'error',
        msg: 'export failed',
        exportId: job.id,
        name: (error as Error).name,
        message: (error as Error).message,
      }),
    );
    await deps.blobs.delete(blobKey).catch(() => undefined);
    const current = await deps.exports.get(job.tenant, job.subjectId, job.id);
    // Another builder took the job over (our lease ran out): it is theirs to finish.
    if (!current || current.version !== job.version || current.status !== 'building') return undefined;
    const failed: ExportJob = {
      ...current,
      status: 'failed',
      failure: plainReason(error),
      finishedAt: deps.clock.now().toISOString(),
      version: current.version + 1,
    };
    delete failed.leaseUntil;
    await deps.exports.save(failed, current.version, {
      audit: [
        {
          action: 'export.failed',
          actor: system,
          subjectId: job.subjectId,
          detail: { requestId: job.requestId, exportId: job.id, attempt: job.attempts },
        },
      ],
    });
    return failed;
  }
}

/** Builds every queued export of every tenant (and retakes any whose builder died): the sweep. */
export async function buildQueuedExports(deps: Deps): Promise<number> {
  let built = 0;
  const now = epoch(deps.clock.now());
  for (const tenant of deps.tenants.list()) {
    for (const job of await deps.exports.listOpen(tenant.slug)) {
      if (job.status === 'building' && (job.leaseUntil ?? 0) >= now) continue;
      if (await buildExport(deps, job)) built++;
    }
  }
  return built;
}
