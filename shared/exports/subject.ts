import { formatUkDate } from '../dates.ts';
import { ukDate } from '../deadlines.ts';
import type { Deps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { TenantConfig } from '../policy/schema.ts';
import { isOpen } from '../requests/lifecycle.ts';
import { exportFilename } from './build.ts';
import type { SubjectExport, SubjectExportList } from './export-api.ts';
import type { ExportJob } from './ports.ts';

/** How long the presigned URL of a download is good for: just long enough for the redirect. */
const DIRECT_URL_SECONDS = 60;

interface Mine {
  tenant: TenantConfig;
  /** Always from the session, never from the request. */
  subjectId: string;
  requestId: string;
}

const expired = (job: ExportJob, now: Date) => !!job.downloadUntil && Date.parse(job.downloadUntil) <= now.getTime();

async function myRequest(deps: Deps, input: Mine) {
  const request = await deps.requests.get(input.tenant.slug, input.subjectId, input.requestId);
  if (!request) throw new DomainError('not_found', 'That request does not exist.');
  return request;
}

function subjectView(tenant: TenantConfig, job: ExportJob, now: Date): SubjectExport {
  const base = { id: job.id, kind: job.kind, createdAt: job.createdAt };
  if (job.status !== 'ready') return { ...base, status: 'preparing' };
  if (expired(job, now))
    return { ...base, status: 'expired', ...(job.downloadUntil ? { availableUntil: job.downloadUntil } : {}) };
  return {
    ...base,
    status: 'ready',
    ...(job.size !== undefined ? { size: job.size } : {}),
    ...(job.downloadUntil ? { availableUntil: job.downloadUntil } : {}),
    downloadUrl: `/api/t/${tenant.slug}/me/requests/${job.requestId}/exports/${job.id}/download`,
  };
}

/**
 * The subject's own exports of one of their requests, newest first. A failed build shows as still
 * being prepared while the request is open (staff can try again); once it is closed none can be,
 * so a failed build is left out rather than promised.
 */
export async function myExports(deps: Deps, input: Mine): Promise<SubjectExportList> {
  const request = await myRequest(deps, input);
  const jobs = await deps.exports.listForRequest(input.tenant.slug, input.subjectId, request.id);
  const now = deps.clock.now();
  const open = isOpen(request.status);
  return { exports: jobs.filter((j) => open || j.status !== 'failed').map((j) => subjectView(input.tenant, j, now)) };
}

export type Download =
  | { type: 'redirect'; url: string }
  | { type: 'stream'; body: AsyncIterable<Uint8Array>; size: number; filename: string };

/**
 * The subject downloads their export: only their own, only while it has not expired (410 with
 * a plain sentence after). Each download is audited. On AWS the answer is a presigned URL good
 * for a minute; locally the file itself.
 */
export async function downloadMyExport(deps: Deps, input: Mine & { exportId: string }): Promise<Download> {
  const request = await myRequest(deps, input);
  const job = await deps.exports.get(input.tenant.slug, input.subjectId, input.exportId);
  if (!job || job.requestId !== request.id || job.status !== 'ready' || !job.blobKey) {
    throw new DomainError(
      'not_found',
      'There is no download here. Your data may still be being prepared: we email you when it is ready.',
    );
  }
  const now = deps.clock.now();
  if (expired(job, now)) {
    const until = job.downloadUntil ? ` on ${formatUkDate(ukDate(job.downloadUntil))}` : '';
    throw new DomainError(
      'gone',
      `This download expired${until}. For your security we keep it for ${deps.settings.exportDownloadDays} days only. Ask us for a new copy: write to ${input.tenant.contact.email} or make a new request.`,
    );
  }
  const filename = exportFilename(request.reference, job.kind);
  const blob = await deps.blobs.directUrl(job.blobKey, {
    filename,
    contentType: 'application/zip',
    expiresInSeconds: DIRECT_URL_SECONDS,
  });
  const stream = blob ? undefined : await deps.blobs.get(job.blobKey);
  if (!blob && !stream) throw new DomainError('not_found', 'The file of this download is no longer kept. Ask us for a new copy.');
  try {
    await deps.audit.commit(input.tenant.slug, {
      audit: [
        {
          action: 'export.downloaded',
          actor: { type: 'subject', id: input.subjectId },
          subjectId: input.subjectId,
          detail: { requestId: request.id, reference: request.reference, exportId: job.id },
        },
      ],
    });
  } catch (error) {
    (stream?.body as { destroy?: () => void } | undefined)?.destroy?.();
    throw error;
  }
  if (blob) return { type: 'redirect', url: blob };
  return { type: 'stream', body: (stream as { body: AsyncIterable<Uint8Array> }).body, size: stream?.size ?? 0, filename };
}
