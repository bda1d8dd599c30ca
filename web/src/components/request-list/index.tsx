import { formatDate, type RequestSummary } from '../../lib/portal-client.ts';
import { follow } from '../../lib/route.ts';

export const daysLeftText = (days: number): string =>
  days > 1
    ? `${days} days left`
    : days === 1
      ? '1 day left'
      : days === 0
        ? 'due today'
        : `overdue by ${-days === 1 ? '1 day' : `${-days} days`}`;

function what(r: RequestSummary): string {
  const d = r.details;
  if (r.kind !== 'rectification' || !d.fieldLabel) return r.kindName;
  return `Correct ${String(d.fieldLabel).toLowerCase()}${d.categoryName ? ` (${d.categoryName})` : ''} to “${d.proposedValue ?? ''}”`;
}

/** "Your requests": what the person asked for, where it stands and when the reply is due; and a way to ask. */
export function RequestList(props: { tenant: string; requests: RequestSummary[] }) {
  const base = `/t/${props.tenant}/requests`;
  return (
    <section class="category" aria-labelledby="requests">
      <h2 id="requests">Your requests</h2>
      {props.requests.length === 0 && (
        <p>You have not made any requests. You can ask for a copy of your data, to correct or delete it, and more.</p>
      )}
      <p>
        <a class="button" href={`${base}/new`} onClick={follow}>
          Make a request
        </a>{' '}
        <a href={`/t/${props.tenant}/complaints`} onClick={follow}>
          Complaints
        </a>
      </p>
      {props.requests.length > 0 && (
        <ul class="records">
          {props.requests.map((r) => (
            <li key={r.id} class="record">
              <dl>
                <div>
                  <dt>Reference</dt>
                  <dd>
                    <a href={`${base}/${r.id}`} onClick={follow}>
                      {r.reference}
                    </a>
                  </dd>
                </div>
                <div>
                  <dt>What you asked</dt>
                  <dd>{what(r)}</dd>
                </div>
                <div>
                  <dt>Status</dt>
                  <dd>{r.statusText}</dd>
                </div>
                {r.open && (
                  <div>
                    <dt>Reply due by</dt>
                    <dd class={r.daysLeft < 0 && !r.waiting ? 'overdue' : undefined}>
                      {r.waiting ?? `${formatDate(r.dueOn)} (${daysLeftText(r.daysLeft)})`}
                    </dd>
                  </div>
                )}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
