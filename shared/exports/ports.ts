import type { Effects } from '../entities.ts';

/** Where export files live: S3 on AWS, a folder locally. Bodies stream in and out, never whole. */
export interface BlobStore {
  /** Stores a stream under `key` (replacing any blob there); returns the bytes written. */
  put(key: string, body: AsyncIterable<Uint8Array>, meta: { contentType: string }): Promise<{ size: number }>;
  /** The blob as a stream, or undefined if there is none. */
  get(key: string): Promise<{ body: AsyncIterable<Uint8Array>; size: number } | undefined>;
  /**
   * A short-lived URL the browser may fetch the blob from directly (S3: a presigned GET that
   * answers as an attachment named `filename`), or undefined when the API must stream it itself.
   */
  directUrl(
    key: string,
    options: { filename: string; contentType: string; expiresInSeconds: number },
  ): Promise<string | undefined>;
  delete(key: string): Promise<void>;
}

/**
 * Temporary space for one export build: the CSVs are spilled there while data.json is written, so
 * the records are read once and memory stays flat. A file of the machine's temp folder (on Lambda
 * the function's own /tmp), readable only by the process, deleted when the build ends.
 */
export interface ScratchSpace {
  create(): Promise<ScratchFile>;
}

export interface ScratchFile {
  /** Appends text (as UTF-8) or bytes; waits while the writer's buffer is full. */
  append(data: string | Uint8Array): Promise<void>;
  /** Ends the writing and reads the file back, a chunk of bytes at a time. */
  read(): AsyncIterable<Uint8Array>;
  /** Deletes the file; safe to call more than once, and after a failure. */
  dispose(): Promise<void>;
}

export const exportKinds = ['access', 'portability'] as const;
export type ExportKind = (typeof exportKinds)[number];

export type ExportStatus = 'queued' | 'building' | 'ready' | 'failed';

export interface ExportProgress {
  /** json: writing data.json; csv: one CSV per category; summary: the human-readable summary. */
  step: 'waiting' | 'json' | 'csv' | 'summary' | 'done';
  /** Records written to data.json so far (all of them once step is past json). */
  records: number;
  /** Categories whose CSV is written. */
  categoriesDone: number;
  categoriesTotal: number;
}

/** One export of a subject's data for an access or portability request. */
export interface ExportJob {
  id: string;
  tenant: string;
  subjectId: string;
  requestId: string;
  kind: ExportKind;
  status: ExportStatus;
  /** Staff email of who asked for it (and of who retried it last). */
  requestedBy: string;
  createdAt: string;
  progress: ExportProgress;
  /** Builds started, counting retries. */
  attempts: number;
  /** Epoch seconds: a builder holds the job until then; a crashed one's lease runs out. */
  leaseUntil?: number;
  startedAt?: string;
  finishedAt?: string;
  blobKey?: string;
  /** Bytes of the ZIP. */
  size?: number;
  /** ISO time the subject can download it until. */
  downloadUntil?: string;
  /** Plain words for staff: why the build failed. */
  failure?: string;
  /** Epoch seconds: the item (and its file) may be cleaned up after this. */
  expiresAt: number;
  version: number;
}

export interface ExportStore {
  /** Writes a new queued job with its effects (audit) in one transaction. */
  create(job: ExportJob, effects: Effects): Promise<void>;
  get(tenant: string, subjectId: string, exportId: string): Promise<ExportJob | undefined>;
  /** The exports of one request, newest first. */
  listForRequest(tenant: string, subjectId: string, requestId: string): Promise<ExportJob[]>;
  /** Every export of a subject (erasure). */
  listForSubject(tenant: string, subjectId: string): Promise<ExportJob[]>;
  /** Deletes the job item, with effects (its file must be deleted first). */
  remove(tenant: string, subjectId: string, exportId: string, effects: Effects): Promise<void>;
  /** Jobs of a tenant still to build or being built (queued, building), oldest first. */
  listOpen(tenant: string): Promise<ExportJob[]>;
  /**
   * Takes a queued job (or a building one whose lease ran out) for building until `leaseUntil`;
   * undefined if another builder holds it or it is finished. `startedAt` is `now` to the
   * millisecond: the page compares it with the systems' results, recorded to the millisecond.
   */
  claim(tenant: string, subjectId: string, exportId: string, now: Date, leaseUntil: number): Promise<ExportJob | undefined>;
  /**
   * Records progress while building and extends the lease, if the job is still the one this
   * builder claimed (`version`); otherwise DomainError('conflict'): another builder took it over.
   */
  progress(
    job: Pick<ExportJob, 'tenant' | 'subjectId' | 'id' | 'version'>,
    progress: ExportProgress,
    leaseUntil: number,
  ): Promise<void>;
  /**
   * Saves a finished job (ready or failed) if it is still at `expectedVersion`, with its effects
   * (audit, the subject's email), in one transaction; otherwise DomainError('conflict').
   */
  save(job: ExportJob, expectedVersion: number, effects: Effects): Promise<void>;
}
