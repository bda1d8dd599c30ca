import type { ExportJob, ExportProgress } from './ports.ts';

export interface ProgressNotes {
  /** Takes the build's latest progress (the job's `progress` follows it); throws if a note failed. */
  note(progress: ExportProgress): Promise<void>;
  /** Stops the notes; resolves once the last one is stored, or rejects if any failed. */
  settle(): Promise<void>;
}

/**
 * The build's progress notes to the job's row, which also renew its lease: at most one every
 * `everyMs` (the latest always within that time), one write at a time, beside the build rather
 * than in its way (it goes on reading while DynamoDB stores the note). A note that fails (another
 * builder took the job over) stops the build at its next note, and `settle` fails too, before
 * anything is marked ready. The last step needs no note of its own: the job is saved ready.
 */
export function progressNotes(
  job: ExportJob,
  write: (job: ExportJob, progress: ExportProgress) => Promise<void>,
  everyMs: number,
): ProgressNotes {
  let lastWrite = 0;
  let latest: ExportProgress | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written: Promise<void> = Promise.resolve();
  let lost: { error: unknown } | undefined;
  const flush = () => {
    timer = undefined;
    if (!latest) return;
    const progress = latest;
    latest = undefined;
    lastWrite = Date.now();
    written = written.then(() => write(job, progress));
    written.catch((error) => {
      lost ??= { error };
    });
  };
  return {
    async note(progress) {
      if (lost) throw lost.error;
      job.progress = progress;
      latest = progress;
      const wait = lastWrite + everyMs - Date.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    async settle() {
      clearTimeout(timer);
      timer = undefined;
      latest = undefined;
      await written;
    },
  };
}
