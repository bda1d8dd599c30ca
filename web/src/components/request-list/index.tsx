import { formatDate, type RequestSummary } from '../../lib/api.ts';

export const daysLeftText = (days: number): string =>
  days > 1 ? `${days} days left` : days === 1 ? '1 day left' : days === 0 ? 'due today' : `${-days} days overdue`;

function what(r: RequestSummary): string {
  const d = r.details;
  if (r.kind !== 'rectification' || !d.fieldLabel) return r.kindName;
  return `Correct ${String(d.fieldLabel).toLowerCase()}${d.categoryName ? ` (${d.categoryName})` : ''} to “${d.proposedValue ?? ''}”`;
}

/** "Your requests": what the person asked for, where it stands and when the reply is due. */
export function RequestList(props: { requests: RequestSummary[] }) {
  if (props.requests.length === 0) return null;
  return (
    <section class="category" aria-labelledby="requests">
      <h2 id="requests">Your requests</h2>
      <ul class="records">
        {props.requests.map((r) => (
          <li key={r.id} class="record">
            <dl>
              <div>
                <dt>Reference</dt>
                <dd>{r.reference}</dd>
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
                  <dd class={r.daysLeft < 0 ? 'overdue' : undefined}>
                    {formatDate(r.dueOn)} ({r.paused ? 'paused until you answer' : daysLeftText(r.daysLeft)})
                  </dd>
                </div>
              )}
            </dl>
          </li>
        ))}
      </ul>
    </section>
  );
}
