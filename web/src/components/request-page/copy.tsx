import { useEffect, useState } from 'preact/hooks';
import type { SubjectExport, SubjectExportList } from '../../../../shared/exports/export-api.ts';
import { api, formatDateTime, type RequestSummary } from '../../lib/portal-client.ts';
import { follow } from '../../lib/route.ts';

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** The newest copy worth showing: one to download, else one being prepared, else an expired one. */
const pick = (list: SubjectExport[]) =>
  list.find((e) => e.status === 'ready') ?? list.find((e) => e.status === 'preparing') ?? list[0];

/**
 * The copy of their data a person asked for (access or portability): the download while it
 * lasts, or that it is being prepared, or that it has expired and how to get a new one.
 */
export function YourCopy(props: { tenant: string; request: RequestSummary; contact: string }) {
  const r = props.request;
  const [copy, setCopy] = useState<SubjectExport | null>();
  useEffect(() => {
    api<SubjectExportList>(`/t/${props.tenant}/me/requests/${r.id}/exports`).then(
      (list) => setCopy(pick(list.exports) ?? null),
      // Not known: say nothing rather than that no copy was made.
      () => undefined,
    );
  }, [props.tenant, r.id]);
  if (copy === undefined || (copy === null && r.status !== 'completed')) return null;
  return (
    <section class="category" aria-labelledby="copy">
      <h2 id="copy">Your copy</h2>
      {copy?.status === 'ready' && (
        <>
          <p>
            <a class="download" href={copy.downloadUrl} download>
              Download your data (ZIP, {sizeText(copy.size ?? 0)})
            </a>
          </p>
          <p>
            Available until {formatDateTime(copy.availableUntil ?? '')}. It holds your data as JSON and as a CSV file per kind of
            data, and a summary page of why we hold it and your rights.
          </p>
        </>
      )}
      {copy?.status === 'preparing' && <p>We are preparing your copy. We will email you when it is ready to download.</p>}
      {copy?.status === 'expired' && (
        <p>
          Your download expired on {formatDateTime(copy.availableUntil ?? '')}. For your security we keep it for a limited time
          only. To get a new copy, ask us at <a href={`mailto:${props.contact}`}>{props.contact}</a> or{' '}
          <a href={`/t/${props.tenant}/requests/new?kind=${r.kind}`} onClick={follow}>
            make a new request
          </a>
          .
        </p>
      )}
      {copy === null && <p>We did not prepare a download for this request: see our reply above.</p>}
    </section>
  );
}
