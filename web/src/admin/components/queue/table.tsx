import { follow } from '../../../lib/route.ts';
import type { QueueItem } from '../../lib/admin-client.ts';
import { pagePath } from '../../lib/route.ts';
import { daysText, formatDate } from '../../lib/words.ts';
import { Chip } from '../chip/index.tsx';

/** The label a cell shows when the table is laid out as cards on a phone (screen readers have the column header). */
const Label = (props: { text: string }) => (
  <span class="cell-label" aria-hidden="true">
    {props.text}
  </span>
);

/** When a request is due, and how that stands: days left, overdue, or paused. */
export function DueCell(props: {
  item: Pick<QueueItem, 'dueOn' | 'daysLeft' | 'overdue' | 'paused' | 'open'> & { dueSoon?: boolean };
}) {
  const r = props.item;
  return (
    <>
      {formatDate(r.dueOn)}{' '}
      {r.open &&
        (r.paused ? (
          <Chip tone="quiet">Paused</Chip>
        ) : r.overdue ? (
          <Chip tone="danger">{daysText(r.daysLeft)}</Chip>
        ) : (
          <span class={r.dueSoon ? 'soon' : 'muted-text'}>({daysText(r.daysLeft)})</span>
        ))}
    </>
  );
}

/** The queue, in the order the server gives (by due date). On a phone each row is a card. */
export function QueueTable(props: { tenant: string; requests: QueueItem[] }) {
  return (
    <table class="data queue">
      <caption class="vh">Requests, soonest due first</caption>
      <thead>
        <tr>
          <th scope="col">Reference</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Received</th>
          <th scope="col">Due</th>
          <th scope="col">Assigned to</th>
        </tr>
      </thead>
      <tbody>
        {props.requests.map((r) => (
          <tr key={r.id} class={r.open && r.overdue && !r.paused ? 'is-overdue' : undefined}>
            <th scope="row">
              <a href={pagePath(props.tenant, `requests/${r.subjectId}/${r.id}`)} onClick={follow}>
                {r.reference}
              </a>
            </th>
            <td>
              <Label text="Kind" />
              {r.kindName}
            </td>
            <td>
              <Label text="Status" />
              {r.statusText} {r.systems === 'failed' && <Chip tone="danger">System search failed</Chip>}
              {r.systems === 'waiting' && <Chip tone="warning">System task waiting</Chip>}
              {r.authorityUnchecked && <Chip tone="warning">Acting for someone: authority to check</Chip>}
            </td>
            <td>
              <Label text="Received" />
              {formatDate(r.receivedOn)}
            </td>
            <td>
              <Label text="Due" />
              <DueCell item={r} />
            </td>
            <td>
              <Label text="Assigned to" />
              {r.assignee ? r.assignee.name || r.assignee.email : <span class="muted-text">No one</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
