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
  if (r.kind !== 'rectification' || !d.fieldLabel) {
    // Which data, as the request page says it: two requests of one kind are told apart.
    const which = [d.recordNames || (d.scope === 'some' ? d.categoryNames : d.scope && 'everything')].flat().join(', ');
    return which ? `${r.kindName}: ${which}` : r.kindName;
  }
  return `Correct ${String(d.fieldLabel).toLowerCase()}${d.categoryName ? ` (${d.categoryName})` : ''} to “${d.proposedValue ?? ''}”`;
}

/** One request as a card: its reference (a link to its page), what was asked, where it stands and when the reply is due. */
function Card(props: { base: string; r: RequestSummary }) {
  const r = props.r;
  return (
    <li class="record">
      <dl>
        <div>
          <dt>Reference</dt>
          <dd>
            <a href={`${props.base}/${r.id}`} onClick={follow}>
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
  );
}

/**
 * "Your requests": what the person asked for, where it stands and when the reply is due; and a way
 * to ask. Closed ones are folded away under their count, so open requests and the data below are
 * not pushed down a phone's screen (found in a user trial with ten requests).
 */
export function RequestList(props: { tenant: string; requests: RequestSummary[] }) {
  const base = `/t/${props.tenant}/requests`;
  const cards = (open: boolean) => {
    const list = props.requests.filter((r) => r.open === open);
    return (
      list.length > 0 && (
        <ul class="records requests">
          {list.map((r) => (
            <Card key={r.id} base={base} r={r} />
          ))}
        </ul>
      )
    );
  };
  const closed = props.requests.filter((r) => !r.open).length;
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
      {cards(true)}
      {closed > 0 && (
        <details>
          <summary>{closed === 1 ? '1 closed request' : `${closed} closed requests`}</summary>
          {cards(false)}
        </details>
      )}
    </section>
  );
}
