import { useEffect, useState } from 'preact/hooks';
import { grouped } from '../../../../../shared/uk-time.ts';
import { messageOf } from '../../../lib/portal-client.ts';
import { adminApi, type Ctx, type StaffExport, type StaffExportList } from '../../lib/admin-client.ts';
import { useLoad } from '../../lib/use-load.ts';
import { formatDateTime } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';
import { LoadState } from '../load-state/index.tsx';

const POLL_MS = 1500;
const inFlight = (e: StaffExport) => e.status === 'queued' || e.status === 'building';

export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** Where a build is, in words: the step, and the counts that show it moving. */
function progressText(e: StaffExport): string {
  const p = e.progress;
  if (e.status === 'queued') return 'Waiting to start…';
  if (p.step === 'json' || p.step === 'waiting') return `Writing data.json: ${grouped(p.records)} records so far`;
  if (p.step === 'csv') return `Writing the CSV files: ${p.categoriesDone} of ${p.categoriesTotal} categories done`;
  return 'Writing the summary…';
}

/** The one sentence the live region says when a build changes state. */
function announcement(e: StaffExport | undefined): string {
  if (!e) return '';
  if (inFlight(e)) return 'Preparing the export…';
  if (e.status === 'failed') return 'The export failed.';
  return e.expired ? 'The requester’s download has expired.' : 'The export is ready and the requester has been emailed.';
}

function ExportItem(props: { item: StaffExport; canRetry: boolean; busy: boolean; onRetry: () => void }) {
  const e = props.item;
  const p = e.progress;
  return (
    <li>
      <p class="when">
        Asked for by {e.requestedBy}, <time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>
        {e.attempts > 1 ? ` · attempt ${e.attempts}` : ''}
      </p>
      {inFlight(e) && (
        <>
          <p>
            <Chip tone="quiet">Preparing</Chip> {progressText(e)}
          </p>
          <progress
            aria-label="Export progress"
            max={Math.max(1, p.categoriesTotal)}
            value={p.step === 'csv' || p.step === 'summary' ? p.categoriesDone : undefined}
          />
        </>
      )}
      {e.status === 'ready' && (
        <p>
          {e.expired ? <Chip tone="quiet">Expired</Chip> : <Chip tone="ok">Ready</Chip>} A ZIP of {sizeText(e.size ?? 0)} with{' '}
          {grouped(p.records)} records. The requester was emailed;{' '}
          {e.expired ? 'their download expired on' : 'they can download it from their request page until'}{' '}
          {e.downloadUntil ? formatDateTime(e.downloadUntil) : ''}.
        </p>
      )}
      {e.status === 'failed' && (
        <>
          <p>
            <Chip tone="danger">Failed</Chip> {e.failure}
          </p>
          {props.canRetry && (
            <button type="button" class="secondary small" disabled={props.busy} onClick={props.onRetry}>
              Try again
            </button>
          )}
        </>
      )}
    </li>
  );
}

/**
 * The access or portability export of a request: prepare it, follow it while it builds (polled
 * every 1.5 s), and see when the requester's download expires.
 */
export function ExportSection(props: {
  ctx: Ctx;
  path: string;
  open: boolean;
  portability: boolean;
  /** When a connected system's result was last recorded (ISO), if any. */
  systemsAt?: string | undefined;
}) {
  const slug = props.ctx.tenant.slug;
  const path = `${props.path}/exports`;
  const { load, reload, set } = useLoad<StaffExportList>(slug, path);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const list = load.kind === 'ready' ? load.data : undefined;
  const building = !!list?.exports.some(inFlight);

  useEffect(() => {
    if (!building) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [building, list, reload]);

  async function post(to: string) {
    setBusy(true);
    setError('');
    try {
      set(await adminApi<StaffExportList>(slug, to, { method: 'POST' }));
    } catch (e) {
      setError(messageOf(e));
      reload();
    } finally {
      setBusy(false);
    }
  }

  const act = props.ctx.me.can.act;
  // A system recorded after the newest export's build began (when it read the systems) is not in
  // it, nor in its cover note. A build not begun yet will read them as they are.
  const newest = list?.exports[0];
  const behind = newest?.startedAt && newest.status !== 'failed' && props.systemsAt && props.systemsAt > newest.startedAt;
  return (
    <section class="category export" aria-labelledby="export">
      <h2 id="export">{props.portability ? 'Portability export' : 'Access export'}</h2>
      <p>
        A ZIP of {props.portability ? 'the data the requester gave us' : 'everything we hold about the requester'}: data.json, a
        CSV per category, and a summary of why we hold it, on what basis, who receives it and their rights. It is built in the
        background; the requester is emailed when it is ready and downloads it from their request page while signed in.
      </p>
      <p class="status-line" role="status" aria-live="polite">
        {announcement(list?.exports[0])}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <LoadState load={load} loading="Loading the exports…" />
      {list && list.exports.length > 0 && (
        <ol class="exports">
          {list.exports.map((e) => (
            <ExportItem
              key={e.id}
              item={e}
              canRetry={act && props.open}
              busy={busy}
              onRetry={() => post(`${path}/${e.id}/retry`)}
            />
          ))}
        </ol>
      )}
      {behind && props.open && (
        <p class="notice" data-testid="export-behind">
          A connected system’s result was recorded after this export was built ({formatDateTime(props.systemsAt ?? '')}): it is
          not in it. Prepare a new export to include it.
        </p>
      )}
      {list?.canStart && (
        <button type="button" class={list.exports.length ? 'secondary' : undefined} disabled={busy} onClick={() => post(path)}>
          {list.exports.length ? 'Prepare a new export' : 'Prepare the export'}
        </button>
      )}
      {list && !list.canStart && act && props.open && !building && <p class="muted-text">{list.reason}</p>}
    </section>
  );
}
